"""Editorial services: organisation sections, publishing checks, freshness, translations.

Views, hooks and management commands stay thin and call these functions.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import DateField, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Collection, Locale, Page, TaskState, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import Translation

from core.localization import translate_page
from core.moderation import reviewed_page_model

from .models import FreshnessReminder, OrganisationEditors, OrganisationSectionPage
from .roles import EDITORS_PREFIX, grant_organisation_editors

# --- Organisation sections -------------------------------------------------------------


def _ensure_section(index_page, organisation):
    section = OrganisationSectionPage.objects.child_of(index_page).filter(organisation=organisation).first()
    if section is None:
        section = OrganisationSectionPage(
            title=organisation.localized_name("fi"),
            slug=organisation.code,
            organisation=organisation,
            locale=index_page.locale,
        )
        index_page.add_child(instance=section)
        section.save_revision().publish()
    for locale in Locale.objects.exclude(pk=index_page.locale_id):
        if index_page.get_translation_or_none(locale) is None:
            continue  # the index itself is not translated into this language
        if section.get_translation_or_none(locale) is None:
            translate_page(section, locale, {"title": organisation.localized_name(locale.language_code)})
    return section


def ensure_editor_group(organisation):
    """The organisation's editor group and media collection (created when missing)."""
    link = OrganisationEditors.objects.select_related("group", "collection").filter(organisation=organisation).first()
    if link is None:
        name = f"{EDITORS_PREFIX}{organisation.localized_name('fi')}"[:150]
        group, _created = Group.objects.get_or_create(name=name)
        link = OrganisationEditors.objects.create(organisation=organisation, group=group)
    if link.collection is None:
        root = Collection.get_first_root_node()
        name = organisation.localized_name("fi")
        collection = root.get_children().filter(name=name).first() or root.add_child(name=name)
        link.collection = collection
        link.save(update_fields=["collection"])
    return link


@transaction.atomic
def ensure_organisation_section(organisation, structure):
    """Create (idempotently) the organisation's library and calendar sections and editors.

    ``structure`` holds the Finnish ``library`` and ``events`` index pages (as returned by
    ``demo.site.ensure_site_structure``). The sections are translated into every language
    the index exists in; the group "Editors: <organisation>" gets the role
    ``editorial.roles.ORGANISATION_EDITORS``: add and change (never publish) on those
    sections only, the right to see the participants of the events there, plus its own image
    and document collection.
    Returns ``{"library": section, "events": section}`` (the Finnish sections).
    """
    sections = {key: _ensure_section(structure[key], organisation) for key in ("library", "events")}
    grant_organisation_editors(ensure_editor_group(organisation))
    return sections


def organisation_for_page(page):
    """The organisation whose section holds ``page``, or None."""
    parent = page.get_parent()
    if parent is not None and parent.specific_class is OrganisationSectionPage:
        return parent.specific.organisation
    return None


def own_sections(user):
    """The Finnish organisation sections of the organisations whose editor ``user`` is."""
    if not user.is_authenticated:
        return []
    return list(
        OrganisationSectionPage.objects.filter(
            organisation__editors__group__in=user.groups.all(), locale=Locale.get_default()
        )
        .select_related("organisation")
        .order_by("path")
    )


def _own_pages(user):
    """Pages the user looks after: those in her organisation's sections (every language), or
    for a user without sections (moderators, administrators) the pages she owns."""
    paths = list(
        OrganisationSectionPage.objects.filter(organisation__editors__group__in=user.groups.all()).values_list(
            "path", flat=True
        )
    )
    if not paths:
        return Page.objects.filter(owner=user)
    inside = Q()
    for path in paths:
        inside |= Q(path__startswith=path, depth__gt=len(path) // Page.steplen)
    return Page.objects.filter(inside)


def editor_worklist(user, limit=10):
    """The user's work on the dashboard: ``drafts`` (unpublished changes not sent for review),
    ``in_review`` (waiting for the moderator) and ``needs_changes`` (the moderator asked for
    changes), each ``{"pages": [...], "count": n}``. A constant number of queries."""
    if not user.is_authenticated:
        return None
    scope = _own_pages(user).select_related("locale")
    in_review = scope.filter(_workflow_states__status=WorkflowState.STATUS_IN_PROGRESS)
    needs_changes = scope.filter(_workflow_states__status=WorkflowState.STATUS_NEEDS_CHANGES)
    drafts = scope.filter(has_unpublished_changes=True).exclude(
        pk__in=Page.objects.filter(
            _workflow_states__status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES]
        ).values("pk")
    )
    lists = {}
    for key, queryset in (("drafts", drafts), ("in_review", in_review), ("needs_changes", needs_changes)):
        queryset = queryset.distinct().order_by("-latest_revision_created_at", "pk")
        lists[key] = {"pages": list(queryset[:limit]), "count": queryset.count()}
    return lists


def change_request(page):
    """The moderator's "request changes" task state when ``page`` is waiting for changes, else None."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    return (
        TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_REJECTED)
        .select_related("finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )


def last_reviewed_revision(page):
    """The revision a moderator last sent back or approved, when ``page`` is under review
    again with a newer one (None otherwise): the version she last saw.

    Wagtail's "compare with previous" compares neighbouring revisions, which after autosaves
    are nearly identical; this is the other end of the comparison a resubmission needs.
    """
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return None
    current = state.current_task_state
    if current is None or current.revision_id is None:
        return None
    return (
        TaskState.objects.filter(
            revision__base_content_type_id=current.revision.base_content_type_id,
            revision__object_id=current.revision.object_id,
            revision_id__lt=current.revision_id,
            status__in=(TaskState.STATUS_REJECTED, TaskState.STATUS_APPROVED),
            finished_at__isnull=False,
        )
        .select_related("revision", "finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )


# --- Page creation races --------------------------------------------------------------------

#: How long after its creation a never-published page counts as "the page this form just
#: created" (the first autosave racing the first "Save draft" of the same form).
NEW_PAGE_TWIN_WINDOW = datetime.timedelta(minutes=10)


def lock_and_find_new_page_twin(parent, user, page_class, slug):
    """The draft ``user`` created a moment ago under ``parent`` with ``slug``, or None.

    Locks ``parent`` first (a row lock on PostgreSQL; SQLite writes are serialised anyway)
    so that of two create requests of the same form (the first autosave and the first
    "Save draft"), the second waits for the first and then finds its page instead of failing
    with "slug already in use". Must run inside the request's transaction.
    """
    Page.objects.select_for_update().filter(pk=parent.pk).first()
    if not slug or not user.is_authenticated:
        return None
    since = timezone.now() - NEW_PAGE_TWIN_WINDOW
    twin = (
        page_class.objects.child_of(parent)
        .filter(slug=slug, owner=user, first_published_at__isnull=True, latest_revision_created_at__gte=since)
        .first()
    )
    if twin is None or twin.revisions.filter(created_at__lt=since).exists():
        return None  # an older draft of the same name is a different page: the form says so
    return twin


# --- Publishing checks -------------------------------------------------------------------

# --- Freshness ------------------------------------------------------------------------------


def stale_cutoff(today=None):
    today = today or timezone.localdate()
    return today - relativedelta(months=settings.FRESHNESS_MONTHS)


def stale_models(today=None):
    """Published Finnish (source) practice models (``reviewed_page_model()``) not reviewed for FRESHNESS_MONTHS months.

    A model never marked reviewed counts from its first publication. Each row carries
    ``review_basis``: the date the period is counted from.
    """
    return (
        reviewed_page_model()
        .objects.live()
        .filter(locale=Locale.get_default())
        .annotate(review_basis=Coalesce("last_reviewed", TruncDate("first_published_at"), output_field=DateField()))
        .filter(review_basis__lt=stale_cutoff(today))
        .order_by("review_basis", "pk")
    )


def stale_models_for_user(user, today=None):
    """The stale models this user is responsible for (those they may edit)."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    owned = Page.objects.filter(owner=user)
    return stale_models(today).filter(pk__in=(editable | owned).values("pk"))


def reminder_recipients(page):
    """E-mail addresses of the model's organisation editors, else of its owner."""
    organisation = organisation_for_page(page)
    users = []
    if organisation is not None:
        link = OrganisationEditors.objects.filter(organisation=organisation).select_related("group").first()
        if link is not None:
            users = list(link.group.user_set.filter(is_active=True).exclude(email=""))
    if not users and page.owner_id and page.owner.is_active and page.owner.email:
        users = [page.owner]
    return sorted({user.email for user in users})


def send_freshness_reminders(today=None, stdout=None):
    """E-mail the owners of each stale model, at most once per review period.

    Returns the number of reminders sent. A reminder is recorded per (model, date the
    period counts from): marking the model reviewed starts a new period.
    """
    sent = 0
    for page in stale_models(today).select_related("owner"):
        due_since = page.review_basis
        if isinstance(due_since, datetime.datetime):
            due_since = due_since.date()
        if FreshnessReminder.objects.filter(page=page, due_since=due_since).exists():
            continue
        recipients = reminder_recipients(page)
        if not recipients:
            if stdout:
                stdout.write(f"No recipient for {page.title} (id {page.pk}); skipped.")
            continue
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "page": page,
                "due_since": due_since,
                "months": settings.FRESHNESS_MONTHS,
                "edit_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + f"/admin/pages/{page.pk}/edit/",
            }
            subject = _("Please review the practice model “%(title)s”") % {"title": page.title}
            body = render_to_string("editorial/email/freshness_reminder.txt", context)
        with transaction.atomic():
            FreshnessReminder.objects.create(page=page, due_since=due_since, recipients=", ".join(recipients))
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        sent += 1
    return sent


@transaction.atomic
def mark_reviewed(page, user, today=None):
    """Record that ``page``'s owner checked it: set last_reviewed on it and its translations.

    Reviewing changes no content, so it is written straight to the page (and to its latest
    draft, so publishing that draft later does not undo it) without a new moderation round.
    """
    today = today or timezone.localdate()
    model = page.specific_class
    model.objects.filter(translation_key=page.translation_key).update(last_reviewed=today)
    for translated in model.objects.filter(translation_key=page.translation_key):
        revision = translated.latest_revision
        if revision is not None and isinstance(revision.content, dict):
            revision.content["last_reviewed"] = today.isoformat()
            revision.save(update_fields=["content"])
    log(instance=page.specific, action="editorial.mark_reviewed", user=user)
    return today


# --- Translations ---------------------------------------------------------------------------


def outdated_translations(user, limit=20):
    """Translations the user may edit whose source was published after the last sync.

    wagtail-localize records when it last extracted the source (``TranslationSource.
    last_updated_at``); a later publication of the source means the translation lags.
    Returns dicts with ``source``, ``target`` and ``translation``.
    """
    source_published = Page.objects.filter(
        translation_key=OuterRef("source__object_id"), locale=OuterRef("source__locale")
    ).values("last_published_at")[:1]
    translations = (
        Translation.objects.filter(enabled=True)
        .annotate(source_published_at=Subquery(source_published))
        .filter(source_published_at__gt=F("source__last_updated_at"))
        .select_related("source", "target_locale")
        .order_by("-source_published_at")
    )
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    rows = []
    for item in translations[: limit * 5]:
        target = editable.filter(translation_key=item.source.object_id, locale=item.target_locale).first()
        if target is None:
            continue
        source = Page.objects.filter(translation_key=item.source.object_id, locale=item.source.locale).first()
        rows.append({"source": source, "target": target, "translation": item})
        if len(rows) >= limit:
            break
    return rows
