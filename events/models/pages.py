"""Event calendar: workshops, trainings and evaluation meetings around practice models."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import BaseStreamBlock
from core.indexing import LemmaIndexedMixin
from core.moderation import ModeratedIndex
from core.sections import SectionedPageMixin

from .. import recurrence
from ..conditional import conditional_feed

# Changes to these fields move or cancel the event in visitors' calendars: SEQUENCE rises.
SEQUENCE_FIELDS = (
    "start",
    "end",
    "all_day",
    "status",
    "attendance",
    "place_id",
    "venue_name",
    "street_address",
    "municipality_id",
    "recurrence_frequency",
    "recurrence_interval",
    "recurrence_count",
    "recurrence_until",
    "recurrence_exdates",
)


class EventIndexPage(ModeratedIndex, RoutablePageMixin, Page):
    """The calendar: upcoming list, month grid and archive of the events below it."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage", "editorial.OrganisationSectionPage"]
    max_count_per_parent = 1
    template = "events/event_index_page.html"

    class Meta:
        verbose_name = _("event calendar")
        verbose_name_plural = _("event calendars")

    # Views live in events/views.py; the routes keep shareable URLs under the page.
    # The .ics feed has a language-neutral URL (events/urls.py): Wagtail routes only
    # slash-terminated paths.
    @path("", name="upcoming")
    def upcoming_view(self, request):
        from ..views import calendar_view  # noqa: PLC0415 - route on the page model (RoutablePageMixin); the view queries these models

        return calendar_view(request, self, "upcoming")

    @path("month/", name="month")
    def month_view(self, request):
        from ..views import calendar_view  # noqa: PLC0415 - route on the page model (RoutablePageMixin); the view queries these models

        return calendar_view(request, self, "month")

    @path("map/", name="map")
    def map_view(self, request):
        from ..place_views import calendar_map_view  # noqa: PLC0415 - route on the page model (RoutablePageMixin); the view queries these models

        return calendar_map_view(request, self)

    @path("past/", name="past")
    def past_view(self, request):
        from ..views import calendar_view  # noqa: PLC0415 - route on the page model (RoutablePageMixin); the view queries these models

        return calendar_view(request, self, "past")

    @path("rss/", name="rss")
    def rss_view(self, request):
        from ..feeds import UpcomingEventsRSS  # noqa: PLC0415 - route on the page model (RoutablePageMixin); the view queries these models

        return conditional_feed(UpcomingEventsRSS())(request, index_page=self)

    @path("atom/", name="atom")
    def atom_view(self, request):
        from ..feeds import UpcomingEventsAtom  # noqa: PLC0415 - route on the page model (RoutablePageMixin); the view queries these models

        return conditional_feed(UpcomingEventsAtom())(request, index_page=self)


class EventPage(SectionedPageMixin, LemmaIndexedMixin, Page):
    class EventType(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("Training")
        WEBINAR = "webinar", _("Webinar")
        NETWORK_MEETING = "network_meeting", _("Network meeting")
        EVALUATION_MEETING = "evaluation_meeting", _("Evaluation meeting")
        SEMINAR = "seminar", _("Seminar")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        POSTPONED = "postponed", _("Postponed")
        MOVED_ONLINE = "moved_online", _("Moved online")

    class Attendance(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Frequency(models.TextChoices):
        NONE = "", _("Does not repeat")
        DAILY = "DAILY", _("Daily")
        WEEKLY = "WEEKLY", _("Weekly")
        MONTHLY = "MONTHLY", _("Monthly")
        YEARLY = "YEARLY", _("Yearly")

    class JoinLinkVisibility(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        REGISTERED = "registered", _("Registered participants only")

    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences (max. 400 characters). Shown in the calendar and feeds."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("description"), blank=True)
    event_type = models.CharField(
        _("event type"),
        max_length=30,
        choices=EventType.choices,
        default=EventType.WORKSHOP,
        db_index=True,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.SCHEDULED,
        db_index=True,
    )
    start = models.DateTimeField(_("starts"), db_index=True, help_text=_("Finnish time (Europe/Helsinki)."))
    end = models.DateTimeField(_("ends"), db_index=True)
    all_day = models.BooleanField(_("all-day event"), default=False)

    recurrence_frequency = models.CharField(
        _("repeats"),
        max_length=10,
        choices=Frequency.choices,
        blank=True,
        default="",
    )
    recurrence_interval = models.PositiveSmallIntegerField(
        _("every"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text=_("1 = every day/week/month/year, 2 = every other, …"),
    )
    recurrence_count = models.PositiveSmallIntegerField(
        _("number of times"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(recurrence.MAX_OCCURRENCES)],
        help_text=_("How many times the event takes place in total. Give this or a last date."),
    )
    recurrence_until = models.DateField(_("repeats until"), null=True, blank=True)
    recurrence_exdates = models.TextField(
        _("dates without the event"),
        blank=True,
        help_text=_("Exceptions to the rule, one date per line (YYYY-MM-DD)."),
    )

    attendance = models.CharField(
        _("attendance"),
        max_length=20,
        choices=Attendance.choices,
        default=Attendance.IN_PERSON,
        db_index=True,
    )
    place = models.ForeignKey(
        "events.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("Choose a saved place: its address, map, accessibility and directions are shown on the page."),
    )
    venue_name = models.CharField(_("venue"), max_length=255, blank=True)
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    municipality = models.ForeignKey(
        "models_library.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    region = models.ForeignKey(
        "models_library.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("Filled in from the municipality when left empty."),
    )
    accessibility_info = models.TextField(_("accessibility of the venue"), blank=True)
    join_url = models.URLField(_("join link"), max_length=500, blank=True, help_text=_("Link to the online meeting."))
    join_url_visibility = models.CharField(
        _("join link shown to"),
        max_length=20,
        choices=JoinLinkVisibility.choices,
        default=JoinLinkVisibility.REGISTERED,
    )
    organiser = models.ForeignKey(
        "models_library.Organisation",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organised_events",
    )
    target_groups = ParentalManyToManyField(
        "models_library.TargetGroup",
        verbose_name=_("audience"),
        blank=True,
        related_name="events",
    )
    event_languages = ParentalManyToManyField(
        "events.EventLanguage",
        verbose_name=_("languages of the event"),
        blank=True,
        related_name="events",
        help_text=_("Languages spoken or signed at the event (not the languages of this page)."),
    )
    price = models.DecimalField(
        _("price (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty for a free event."),
    )
    related_models = ParentalManyToManyField(
        "models_library.PracticeModelPage",
        verbose_name=_("related practice models"),
        blank=True,
        related_name="events",
    )

    registration_enabled = models.BooleanField(_("registration on this site"), default=False)
    registration_capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Leave empty for unlimited places."),
    )
    registration_deadline = models.DateTimeField(_("registration closes"), null=True, blank=True)
    waiting_list_enabled = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When the event is full, further people join a waiting list and move up automatically."),
    )
    external_registration_url = models.URLField(
        _("external registration link"),
        max_length=500,
        blank=True,
        help_text=_("Use instead of registration on this site."),
    )
    # "Ask the organiser": a person or role mailbox visitors and participants can write to.
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Shown on the event page and in confirmations. Prefer a role mailbox."),
    )
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    ical_sequence = models.PositiveIntegerField(_("revision number"), default=0, editable=False)

    search_summary_fields = ("summary", "venue_name")
    search_text_fields = ("body",)
    search_fields = (
        Page.search_fields
        + LemmaIndexedMixin.lemma_search_fields
        + [
            index.FilterField("start"),
            index.FilterField("status"),
            index.FilterField("locale_id"),
        ]
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldPanel("status"),
                FieldPanel("event_type"),
            ],
            heading=_("Time and type"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(content=_("Dates are generated from the rule when the page is published.")),
                FieldRowPanel([FieldPanel("recurrence_frequency"), FieldPanel("recurrence_interval")]),
                FieldRowPanel([FieldPanel("recurrence_count"), FieldPanel("recurrence_until")]),
                FieldPanel("recurrence_exdates"),
            ],
            heading=_("Repetition"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance"),
                FieldPanel("place"),
                FieldPanel("venue_name"),
                FieldPanel("street_address"),
                FieldPanel("municipality"),
                FieldPanel("region"),
                FieldPanel("accessibility_info"),
                FieldPanel("join_url"),
                FieldPanel("join_url_visibility"),
            ],
            heading=_("Place"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                FieldPanel("target_groups"),
                FieldPanel("event_languages"),
                FieldPanel("price"),
                FieldPanel("related_models"),
            ],
            heading=_("Organiser, audience and related models"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldRowPanel([FieldPanel("registration_capacity"), FieldPanel("registration_deadline")]),
                FieldPanel("waiting_list_enabled"),
                FieldPanel("external_registration_url"),
            ],
            heading=_("Registration"),
        ),
    ]

    override_translatable_fields = [
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("all_day"),
        SynchronizedField("status"),
        SynchronizedField("event_type"),
        SynchronizedField("attendance"),
        SynchronizedField("place"),
        SynchronizedField("municipality"),
        SynchronizedField("region"),
        SynchronizedField("organiser"),
        SynchronizedField("target_groups"),
        SynchronizedField("related_models"),
        SynchronizedField("recurrence_frequency"),
        SynchronizedField("recurrence_interval"),
        SynchronizedField("recurrence_count"),
        SynchronizedField("recurrence_until"),
        SynchronizedField("recurrence_exdates"),
        SynchronizedField("join_url"),
        SynchronizedField("join_url_visibility"),
        SynchronizedField("event_languages"),
        SynchronizedField("price"),
        SynchronizedField("registration_enabled"),
        SynchronizedField("registration_capacity"),
        SynchronizedField("registration_deadline"),
        SynchronizedField("waiting_list_enabled"),
        SynchronizedField("external_registration_url"),
        SynchronizedField("contact_email"),
        SynchronizedField("contact_phone"),
    ]

    # Public facts only: no participant data, and the join link only when it is public.
    api_fields = [
        APIField("summary"),
        APIField("event_type"),
        APIField("status"),
        APIField("start"),
        APIField("end"),
        APIField("all_day"),
        APIField("recurrence_rule"),
        APIField("attendance"),
        APIField("venue_name"),
        APIField("street_address"),
        APIField("municipality_code"),
        APIField("region_code"),
        APIField("accessibility_info"),
        APIField("public_join_url"),
        APIField("organiser_code"),
        APIField("target_group_codes"),
        APIField("event_language_codes"),
        APIField("price"),
        APIField("registration_enabled"),
        APIField("registration_deadline"),
        APIField("external_registration_url"),
        APIField("contact"),
        APIField("occurrence_list"),
    ]

    index_page_model = "events.EventIndexPage"
    parent_page_types = ["events.EventIndexPage", "editorial.OrganisationSectionPage"]
    subpage_types = []
    template = "events/event_page.html"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    # -- validation and saving ---------------------------------------------------------
    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        try:
            recurrence.parse_exdates(self.recurrence_exdates)
        except ValueError as exc:
            errors["recurrence_exdates"] = str(exc)
        if self.recurrence_frequency:
            if not self.recurrence_count and not self.recurrence_until:
                errors["recurrence_count"] = _("Give the number of times or the last date of a repeating event.")
            elif self.recurrence_until and self.start and self.recurrence_until < timezone.localtime(self.start).date():
                errors["recurrence_until"] = _("The last date cannot be before the first.")
        if self.registration_enabled and self.external_registration_url:
            errors["external_registration_url"] = _(
                "Choose either registration on this site or an external registration link."
            )
        if (
            self.join_url
            and self.join_url_visibility == self.JoinLinkVisibility.REGISTERED
            and not self.registration_enabled
        ):
            # Otherwise the page promises the link "to registered participants" and nobody can register.
            errors["join_url_visibility"] = _(
                "Only registered participants get this link: turn on registration on this site, "
                "or show the link to everyone."
            )
        if errors:
            raise ValidationError(errors)
        if self.start and self.recurrence_frequency and len(recurrence.occurrence_times(self)) == 0:
            raise ValidationError({"recurrence_exdates": _("The rule and its exceptions leave no dates.")})

    def save(self, *args, **kwargs):
        if self.place_id and not self.municipality_id:
            self.municipality_id = self.place.municipality_id
        if self.municipality_id and not self.region_id:
            self.region_id = self.municipality.region_id
        # Wagtail saves drafts with update_fields (the live row keeps its old values):
        # only a full save (creation or publishing) changes dates, SEQUENCE and occurrences.
        full_save = kwargs.get("update_fields") is None
        if full_save and self.pk:
            old = (
                EventPage.objects.filter(pk=self.pk)
                .values("ical_sequence", "first_published_at", *SEQUENCE_FIELDS)
                .first()
            )
            if old:
                changed = any(old[name] != getattr(self, name) for name in SEQUENCE_FIELDS)
                self.ical_sequence = old["ical_sequence"] + (1 if changed and old["first_published_at"] else 0)
        with transaction.atomic():
            super().save(*args, **kwargs)
            if full_save:
                self.regenerate_occurrences()

    def regenerate_occurrences(self):
        """Bring the occurrence rows in line with the rule (admin helper and save hook)."""
        return recurrence.sync_occurrences(self)

    # -- presentation helpers -------------------------------------------------------------
    @property
    def ical_uid(self):
        # Shared by every translation of the event: one event in visitors' calendars.
        return f"event-{self.translation_key}@{settings.EVENTS_ICAL_UID_DOMAIN}"

    @property
    def recurrence_rule(self):
        return recurrence.rrule_string(self)

    @property
    def is_recurring(self):
        return bool(self.recurrence_frequency)

    @property
    def is_free(self):
        return not self.price

    @property
    def is_online(self):
        return self.attendance in (self.Attendance.ONLINE, self.Attendance.HYBRID) or (
            self.status == self.Status.MOVED_ONLINE
        )

    @property
    def has_place(self):
        return self.attendance != self.Attendance.ONLINE and self.status != self.Status.MOVED_ONLINE

    @property
    def address_text(self):
        """One line for calendars and e-mails: the chosen place's name and postal address, or
        the venue typed on the event; "" for an online event."""
        if not self.has_place:
            return ""
        if self.place_id:
            place = self.place
            parts = [place.name, place.street_address, place.postal_line]
        else:
            parts = [self.venue_name, self.street_address, self.municipality.name if self.municipality_id else ""]
        return ", ".join(part for part in parts if part)

    @property
    def public_join_url(self):
        return self.join_url if self.join_url_visibility == self.JoinLinkVisibility.PUBLIC else ""

    @property
    def contact(self):
        """Whom to ask about the event: the event's own contact, else the site-wide events mailbox."""
        email = self.contact_email or settings.EVENTS_CONTACT_EMAIL
        return {"name": self.contact_name, "email": email, "phone": self.contact_phone}

    @property
    def municipality_code(self):
        return self.municipality.code if self.municipality_id else None

    @property
    def region_code(self):
        return self.region.code if self.region_id else None

    @property
    def organiser_code(self):
        return self.organiser.code if self.organiser_id else None

    @property
    def target_group_codes(self):
        return [group.code for group in self.target_groups.all()]

    @property
    def event_language_codes(self):
        return [language.code for language in self.event_languages.all()]

    @property
    def occurrence_list(self):
        return [
            {"start": o.start.isoformat(), "end": o.end.isoformat(), "status": o.status, "uid": o.uid}
            for o in self.occurrences.all()
        ]

    @cached_property
    def occurrence_rows(self):
        return list(self.occurrences.all())

    def upcoming_occurrences(self, now=None):
        now = now or timezone.now()
        return [o for o in self.occurrence_rows if o.end >= now]

    @property
    def last_end(self):
        rows = self.occurrence_rows
        return rows[-1].end if rows else self.end

    def registration_page(self):
        """The translation that holds the registrations: the one created first (the source).

        Every translation shares one set of places, so registrations go to one row.
        """
        return EventPage.objects.filter(translation_key=self.translation_key).order_by("pk").first() or self

    def registration_is_open(self, now=None):
        now = now or timezone.now()
        if not self.registration_enabled or self.status in (self.Status.CANCELLED, self.Status.POSTPONED):
            return False
        if self.registration_deadline and now > self.registration_deadline:
            return False
        return self.last_end >= now

    def serve(self, request, *args, **kwargs):
        from ..views import serve_event_page  # noqa: PLC0415 - route on the page model (RoutablePageMixin); the view queries these models

        return serve_event_page(self, request, *args, **kwargs)

    def get_meta_description(self):
        return self.summary
