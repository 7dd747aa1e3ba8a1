"""The library's facets: defined once, used by the library listing and by site search."""

import dataclasses

from django.utils.translation import gettext_lazy, pgettext_lazy

from core.facets import Facet, enum_choices, vocabulary_choices

from .models import DevelopmentStage, Organisation, Region, TargetGroup, Theme

# The facets site search offers beside its result type (the others are the library's own).
SEARCH_FACETS = ("target_group", "region", "stage", "theme")


def library_facets():
    """The library's facets, in the order the panel shows them (lookups from PracticeModelPage)."""
    return [
        Facet(
            "target_group",
            gettext_lazy("Target group"),
            "target_groups__code",
            vocabulary_choices(TargetGroup),
            many=True,
        ),
        Facet("region", gettext_lazy("Region"), "regions__code", vocabulary_choices(Region), many=True),
        Facet(
            "stage",
            gettext_lazy("Development stage"),
            "development_stage",
            enum_choices(DevelopmentStage),
            show_empty=True,
        ),
        Facet("theme", gettext_lazy("Theme"), "themes__code", vocabulary_choices(Theme), many=True),
        Facet(
            "organisation",
            pgettext_lazy("a body such as a municipality or association", "Organisation"),
            "organisations__code",
            vocabulary_choices(Organisation),
            many=True,
        ),
        Facet(
            "adopted_in",
            gettext_lazy("Adopted in region"),
            "adoptions__region__code",
            vocabulary_choices(Region),
            many=True,
        ),
    ]


def search_facets():
    """The same facets counted over ``Page`` (site search): lookups through the page's
    practice-model row, and only values that have results (search lists are long)."""
    return [
        dataclasses.replace(facet, lookup=f"practicemodelpage__{facet.lookup}", show_empty=False)
        for facet in library_facets()
        if facet.name in SEARCH_FACETS
    ]
