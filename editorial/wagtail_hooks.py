"""Wagtail admin integration: publishing checks, dashboard panels, reports, editor guide."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.models import Page

from . import admin_urls
from .models import OrganisationSectionPage
from .publishing import latest_revision_blockers, publish_blockers
from .services import outdated_translations, stale_models_for_user


@hooks.register("register_admin_urls")
def register_editorial_urls():
    return [path("", include(admin_urls))]


# --- Publishing rules ------------------------------------------------------------------


@hooks.register("before_publish_page")
def block_incomplete_publication(request, page):
    """Drafts may be incomplete; publishing is refused until the required parts exist.

    Wagtail has already saved the submitted content as a draft revision when this runs,
    so nothing the editor wrote is lost.
    """
    problems = publish_blockers(page)
    if not problems:
        return None
    messages.error(
        request,
        _("Saved as a draft but not published. Before publishing: %(problems)s") % {"problems": " ".join(problems)},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def block_incomplete_bulk_publication(request, action_type, objects, action_class_instance):
    """The bulk "Publish" action publishes latest revisions (and, if asked, draft
    descendants) without the edit view: refuse the whole batch if any would be incomplete."""
    if action_type != "publish" or not issubclass(action_class_instance.model, Page):
        return None
    pages = list(objects)
    form = getattr(action_class_instance, "cleaned_form", None)
    if form is not None and form.cleaned_data.get("include_descendants"):
        for page in objects:
            pages.extend(page.get_descendants().not_live().specific())
    incomplete = [page for page in pages if latest_revision_blockers(page)]
    if not incomplete:
        return None
    messages.error(
        request,
        _("Nothing was published. These pages are incomplete; open them to see what is missing: %(titles)s")
        % {"titles": ", ".join(page.get_admin_display_title() for page in incomplete)},
    )
    return redirect(action_class_instance.next_url)


@hooks.register("before_edit_page")
def protect_organisation_sections(request, page):
    """Editors hold "change" on their section to edit what is below it, not the section itself."""
    if isinstance(page.specific, OrganisationSectionPage) and not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied


# --- Freshness ---------------------------------------------------------------------------


def _can_mark_reviewed(page, user):
    return hasattr(page.specific_class or object, "last_reviewed") and page.permissions_for_user(user).can_edit()


@hooks.register("register_page_header_buttons")
def mark_reviewed_header_button(page, user, view_name, next_url=None):
    if _can_mark_reviewed(page, user):
        yield Button(
            _("Mark as reviewed"),
            reverse("editorial_mark_reviewed", args=[page.pk]),
            icon_name="tick",
            priority=40,
        )


@hooks.register("register_page_listing_more_buttons")
def mark_reviewed_listing_button(page, user, next_url=None):
    if _can_mark_reviewed(page, user):
        yield Button(
            _("Mark as reviewed"),
            reverse("editorial_mark_reviewed", args=[page.pk]),
            icon_name="tick",
            priority=45,
        )


@hooks.register("register_log_actions")
def register_editorial_log_actions(actions):
    actions.register_action(
        "editorial.mark_reviewed", gettext_lazy("Mark as reviewed"), gettext_lazy("Marked as reviewed")
    )


class StaleModelsPanel(Component):
    name = "editorial_stale_models"
    order = 90
    template_name = "editorial/panels/stale_models.html"

    def __init__(self, user):
        self.models = list(stale_models_for_user(user)[:20])

    def get_context_data(self, parent_context):
        return {"models": self.models}

    def render_html(self, parent_context):
        return super().render_html(parent_context) if self.models else ""


class OutdatedTranslationsPanel(Component):
    name = "editorial_outdated_translations"
    order = 95
    template_name = "editorial/panels/outdated_translations.html"

    def __init__(self, user):
        self.rows = outdated_translations(user)

    def get_context_data(self, parent_context):
        return {"rows": self.rows}

    def render_html(self, parent_context):
        return super().render_html(parent_context) if self.rows else ""


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    panels.append(StaleModelsPanel(request.user))
    panels.append(OutdatedTranslationsPanel(request.user))


# --- Menus ----------------------------------------------------------------------------------


class StaleModelsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("editorial.view_stale_report")


@hooks.register("register_reports_menu_item")
def register_stale_models_report():
    return StaleModelsMenuItem(
        gettext_lazy("Stale practice models"),
        reverse("editorial_stale_models"),
        name="stale-models",
        icon_name="time",
        order=1050,
    )


@hooks.register("register_admin_menu_item")
def register_editor_guide():
    return MenuItem(
        gettext_lazy("Editor guide"),
        reverse("editorial_guide"),
        name="editor-guide",
        icon_name="help",
        order=9000,
    )
