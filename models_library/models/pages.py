"""Page types of the practice-model library.

PracticeModelPage follows the current structured format of the reference documents
(Perustiedot, six description sections, development stage); the legacy good-practice
format maps onto it, with anything that does not fit kept in ``extra_sections``.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import SECTION_FEATURES, AttachmentBlock
from core.forms import SameLanguagePageForm
from core.indexing import LemmaIndexedMixin
from core.moderation import EditorialRules, ModeratedIndex
from core.sections import SectionedPageMixin
from core.vocabulary import Vocabulary
from core.widgets import FilterableCheckboxes, SameLanguagePageChooser

from ..api import (
    AdoptionsField,
    ChoiceField,
    ContactsField,
    CostsField,
    DevelopmentPathField,
    MaterialsField,
    PageKeysField,
    VocabularyListField,
)
from ..blocks import (
    AdoptionStepBlock,
    EvaluationReportBlock,
    ExtraSectionBlock,
    MaterialBlock,
    ResourcesBlock,
)
from ..contact import contact_view
from ..sections import DESCRIPTION_SECTIONS
from .evidence import COST_BAND_DEFINITIONS, EVIDENCE_DEFINITIONS, CostBand, EvidenceLevel, cost_band_for
from .vocabularies import Funder, Municipality, Organisation, Region, TargetGroup, Theme

SHORT_DESCRIPTION_MAX = 400


class DevelopmentStage(models.TextChoices):
    """Ordered from first idea to wide use; the order is the sort order."""

    IDEA = "idea", _("Idea")
    IN_DEVELOPMENT = "in_development", _("In development")
    READY = "ready", _("Ready")
    ESTABLISHED = "established", _("Established")

    @classmethod
    def rank(cls, value):
        return list(cls.values).index(value) if value in cls.values else -1


# Readers of a finished model need someone to ask: publishing requires a reachable contact.
CONTACT_REQUIRED_STAGES = (DevelopmentStage.READY, DevelopmentStage.ESTABLISHED)


class PracticeModelIndexPage(ModeratedIndex, RoutablePageMixin, Page):
    """The library: a faceted listing of every practice model below it (any depth).

    Sub-routes: ``compare/?models=ID&models=ID`` (side-by-side table) and
    ``export/?<same filters>`` (the current filtered listing as CSV).
    """

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["models_library.PracticeModelPage", "editorial.OrganisationSectionPage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    template = "models_library/practice_model_index_page.html"

    class Meta:
        verbose_name = _("practice-model library")
        verbose_name_plural = _("practice-model libraries")

    def get_context(self, request, *args, **kwargs):
        from ..listing import MAX_COMPARE, SORTS, library_listing  # noqa: PLC0415 - route on the page model (RoutablePageMixin); the view queries these models

        context = super().get_context(request, *args, **kwargs)
        listing = library_listing(self, request)
        keep = {"sort": listing.sort} if listing.sort != "updated" else {}
        export_params = request.GET.copy()
        export_params.pop("page", None)
        context.update(
            listing=listing,
            models=listing.results,
            page_obj=listing.results,
            facets=listing.query.facet_results(),
            active_filters=listing.query.active_filters(),
            listing_messages=listing.messages,
            sorts=[(key, label) for key, (label, _ordering) in SORTS.items()],
            sort=listing.sort,
            keep=keep,
            clear_url=self.url + (f"?sort={listing.sort}" if keep else ""),
            compare_url=self.url + self.reverse_subpage("compare"),
            export_url=self.url
            + self.reverse_subpage("export_csv")
            + (f"?{export_params.urlencode()}" if export_params else ""),
            max_compare=MAX_COMPARE,
        )
        return context

    @path("compare/", name="compare")
    def compare(self, request):
        from ..listing import MAX_COMPARE, compare_selection  # noqa: PLC0415 - route on the page model (RoutablePageMixin); the view queries these models

        models_, error, status = compare_selection(self, request.GET.getlist("models"))
        context = self.get_context_for_route(request)
        context.update(compared=models_, error=error, max_compare=MAX_COMPARE)
        return TemplateResponse(request, "models_library/compare.html", context, status=status)

    @path("export/", name="export_csv")
    def export_csv(self, request):
        from ..csv_export import write_csv  # noqa: PLC0415 - route on the page model (RoutablePageMixin); the view queries these models
        from ..listing import filtered_models, with_card_relations  # noqa: PLC0415 - route on the page model (RoutablePageMixin); the view queries these models

        _query, queryset, _sort, _messages = filtered_models(self, request.GET)
        queryset = with_card_relations(queryset)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.csv"'
        write_csv(response, queryset, request)
        return response

    def get_context_for_route(self, request):
        context = Page.get_context(self, request)
        context["library"] = self
        return context


class PracticeModelPage(EditorialRules, SectionedPageMixin, LemmaIndexedMixin, RoutablePageMixin, Page):
    # --- Basic information (Perustiedot) ---
    short_description = models.TextField(
        _("short description"),
        max_length=SHORT_DESCRIPTION_MAX,
        help_text=_("One or two sentences (max. 400 characters). Shown in listings and search results."),
    )
    implementation_site = models.CharField(
        _("implementation site"),
        max_length=255,
        blank=True,
        help_text=_("Where the model is carried out, e.g. 'Lapin hyvinvointialue'."),
    )
    regions = ParentalManyToManyField(
        Region,
        verbose_name=_("regions"),
        blank=True,
        related_name="practice_models",
        help_text=_("Wellbeing services counties where the model is used; choose 'National' for nationwide models."),
    )
    municipalities = ParentalManyToManyField(
        Municipality,
        verbose_name=_("municipalities"),
        blank=True,
        related_name="practice_models",
    )
    funders = ParentalManyToManyField(
        Funder,
        verbose_name=_("funders"),
        blank=True,
        related_name="practice_models",
    )
    development_stage = models.CharField(
        _("development stage"),
        max_length=20,
        choices=DevelopmentStage.choices,
        default=DevelopmentStage.IN_DEVELOPMENT,
        db_index=True,
    )
    source_created = models.DateField(
        _("description created"),
        null=True,
        blank=True,
        help_text=_("Date the description was first written, if it predates this portal."),
    )
    # Indexed for the listing's default order; on PostgreSQL also DESC NULLS LAST
    # (migration 0002), which the ascending index cannot serve.
    source_updated = models.DateField(
        _("description last updated"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Date of the last substantive change to the description."),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("When the owner last checked that the description is still accurate."),
    )
    # Read when the page is published: becomes a "new version" entry of the development path
    # (models_library.development_path), then emptied for the next version.
    version_note = models.TextField(
        _("what changed in this version"),
        max_length=2000,
        blank=True,
        help_text=_("Optional. Shown in the model's public development path when you publish."),
    )

    # --- Description (Toimintamallin kuvaus) ---
    basic_idea = RichTextField(_("basic idea of the solution"), features=SECTION_FEATURES, blank=True)
    operating_environment = RichTextField(_("operating environment"), features=SECTION_FEATURES, blank=True)
    target_group_insight = RichTextField(_("target group and customer insight"), features=SECTION_FEATURES, blank=True)
    adoption_conditions = RichTextField(
        _("conditions for operation and adoption"), features=SECTION_FEATURES, blank=True
    )
    evaluation_summary = RichTextField(_("evaluation results in brief"), features=SECTION_FEATURES, blank=True)
    tips_for_adopters = RichTextField(_("tips for adopters"), features=SECTION_FEATURES, blank=True)
    extra_sections = StreamField(
        [("section", ExtraSectionBlock())],
        verbose_name=_("extra sections"),
        blank=True,
        help_text=_("Sections outside the standard structure, e.g. content kept from the legacy format."),
    )

    # --- Evidence (Arviointi ja näyttö) ---
    evidence_level = models.CharField(
        _("evidence level"),
        max_length=30,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.NOT_EVALUATED,
        db_index=True,
        help_text=_("How strong the evidence is that the model works; see the glossary for each level."),
    )
    evaluations = StreamField(
        [("report", EvaluationReportBlock())],
        verbose_name=_("evaluation reports"),
        blank=True,
    )

    # --- Resources and costs ---
    resources = StreamField(
        ResourcesBlock(),
        verbose_name=_("resources needed"),
        blank=True,
        help_text=_("Staff roles and their time, training, materials and licences the model needs."),
    )
    no_extra_cost = models.BooleanField(
        _("no extra cost"),
        default=False,
        help_text=_("Tick when the model can be taken into use within existing staff and budgets."),
    )
    one_off_cost_min = models.PositiveIntegerField(_("one-off cost, from (€)"), null=True, blank=True)
    one_off_cost_max = models.PositiveIntegerField(_("one-off cost, up to (€)"), null=True, blank=True)
    yearly_cost_min = models.PositiveIntegerField(_("yearly cost, from (€)"), null=True, blank=True)
    yearly_cost_max = models.PositiveIntegerField(_("yearly cost, up to (€)"), null=True, blank=True)
    funding_used = models.TextField(
        _("funding used"),
        blank=True,
        help_text=_("What funding the development and the running of the model used."),
    )
    # Computed on save from the fields above, indexed: the library's cost filter reads one column.
    cost_band = models.CharField(
        _("cost band"),
        max_length=20,
        choices=CostBand.choices,
        default=CostBand.NOT_REPORTED,
        db_index=True,
        editable=False,
    )

    # --- Adoption kit ---
    adoption_steps = StreamField(
        [("step", AdoptionStepBlock())],
        verbose_name=_("how to take it into use"),
        blank=True,
        help_text=_("The steps in order."),
    )
    materials = StreamField(
        [("material", MaterialBlock())],
        verbose_name=_("adoption materials"),
        blank=True,
    )

    # --- Media ---
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_image_alt = models.CharField(
        _("cover image alternative text"),
        max_length=255,
        blank=True,
        help_text=_("Describe what the image shows. Leave empty only if the image is decorative."),
    )
    attachments = StreamField(
        [("attachment", AttachmentBlock())],
        verbose_name=_("attachments"),
        blank=True,
    )

    # --- Classification ---
    keywords = models.CharField(
        _("keywords"),
        max_length=500,
        blank=True,
        help_text=_("Comma-separated keywords."),
    )
    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="practice_models")
    target_groups = ParentalManyToManyField(
        TargetGroup,
        verbose_name=_("target groups"),
        blank=True,
        related_name="practice_models",
    )
    organisations = ParentalManyToManyField(
        Organisation,
        verbose_name=_("implementing organisations"),
        blank=True,
        related_name="practice_models",
    )
    parent_model = models.ForeignKey(
        "self",
        verbose_name=_("part of model bundle"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="child_models",
        help_text=_("The broader model (bundle) this model belongs to, if any."),
    )
    related_models = ParentalManyToManyField(
        "self",
        verbose_name=_("related models"),
        blank=True,
        symmetrical=False,
        related_name="+",
    )

    # Related models and the bundle are chosen among pages of the model's own language.
    base_form_class = SameLanguagePageForm

    api_fields = [
        APIField("short_description"),
        APIField("implementation_site"),
        APIField("development_stage", serializer=ChoiceField()),
        APIField("regions", serializer=VocabularyListField()),
        APIField("municipalities", serializer=VocabularyListField()),
        APIField("funders", serializer=VocabularyListField()),
        APIField("themes", serializer=VocabularyListField()),
        APIField("target_groups", serializer=VocabularyListField()),
        APIField("organisations", serializer=VocabularyListField()),
        APIField("source_created"),
        APIField("source_updated"),
        APIField("last_reviewed"),
        *[APIField(name) for name, _label in DESCRIPTION_SECTIONS],
        APIField("extra_sections"),
        APIField("keywords"),
        APIField("cover_image"),
        APIField("cover_image_alt"),
        APIField("attachments"),
        APIField("parent_model", serializer=PageKeysField()),
        APIField("related_models", serializer=PageKeysField(many=True)),
        APIField("contacts", serializer=ContactsField()),
        APIField("evidence_level", serializer=ChoiceField("evidence_level")),
        APIField("evaluations"),
        APIField("resources"),
        APIField("costs", serializer=CostsField()),
        APIField("adoption_steps"),
        APIField("materials", serializer=MaterialsField()),
        APIField("adoptions", serializer=AdoptionsField()),
        APIField("development_path", serializer=DevelopmentPathField()),
    ]

    search_summary_fields = ("short_description", "keywords", "implementation_site")
    search_text_fields = tuple(name for name, _label in DESCRIPTION_SECTIONS) + ("extra_sections",)

    search_fields = (
        Page.search_fields
        + LemmaIndexedMixin.lemma_search_fields
        + [
            index.FilterField("development_stage"),
            index.FilterField("evidence_level"),
            index.FilterField("cost_band"),
            index.FilterField("locale_id"),
            index.FilterField("source_updated"),
        ]
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("short_description"),
                FieldPanel("implementation_site"),
                FieldPanel("regions", widget=FilterableCheckboxes),
                FieldPanel("municipalities", widget=FilterableCheckboxes),
                FieldPanel("funders"),
                FieldPanel("development_stage"),
                FieldRowPanel([FieldPanel("source_created"), FieldPanel("source_updated")]),
            ],
            heading=_("Basic information"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name, _label in DESCRIPTION_SECTIONS] + [FieldPanel("extra_sections")],
            heading=_("Description of the practice model"),
        ),
        MultiFieldPanel(
            [FieldPanel("evidence_level"), FieldPanel("evaluations")],
            heading=_("Evaluation and evidence"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("resources"),
                FieldPanel("no_extra_cost"),
                FieldRowPanel([FieldPanel("one_off_cost_min"), FieldPanel("one_off_cost_max")]),
                FieldRowPanel([FieldPanel("yearly_cost_min"), FieldPanel("yearly_cost_max")]),
                FieldPanel("funding_used"),
            ],
            heading=_("Resources and costs"),
        ),
        MultiFieldPanel(
            [FieldPanel("adoption_steps"), FieldPanel("materials")],
            heading=_("Adoption kit"),
        ),
        MultiFieldPanel(
            [FieldPanel("cover_image"), FieldPanel("cover_image_alt"), FieldPanel("attachments")],
            heading=_("Images and attachments"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("keywords"),
                FieldPanel("themes"),
                FieldPanel("target_groups"),
                FieldPanel("organisations", widget=FilterableCheckboxes),
                FieldPanel("parent_model"),
                FieldPanel("related_models", widget=SameLanguagePageChooser),
            ],
            heading=_("Classification and links"),
        ),
        InlinePanel("contacts", heading=_("Contacts"), label=_("Contact")),
        InlinePanel("adoptions", heading=_("Adoptions"), label=_("Adoption")),
        FieldPanel("version_note"),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("last_reviewed")]

    # Codes and links are the same concept in every language: copy them to translations.
    override_translatable_fields = [
        SynchronizedField("regions"),
        SynchronizedField("municipalities"),
        SynchronizedField("funders"),
        SynchronizedField("themes"),
        SynchronizedField("target_groups"),
        SynchronizedField("organisations"),
        SynchronizedField("parent_model"),
        SynchronizedField("related_models"),
        SynchronizedField("development_stage"),
        SynchronizedField("source_created"),
        SynchronizedField("source_updated"),
        SynchronizedField("last_reviewed"),
        SynchronizedField("cover_image"),
        SynchronizedField("evidence_level"),
        SynchronizedField("no_extra_cost"),
        SynchronizedField("one_off_cost_min"),
        SynchronizedField("one_off_cost_max"),
        SynchronizedField("yearly_cost_min"),
        SynchronizedField("yearly_cost_max"),
    ]

    index_page_model = "models_library.PracticeModelIndexPage"
    parent_page_types = ["models_library.PracticeModelIndexPage", "editorial.OrganisationSectionPage"]
    subpage_types = []
    template = "models_library/practice_model_page.html"

    class Meta:
        verbose_name = _("practice model")
        verbose_name_plural = _("practice models")

    # Editorial rules (core.moderation): reviewed every FRESHNESS_MONTHS months, and a model
    # may be saved incomplete as a draft but published only with what readers need first.
    review_freshness = True
    # The fields publish_blockers() asks for, marked in the edit form (core.forms).
    publish_required_fields = {
        "basic_idea": _("without the basic idea readers cannot tell what the model is."),
        "target_groups": _("the library is searched by target group; a model without one is not found."),
    }

    def publish_blockers(self):
        problems = []
        if not strip_tags(str(self.basic_idea or "")).strip():
            problems.append(gettext("Describe the basic idea of the solution."))
        if not self.target_groups.all():
            problems.append(gettext("Choose at least one target group."))
        if self.development_stage in CONTACT_REQUIRED_STAGES and not any(c.has_address for c in self.contacts.all()):
            problems.append(
                gettext(
                    "A model at stage “%(stage)s” needs a contact with an e-mail address, phone number or web "
                    "address: add one under “Contacts”."
                )
                % {"stage": self.get_development_stage_display()}
            )
        return problems

    def clean(self):
        super().clean()
        for low, high in (("one_off_cost_min", "one_off_cost_max"), ("yearly_cost_min", "yearly_cost_max")):
            if (
                getattr(self, low) is not None
                and getattr(self, high) is not None
                and getattr(self, low) > getattr(self, high)
            ):
                raise ValidationError({high: _("The upper estimate cannot be below the lower one.")})
        # Also here: a revision is serialised after clean() and before save().
        self._update_cost_band()
        if self.short_description and len(self.short_description) > SHORT_DESCRIPTION_MAX:
            raise ValidationError(
                {
                    "short_description": _("Keep the short description within %(max)d characters.")
                    % {"max": SHORT_DESCRIPTION_MAX}
                }
            )

    def _update_cost_band(self):
        self.cost_band = cost_band_for(
            self.no_extra_cost, self.one_off_cost_min, self.one_off_cost_max, self.yearly_cost_min, self.yearly_cost_max
        )

    def save(self, *args, **kwargs):
        self._update_cost_band()
        super().save(*args, **kwargs)

    @property
    def evidence_definition(self):
        return EVIDENCE_DEFINITIONS.get(self.evidence_level, "")

    @property
    def cost_band_definition(self):
        return COST_BAND_DEFINITIONS.get(self.cost_band, "")

    @property
    def costs_reported(self):
        return self.cost_band != CostBand.NOT_REPORTED

    @property
    def description_sections(self):
        """(field name, heading, value) for the six sections, in display order."""
        return [(name, label, getattr(self, name)) for name, label in DESCRIPTION_SECTIONS]

    @property
    def keyword_list(self):
        return [k.strip() for k in self.keywords.split(",") if k.strip()]

    @property
    def stage_rank(self):
        return DevelopmentStage.rank(self.development_stage)

    def get_meta_description(self):
        return self.search_description or self.short_description

    @classmethod
    def vocabulary_links(cls):
        """{field name: vocabulary model} of the model's many-to-many vocabulary fields,
        in field order: the importers, the JSON export and the demo loader read this."""
        return {
            field.name: field.related_model
            for field in cls._meta.get_fields()
            if field.many_to_many and not field.auto_created and issubclass(field.related_model, Vocabulary)
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(model_page_context(self))
        return context

    # "" is RoutablePageMixin's own index route (the page itself, cacheable).
    @path("contact/", name="contact")
    def contact(self, request):
        return contact_view(self, request)

    @property
    def contact_form_url(self):
        """The "Contact the developers" form's own page (this model's ``contact/`` route)."""
        return (self.url or "") + self.reverse_subpage("contact")

    @property
    def library(self):
        return PracticeModelIndexPage.objects.ancestor_of(self).filter(locale_id=self.locale_id).first()


def model_page_context(page):
    """Related content for a model page, in the page's language, in a fixed number of queries.

    Its upcoming events come from the calendar's own query (``{% upcoming_events_for page %}``).
    """
    siblings = PracticeModelPage.objects.live().public().filter(locale_id=page.locale_id)
    # Works for previews too, where relations are still in memory.
    related_keys = [related.translation_key for related in page.related_models.all()]
    related = list(siblings.filter(translation_key__in=related_keys).order_by("title"))
    children_keys = PracticeModelPage.objects.filter(parent_model__translation_key=page.translation_key).values(
        "translation_key"
    )
    children = list(siblings.filter(translation_key__in=children_keys).order_by("title"))
    bundle = None
    if page.parent_model_id:
        bundle = siblings.filter(translation_key=page.parent_model.translation_key).first()
    contacts = list(page.contacts.select_related("organisation"))
    return {
        "related_models": related,
        "child_models": children,
        "bundle": bundle,
        "contacts": contacts,
        # "Contact the developers" (a page of its own, so this one stays cacheable) relays
        # to the contacts' addresses, public or not.
        "contact_url": page.contact_form_url if any(c.email for c in contacts) else None,
        "adoptions": list(page.adoptions.select_related("organisation", "municipality", "region")),
        "library": page.library,
    }


class ModelContact(Orderable):
    """Who to contact about the model: a role or person at an organisation.

    E-mail and phone are shown to readers (page, API, exports, compare) only when the
    editor marks them public; a non-public address still receives the messages of the
    "Contact the developers" form (``models_library.contact``) without being printed.
    """

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner of the model")
        DEVELOPER = "developer", _("Developer")
        COORDINATOR = "coordinator", _("Coordinator")
        CONTACT = "contact", _("Contact")

    page = ParentalKey(PracticeModelPage, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(
        _("role or person"),
        max_length=255,
        blank=True,
        help_text=_("E.g. 'Project coordinator' or a person's name. A role outlives a person's job change."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CONTACT)
    url = models.URLField(_("web address"), blank=True)
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_("Prefer a shared service address (e.g. kirjaamo@…) to a personal one."),
    )
    email_public = models.BooleanField(
        _("show the e-mail address publicly"),
        default=False,
        help_text=_("When not ticked, readers can still write through the contact form; the address stays hidden."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    phone_public = models.BooleanField(_("show the phone number publicly"), default=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("organisation"),
        FieldPanel("role"),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("email_public")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("phone_public")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    @property
    def public_email(self):
        return self.email if self.email_public else ""

    @property
    def public_phone(self):
        return self.phone if self.phone_public else ""

    @property
    def has_address(self):
        """Someone can be reached: an e-mail (public or through the form), a phone or a web address."""
        return bool(self.email or self.phone or self.url)

    def public_data(self, language=None):
        """What readers may see of this contact (the API and the JSON of public views)."""
        return {
            "name": self.name,
            "organisation": {"code": self.organisation.code, "name": self.organisation.localized_name(language)},
            "role": self.role,
            "url": self.url,
            "email": self.public_email,
            "phone": self.public_phone,
        }


class Adoption(Orderable):
    """An organisation or municipality that has taken the model into use."""

    class Status(models.TextChoices):
        PILOTING = "piloting", _("Piloting")
        IN_USE = "in_use", _("In use")
        ENDED = "ended", _("Ended")

    page = ParentalKey(PracticeModelPage, on_delete=models.CASCADE, related_name="adoptions")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adoptions",
        help_text=_("Filled in from the municipality or organisation when left empty."),
    )
    year = models.PositiveSmallIntegerField(_("year taken into use"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IN_USE)

    panels = [
        FieldPanel("organisation"),
        FieldPanel("municipality"),
        FieldPanel("region"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("status")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")

    def clean(self):
        super().clean()
        if not (self.organisation_id or self.municipality_id or self.region_id):
            raise ValidationError(_("Name the organisation, municipality or region that adopted the model."))

    def save(self, *args, **kwargs):
        # The "adopted in my region" filter needs a region on every row.
        if not self.region_id:
            if self.municipality_id:
                self.region_id = self.municipality.region_id
            elif self.organisation_id and self.organisation.region_id:
                self.region_id = self.organisation.region_id
        super().save(*args, **kwargs)
