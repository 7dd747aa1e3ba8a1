"""Admin: registrations per event (button on the event page), event languages as snippets."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import EventLanguage, EventPage, Place
from .permissions import registrations_page_for


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("events/<id:page_id>/registrations/", admin_views.registrations_view, name="events_registrations"),
    ]


@hooks.register("register_permissions")
def registration_permissions():
    """Lets site administrators give "see participants" to a group in the group editor."""
    return Permission.objects.filter(content_type__app_label="events", codename="view_registration")


@hooks.register("register_page_header_buttons")
def registrations_button(page, user, view_name, next_url=None):
    if page.specific_class is not EventPage:
        return
    holder = registrations_page_for(user, page)
    if holder is not None:
        yield Button(
            _("Registrations"),
            reverse("events_registrations", args=[holder.pk]),
            icon_name="group",
            priority=80,
        )


class EventLanguageViewSet(SnippetViewSet):
    model = EventLanguage
    icon = "globe"
    menu_label = _("Event languages")
    list_display = ["name_fi", "name_sv", "name_en", "code"]
    search_fields = ["name_fi", "name_sv", "name_en", "code"]
    copy_view_enabled = False


register_snippet(EventLanguageViewSet)


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    menu_label = _("Places")
    list_display = ["name_fi", "street_address", "postal_code", "municipality", "code"]
    list_filter = ["municipality"]
    search_fields = ["name_fi", "name_sv", "name_en", "street_address", "code"]


register_snippet(PlaceViewSet)
