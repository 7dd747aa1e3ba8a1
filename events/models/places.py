"""Places where events are held: a reusable snippet chosen on events.

A place is a vocabulary row (one row, its texts in every language), like the other shared
vocabularies: an event page in any language points at the same place, and editors correct
an address once for every event held there.
"""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.languages import base_language
from core.vocabulary import Vocabulary

TEXT_LANGUAGES = ("fi", "sv", "en")


class Place(Vocabulary):
    """A venue: name (per language), postal address, coordinates, accessibility, directions."""

    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    postal_code = models.CharField(
        _("postal code"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", _("A Finnish postal code has five digits."))],
    )
    municipality = models.ForeignKey(
        "models_library.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="places",
    )
    # WGS84 decimal degrees. Empty: maps and "near me" use the municipality's centre.
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(59), MaxValueValidator(71)],
        help_text=_("Decimal degrees, e.g. 66.71361. Leave empty to use the municipality's centre."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(19), MaxValueValidator(32)],
        help_text=_("Decimal degrees, e.g. 27.43194."),
    )
    accessibility_fi = models.TextField(_("accessibility in Finnish"), blank=True)
    accessibility_sv = models.TextField(_("accessibility in Swedish"), blank=True)
    accessibility_en = models.TextField(_("accessibility in English"), blank=True)
    directions_fi = models.TextField(_("how to get there, in Finnish"), blank=True)
    directions_sv = models.TextField(_("how to get there, in Swedish"), blank=True)
    directions_en = models.TextField(_("how to get there, in English"), blank=True)

    panels = [
        FieldPanel("code"),
        *Vocabulary.name_panels,
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("municipality")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Address and location"),
        ),
        MultiFieldPanel(
            [FieldPanel(f"accessibility_{lang}") for lang in TEXT_LANGUAGES],
            heading=_("Accessibility"),
            help_text=_("Facts a visitor needs: step-free entrance, accessible toilet, induction loop, parking."),
        ),
        MultiFieldPanel(
            [FieldPanel(f"directions_{lang}") for lang in TEXT_LANGUAGES],
            heading=_("How to get there"),
        ),
    ]

    class Meta(Vocabulary.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name_fi"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="events_place_lat_lon")]

    def _localized_text(self, field, language=None):
        return getattr(self, f"{field}_{base_language(language)}", "") or getattr(self, f"{field}_fi")

    @property
    def accessibility(self):
        return self._localized_text("accessibility")

    @property
    def directions(self):
        return self._localized_text("directions")

    @property
    def postal_line(self):
        """ "99100 Kittilä": postal code and post town as on a Finnish letter."""
        return " ".join(part for part in (self.postal_code, self.municipality.name) if part)
