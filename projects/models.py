"""Projects (hankkeet): the development projects that built the practice models.

A project page reads like the project plan: name, period, funders, budget, the lead and
partner organisations, the regions and themes, goals, results and links. It lists the
models, events and news chosen on the page; the pages it names do not know it (the library,
the calendar and the news sit below this app) and show their projects through
``{% projects_for page %}`` (projects/templatetags/project_tags.py).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import SECTION_FEATURES
from core.indexing import LemmaIndexedMixin
from core.widgets import FilterableCheckboxes
from models_library.api import PageKeysField, VocabularyListField
from models_library.models import Funder, Organisation, Region, Theme

from .serializers import VocabularyField


class ProjectLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("link text"), max_length=200)
    url = blocks.URLBlock(label=_("web address"))

    class Meta:
        icon = "link"
        label = _("Link")


class ProjectIndexPage(Page):
    """The project listing: every live project below it, faceted by region, funder, theme
    and whether the project is still running."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["projects.ProjectPage"]
    max_count_per_parent = 1
    template = "projects/project_index_page.html"

    class Meta:
        verbose_name = _("project listing")
        verbose_name_plural = _("project listings")

    def get_context(self, request, *args, **kwargs):
        from .listing import project_listing  # noqa: PLC0415 - the listing queries this module's models

        context = super().get_context(request, *args, **kwargs)
        listing = project_listing(self, request)
        context.update(
            listing=listing,
            projects=listing.results,
            page_obj=listing.results,
            facets=listing.query.facet_results(),
            active_filters=listing.query.active_filters(),
            listing_messages=listing.messages,
            clear_url=self.url,
        )
        return context


class ProjectPage(LemmaIndexedMixin, Page):
    # --- Basic information ---
    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("One or two sentences, shown in the project listing.")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty while the end is not decided.")
    )
    budget = models.DecimalField(
        _("budget (euros)"), max_digits=12, decimal_places=0, null=True, blank=True, help_text=_("Total budget.")
    )
    funders = ParentalManyToManyField(Funder, verbose_name=_("funders"), blank=True, related_name="projects")
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_projects",
    )
    partner_organisations = ParentalManyToManyField(
        Organisation, verbose_name=_("partner organisations"), blank=True, related_name="partner_projects"
    )
    regions = ParentalManyToManyField(Region, verbose_name=_("regions"), blank=True, related_name="projects")
    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="projects")

    # --- Content ---
    goals = RichTextField(_("goals"), features=SECTION_FEATURES, blank=True)
    results = RichTextField(pgettext_lazy("project", "results"), features=SECTION_FEATURES, blank=True)
    links = StreamField([("link", ProjectLinkBlock())], verbose_name=_("links"), blank=True)

    # --- What the project produced and did (the reverse side is shown by project_tags) ---
    practice_models = ParentalManyToManyField(
        "models_library.PracticeModelPage",
        verbose_name=_("practice models"),
        blank=True,
        related_name="projects",
        help_text=_("The models this project developed."),
    )
    events = ParentalManyToManyField("events.EventPage", verbose_name=_("events"), blank=True, related_name="projects")
    news = ParentalManyToManyField("home.ArticlePage", verbose_name=_("news"), blank=True, related_name="projects")

    search_summary_fields = ("summary",)
    search_text_fields = ("goals", "results")
    search_vocabulary_fields = ("themes",)
    search_fields = Page.search_fields + LemmaIndexedMixin.lemma_search_fields + [index.FilterField("locale_id")]

    api_fields = [
        APIField("summary"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("budget"),
        APIField("funders", serializer=VocabularyListField()),
        APIField("lead_organisation", serializer=VocabularyField()),
        APIField("partner_organisations", serializer=VocabularyListField()),
        APIField("regions", serializer=VocabularyListField()),
        APIField("themes", serializer=VocabularyListField()),
        APIField("goals"),
        APIField("results"),
        APIField("links"),
        APIField("practice_models", serializer=PageKeysField(many=True)),
        APIField("events", serializer=PageKeysField(many=True)),
        APIField("news", serializer=PageKeysField(many=True)),
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("summary"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("funders"),
                FieldPanel("budget"),
                FieldPanel("lead_organisation"),
                FieldPanel("partner_organisations", widget=FilterableCheckboxes),
                FieldPanel("regions", widget=FilterableCheckboxes),
                FieldPanel("themes"),
            ],
            heading=_("Basic information"),
        ),
        FieldPanel("goals"),
        FieldPanel("results"),
        FieldPanel("links"),
        MultiFieldPanel(
            [FieldPanel("practice_models"), FieldPanel("events"), FieldPanel("news")],
            heading=_("Models, events and news of the project"),
        ),
    ]

    # Codes, dates and page links are the same concept in every language.
    override_translatable_fields = [
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("budget"),
        SynchronizedField("funders"),
        SynchronizedField("lead_organisation"),
        SynchronizedField("partner_organisations"),
        SynchronizedField("regions"),
        SynchronizedField("themes"),
        SynchronizedField("practice_models"),
        SynchronizedField("events"),
        SynchronizedField("news"),
    ]

    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = []
    template = "projects/project_page.html"

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The project cannot end before it starts.")})

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_context(self, request, *args, **kwargs):
        from .queries import project_page_context  # noqa: PLC0415 - the queries read this module's models

        context = super().get_context(request, *args, **kwargs)
        context.update(project_page_context(self))
        return context
