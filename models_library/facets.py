"""The library's facets: defined once, used by the library listing and by site search."""

import dataclasses

from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy, pgettext_lazy

from core.facets import Facet, Link, enum_choices, vocabulary_choices

from .models import AdoptionReport, CostBand, DevelopmentStage, EvidenceLevel, Organisation, Region, TargetGroup, Theme

# The facets site search offers beside its result type (the others are the library's own).
SEARCH_FACETS = ("target_group", "region", "stage", "evidence", "cost", "theme")


def glossary_url(anchor):
    return format_lazy("{}#{}", reverse_lazy("library-glossary"), anchor)


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
        Facet(
            "region",
            gettext_lazy("Region"),
            "regions__code",
            vocabulary_choices(Region),
            many=True,
            help_text=gettext_lazy("Where the model was developed and is run by its developers."),
            help_url=glossary_url("regions"),
        ),
        Facet(
            "stage",
            gettext_lazy("Development stage"),
            "development_stage",
            enum_choices(DevelopmentStage),
            show_empty=True,
            help_url=glossary_url("stages"),
        ),
        Facet(
            "evidence",
            gettext_lazy("Evidence level"),
            "evidence_level",
            enum_choices(EvidenceLevel),
            show_empty=True,
            help_url=glossary_url("evidence"),
        ),
        Facet(
            "cost",
            gettext_lazy("Cost band"),
            "cost_band",
            enum_choices(CostBand),
            show_empty=True,
            help_text=gettext_lazy("Estimated cost in the first year, one-off and yearly costs together."),
            help_url=glossary_url("costs"),
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
            # Approved reports from the public count too (models/reports.py), whichever
            # language version of the model they were filed on.
            also=(Link(AdoptionReport, "model_versions__id", "region__code", {"state": "approved"}),),
            help_text=gettext_lazy("Where other organisations have taken the model into use."),
            help_url=glossary_url("regions"),
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
