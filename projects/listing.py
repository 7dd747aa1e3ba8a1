"""The project listing: live projects below the index, in its language, faceted.

Fixed number of queries: one for all facet counts, one per vocabulary for its labels, the
count, the page of results and one prefetch per relation shown on the cards.
"""

from dataclasses import dataclass, field

from django.db.models import F
from django.utils.translation import gettext as _

from core.facets import FacetedQuery
from core.pagination import paginate

from .facets import project_facets, with_phase
from .models import ProjectPage

PAGE_SIZE = 20


@dataclass
class Listing:
    query: FacetedQuery
    results: object
    messages: list = field(default_factory=list)

    @property
    def count(self):
        return self.results.paginator.count


def projects_below(index_page, today=None):
    return with_phase(
        ProjectPage.objects.live().public().descendant_of(index_page).filter(locale_id=index_page.locale_id), today
    )


def project_listing(index_page, request, per_page=None, today=None):
    query = FacetedQuery(projects_below(index_page, today), project_facets(), request.GET)
    messages = list(query.messages)
    # Running projects first, then the most recently started.
    queryset = (
        query.queryset()
        .order_by(F("end_date").desc(nulls_first=True), F("start_date").desc(nulls_last=True), "title", "pk")
        .select_related("lead_organisation")
        .prefetch_related("regions", "funders")
    )
    page = paginate(request, queryset, per_page or PAGE_SIZE)
    if request.GET.get("page") and request.GET.get("page") != str(page.number):
        messages.append(_("There is no such page of results; showing page %(number)d.") % {"number": page.number})
    return Listing(query=query, results=page, messages=messages)
