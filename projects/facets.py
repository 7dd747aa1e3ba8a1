"""The project listing's facets (the shared engine of core.facets).

Whether a project is running depends on today's date, so it is not stored: the listing's
base queryset carries it as an annotation (``phase``), which the engine reads like any
single-valued field.
"""

from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.facets import Facet, enum_choices, vocabulary_choices
from models_library.models import Funder, Region, Theme


class Phase(models.TextChoices):
    PLANNED = "planned", _("Starting later")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


def with_phase(queryset, today=None):
    today = today or timezone.localdate()
    return queryset.annotate(
        phase=Case(
            When(end_date__lt=today, then=Value(Phase.ENDED)),
            When(start_date__gt=today, then=Value(Phase.PLANNED)),
            When(Q(start_date__isnull=True) & Q(end_date__isnull=True), then=Value(Phase.ACTIVE)),
            default=Value(Phase.ACTIVE),
            output_field=models.CharField(),
        )
    )


def project_facets():
    return [
        Facet("region", _("Region"), "regions__code", vocabulary_choices(Region), many=True),
        Facet("funder", pgettext_lazy("project", "Funder"), "funders__code", vocabulary_choices(Funder), many=True),
        Facet("theme", _("Theme"), "themes__code", vocabulary_choices(Theme), many=True),
        Facet("phase", _("Status"), "phase", enum_choices(Phase), show_empty=True),
    ]
