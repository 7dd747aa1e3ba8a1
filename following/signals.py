"""Notices from publishing: a model's new version, stage change and new adoptions, and a
new event linked to a model.

Adoptions: a report approved in the adoption queue (``adoption_report_approved``), and a
higher number of the editors' adoption rows at a model's publish.
"""

from django.utils import timezone

from events.models import EventPage
from models_library.adoption_reports import adoption_report_approved
from models_library.models import AdoptionReport, PracticeModelPage

from .models import ModelState, Notice


def adoption_approved(model_page, label="", when=None):
    """Hook for the adoptions queue: tell the followers of ``model_page`` of a new adoption."""
    Notice.objects.create(
        model_key=model_page.translation_key,
        kind=Notice.Kind.ADOPTION,
        page=model_page,
        detail=str(label)[:255],
        created_at=when or timezone.now(),
    )


def model_published(sender, instance, **kwargs):
    page = instance
    now = timezone.now()
    Notice.objects.create(model_key=page.translation_key, kind=Notice.Kind.VERSION, page=page, created_at=now)
    adoptions = page.adoptions.count()
    state, created = ModelState.objects.get_or_create(
        model_key=page.translation_key, defaults={"stage": page.development_stage, "adoptions": adoptions}
    )
    if created:
        return
    if state.stage != page.development_stage:
        Notice.objects.create(
            model_key=page.translation_key,
            kind=Notice.Kind.STAGE,
            page=page,
            detail=page.development_stage,
            created_at=now,
        )
    if adoptions > state.adoptions:
        adoption_approved(page, when=now)
    state.stage, state.adoptions = page.development_stage, adoptions
    state.save(update_fields=["stage", "adoptions"])


def event_published(sender, instance, **kwargs):
    """Once per event (any language): a notice for each model it is linked to."""
    event = instance
    if Notice.objects.filter(kind=Notice.Kind.EVENT, page__translation_key=event.translation_key).exists():
        return
    now = timezone.now()
    Notice.objects.bulk_create(
        [
            Notice(model_key=key, kind=Notice.Kind.EVENT, page=event, created_at=now)
            for key in {model.translation_key for model in event.related_models.all()}
        ]
    )


def report_approved(sender, report, **kwargs):
    adoption_approved(report.page, label=report.organisation_name)


def connect(page_published):
    adoption_report_approved.connect(report_approved, sender=AdoptionReport, dispatch_uid="following-report")
    page_published.connect(model_published, sender=PracticeModelPage, dispatch_uid="following-model")
    page_published.connect(event_published, sender=EventPage, dispatch_uid="following-event")
