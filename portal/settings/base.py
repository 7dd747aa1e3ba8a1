"""Settings shared by every environment.

Everything that differs between machines is read from the environment here, once
(see README "Configuration"). Other modules import settings, never os.environ.
"""

import base64
import hashlib
import os
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def fernet_keys(name):
    """The Fernet keys in environment variable ``name`` (comma-separated, newest first),
    each checked now so that a mistyped key stops start-up instead of a registration."""
    keys = env_list(name)
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: key {position} is not a Fernet key (32 url-safe base64-encoded bytes; "
                'make one with: python -c "from cryptography.fernet import Fernet; '
                'print(Fernet.generate_key().decode())").'
            ) from None
    return ",".join(keys)


def fernet_key_derived_from(secret):
    """A Fernet key derived from ``secret``: for development and test settings only, where
    losing the data with the secret does not matter."""
    return base64.urlsafe_b64encode(hashlib.sha256(b"events.registration-needs:" + secret.encode()).digest()).decode()


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps first so their templates and translations win.
    "core",
    "home",
    "models_library",
    "events",
    "search",
    "editorial",
    "projects",
    "services",
    "following",
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]
# wagtail.contrib.simple_translation is replaced by wagtail-localize's own views;
# keep only one translation UI.
INSTALLED_APPS.remove("wagtail.contrib.simple_translation")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LocaleMiddleware",  # Django's, without redirecting neutral 404s
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A 503 with Retry-After when the search engine or the database is down for a while.
    "core.faults.ServiceUnavailableMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After the CSP middleware: previews may be framed by the admin (core/preview.py).
    "core.preview.PreviewFramingMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so it sees the authenticated user (brute-force protection of the login).
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# DATABASE_URL, e.g. postgresql://postgres@127.0.0.1:5432/test; default: SQLite file.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a management command writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------
# CACHE_URL (or REDIS_URL), e.g. redis://127.0.0.1:6379/1; default: local memory.
# The cache is optional at run time: core.cache_backend serves as an empty cache while
# Redis is unreachable (docs/security.md "Faults"), with these bounds on each attempt.
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")
CACHE_CONNECT_TIMEOUT = float(os.environ.get("CACHE_CONNECT_TIMEOUT", "0.5"))
CACHE_SOCKET_TIMEOUT = float(os.environ.get("CACHE_SOCKET_TIMEOUT", "0.5"))
CACHE_RETRY_SECONDS = float(os.environ.get("CACHE_RETRY_SECONDS", "5"))


def redis_cache(url, key_prefix):
    """The CACHES entry for a Redis at ``url`` (also used by tests that point it elsewhere)."""
    return {
        "BACKEND": "core.cache_backend.ResilientRedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": CACHE_CONNECT_TIMEOUT,
            "SOCKET_TIMEOUT": CACHE_SOCKET_TIMEOUT,
            # After a failure, skip Redis for this long (core/breaker.py).
            "RETRY_SECONDS": CACHE_RETRY_SECONDS,
        },
        "KEY_PREFIX": key_prefix,
    }


if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {"default": redis_cache(CACHE_URL, os.environ.get("CACHE_KEY_PREFIX", "portal"))}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Seconds an anonymous page may be served from the cache (0 disables page caching).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# Seconds a process keeps the facet membership of a listing for counting (0 disables;
# core/facets.py). Also reset by every publish through the page cache's generation.
FACET_CACHE_SECONDS = int(os.environ.get("FACET_CACHE_SECONDS", "300"))
# Seconds a calendar feed's (.ics) body is kept in the shared cache under its ETag (publish
# generation, day, language, path, host): built once per publish and day, however many
# subscribers poll (events/conditional.py). 0 builds it on every request.
FEED_CACHE_SECONDS = int(os.environ.get("FEED_CACHE_SECONDS", "3600"))
# After a publish, rebuild the memo of the listings visitors used lately in a background
# thread of the publishing process, so that no visitor's request builds it (core/facets.py).
FACET_MEMO_REBUILD = env_bool("FACET_MEMO_REBUILD", True)
# Load the lemmatiser's dictionaries (simplemma fi/sv/en/se, ~3 s) at start-up instead of
# on the first search (core/apps.py). On in production (settings/production.py).
PRELOAD_LANGUAGE_DATA = env_bool("PRELOAD_LANGUAGE_DATA", False)
# The site chrome (navigation, footer links; home/layout.py), cached under the same publish
# generation as pages. 0 = build it on every request.
CHROME_CACHE_SECONDS = int(os.environ.get("CHROME_CACHE_SECONDS", "3600"))

# --- Search ---------------------------------------------------------------
# SEARCH_BACKEND: database (default) | opensearch | elasticsearch; SEARCH_URL for the latter two.
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "database").strip().lower()
SEARCH_URL = os.environ.get("SEARCH_URL", "http://127.0.0.1:9200")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "portal_")
# Seconds one call to the engine may take (a search holds a worker that long at most;
# give `manage.py update_index` more: SEARCH_TIMEOUT=60), and seconds searches are answered
# "temporarily unavailable" without trying after a failure (search/backends/resilient.py).
SEARCH_TIMEOUT = float(os.environ.get("SEARCH_TIMEOUT", "3"))
SEARCH_RETRY_SECONDS = float(os.environ.get("SEARCH_RETRY_SECONDS", "10"))
# Elasticsearch 8/9 take the 8.x client's REST compatibility media types; set 0 for a server
# that refuses them (search/backends/elasticsearch8.py; the tests' osmem-server does).
SEARCH_ES_COMPATIBILITY_HEADERS = os.environ.get("SEARCH_ES_COMPATIBILITY_HEADERS", "1").strip() not in {
    "0",
    "false",
    "",
}
_SEARCH_ENGINES = {
    "opensearch": "search.backends.opensearch3",
    "elasticsearch": "search.backends.elasticsearch8",
}


def search_engine_backend(engine, url, index_prefix):
    """The WAGTAILSEARCH_BACKENDS entry for an external engine (also used by tests)."""
    return {
        "BACKEND": _SEARCH_ENGINES[engine],
        "URLS": [url],
        # Wagtail 8 reads INDEX_PREFIX; an INDEX key would be silently ignored.
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": SEARCH_TIMEOUT,
        "RETRY_SECONDS": SEARCH_RETRY_SECONDS,
        # No client retries: one bounded attempt, then the breaker (a retry storm against
        # an overloaded engine only makes it worse).
        "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
        "INDEX_SETTINGS": {},
    }


if SEARCH_BACKEND in _SEARCH_ENGINES:
    WAGTAILSEARCH_BACKENDS = {"default": search_engine_backend(SEARCH_BACKEND, SEARCH_URL, SEARCH_INDEX_PREFIX)}
else:
    SEARCH_BACKEND = "database"
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- Languages ------------------------------------------------------------
# Sámi languages are not in Django's table: add them so LocaleMiddleware, i18n_patterns
# and the language switcher know them. Each needs a compiled locale/<code>/django.mo.
LANG_INFO.update(
    {
        "se": {"bidi": False, "code": "se", "name": "Northern Sami", "name_local": "davvisámegiella"},
        "smn": {"bidi": False, "code": "smn", "name": "Inari Sami", "name_local": "anarâškielâ"},
        "sms": {"bidi": False, "code": "sms", "name": "Skolt Sami", "name_local": "sääʹmǩiõll"},
    }
)
LANGUAGE_CODE = "fi"
# The UI languages; Sámi versions are content languages whose UI falls back to Finnish.
UI_LANGUAGES = ["fi", "sv", "en"]
LANGUAGES = [
    ("fi", "suomi"),
    ("sv", "svenska"),
    ("en", "English"),
    ("se", "davvisámegiella"),
    ("smn", "anarâškielâ"),
    ("sms", "sääʹmǩiõll"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Optional S3-compatible media: set MEDIA_S3_BUCKET (requires django-storages[s3]).
if os.environ.get("MEDIA_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["MEDIA_S3_BUCKET"],
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "default_acl": None,
            "querystring_auth": True,
        },
    }
# Uploads: documents restricted by type and size (see also the upload validators).
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = "Toimintamallit"
# The public address (scheme, host, port) of the site: absolute links in e-mails, .ics,
# feeds, JSON-LD, CSV and the API use it. `manage.py configure_site` (and load_demo,
# `make run`) write it into the default Wagtail Site (core/site_url.py).
SITE_URL = os.environ.get("SITE_URL") or os.environ.get("WAGTAILADMIN_BASE_URL") or "http://127.0.0.1:8000"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL)
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
# The admin's date pickers show (and read back) the Finnish form; see core/formats/finnish_input.py.
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H.%M"
WAGTAIL_TIME_FORMAT = "%H.%M"
# A new translation starts as a draft and goes live only through moderation
# (editorial/translations.py); by default wagtail-localize copies the source's live status.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILSEARCH_HITS_MAX_AGE = 30
WAGTAILFRONTENDCACHE = {}

# --- Security defaults (tightened further in production.py) -------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# --- Maps (events: event page map, calendar map view) ---------------------------------
# Leaflet is served from static/vendor; the tiles come from this server ({z}/{x}/{y}).
# Empty EVENTS_MAP_TILE_URL: no map is drawn; pages still give the address and a map link.
EVENTS_MAP_TILE_URL = os.environ.get("EVENTS_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
EVENTS_MAP_ATTRIBUTION = os.environ.get(
    "EVENTS_MAP_ATTRIBUTION", '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
)
# Link for "open in a map service" ({lat}, {lon}); works without JavaScript.
EVENTS_MAP_LINK_URL = os.environ.get(
    "EVENTS_MAP_LINK_URL", "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=15/{lat}/{lon}"
)
_map_tile_origin = (
    "/".join(EVENTS_MAP_TILE_URL.split("/")[:3]).replace("{s}", "*") if EVENTS_MAP_TILE_URL.startswith("http") else ""
)

# Scripts only from our own origin: no inline script anywhere in our templates.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([_map_tile_origin] if _map_tile_origin else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
    # The Wagtail admin relies on inline scripts and styles: exempt it from the strict policy.
    # django-csp 4 reads the prefixes only from inside this dict (a separate
    # CONTENT_SECURITY_POLICY_EXCLUDE_URL_PREFIXES setting is silently ignored).
    "EXCLUDE_URL_PREFIXES": ("/admin/", "/django-admin/"),
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Admin login brute-force protection (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "toimintamallit@example.fi")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Library (models_library) ----------------------------------------------------
LIBRARY_PAGE_SIZE = int(os.environ.get("LIBRARY_PAGE_SIZE", "20"))

# --- Events -------------------------------------------------------------------------
EVENTS_PAGE_SIZE = 20
# Domain part of iCalendar UIDs: keep it fixed forever (changing it duplicates events in calendars).
EVENTS_ICAL_UID_DOMAIN = os.environ.get("EVENTS_ICAL_UID_DOMAIN", "toimintamallit.fi")
# "Ask the organiser" address for events that name no contact of their own.
EVENTS_CONTACT_EMAIL = os.environ.get("EVENTS_CONTACT_EMAIL", "tapahtumat@example.fi")
# send_event_reminders e-mails participants this many days before their date.
EVENT_REMINDER_DAYS = int(os.environ.get("EVENT_REMINDER_DAYS", "2"))
# Participants' personal data is erased this many days after the event (purge_registrations).
REGISTRATION_RETENTION_DAYS = int(os.environ.get("REGISTRATION_RETENTION_DAYS", "30"))
# Reported adoptions: the confirmation link is valid this long (unconfirmed reports are then
# deleted), and the reporter's e-mail is erased this many days after moderation
# (purge_adoption_reports).
ADOPTION_REPORT_CONFIRM_SECONDS = int(os.environ.get("ADOPTION_REPORT_CONFIRM_SECONDS", str(3 * 24 * 3600)))
ADOPTION_REPORT_RETENTION_DAYS = int(os.environ.get("ADOPTION_REPORT_RETENTION_DAYS", "30"))
# Suggested services and corrections (services/): the confirmation link's lifetime.
SERVICE_SUGGESTION_CONFIRM_SECONDS = int(os.environ.get("SERVICE_SUGGESTION_CONFIRM_SECONDS", str(3 * 24 * 3600)))
SERVICE_SUGGESTION_RETENTION_DAYS = int(os.environ.get("SERVICE_SUGGESTION_RETENTION_DAYS", "30"))
# Followers of models (following/): a confirmation link is valid this many days; addresses
# never confirmed are erased after it by ``purge_followers`` (run it daily, like
# ``purge_registrations``). Confirmed addresses are kept until unsubscribed.
FOLLOW_CONFIRM_DAYS = int(os.environ.get("FOLLOW_CONFIRM_DAYS", "7"))
# Fernet key(s) for dietary/accessibility needs, comma-separated, newest first (see
# docs/security.md, "Registration needs"). Production refuses to start without it; the
# development and test settings fall back to a key derived from SECRET_KEY.
REGISTRATION_ENCRYPTION_KEY = fernet_keys("REGISTRATION_ENCRYPTION_KEY")
REGISTRATION_ENCRYPTION_KEY_DERIVED = False

# --- Search ---------------------------------------------------------------------------
SEARCH_PAGE_SIZE = 20
# Ranked matches taken from the backend per search; facets count within them (docs/search.md).
SEARCH_MAX_MATCHES = int(os.environ.get("SEARCH_MAX_MATCHES", "1000"))

# --- Editorial ----------------------------------------------------------------------
# Months after which a published model counts as stale and its owners are reminded.
FRESHNESS_MONTHS = int(os.environ.get("FRESHNESS_MONTHS", "12"))

# --- Hardening (rate limits etc.) ---------------------------------------------------
# See docs/security.md. Largest document an editor may upload (bytes).
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("WAGTAILDOCS_MAX_UPLOAD_SIZE", str(10 * 1024 * 1024)))
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.documents.LimitedDocumentForm"
# A friendly, translated lockout page for the admin login (django-axes).
AXES_LOCKOUT_CALLABLE = "portal.views.lockout"
# Rate limits (core/ratelimit.py): each protected view carries @rate_limit("<name>"); here
# only the numbers, "count/period" with s, m, h or d ("10/h", "30/15m"). Counted in the
# default cache, which must be shared by every worker (Redis: check --deploy warns otherwise).
RATE_LIMIT_ENABLED = env_bool("RATE_LIMIT_ENABLED", True)
RATE_LIMITS = {
    # Search-box suggestions per address.
    "search-suggest": os.environ.get("RATE_LIMIT_SEARCH_SUGGEST", "60/m"),
    # Clicks on search results (counted for the editors' report) per address.
    "search-click": os.environ.get("RATE_LIMIT_SEARCH_CLICK", "120/m"),
    # Event registrations and cancellations (POSTs, together) per address: each sends e-mail.
    "registration": os.environ.get("RATE_LIMIT_REGISTRATION", "10/h"),
    # Adoption reports from model pages per address: each sends e-mail.
    "adoption-report": os.environ.get("RATE_LIMIT_ADOPTION_REPORT", "5/h"),
    # The public "suggest a service or a correction" form and its confirmation (services/).
    "service-suggestion": os.environ.get("RATE_LIMIT_SERVICE_SUGGESTION", "5/h"),
    # "Contact the developers" messages per address: each sends e-mail to a model's contacts.
    "model-contact": os.environ.get("RATE_LIMIT_MODEL_CONTACT", "5/h"),
    # Password-protected pages: guesses per address, and per restriction from all addresses.
    "page-password": os.environ.get("RATE_LIMIT_PAGE_PASSWORD", "10/15m"),
    "page-password-target": os.environ.get("RATE_LIMIT_PAGE_PASSWORD_TARGET", "50/h"),
    # Sign-in forms (admin, Django admin, front-end login): attempts per address and per
    # username from all addresses; django-axes also locks a username + address after
    # AXES_FAILURE_LIMIT failures.
    "login": os.environ.get("RATE_LIMIT_LOGIN", "30/15m"),
    "login-username": os.environ.get("RATE_LIMIT_LOGIN_USERNAME", "10/15m"),
    # Password-reset e-mails per address and per e-mail address typed.
    "password-reset": os.environ.get("RATE_LIMIT_PASSWORD_RESET", "5/h"),
    "password-reset-email": os.environ.get("RATE_LIMIT_PASSWORD_RESET_EMAIL", "3/h"),
    # "Follow this model" subscriptions per address (each sends a confirmation e-mail).
    "follow": os.environ.get("RATE_LIMIT_FOLLOW", "5/h"),
}
# Behind proxies: the header they write the client address into (e.g. HTTP_X_FORWARDED_FOR)
# and how many of them append to it; empty header = REMOTE_ADDR.
RATE_LIMIT_CLIENT_IP_HEADER = os.environ.get("RATE_LIMIT_CLIENT_IP_HEADER", "")
RATE_LIMIT_PROXY_COUNT = int(os.environ.get("RATE_LIMIT_PROXY_COUNT", "1"))
# django-axes counts failed sign-ins per the same client address.
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_ip"

# --- Caching (anonymous page cache, see core/pagecache.py and docs/caching.md) ---------
# The cache backend is CACHES above (CACHE_URL); PAGE_CACHE_SECONDS=0 turns this off.
INSTALLED_APPS += ["portal.apps.PortalConfig"]  # connects the invalidation signals
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "core.pagecache.AnonymousPageCacheMiddleware",
)
# Query parameters that make a response personal (registration links etc.): never cached.
PAGE_CACHE_SKIP_PARAMS = ["token", "preview"]
