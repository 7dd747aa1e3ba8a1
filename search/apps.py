import importlib.util
import sys

from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def preload_opensearchpy():
    """Import opensearch-py while its dependency ``events`` (PyPI "Events") is reachable.

    opensearch-py does ``from events import Events``, but our project app is also called
    ``events`` and shadows the PyPI package, so Wagtail's opensearch3 backend fails to
    import. Load the PyPI package under its name just for that import, then put ours back.
    """
    if "opensearchpy" in sys.modules or importlib.util.find_spec("opensearchpy") is None:
        return
    ours = sys.modules.pop("events", None)
    saved_path = list(sys.path)
    try:
        site_dir = str(__import__("pathlib").Path(importlib.util.find_spec("opensearchpy").origin).parents[1])
        sys.path.insert(0, site_dir)
        import opensearchpy  # noqa: F401, PLC0415 - loaded here while our "events" app is set aside
        import opensearchpy.metrics.metrics_events  # noqa: F401, PLC0415 - see above
    finally:
        sys.path[:] = saved_path
        sys.modules.pop("events", None)
        if ours is not None:
            sys.modules["events"] = ours


# Engine backends of ours and the optional client (pyproject extra) each needs.
ENGINE_CLIENTS = {"search.backends.elasticsearch8": ("elasticsearch", "elasticsearch")}


def check_engine_clients(backends):
    """Refuse to start when a configured engine's client is not installed: otherwise the
    site would start and every search (and every publish) would fail later."""
    for entry in backends.values():
        module, extra = ENGINE_CLIENTS.get(entry.get("BACKEND"), (None, None))
        if module and importlib.util.find_spec(module) is None:
            raise ImproperlyConfigured(
                f"SEARCH_BACKEND=elasticsearch needs the Elasticsearch client, which is not installed: "
                f"pip install 'toimintamallit-portal[{extra}]' (the optional extra '{extra}' in pyproject.toml)."
            )


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"  # "search" would clash with wagtail.search's old label
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        preload_opensearchpy()
        check_engine_clients(settings.WAGTAILSEARCH_BACKENDS)
        from core.cache_backend import cache_recovered  # noqa: PLC0415 - needs the app registry
        from core.pagecache import invalidate_on_change  # noqa: PLC0415 - needs the app registry

        from .models import SearchSynonym  # noqa: PLC0415 - needs the app registry
        from .synonyms import bump_version  # noqa: PLC0415 - needs the app registry

        # Synonyms change what searches find: new cached synonym sets, new cached pages.
        post_save.connect(bump_version, sender=SearchSynonym, dispatch_uid="search_synonyms_saved")
        post_delete.connect(bump_version, sender=SearchSynonym, dispatch_uid="search_synonyms_deleted")
        cache_recovered.connect(bump_version, dispatch_uid="search_synonyms_cache_recovered")
        invalidate_on_change(SearchSynonym)
