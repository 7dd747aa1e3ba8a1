"""Admin registration of the shared vocabularies as snippets with listing filters."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Funder, Municipality, Organisation, Region, TargetGroup, Theme


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
