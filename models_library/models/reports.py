"""What the public and the publishing tell about a model beside its description.

``AdoptionReport``: "we have taken this model into use", sent by anyone from the model
page, confirmed by an e-mail link and moderated by the model's organisation editors and
the moderators before it is shown. It is kept apart from the ``Adoption`` rows that editors
type into the page: those live in the page's revisions, and a row added outside a revision
would be deleted by the page's next publish. The "adopted in region" facet counts both.

``DevelopmentPathEntry``: the model's public timeline. Stage changes and version notes are
recorded when a page is published (``models_library.development_path``); milestones are
added by editors.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Page

from .pages import Adoption, DevelopmentStage, PracticeModelPage
from .vocabularies import Municipality, Region


class LanguageVersions(models.ForeignObject):
    """Every language version of a page: the pages that share a translation key. One report
    joins to one row per language, which is the point, so Django's check that a foreign
    object targets a unique key does not apply (the key is unique per locale only)."""

    def __init__(self, to, **kwargs):
        kwargs.setdefault("from_fields", ["translation_key"])
        kwargs.setdefault("to_fields", ["translation_key"])
        kwargs.setdefault("on_delete", models.DO_NOTHING)
        kwargs.setdefault("related_name", "+")
        kwargs.setdefault("null", True)  # no column of its own
        kwargs.setdefault("serialize", False)  # several rows, not one object: dumps skip it
        kwargs.setdefault("editable", False)
        super().__init__(to, **kwargs)

    def _check_unique_target(self):
        return []


class AdoptionReportQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(state=AdoptionReport.State.APPROVED)

    def pending(self):
        return self.filter(state=AdoptionReport.State.PENDING)


class AdoptionReport(models.Model):
    class State(models.TextChoices):
        # Unconfirmed reports are invisible to editors: only the e-mail link moves them on.
        UNCONFIRMED = "unconfirmed", _("Waiting for e-mail confirmation")
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    page = models.ForeignKey(
        PracticeModelPage,
        verbose_name=_("practice model"),
        on_delete=models.CASCADE,
        related_name="adoption_reports",
    )
    organisation_name = models.CharField(_("organisation"), max_length=200)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    # From the page: a report counts for every language version of the model (the
    # "adopted in region" facet reads the versions through ``model_versions``).
    translation_key = models.UUIDField(null=True, editable=False, db_index=True)
    model_versions = LanguageVersions(Page)
    # From the municipality: the "adopted in region" facet reads it.
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Adoption.Status.choices, default=Adoption.Status.IN_USE
    )
    start_year = models.PositiveSmallIntegerField(_("year taken into use"), null=True, blank=True)
    experience = models.TextField(_("experience"), max_length=4000, blank=True)
    # Personal data: never published, erased after moderation + ADOPTION_REPORT_RETENTION_DAYS.
    email = models.EmailField(_("contact e-mail"), blank=True)
    language = models.CharField(max_length=10, default="fi")

    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.UNCONFIRMED, db_index=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email_erased_at = models.DateTimeField(null=True, blank=True)

    objects = AdoptionReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("adoption report")
        verbose_name_plural = _("adoption reports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.organisation_name} – {self.page.title}"

    def save(self, *args, **kwargs):
        if self.municipality_id:
            self.region_id = self.municipality.region_id
        if self.page_id and self.translation_key is None:
            self.translation_key = self.page.translation_key
        super().save(*args, **kwargs)


class DevelopmentPathEntry(models.Model):
    class Kind(models.TextChoices):
        STAGE = "stage", _("Stage changed")
        VERSION = "version", _("New version")
        MILESTONE = "milestone", _("Milestone")

    class Milestone(models.TextChoices):
        PILOT_STARTED = "pilot_started", _("Pilot started")
        PILOT_ENDED = "pilot_ended", _("Pilot ended")
        EVALUATION_DONE = "evaluation_done", _("Evaluation done")
        SPREAD_STARTED = "spread_started", _("Spreading started")
        OTHER = "other", pgettext_lazy("milestone", "Other")

    page = models.ForeignKey(
        PracticeModelPage,
        verbose_name=_("practice model"),
        on_delete=models.CASCADE,
        related_name="development_path_entries",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MILESTONE)
    date = models.DateField(_("date"))
    stage = models.CharField(_("development stage"), max_length=20, choices=DevelopmentStage.choices, blank=True)
    milestone = models.CharField(_("milestone"), max_length=20, choices=Milestone.choices, blank=True)
    note = models.TextField(_("what changed"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("development path entry")
        verbose_name_plural = _("development path entries")
        ordering = ["date", "created_at", "pk"]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.get_kind_display()}"

    @property
    def title(self):
        if self.kind == self.Kind.STAGE:
            return self.get_stage_display()
        if self.kind == self.Kind.MILESTONE and self.milestone:
            return self.get_milestone_display()
        return self.get_kind_display()
