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

from ..api import AdoptionsField, ChoiceField, ContactsField, PageKeysField, VocabularyListField
from ..blocks import ExtraSectionBlock
from ..sections import DESCRIPTION_SECTIONS
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


class PracticeModelPage(EditorialRules, SectionedPageMixin, LemmaIndexedMixin, Page):
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
        APIField("adoptions", serializer=AdoptionsField()),
    ]

    search_summary_fields = ("short_description", "keywords", "implementation_site")
    search_text_fields = tuple(name for name, _label in DESCRIPTION_SECTIONS) + ("extra_sections",)

    search_fields = (
        Page.search_fields
        + LemmaIndexedMixin.lemma_search_fields
        + [
            index.FilterField("development_stage"),
            index.FilterField("locale_id"),
            index.FilterField("source_updated"),
        ]
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("short_description"),
                FieldPanel("implementation_site"),
                FieldPanel("regions"),
                FieldPanel("municipalities"),
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
            [FieldPanel("cover_image"), FieldPanel("cover_image_alt"), FieldPanel("attachments")],
            heading=_("Images and attachments"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("keywords"),
                FieldPanel("themes"),
                FieldPanel("target_groups"),
                FieldPanel("organisations"),
                FieldPanel("parent_model"),
                FieldPanel("related_models"),
            ],
            heading=_("Classification and links"),
        ),
        InlinePanel("contacts", heading=_("Contact organisations"), label=_("Contact")),
        InlinePanel("adoptions", heading=_("Adoptions"), label=_("Adoption")),
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

    def publish_blockers(self):
        problems = []
        if not strip_tags(str(self.basic_idea or "")).strip():
            problems.append(gettext("Describe the basic idea of the solution."))
        if not self.target_groups.all():
            problems.append(gettext("Choose at least one target group."))
        return problems

    def clean(self):
        super().clean()
        if self.short_description and len(self.short_description) > SHORT_DESCRIPTION_MAX:
            raise ValidationError(
                {
                    "short_description": _("Keep the short description within %(max)d characters.")
                    % {"max": SHORT_DESCRIPTION_MAX}
                }
            )

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
    return {
        "related_models": related,
        "child_models": children,
        "bundle": bundle,
        "contacts": list(page.contacts.select_related("organisation")),
        "adoptions": list(page.adoptions.select_related("organisation", "municipality", "region")),
        "library": page.library,
    }


class ModelContact(Orderable):
    """A contact organisation with its role: organisations, never private phone numbers."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner of the model")
        DEVELOPER = "developer", _("Developer")
        COORDINATOR = "coordinator", _("Coordinator")
        CONTACT = "contact", _("Contact")

    page = ParentalKey(PracticeModelPage, on_delete=models.CASCADE, related_name="contacts")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CONTACT)
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_("A shared service address, not a personal one (e.g. kirjaamo@…)."),
    )
    url = models.URLField(_("web address"), blank=True)

    panels = [FieldPanel("organisation"), FieldPanel("role"), FieldPanel("email"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("contact organisation")
        verbose_name_plural = _("contact organisations")


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
