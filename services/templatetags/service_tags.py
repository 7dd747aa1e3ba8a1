"""``{% services_for page %}``: the services that name a practice model (e.g. the activities
a Hyvinvointilähete link worker can refer to). The library sits below this app and does not
import it; its model page includes ``services/includes/model_services.html``."""

from django import template

from ..models import ServicePage

register = template.Library()
MAX_SERVICES = 20


def services_for_model(page):
    """Live services in ``page``'s language that list the model (any language version of it)."""
    if page is None or not page.pk:
        return []
    linking = ServicePage.objects.filter(related_models__translation_key=page.translation_key).values("translation_key")
    return list(
        ServicePage.objects.live()
        .public()
        .filter(locale_id=page.locale_id, translation_key__in=linking)
        .select_related("provider")
        .order_by("title")[:MAX_SERVICES]
    )


@register.inclusion_tag("services/includes/model_services.html")
def services_for(page):
    return {"services": services_for_model(page)}
