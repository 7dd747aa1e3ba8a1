"""The service tray (palvelutarjotin): low-threshold services and activities (issue 22).

A service page says who offers what, for whom, where, when, at what cost, in which
languages and how to get in. Places come from the calendar's place snippet
(``events.Place``), languages served from the calendar's language vocabulary
(``events.EventLanguage``: fi, sv, en, se, smn, sms, fse, fss…), providers, target groups
and themes from the library's vocabularies. The weekly schedule and its dated exceptions
are child rows, so "open now" is a bounded SQL filter (services/schedule.py).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import SECTION_FEATURES
from core.indexing import LemmaIndexedMixin
from core.moderation import EditorialRules, ModeratedIndex
from core.vocabulary import Vocabulary
from core.widgets import FilterableCheckboxes
from models_library.api import PageKeysField, VocabularyListField

from .serializers import OpeningHoursField, PlacesField, ProviderField

# A service not checked for this long is flagged to its provider and the editors.
STALE_AFTER_DAYS = 365


class AccessMethod(Vocabulary):
    """How to get in: walk in, by phone, with a referral, online (seeded by a migration)."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("access method")
        verbose_name_plural = _("access methods")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Cost(models.TextChoices):
    FREE = "free", _("Free of charge")
    FEE = "fee", _("Fee")


class ServiceIndexPage(ModeratedIndex, RoutablePageMixin, Page):
    """The service tray of a region: the faceted listing, the map, the printable list and
    the region's one-stop guidance contact shown on every service below it."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    region = models.ForeignKey(
        "models_library.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    guidance_title = models.CharField(
        _("guidance: heading"), max_length=200, blank=True, help_text=_("E.g. “Service counselling in Lapland”.")
    )
    guidance_text = models.TextField(
        _("guidance: text"), blank=True, help_text=_("Who gives personal guidance, for whom, and how to reach them.")
    )
    guidance_phone = models.CharField(_("guidance: phone"), max_length=40, blank=True)
    guidance_email = models.EmailField(_("guidance: e-mail"), blank=True)
    guidance_url = models.URLField(_("guidance: web address"), max_length=500, blank=True)
    guidance_hours = models.CharField(_("guidance: when to call"), max_length=200, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("region"),
        MultiFieldPanel(
            [
                FieldPanel("guidance_title"),
                FieldPanel("guidance_text"),
                FieldRowPanel([FieldPanel("guidance_phone"), FieldPanel("guidance_email")]),
                FieldPanel("guidance_url"),
                FieldPanel("guidance_hours"),
            ],
            heading=_("One-stop guidance"),
            help_text=_("The region's service counselling contact, shown on every service page and the listing."),
        ),
    ]
    override_translatable_fields = [
        SynchronizedField("region"),
        SynchronizedField("guidance_phone"),
        SynchronizedField("guidance_email"),
        SynchronizedField("guidance_url"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["services.ServicePage"]
    max_count_per_parent = 1
    template = "services/service_index_page.html"

    class Meta:
        verbose_name = _("service tray")
        verbose_name_plural = _("service trays")

    @property
    def has_guidance(self):
        return bool(self.guidance_phone or self.guidance_email or self.guidance_url or self.guidance_text)

    # Views live in services/views.py; the routes keep shareable URLs under the page.
    @path("", name="listing")
    def listing_view(self, request):
        from .views import listing_view  # noqa: PLC0415 - route on the page model (RoutablePageMixin); the view queries these models

        return listing_view(request, self, "list")

    @path("map/", name="map")
    def map_view(self, request):
        from .views import listing_view  # noqa: PLC0415 - route on the page model (RoutablePageMixin); the view queries these models

        return listing_view(request, self, "map")

    @path("print/", name="print")
    def print_view(self, request):
        from .views import listing_view  # noqa: PLC0415 - route on the page model (RoutablePageMixin); the view queries these models

        return listing_view(request, self, "print")

    @path("export/", name="export")
    def export_view(self, request):
        from .views import csv_view  # noqa: PLC0415 - route on the page model (RoutablePageMixin); the view queries these models

        return csv_view(request, self)


class ServicePage(EditorialRules, LemmaIndexedMixin, Page):
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences (max. 400 characters), shown in the listing.")
    )
    provider = models.ForeignKey(
        "models_library.Organisation",
        verbose_name=_("provider"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="services",
        help_text=_(
            "The organisation that offers the service; its kind (county, municipality, NGO, parish…) is "
            "set on the organisation."
        ),
    )
    offer = RichTextField(_("what the service offers"), features=SECTION_FEATURES, blank=True)
    target_groups = ParentalManyToManyField(
        "models_library.TargetGroup", verbose_name=_("for whom"), blank=True, related_name="services"
    )
    themes = ParentalManyToManyField(
        "models_library.Theme", verbose_name=_("themes"), blank=True, related_name="services"
    )

    # --- Where ---
    places = ParentalManyToManyField("events.Place", verbose_name=_("places"), blank=True, related_name="services")
    municipalities = ParentalManyToManyField(
        "models_library.Municipality",
        verbose_name=_("whole municipalities"),
        blank=True,
        related_name="services",
        help_text=_("Municipalities where the service is offered everywhere (e.g. home visits)."),
    )
    regions = ParentalManyToManyField(
        "models_library.Region",
        verbose_name=_("whole regions"),
        blank=True,
        related_name="services",
    )
    online = models.BooleanField(_("available online"), default=False)
    by_phone = models.BooleanField(_("available by phone"), default=False)

    # --- When ---
    by_appointment = models.BooleanField(
        _("by appointment"), default=False, help_text=_("Tick when there are no regular opening hours.")
    )
    hours_note = models.CharField(_("note on opening hours"), max_length=255, blank=True)

    # --- Cost, languages, access ---
    cost = models.CharField(_("cost"), max_length=10, choices=Cost.choices, default=Cost.FREE)
    fee_text = models.CharField(_("fee"), max_length=255, blank=True, help_text=_("E.g. “5 € a time”."))
    languages = ParentalManyToManyField(
        "events.EventLanguage",
        verbose_name=_("languages served"),
        blank=True,
        related_name="services",
        help_text=_("Languages the service is given in (not the languages of this page)."),
    )
    access_methods = ParentalManyToManyField(
        AccessMethod, verbose_name=_("how to get in"), blank=True, related_name="services"
    )

    # --- Contact of the service (never a person's own) ---
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True, help_text=_("A service or role mailbox."))
    contact_url = models.URLField(_("web address"), max_length=500, blank=True)

    related_models = ParentalManyToManyField(
        "models_library.PracticeModelPage",
        verbose_name=_("related practice models"),
        blank=True,
        related_name="services",
    )
    last_checked = models.DateField(
        _("last checked"), null=True, blank=True, help_text=_("When the provider last confirmed these facts.")
    )

    # When the stale-service reminder was last sent (services/stale.py): at most one a month.
    stale_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    search_summary_fields = ("summary",)
    search_text_fields = ("offer",)
    search_vocabulary_fields = ("themes", "target_groups")
    search_fields = Page.search_fields + LemmaIndexedMixin.lemma_search_fields + [index.FilterField("locale_id")]

    api_fields = [
        APIField("summary"),
        APIField("provider", serializer=ProviderField()),
        APIField("offer"),
        APIField("target_groups", serializer=VocabularyListField()),
        APIField("themes", serializer=VocabularyListField()),
        APIField("places", serializer=PlacesField()),
        APIField("municipalities", serializer=VocabularyListField()),
        APIField("regions", serializer=VocabularyListField()),
        APIField("online"),
        APIField("by_phone"),
        APIField("by_appointment"),
        APIField("schedule", serializer=OpeningHoursField()),
        APIField("cost"),
        APIField("fee_text"),
        APIField("languages", serializer=VocabularyListField()),
        APIField("access_methods", serializer=VocabularyListField()),
        APIField("contact_phone"),
        APIField("contact_email"),
        APIField("contact_url"),
        APIField("related_models", serializer=PageKeysField(many=True)),
        APIField("last_checked"),
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("summary"), FieldPanel("provider"), FieldPanel("target_groups"), FieldPanel("themes")],
            heading=_("Basic information"),
        ),
        FieldPanel("offer"),
        MultiFieldPanel(
            [
                FieldPanel("places"),
                FieldPanel("municipalities", widget=FilterableCheckboxes),
                FieldPanel("regions", widget=FilterableCheckboxes),
                FieldRowPanel([FieldPanel("online"), FieldPanel("by_phone")]),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("by_appointment"),
                InlinePanel("opening_hours", label=_("weekly opening hours")),
                InlinePanel("exceptions", label=_("exceptions (public holidays, changed hours)")),
                FieldPanel("hours_note"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("cost"), FieldPanel("fee_text")]),
                FieldPanel("languages"),
                FieldPanel("access_methods"),
            ],
            heading=_("Cost, languages and access"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("contact_phone"), FieldPanel("contact_email")]), FieldPanel("contact_url")],
            heading=_("Contact"),
        ),
        FieldPanel("related_models"),
        FieldPanel("last_checked"),
    ]

    # Codes, places, hours and contacts are the same in every language.
    override_translatable_fields = [
        SynchronizedField(name)
        for name in (
            "provider",
            "target_groups",
            "themes",
            "places",
            "municipalities",
            "regions",
            "online",
            "by_phone",
            "by_appointment",
            "cost",
            "languages",
            "access_methods",
            "contact_phone",
            "contact_email",
            "contact_url",
            "related_models",
            "last_checked",
        )
    ]

    parent_page_types = ["services.ServiceIndexPage"]
    subpage_types = []
    template = "services/service_page.html"

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [models.Index(fields=["last_checked"], name="services_last_checked")]

    # Editorial rules (core.moderation): saved incomplete as a draft, published only with
    # what a visitor needs to reach the service.
    def publish_blockers(self):
        problems = []
        if self.provider_id is None:
            problems.append(gettext("Choose the provider organisation."))
        if not strip_tags(str(self.offer or "")).strip():
            problems.append(gettext("Describe what the service offers."))
        if not (self.places.all() or self.municipalities.all() or self.regions.all() or self.online or self.by_phone):
            problems.append(
                gettext("Say where the service is: a place, a whole municipality or region, online or by phone.")
            )
        if not (self.by_appointment or self.opening_hours.all()):
            problems.append(gettext("Give weekly opening hours or tick “by appointment”."))
        if not self.languages.all():
            problems.append(gettext("Choose at least one language the service is given in."))
        if not (self.contact_phone or self.contact_email or self.contact_url):
            problems.append(gettext("Give a phone number, e-mail address or web address of the service."))
        if self.last_checked is None:
            problems.append(gettext("Fill in when the facts were last checked."))
        return problems

    def clean(self):
        super().clean()
        if self.cost == Cost.FEE and not self.fee_text.strip():
            raise ValidationError({"fee_text": _("Say what the fee is.")})

    def is_stale(self, today=None):
        today = today or timezone.localdate()
        return self.last_checked is None or self.last_checked < today - datetime.timedelta(days=STALE_AFTER_DAYS)

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_context(self, request, *args, **kwargs):
        from .queries import service_page_context  # noqa: PLC0415 - the queries read this module's models

        context = super().get_context(request, *args, **kwargs)
        context.update(service_page_context(self, request))
        return context


class OpeningHours(Orderable):
    """One weekly row: a weekday, opening and closing time. Closing earlier than opening
    means the service stays open past midnight (e.g. Friday 20:00–02:00)."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"), help_text=_("Earlier than the opening time: open past midnight."))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def clean(self):
        if self.opens is not None and self.opens == self.closes:
            raise ValidationError({"closes": _("Opening and closing times cannot be the same.")})

    @property
    def crosses_midnight(self):
        return self.closes < self.opens


class HoursException(Orderable):
    """A dated exception: closed (e.g. a public holiday) or open at other hours that day."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("date"))
    closed = models.BooleanField(pgettext_lazy("opening hours", "closed"), default=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("closed"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("exception to opening hours")
        verbose_name_plural = _("exceptions to opening hours")
        indexes = [models.Index(fields=["date"], name="services_exception_date")]

    def clean(self):
        if not self.closed and (self.opens is None or self.closes is None or self.opens == self.closes):
            raise ValidationError(_("Give the opening and closing times of the day, or tick “closed”."))


class ServiceSuggestion(models.Model):
    """A new service or a correction suggested by the public (usually a provider).

    unconfirmed → pending (the sender clicked the signed link) → accepted or rejected by
    the region's editors; an accepted new service becomes a draft page for them to finish.
    """

    class State(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for e-mail confirmation")
        PENDING = "pending", _("Waiting for moderation")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    index = models.ForeignKey(ServiceIndexPage, on_delete=models.CASCADE, related_name="suggestions")
    service = models.ForeignKey(
        ServicePage,
        verbose_name=_("service to correct"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
    )
    name = models.CharField(_("name of the service"), max_length=255)
    provider_name = models.CharField(_("provider"), max_length=255)
    municipality = models.ForeignKey(
        "models_library.Municipality", verbose_name=_("municipality"), null=True, blank=True, on_delete=models.SET_NULL
    )
    description = models.TextField(_("what the service offers, when and where"))
    contact = models.CharField(_("public contact of the service"), max_length=255, blank=True)
    email = models.EmailField(_("your e-mail address"))
    language = models.CharField(max_length=10, default="fi")
    state = models.CharField(max_length=20, choices=State.choices, default=State.UNCONFIRMED)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    draft = models.ForeignKey(
        ServicePage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("service suggestion")
        verbose_name_plural = _("service suggestions")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name
