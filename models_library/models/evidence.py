"""Evidence levels and cost bands: fixed ordered vocabularies with public definitions.

The definitions are shown on the glossary page (``models_library.glossary``) and the scale
is argued in docs/library.md (EU Best Practice Portal, Xchange, Blueprints).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EvidenceLevel(models.TextChoices):
    """Ordered from weakest to strongest; separate from the development stage, since a
    mature model can be unevaluated and a young one externally evaluated."""

    NOT_EVALUATED = "not_evaluated", _("Not evaluated yet")
    SELF_ASSESSED = "self_assessed", _("Self-assessed")
    EXTERNALLY_EVALUATED = "externally_evaluated", _("Externally evaluated")
    RESEARCH_EVIDENCE = "research_evidence", _("Research evidence of effectiveness")


EVIDENCE_DEFINITIONS = {
    EvidenceLevel.NOT_EVALUATED: _(
        "No evaluation of the model has been reported. This says nothing about whether the model "
        "works, only that it has not been shown yet."
    ),
    EvidenceLevel.SELF_ASSESSED: _(
        "The developers or their project partners have assessed the model themselves, for example "
        "with Innokylä's assessment tools, feedback surveys or interviews, and report the results."
    ),
    EvidenceLevel.EXTERNALLY_EVALUATED: _(
        "An organisation outside the development project (a university, a research institute such "
        "as THL, or an evaluation company) has evaluated how the model is carried out or what it "
        "achieves, and the evaluation is available."
    ),
    EvidenceLevel.RESEARCH_EVIDENCE: _(
        "A study with a comparison group or a systematic review shows that the model improves the "
        "outcomes it aims at, and the study is available."
    ),
}


class CostBand(models.TextChoices):
    """The estimated cost in the first year (one-off plus yearly, upper estimates), in euros."""

    NO_EXTRA_COST = "no_extra_cost", _("No extra cost")
    UNDER_10K = "under_10k", _("Under €10,000")
    FROM_10K_TO_50K = "10k_50k", _("€10,000–50,000")
    OVER_50K = "over_50k", _("Over €50,000")
    NOT_REPORTED = "not_reported", _("Costs not reported")


COST_BAND_DEFINITIONS = {
    CostBand.NO_EXTRA_COST: _(
        "The model can be taken into use within existing staff and budgets: the developers report "
        "no one-off or yearly costs beyond them."
    ),
    CostBand.UNDER_10K: _("The estimated cost in the first year (one-off and yearly costs) is under €10,000."),
    CostBand.FROM_10K_TO_50K: _("The estimated cost in the first year is €10,000–50,000."),
    CostBand.OVER_50K: _("The estimated cost in the first year is over €50,000."),
    CostBand.NOT_REPORTED: _("The developers have not reported what taking the model into use costs."),
}


def _upper(low, high):
    return high if high is not None else low


def cost_band_for(no_extra_cost, one_off_min, one_off_max, yearly_min, yearly_max):
    """The band of the first year's cost: the upper estimates of the one-off and the yearly
    cost added up (a municipality budgets for the upper end). Nothing reported stays
    "not reported", never "no extra cost"."""
    if no_extra_cost:
        return CostBand.NO_EXTRA_COST
    one_off, yearly = _upper(one_off_min, one_off_max), _upper(yearly_min, yearly_max)
    if one_off is None and yearly is None:
        return CostBand.NOT_REPORTED
    total = (one_off or 0) + (yearly or 0)
    if total == 0:
        return CostBand.NO_EXTRA_COST
    if total < 10_000:
        return CostBand.UNDER_10K
    if total <= 50_000:
        return CostBand.FROM_10K_TO_50K
    return CostBand.OVER_50K
