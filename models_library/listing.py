"""Queries behind the library listing, the CSV export and the compare view.

The index page calls :func:`library_listing`; the CSV export runs the very same query
(same facets, same sort) without pagination, so an export always equals what the visitor
sees. Everything runs in a fixed number of SQL queries whatever the number of models:
one statement for all facet counts, one per vocabulary for its labels, the page count, the page
of results and one prefetch per relation shown on the cards.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Case, F, IntegerField, Prefetch, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.facets import FacetedQuery
from core.pagination import paginate

from .facets import library_facets
from .models import (
    Adoption,
    DevelopmentStage,
    PracticeModelPage,
)
from .sections import DESCRIPTION_FIELDS

MIN_COMPARE = 2
MAX_COMPARE = 4


# sort key -> (label, ordering); the first is the default.
SORTS = {
    "updated": (gettext_lazy("Last updated"), None),
    "name": (gettext_lazy("Name"), ("title", "pk")),
    "stage": (gettext_lazy("Development stage"), None),
}
DEFAULT_SORT = "updated"


def _stage_rank():
    return Case(
        *[When(development_stage=value, then=Value(rank)) for rank, value in enumerate(DevelopmentStage.values)],
        default=Value(-1),
        output_field=IntegerField(),
    )


def apply_sort(queryset, sort):
    if sort == "name":
        return queryset.order_by("title", "pk")
    if sort == "stage":
        # Most mature first: a visitor looking for something to adopt wants "established".
        return queryset.annotate(stage_order=_stage_rank()).order_by("-stage_order", "title", "pk")
    return queryset.order_by(
        F("source_updated").desc(nulls_last=True), F("last_published_at").desc(nulls_last=True), "pk"
    )


def models_below(index_page):
    """Live, public practice models anywhere below ``index_page``, in its language."""
    return PracticeModelPage.objects.live().public().descendant_of(index_page).filter(locale_id=index_page.locale_id)


def with_card_relations(queryset):
    """What the cards and the CSV read, prefetched: a fixed number of queries."""
    return queryset.select_related("cover_image").prefetch_related(
        "regions",
        "target_groups",
        "themes",
        "organisations",
        "municipalities",
        "funders",
        Prefetch("adoptions", queryset=Adoption.objects.select_related("region", "municipality", "organisation")),
    )


def for_cards(queryset):
    """What the listing's cards read (title, stage, regions, short description): the long
    description sections, attachments and extra sections stay in the database. Reading them
    for 20 cards took 18 of the listing's ~30 ms of SQL at 10 000 models; the six other
    relations that the CSV and the comparison need were six more queries."""
    heavy = [*DESCRIPTION_FIELDS, "extra_sections", "attachments"]
    return queryset.defer(*heavy).prefetch_related("regions")


@dataclass
class Listing:
    query: FacetedQuery
    sort: str
    results: object  # a Page of the paginator, or the full queryset for exports
    messages: list = field(default_factory=list)

    @property
    def count(self):
        return self.results.paginator.count if hasattr(self.results, "paginator") else len(self.results)


def clean_sort(params, messages):
    sort = params.get("sort") or DEFAULT_SORT
    if sort not in SORTS:
        messages.append(
            _("Unknown sort order “%(sort)s”; showing the most recently updated first.") % {"sort": sort[:40]}
        )
        sort = DEFAULT_SORT
    return sort


def filtered_models(index_page, params):
    """(FacetedQuery, sorted queryset, sort, messages) for the GET ``params``. The caller
    chooses what to load with the rows: ``for_cards`` (the listing) or
    ``with_card_relations`` (the CSV export writes every relation)."""
    query = FacetedQuery(models_below(index_page), library_facets(), params)
    messages = list(query.messages)
    sort = clean_sort(params, messages)
    return query, apply_sort(query.queryset(), sort), sort, messages


def library_listing(index_page, request, per_page=None):
    """Everything the listing template needs for this request."""
    query, queryset, sort, messages = filtered_models(index_page, request.GET)
    queryset = for_cards(queryset)
    page = paginate(request, queryset, per_page or settings.LIBRARY_PAGE_SIZE)
    if request.GET.get("page") and request.GET.get("page") != str(page.number):
        messages.append(_("There is no such page of results; showing page %(number)d.") % {"number": page.number})
    return Listing(query=query, sort=sort, results=page, messages=messages)


def _model_id(raw):
    """A page id from the query string, or None when it cannot be one (not a number, or
    out of the range the database stores: such a value must not reach the query)."""
    try:
        value = int(str(raw).strip())
        PracticeModelPage._meta.get_field("page_ptr").target_field.run_validators(value)
    except (TypeError, ValueError, ValidationError):
        return None
    return value if value > 0 else None


def compare_selection(index_page, raw_ids):
    """(models in the requested order, error message or None, HTTP status) for the compare view.

    A value that is not a page id is a bad request (400); a selection of the wrong size or
    of models not in this library is answered with the message and the usual 200.
    """
    ids = []
    for raw in raw_ids[:20]:
        value = _model_id(raw)
        if value is None:
            return [], _("“%(value)s” is not a practice model.") % {"value": str(raw)[:40]}, 400
        if value not in ids:
            ids.append(value)
    if len(ids) < MIN_COMPARE:
        return [], _("Choose at least %(min)d practice models to compare.") % {"min": MIN_COMPARE}, 200
    if len(ids) > MAX_COMPARE:
        return [], _("You can compare at most %(max)d practice models at a time.") % {"max": MAX_COMPARE}, 200
    found = {page.pk: page for page in with_card_relations(models_below(index_page).filter(pk__in=ids))}
    if len(found) != len(ids):
        return [], _("Some of the chosen practice models were not found in this library."), 200
    return [found[pk] for pk in ids], None, 200
