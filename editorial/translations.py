"""Translations go through review: what a translator works on, and how her work reaches the moderator.

wagtail-localize creates a translated page when someone starts a translation; with
``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False`` (settings) it starts as a draft
instead of copying the live status of the source. From there the translation is a page of
its own language under the moderation workflow: the translator submits it
(``submit_translation_for_review``), the moderators of that workflow are notified by
Wagtail's workflow e-mail, and approval publishes that one page, in its language only.

Publishing a translation directly (the translation editor's "Publish", "Sync translations"
with "publish immediately", "convert to alias") is for those who may publish the page
(``may_publish_translation``); the hooks and the guarded views apply this.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import Translation

from core.moderation import moderated_index_models

from .models import OrganisationSectionPage
from .services import outdated_translations


def translation_for_page(page):
    """The enabled wagtail-localize translation whose target is ``page``, or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def may_publish_translation(page, user):
    """Publishing a translation without review is for those who may publish the page itself."""
    return page.permissions_for_user(user).can_publish()


def translator_locales(user):
    """The languages (other than the source language) whose pages ``user`` may edit."""
    if not user.has_perm("wagtail_localize.submit_translation"):
        return []
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return list(
        Locale.objects.filter(pk__in=editable.values("locale_id")).exclude(pk=Locale.get_default().pk).order_by("pk")
    )


def _translatable_sources():
    """Live pages of the source language inside the moderated indexes (the library and the
    calendar), sections excluded: sections are translated when they are created."""
    default = Locale.get_default()
    indexes = [page for model in moderated_index_models() for page in model.objects.filter(locale=default)]
    if not indexes:
        return Page.objects.none()
    inside = Page.objects.none()
    for index in indexes:
        inside = inside | Page.objects.descendant_of(index)
    return (
        Page.objects.live()
        .filter(pk__in=inside.values("pk"), locale=default)
        .not_type(OrganisationSectionPage)
        .order_by("-last_published_at", "pk")
    )


def translation_worklist(user, limit=20):
    """What ``user`` may translate, by language: source pages with no translation yet
    (``missing``) and translations whose source changed after their last sync
    (``outdated``). A translation in progress (a draft) is not "missing".

    Returns a list of ``{"locale", "missing", "outdated"}``; a constant number of queries
    per language.
    """
    locales = translator_locales(user)
    if not locales:
        return []
    sources = _translatable_sources()
    outdated = outdated_translations(user, limit=limit * len(locales))
    rows = []
    for locale in locales:
        translated = Page.objects.filter(locale=locale, alias_of__isnull=True).values("translation_key")
        missing = list(sources.exclude(translation_key__in=translated)[:limit])
        late = [row for row in outdated if row["translation"].target_locale_id == locale.pk][:limit]
        if missing or late:
            rows.append({"locale": locale, "missing": missing, "outdated": late})
    return rows


@transaction.atomic
def submit_translation_for_review(translation, user):
    """Save the translation as a draft of its page and send it to the page's workflow.

    The translated strings live in wagtail-localize until they are written to the page;
    this writes them as a new draft revision (never live) and starts the moderation
    workflow on it, or resumes it after the moderator asked for changes. Returns the page.
    """
    page = translation.get_target_instance()
    if not page.permissions_for_user(user).can_edit():
        raise PermissionDenied
    workflow = page.get_workflow()
    if workflow is None:
        raise PermissionDenied(_("This page has no review workflow."))
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        raise ValueError(_("This translation is already waiting for review."))
    translation.save_target(user=user, publish=False)
    page = page.specific_class.objects.get(pk=page.pk)
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    else:
        workflow.start(page, user)
    return page
