"""The six description sections of a practice model (the current Innokylä format).

The one list of them: the page model builds its fields' form panels, API fields and search
text from it; the importers, the CSV export, the listing and the demo loader read it too.
"""

from django.utils.translation import gettext_lazy as _

# (field name, heading), in the order the form and the page show them.
DESCRIPTION_SECTIONS = [
    ("basic_idea", _("Basic idea of the solution")),
    ("operating_environment", _("Operating environment")),
    ("target_group_insight", _("Target group and customer insight")),
    ("adoption_conditions", _("Conditions for operation and adoption")),
    ("evaluation_summary", _("Evaluation results in brief")),
    ("tips_for_adopters", _("Tips for adopters")),
]
DESCRIPTION_FIELDS = tuple(name for name, _heading in DESCRIPTION_SECTIONS)
