"""Wagtail admin integration: publishing checks, dashboard panels, reports, editor guide,
translations under review."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail_localize.views import edit_translation

from core.widgets import DATE_FIELD_OVERRIDE, DATETIME_FIELD_OVERRIDE, TEXT_FIELD_OVERRIDE

from . import admin_urls
from .models import OrganisationSectionPage
from .publishing import latest_revision_blockers, publish_blockers
from .services import (
    change_request,
    editor_worklist,
    last_reviewed_revision,
    lock_and_find_new_page_twin,
    outdated_translations,
    own_sections,
    stale_models_for_user,
)
from .translations import may_publish_translation, translation_for_page, translation_worklist

# Dates typed the Finnish way are parsed or refused with a message, never replaced.
register_form_field_override(models.DateTimeField, override=DATETIME_FIELD_OVERRIDE)
register_form_field_override(models.DateField, override=DATE_FIELD_OVERRIDE)
# Text with a limit is counted, never cut (exact class: rich text keeps its own editor).
register_form_field_override(models.TextField, override=TEXT_FIELD_OVERRIDE, exact_class=True)


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


# --- Translations under review --------------------------------------------------------------


@hooks.register("before_edit_page", order=-1)
def translation_editor_with_review(request, page):
    """wagtail-localize's translation editor, with "Submit for review" and without the
    actions that would publish for someone who may not publish (runs before
    wagtail-localize's own hook, which would render the same editor without them)."""
    translation = translation_for_page(page)
    if translation is None:
        return None
    protect_organisation_sections(request, page)  # this hook runs first: the same boundary
    may_publish = may_publish_translation(page, request.user)
    if request.method == "POST" and not may_publish and "localize-convert-to-alias" in request.POST:
        raise PermissionDenied
    response = edit_translation.edit_translation(request, translation, page)
    if response.status_code != 200 or request.method != "GET":
        return response
    # The view returns rendered HTML (no template context to adjust): the editor's props are
    # JSON in an escaped attribute, and the review box goes just before the editor.
    html = response.content.decode()
    if not may_publish:
        alias_url = reverse("wagtail_localize:convert_to_alias", args=[page.pk])
        html = html.replace(escape(json.dumps(alias_url)), "null")
    review = render_to_string(
        "editorial/includes/translation_review.html",
        {
            "submit_url": reverse("editorial_submit_translation", args=[translation.pk]),
            "has_workflow": page.get_workflow() is not None,
            "state": page.current_workflow_state,
        },
        request=request,
    )
    html = html.replace('<div class="js-translation-editor"', review + '<div class="js-translation-editor"', 1)
    response.content = html.encode()
    return response


@hooks.register("construct_page_action_menu")
def hide_convert_to_alias(menu_items, request, context):
    page = context.get("page")
    if page is not None and page.pk and not may_publish_translation(page, request.user):
        menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


# --- Page creation races -------------------------------------------------------------------


@hooks.register("before_create_page")
def save_into_the_page_just_created(request, parent_page, page_class):
    """The first autosave and the first "Save draft" of a new page may arrive together:
    both would create the page, and the second failed with "slug already in use" (a 500),
    losing what it carried. The second now saves into the page the first created."""
    if request.method != "POST":
        return None
    slug = request.POST.get("slug") or slugify(request.POST.get("title", ""))
    twin = lock_and_find_new_page_twin(parent_page, request.user, page_class, slug)
    if twin is None:
        return None
    return EditView.as_view()(request, page_id=twin.pk)


# --- Change requests and the editor's own sections --------------------------------------------


@hooks.register("before_edit_page")
def show_change_request_first(request, page):
    """The moderator's change request at the top of the edit view, not two clicks deep."""
    if request.method != "GET":
        return
    request_for_changes = change_request(page)
    if request_for_changes is None:
        return
    messages.warning(
        request,
        _("%(moderator)s asked for changes on %(date)s: “%(comment)s”")
        % {
            "moderator": request_for_changes.finished_by.get_full_name()
            or request_for_changes.finished_by.get_username()
            if request_for_changes.finished_by
            else _("A moderator"),
            "date": request_for_changes.finished_at.strftime("%d.%m.%Y") if request_for_changes.finished_at else "",
            "comment": request_for_changes.get_comment() or _("no comment"),
        },
    )


@hooks.register("before_edit_page")
def offer_comparison_with_last_review(request, page):
    """A resubmitted page: the moderator compares what she is asked to approve with the
    version she last sent back (or approved), whatever autosaves came in between."""
    if request.method != "GET":
        return
    reviewed = last_reviewed_revision(page)
    if reviewed is None:
        return
    task_state = page.current_workflow_state.current_task_state
    if not task_state.task.specific.get_actions(page, request.user):
        return  # only those who review it now
    admin_messages.info(
        request,
        _("This version was resubmitted after the review of %(date)s by %(moderator)s.")
        % {
            "date": timezone.localtime(reviewed.finished_at).strftime("%d.%m.%Y %H.%M"),
            "moderator": (reviewed.finished_by.get_full_name() or reviewed.finished_by.get_username())
            if reviewed.finished_by
            else _("a moderator"),
        },
        buttons=[
            admin_messages.button(
                reverse(
                    "wagtailadmin_pages:revisions_compare",
                    args=(page.pk, reviewed.revision_id, task_state.revision_id),
                ),
                _("Compare with the version you last reviewed"),
            )
        ],
    )


class OwnSectionsPanel(Component):
    """Links to the editor's own sections: her work starts there, not at the site root."""

    name = "editorial_own_sections"
    order = 80
    template_name = "editorial/panels/own_sections.html"

    def __init__(self, user):
        self.sections = own_sections(user)

    def get_context_data(self, parent_context):
        return {"sections": self.sections}

    def render_html(self, parent_context):
        return super().render_html(parent_context) if self.sections else ""


class EditorWorklistPanel(Component):
    """The editor's drafts, her pages waiting for review and those the moderator returned."""

    name = "editorial_worklist"
    order = 75
    template_name = "editorial/panels/editor_worklist.html"

    def __init__(self, user):
        self.lists = editor_worklist(user)

    def get_context_data(self, parent_context):
        return {"lists": self.lists}

    def render_html(self, parent_context):
        if not self.lists or not any(entry["count"] for entry in self.lists.values()):
            return ""
        return super().render_html(parent_context)


class OwnSectionMenuItem(MenuItem):
    """ "Your section" in the menu: an editor's work starts in her section, not at the site root."""

    def is_shown(self, request):
        return bool(getattr(request, "user", None) and own_sections_cached(request))

    def render_component(self, request):
        section = own_sections_cached(request)[0]  # the library's section comes first (tree order)
        return LinkMenuItemComponent(
            self.name,
            self.label,
            reverse("wagtailadmin_explore", args=[section.pk]),
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


def own_sections_cached(request):
    """``own_sections`` once per request (the menu asks on every admin page)."""
    if not hasattr(request, "_editorial_own_sections"):
        request._editorial_own_sections = own_sections(request.user)
    return request._editorial_own_sections


@hooks.register("register_admin_menu_item")
def register_own_section_menu_item():
    return OwnSectionMenuItem(
        gettext_lazy("Your section"),
        reverse("wagtailadmin_home"),
        name="own-section",
        icon_name="folder-open-inverse",
        order=150,
    )


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


class TranslationWorklistPanel(Component):
    name = "editorial_translation_worklist"
    order = 94
    template_name = "editorial/panels/translation_worklist.html"

    def __init__(self, user):
        self.languages = translation_worklist(user)

    def get_context_data(self, parent_context):
        return {"languages": self.languages}

    def render_html(self, parent_context):
        return super().render_html(parent_context) if self.languages else ""


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    panels.append(EditorWorklistPanel(request.user))
    panels.append(OwnSectionsPanel(request.user))
    panels.append(TranslationWorklistPanel(request.user))
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
