"""A model's development path: stage changes, version notes and milestones, with dates.

Stage changes and version notes are recorded when a practice model is published
(``record_publication``, connected to ``page_published`` in signals.py); for content that
existed before, ``backfill_from_revisions`` reads the page's revision history
(``manage.py build_development_path``). Entries belong to the model, not one language
version: a model's path is read through its translation key.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from .models import DevelopmentPathEntry, PracticeModelPage

# A description not reviewed for this long gets a notice on the model page.
REVIEW_NOTICE_YEARS = 2


def _last_stage(page):
    entry = (
        DevelopmentPathEntry.objects.filter(
            page__translation_key=page.translation_key, kind=DevelopmentPathEntry.Kind.STAGE
        )
        .order_by("-date", "-created_at", "-pk")
        .first()
    )
    return entry.stage if entry else None


def record_publication(page, revision=None):
    """Record a stage change and the editor's version note of a just-published model."""
    when = timezone.localdate(revision.created_at) if revision is not None else timezone.localdate()
    if page.development_stage and _last_stage(page) != page.development_stage:
        DevelopmentPathEntry.objects.create(
            page=page, kind=DevelopmentPathEntry.Kind.STAGE, date=when, stage=page.development_stage
        )
    note = (page.version_note or "").strip()
    if note:
        DevelopmentPathEntry.objects.create(page=page, kind=DevelopmentPathEntry.Kind.VERSION, date=when, note=note)
        # Emptied on the live row and in the published revision, so the next edit (which
        # starts from the latest revision) does not publish the same note again.
        PracticeModelPage.objects.filter(pk=page.pk).update(version_note="")
        if revision is not None and revision.content.get("version_note"):
            revision.content["version_note"] = ""
            revision.save(update_fields=["content"])


def backfill_from_revisions(page):
    """Stage entries from the page's revisions, for a model with no stage entry yet.
    Returns the number of entries created."""
    if DevelopmentPathEntry.objects.filter(
        page__translation_key=page.translation_key, kind=DevelopmentPathEntry.Kind.STAGE
    ).exists():
        return 0
    created, previous = 0, None
    for revision in page.revisions.order_by("created_at", "pk"):
        stage = revision.content.get("development_stage")
        if stage and stage != previous:
            DevelopmentPathEntry.objects.create(
                page=page,
                kind=DevelopmentPathEntry.Kind.STAGE,
                date=timezone.localdate(revision.created_at),
                stage=stage,
            )
            created += 1
            previous = stage
    if not created and page.development_stage:
        when = page.source_created or timezone.localdate(page.first_published_at or timezone.now())
        DevelopmentPathEntry.objects.create(
            page=page, kind=DevelopmentPathEntry.Kind.STAGE, date=when, stage=page.development_stage
        )
        created = 1
    return created


def path_for(page):
    """The model's entries, oldest first (one query)."""
    return list(DevelopmentPathEntry.objects.filter(page__translation_key=page.translation_key))


def review_overdue(page, today=None):
    """True when the description has not been reviewed for REVIEW_NOTICE_YEARS years
    (reviews missing: counted from the last update, the first publication or creation)."""
    today = today or timezone.localdate()
    basis = page.last_reviewed or page.source_updated or page.source_created
    if basis is None and page.first_published_at:
        basis = timezone.localdate(page.first_published_at)
    if basis is None:
        return False
    if isinstance(basis, datetime.datetime):
        basis = basis.date()
    return basis < today - relativedelta(years=REVIEW_NOTICE_YEARS)
