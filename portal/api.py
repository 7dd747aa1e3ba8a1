"""Read-only Wagtail API v2 at /api/v2/: published pages only, no personal data."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet



class PortalPagesAPIViewSet(PagesAPIViewSet):
    """Stock pages endpoint, with the locale joined: ``meta.locale`` otherwise costs one
    query per listed page (found by tests/bench/test_query_budgets.py)."""

    def get_queryset(self):
        return super().get_queryset().select_related("locale")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
