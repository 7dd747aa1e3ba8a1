"""The shape of every controlled vocabulary: one row per concept, a name per language.

Design choice (see ARCHITECTURE "Known pitfalls"): one row per concept with a stable
``code`` and its name in every language, instead of one row per language through
wagtail-localize. Facet values, URLs and API codes are then identical in every language,
page links never point at a snippet in the wrong language (wagtail-localize issue 820) and
the chooser lists each concept once (issue 534). Translators edit the name columns.

Feature apps subclass ``Vocabulary`` (target groups, regions … in models_library; event
languages in events); the editorial roles find every subclass through the app registry.
"""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from .languages import base_language

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
        return getattr(self, f"name_{base_language(language)}", "") or self.name_fi

    @property
    def name(self):
        return self.localized_name()

    def __str__(self):
        return self.name


def vocabulary_models():
    """Every concrete vocabulary model of the installed apps."""
    return [model for model in apps.get_models() if issubclass(model, Vocabulary)]
