"""Admin: the search report (popular, zero-result and first-result-not-opened queries) and the
search synonyms (a snippet) for moderators."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .models import SearchSynonym


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("search-report/", views.report, name="search_report")]


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("portal_search.view_searchquerylog")


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem(
        _("Site search queries"),
        reverse("search_report"),
        name="site-search-queries",
        icon_name="search",
        order=1310,
    )


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(content_type__app_label="portal_search", codename="view_searchquerylog")


class SearchSynonymViewSet(SnippetViewSet):
    """Synonyms per language (search.synonyms applies them on every backend). Who may edit
    them: the Moderators role and site administrators (editorial.roles.ROLES)."""

    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    list_display = ["__str__", "language"]
    list_filter = ["language"]
    search_fields = ["terms"]
    copy_view_enabled = False


register_snippet(SearchSynonymViewSet)
