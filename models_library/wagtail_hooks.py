"""Admin registration: the shared vocabularies as snippets with listing filters, the queue
of reported adoptions and the development paths' milestones."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import adoption_admin, import_admin
from .models import DevelopmentPathEntry, Funder, Municipality, Organisation, Region, TargetGroup, Theme


class VocabularyViewSet(SnippetViewSet):
    list_display = ["name_fi", "name_sv", "name_en", "code"]
    search_fields = ["name_fi", "name_sv", "name_en", "code"]
    ordering = ["sort_order", "name_fi"]
    copy_view_enabled = False


class RegionViewSet(VocabularyViewSet):
    model = Region
    icon = "site"
    list_filter = ["kind"]
    menu_label = _("Regions")


class MunicipalityViewSet(VocabularyViewSet):
    model = Municipality
    icon = "home"
    list_display = ["name_fi", "name_sv", "region", "code"]
    list_filter = ["region"]
    ordering = ["name_fi"]
    menu_label = _("Municipalities")


class OrganisationViewSet(VocabularyViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name_fi", "kind", "region", "code"]
    list_filter = ["kind", "region"]
    ordering = ["name_fi"]
    menu_label = _("Organisations")


class TargetGroupViewSet(VocabularyViewSet):
    model = TargetGroup
    icon = "user"
    menu_label = _("Target groups")


class ThemeViewSet(VocabularyViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")


class FunderViewSet(VocabularyViewSet):
    model = Funder
    icon = "pick"
    menu_label = _("Funders")


class VocabularyGroup(SnippetViewSetGroup):
    items = (
        TargetGroupViewSet,
        ThemeViewSet,
        RegionViewSet,
        MunicipalityViewSet,
        OrganisationViewSet,
        FunderViewSet,
    )
    menu_icon = "list-ul"
    menu_label = _("Vocabularies")
    menu_name = "vocabularies"


register_snippet(VocabularyGroup)


# --- Reported adoptions (adoption_admin.py) -------------------------------------------------


@hooks.register("register_admin_urls")
def register_adoption_report_urls():
    return adoption_admin.admin_urlpatterns


@hooks.register("register_admin_menu_item")
def register_adoption_report_menu():
    return adoption_admin.AdoptionReportsMenuItem(
        adoption_admin.MENU_LABEL,
        reverse("adoption_report_queue"),
        name="adoption-reports",
        icon_name="group",
        order=250,
    )


@hooks.register("construct_homepage_panels")
def add_pending_adoption_reports_panel(request, panels):
    panels.append(adoption_admin.PendingAdoptionReportsPanel(request.user))


# --- Import a document (import_admin.py) ---------------------------------------------------


@hooks.register("register_admin_urls")
def register_import_urls():
    return import_admin.admin_urlpatterns


@hooks.register("register_admin_menu_item")
def register_import_menu():
    return import_admin.ImportMenuItem(
        import_admin.MENU_LABEL,
        reverse("models_library_import"),
        name="import-document",
        icon_name="doc-full-inverse",
        order=260,
    )


hooks.register("register_page_header_buttons", import_admin.section_import_buttons)


class DevelopmentPathViewSet(SnippetViewSet):
    """Milestones (and corrections of recorded entries) of a model's development path."""

    model = DevelopmentPathEntry
    icon = "history"
    list_display = ["page", "kind", "date", "title"]
    list_filter = ["kind"]
    menu_label = _("Development paths")
    add_to_admin_menu = False


register_snippet(DevelopmentPathViewSet)
