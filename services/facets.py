"""The service tray's facets (the shared engine of core.facets)."""

from django.utils.translation import gettext_lazy as _

from core.facets import Facet, enum_choices, vocabulary_choices
from events.models import EventLanguage
from models_library.models import Municipality, Organisation, TargetGroup, Theme

from .models import AccessMethod, Cost

# The provider kinds a service tray lists (Organisation.Kind has more, for the library).
PROVIDER_KINDS = ("county", "municipality", "ngo", "parish", "other")


def provider_kind_choices():
    labels = dict(Organisation.Kind.choices)
    return [(code, str(labels[code])) for code in PROVIDER_KINDS]


def service_facets():
    """The facets in the order the panel shows them (lookups from ServicePage)."""
    return [
        Facet("target_group", _("For whom"), "target_groups__code", vocabulary_choices(TargetGroup), many=True),
        Facet("theme", _("Theme"), "themes__code", vocabulary_choices(Theme), many=True),
        Facet("provider", _("Provider"), "provider__kind", provider_kind_choices),
        Facet("access", _("How to get in"), "access_methods__code", vocabulary_choices(AccessMethod), many=True),
        Facet("cost", _("Cost"), "cost", enum_choices(Cost), show_empty=True),
        Facet("language", _("Language served"), "languages__code", vocabulary_choices(EventLanguage), many=True),
        # A service is in a municipality when it covers the whole municipality or has a place there.
        Facet(
            "municipality",
            _("Municipality"),
            "municipalities__code",
            vocabulary_choices(Municipality),
            many=True,
            also=(("places__municipality__code", {}),),
        ),
    ]
