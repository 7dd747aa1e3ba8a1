"""Home page, plain content pages (news, project descriptions, accessibility statement)."""

from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail_localize.fields import SynchronizedField

from core.blocks import BaseStreamBlock
from core.indexing import LemmaIndexedMixin
from core.pagination import paginate

from .services import home_page_listings


class HomePage(Page):
    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), max_length=600, blank=True)
    upcoming_events_count = models.PositiveSmallIntegerField(_("number of upcoming events"), default=3)
    latest_news_count = models.PositiveSmallIntegerField(_("number of news items"), default=3)

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Hero")),
        InlinePanel("highlighted_models", heading=_("Highlighted practice models"), label=_("Model"), max_num=6),
        MultiFieldPanel(
            [FieldPanel("upcoming_events_count"), FieldPanel("latest_news_count")],
            heading=_("Listings"),
        ),
    ]
    override_translatable_fields = [
        SynchronizedField("upcoming_events_count"),
        SynchronizedField("latest_news_count"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Serve the Finnish page when a translation is missing, instead of a 404.

        /sv/<path>/ for a page that exists only in Finnish shows the Finnish version
        with a notice (templates check ``request.translation_fallback``).
        """
        try:
            return super().route(request, path_components)
        except Http404:
            default = Locale.get_default()
            if not path_components or self.locale_id == default.pk:
                raise
            source_home = self.get_translation_or_none(default)
            if source_home is None:
                raise
            result = source_home.specific.route(request, path_components)
            request.translation_fallback = True
            return result

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_listings(self))
        context["latest_news"] = list(
            ArticlePage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .order_by("-date", "-pk")[: self.latest_news_count]
        )
        return context


class HighlightedModel(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="highlighted_models")
    model_page = models.ForeignKey(
        "models_library.PracticeModelPage",
        verbose_name=_("practice model"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    panels = [PageChooserPanel("model_page")]


class ArticleIndexPage(Page):
    """News and articles listing."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.ArticlePage"]
    template = "home/article_index_page.html"

    class Meta:
        verbose_name = _("news listing")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.child_of(self).live().public().order_by("-date", "-pk")
        context["articles"] = paginate(request, articles, per_page=10)
        return context


class ArticlePage(LemmaIndexedMixin, Page):
    """A news item or project description."""

    date = models.DateField(_("date"), default=timezone.localdate, db_index=True)
    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    source_organisations = ParentalManyToManyField(
        "models_library.Organisation",
        verbose_name=_("publishing organisations"),
        blank=True,
        related_name="articles",
    )

    search_summary_fields = ("intro",)
    search_text_fields = ("body",)
    search_fields = Page.search_fields + LemmaIndexedMixin.lemma_search_fields

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("source_organisations"),
    ]
    override_translatable_fields = [SynchronizedField("date"), SynchronizedField("source_organisations")]
    parent_page_types = ["home.ArticleIndexPage"]
    subpage_types = []
    template = "home/article_page.html"

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")


class StandardPage(LemmaIndexedMixin, Page):
    """A plain page: about, accessibility statement, privacy notice, editor guide."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    search_summary_fields = ("intro",)
    search_text_fields = ("body",)
    search_fields = Page.search_fields + LemmaIndexedMixin.lemma_search_fields
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    template = "home/standard_page.html"

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_notice = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_feedback_email = models.EmailField(
        _("accessibility feedback e-mail"),
        blank=True,
        help_text=_("Where visitors report accessibility problems (required by Act 306/2019)."),
    )

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("accessibility_feedback_email"),
        PageChooserPanel("accessibility_statement"),
        PageChooserPanel("privacy_notice"),
    ]

    class Meta:
        verbose_name = _("portal settings")
