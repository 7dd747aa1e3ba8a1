"""The glossary of the library's scales: development stages, evidence levels, cost bands
and the two region filters. One source for the glossary page and the badges' links."""

from django.utils.translation import gettext_lazy as _

from .models import COST_BAND_DEFINITIONS, EVIDENCE_DEFINITIONS, CostBand, DevelopmentStage, EvidenceLevel

STAGE_DEFINITIONS = {
    DevelopmentStage.IDEA: _("A described idea or plan: the model has not yet been tried in practice."),
    DevelopmentStage.IN_DEVELOPMENT: _(
        "The model is being developed and tried out; its description and tools may still change."
    ),
    DevelopmentStage.READY: _(
        "The model has been tried out, described and is ready to be taken into use by other organisations."
    ),
    DevelopmentStage.ESTABLISHED: _(
        "The model is part of everyday work in the organisations that run it, with its own "
        "resources, beyond the project that developed it."
    ),
}

REGION_DEFINITIONS = [
    (
        "region",
        _("Region"),
        _(
            "The wellbeing services county, city or area where the model was developed and where its "
            "developers run it ('National' for nationwide models)."
        ),
    ),
    (
        "adopted_in",
        _("Adopted in region"),
        _(
            "Regions where other organisations or municipalities report that they have taken the model "
            "into use. A model developed in Lapland and adopted in Pirkanmaa is listed under Lapland "
            "in the first filter and under Pirkanmaa in this one."
        ),
    ),
]


def glossary_sections():
    """[(anchor, heading, intro, [(anchor, term, definition)])] in the order the page shows them."""

    def terms(prefix, choices, definitions):
        return [(f"{prefix}-{value}", label, definitions[value]) for value, label in choices.choices]

    return [
        (
            "stages",
            _("Development stages"),
            _("How far the model has been developed. The stage says nothing about evidence: see the next list."),
            terms("stage", DevelopmentStage, STAGE_DEFINITIONS),
        ),
        (
            "evidence",
            _("Evidence levels"),
            _(
                "How strong the reported evidence is that the model works, from weakest to strongest. "
                "The level is set from what the model's description and evaluation reports state."
            ),
            terms("evidence", EvidenceLevel, EVIDENCE_DEFINITIONS),
        ),
        (
            "costs",
            _("Cost bands"),
            _(
                "The estimated cost of the first year: the upper estimates of the one-off and the yearly "
                "costs added up, in euros."
            ),
            terms("cost", CostBand, COST_BAND_DEFINITIONS),
        ),
        (
            "regions",
            _("Region filters"),
            _("The library has two filters by region, which answer different questions."),
            [(f"region-{code}", label, text) for code, label, text in REGION_DEFINITIONS],
        ),
    ]
