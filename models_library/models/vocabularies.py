"""Shared vocabularies: target groups, themes, regions, municipalities, organisations, funders.

Design choice (see ARCHITECTURE "Known pitfalls"): one row per concept with a stable
``code`` and its name in every language, instead of one row per language through
wagtail-localize. Facet values, URLs and API codes are then identical in fi/sv/en, page
links never point at a snippet in the wrong language (wagtail-localize issue 820) and the
chooser lists each concept once (issue 534). Translators edit the name columns.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from core.vocabulary import Vocabulary


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
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
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


# Every vocabulary, in the order editors and the vocabulary loader meet them.
VOCABULARY_MODELS = (Region, Municipality, TargetGroup, Theme, Funder, Organisation)
