"""Admin: the suggestion queue, its menu item, dashboard panels and the access-method snippet."""

from django.urls import reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import AccessMethod


@hooks.register("register_admin_urls")
def register_suggestion_urls():
    return admin_views.admin_urlpatterns


@hooks.register("register_admin_menu_item")
def register_suggestion_menu():
    return admin_views.SuggestionsMenuItem(
        admin_views.MENU_LABEL,
        reverse("service_suggestion_queue"),
        name="service-suggestions",
        icon_name="help",
        order=260,
    )


@hooks.register("register_admin_menu_item")
def register_import_menu():
    return admin_views.ImportMenuItem(
        admin_views.IMPORT_MENU_LABEL,
        reverse("service_import"),
        name="service-import",
        icon_name="upload",
        order=261,
    )


@hooks.register("construct_homepage_panels")
def add_service_panels(request, panels):
    panels.append(admin_views.PendingSuggestionsPanel(request.user))
    panels.append(admin_views.StaleServicesPanel(request.user))


class AccessMethodViewSet(SnippetViewSet):
    model = AccessMethod
    icon = "login"
    add_to_admin_menu = False


register_snippet(AccessMethodViewSet)
