"""Demo content committed once per test module, and the page types it covers.

Browser tests need data a live server thread can read, and loading the demo for every test
would take minutes. ``committed_demo`` loads it once per module (``manage.py load_demo`` plus
one page of every page type the demo lacks, made with the project's factories; the first
module of a test worker runs them, later ones restore the rows they made), and afterwards puts
the database back exactly as it was (Django's serialized-rollback mechanism), so tests that
run later in the same worker see a clean database.

The page-type list is discovered, not written down: when the library, events or editorial
branches add page types or demo content, the browser, axe and fuzzing tests cover them.
"""

import contextlib
import copy
import importlib
import inspect
import json
from dataclasses import dataclass, field
from pathlib import Path

import factory
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connections, transaction
from wagtail.models import Locale, Page

LANGUAGES = ("fi", "sv", "en")


@dataclass
class DemoSite:
    # {"PracticeModelPage": {"fi": "/fi/...", "sv": ..., "en": ...}}
    page_types: dict = field(default_factory=dict)
    created_by_factory: list = field(default_factory=list)
    untranslatable: list = field(default_factory=list)

    def url(self, page_type, language="fi"):
        urls = self.page_types.get(page_type, {})
        return urls.get(language) or urls.get("fi")


def project_apps():
    """This project's own apps (their code lives in the repository, not in a package)."""
    base = Path(settings.BASE_DIR).resolve()
    venv = base / ".venv"
    return {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base) and not Path(config.path).resolve().is_relative_to(venv)
    }


def project_page_models():
    labels = project_apps()
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and model._meta.app_label in labels
    ]


def _factories():
    """{model: factory} of every factory in tests/factories.py (the suite's one factory module)."""
    found = {}
    for _name, obj in inspect.getmembers(importlib.import_module("tests.factories"), inspect.isclass):
        if not issubclass(obj, factory.base.BaseFactory):
            continue
        model = getattr(obj._meta, "model", None)
        if model is not None and not obj._meta.abstract:
            found.setdefault(model, obj)
    return found


def _parent_for(model, fi):
    for parent_model in model.allowed_parent_page_models():
        if parent_model is Page:
            continue
        for parent in parent_model.objects.live().filter(locale=fi).order_by("path"):
            if model.can_create_at(parent):
                return parent
    return None


def _fill_missing_page_types(site):
    """One live fi page (with sv and en translations) for each page type the demo lacks."""
    from core.localization import translate_page

    fi = Locale.objects.get(language_code="fi")
    factories = _factories()
    for model in project_page_models():
        if model.objects.live().public().exists() or model not in factories:
            continue
        parent = _parent_for(model, fi)
        if parent is None:
            continue
        page = factories[model](parent=parent, title=f"Esimerkki: {model._meta.verbose_name}")
        page.save_revision().publish()
        for code in ("sv", "en"):
            try:
                with transaction.atomic():
                    translate_page(
                        page,
                        Locale.objects.get(language_code=code),
                        {"title": f"{code.upper()}: {model._meta.verbose_name}"},
                    )
            except Exception as exc:  # noqa: BLE001 - sv/en then show the Finnish fallback
                site.untranslatable.append(f"{model.__name__} ({code}): {exc}")
        site.created_by_factory.append(model.__name__)


def enumerate_page_types():
    """The URL of one live public page per page type and language."""
    site = DemoSite()
    for model in project_page_models():
        urls = {}
        for code in LANGUAGES:
            page = (
                model.objects.live()
                .public()
                .filter(locale__language_code=code)
                .order_by("-depth" if model.__name__ != "HomePage" else "depth", "path")
                .first()
            )
            if page is not None and page.url:
                urls[code] = page.url
        if urls:
            site.page_types[model.__name__] = urls
    return site


def load_demo_site():
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
    site = DemoSite()
    _fill_missing_page_types(site)
    enumerated = enumerate_page_types()
    enumerated.created_by_factory = site.created_by_factory
    enumerated.untranslatable = site.untranslatable
    return enumerated


# The demo as the first module of this worker loaded it: (its rows serialised, DemoSite).
# Later modules restore these rows instead of running load_demo again (40-80 s each, a
# large part of the suite's time): the same content, made once through the normal path.
_LOADED = {}


@contextlib.contextmanager
def committed_demo(django_db_blocker):
    """Load the demo site in committed transactions; restore the database afterwards."""
    with django_db_blocker.unblock():
        connection = connections["default"]
        snapshot = connection.creation.serialize_db_to_string()
        try:
            if connection.alias in _LOADED:
                rows, site = _LOADED[connection.alias]
                _restore(connection, rows)
                site = copy.deepcopy(site)
            else:
                site = load_demo_site()
                _LOADED[connection.alias] = (connection.creation.serialize_db_to_string(), site)
        except Exception:
            _restore(connection, snapshot)
            raise
    try:
        yield site
    finally:
        with django_db_blocker.unblock():
            _restore(connection, snapshot)


def _restore(connection, snapshot):
    from django.core.cache import cache

    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True, database=connection.alias)
    # Content types first: Django serialises apps in INSTALLED_APPS order (pages before
    # contenttypes), and a page being rebuilt looks up its content type. With the lookup
    # cache emptied (a flush by pytest-django re-created the types under other ids) it
    # must find the snapshot's rows, not create new ones that clash with them.
    ContentType.objects.clear_cache()
    objects = json.loads(snapshot)
    objects.sort(key=lambda obj: obj["model"] != "contenttypes.contenttype")
    connection.creation.deserialize_db_from_string(json.dumps(objects))
    # Rows came back with their old primary keys: move the sequences past them (PostgreSQL).
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
    cache.clear()
