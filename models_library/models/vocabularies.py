"""Shared vocabularies: target groups, themes, regions, municipalities, organisations, funders.

Design choice (see ARCHITECTURE "Known pitfalls"): one row per concept with a stable
``code`` and its name in every language, instead of one row per language through
wagtail-localize. Facet values, URLs and API codes are then identical in fi/sv/en, page
links never point at a snippet in the wrong language (wagtail-localize issue 820) and the
chooser lists each concept once (issue 534). Translators edit the name columns.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

NAME_LANGUAGES = ("fi", "sv", "en", "se", "smn", "sms")


class VocabularyQuerySet(models.QuerySet):
    def by_codes(self, codes):
        return self.filter(code__in=list(codes))


class Vocabulary(index.Indexed, models.Model):
    code = models.SlugField(
        _("code"),
        max_length=80,
        unique=True,
        help_text=_("Stable identifier used in addresses, filters and the API. Never change it."),
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=255)
    name_sv = models.CharField(_("name in Swedish"), max_length=255, blank=True)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    name_se = models.CharField(_("name in North Sámi"), max_length=255, blank=True)
    name_smn = models.CharField(_("name in Inari Sámi"), max_length=255, blank=True)
    name_sms = models.CharField(_("name in Skolt Sámi"), max_length=255, blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    objects = VocabularyQuerySet.as_manager()

    search_fields = [
        index.SearchField("name_fi"),
        index.SearchField("name_sv"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_fi"),
        index.FilterField("code"),
    ]

    name_panels = [
        MultiFieldPanel(
            [FieldPanel(f"name_{lang}") for lang in NAME_LANGUAGES],
            heading=_("Names"),
            help_text=_("Finnish is required; an empty translation shows the Finnish name."),
        )
    ]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name_fi"]

    def localized_name(self, language=None):
        language = (language or get_language() or "fi").split("-")[0]
        return getattr(self, f"name_{language}", "") or self.name_fi

    @property
    def name(self):
        return self.localized_name()

    def __str__(self):
        return self.name


class Region(Vocabulary):
    class Kind(models.TextChoices):
        COUNTY = "county", _("Wellbeing services county")
        CITY = "city", _("City responsible for its own services")
        ALAND = "aland", _("Åland")
        NATIONAL = "national", _("National")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COUNTY)

    panels = [FieldPanel("code"), FieldPanel("kind"), *Vocabulary.name_panels, FieldPanel("sort_order")]

    class Meta(Vocabulary.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Municipality(Vocabulary):
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="municipalities"
    )

    panels = [FieldPanel("code"), FieldPanel("region"), *Vocabulary.name_panels]

    class Meta(Vocabulary.Meta):
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name_fi"]


class TargetGroup(Vocabulary):
    panels = [FieldPanel("code"), *Vocabulary.name_panels, FieldPanel("sort_order")]

    class Meta(Vocabulary.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Theme(Vocabulary):
    panels = [FieldPanel("code"), *Vocabulary.name_panels, FieldPanel("sort_order")]

    class Meta(Vocabulary.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Funder(Vocabulary):
    panels = [FieldPanel("code"), *Vocabulary.name_panels, FieldPanel("sort_order")]

    class Meta(Vocabulary.Meta):
        verbose_name = _("funder")
        verbose_name_plural = _("funders")


class Organisation(Vocabulary):
    class Kind(models.TextChoices):
        COUNTY = "county", _("Wellbeing services county")
        MUNICIPALITY = "municipality", _("Municipality")
        NGO = "ngo", _("Non-governmental organisation")
        PARISH = "parish", _("Parish")
        STATE = "state", _("State authority")
        EDUCATION = "education", _("Educational institution")
        RESEARCH = "research", _("Research institute")
        FOUNDATION = "foundation", _("Foundation")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="organisations",
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="organisations",
    )

    panels = [
        FieldPanel("code"),
        FieldPanel("kind"),
        *Vocabulary.name_panels,
        FieldPanel("region"),
        FieldPanel("municipality"),
    ]

    class Meta(Vocabulary.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_fi"]
