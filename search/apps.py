import importlib.util
import sys

from django.apps import AppConfig
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


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"  # "search" would clash with wagtail.search's old label
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        preload_opensearchpy()
