"""The facet engine shared by the library listing, the event calendar and site search.

A facet is a GET parameter whose values are codes (vocabulary codes or choice values).
Semantics: OR within a facet, AND across facets. Counts for a facet are computed with
every *other* facet applied, so a visitor sees how many results each value would give.

Counts come from the ORM, not from the search backend (see ARCHITECTURE "Known
pitfalls": Wagtail's .facet() over-counts after many-to-many joins and OpenSearch returns
at most 10 buckets). Filtering across a to-many relation goes through a ``pk__in``
subquery, so no join ever duplicates rows. Query count is fixed: one query per facet for
its counts, one per vocabulary for its labels, whatever the amount of data.

Parameters are untrusted: unknown codes are dropped with a message, never a 500.
"""

from dataclasses import dataclass, field
from typing import Callable

import django_filters
from django.db.models import Count
from django.utils.translation import gettext as _

MAX_VALUES_PER_FACET = 50
MAX_VALUE_LENGTH = 100


@dataclass(frozen=True)
class Facet:
    name: str  # GET parameter
    label: str
    lookup: str  # ORM path from the listed model to the value code
    choices: Callable[[], list]  # () -> [(code, label)] in display order
    many: bool = False  # the lookup crosses a to-many relation
    show_empty: bool = False  # list values with no results too (short fixed lists)
    # Optional: a facet value that stands for several stored values, e.g. "online" ->
    # ("online", "hybrid"). Only for single-valued lookups (counts are summed).
    expand: dict | None = None

    def stored_values(self, values):
        if not self.expand:
            return list(values)
        return sorted({stored for code in values for stored in self.expand.get(code, (code,))})

    def count_for(self, code, counts):
        if not self.expand:
            return counts.get(code, 0)
        return sum(counts.get(stored, 0) for stored in self.expand.get(code, (code,)))

    def filter_queryset(self, queryset, values):
        if not values:
            return queryset
        values = self.stored_values(values)
        if self.many:
            inner = queryset.model._default_manager.filter(**{f"{self.lookup}__in": values})
            return queryset.filter(pk__in=inner.values("pk"))
        return queryset.filter(**{f"{self.lookup}__in": values})


def vocabulary_choices(model, queryset=None):
    """Choices from a vocabulary model: codes with names in the active language."""

    def load():
        rows = (queryset if queryset is not None else model.objects.all()).order_by(
            *model._meta.ordering
        )
        return [(row.code, row.name) for row in rows]

    return load


def enum_choices(text_choices):
    return lambda: [(value, str(label)) for value, label in text_choices.choices]


@dataclass
class FacetValue:
    code: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetResult:
    facet: Facet
    values: list = field(default_factory=list)

    @property
    def name(self):
        return self.facet.name

    @property
    def label(self):
        return self.facet.label

    @property
    def selected(self):
        return [v for v in self.values if v.selected]

    @property
    def has_selection(self):
        return any(v.selected for v in self.values)


def build_filterset_class(model, facets):
    """A django-filter FilterSet with one OR-combining multiple-choice filter per facet."""
    attrs = {}
    for facet in facets:

        def method(queryset, name, value, facet=facet):
            return facet.filter_queryset(queryset, value)

        attrs[facet.name] = django_filters.MultipleChoiceFilter(
            label=facet.label, choices=[], method=method
        )
    meta = type("Meta", (), {"model": model, "fields": []})
    attrs["Meta"] = meta
    return type(f"{model.__name__}FacetFilterSet", (django_filters.FilterSet,), attrs)


class FacetedQuery:
    """Apply facets from request parameters to a base queryset and count their values."""

    def __init__(self, base_queryset, facets, params):
        self.base_queryset = base_queryset
        self.facets = list(facets)
        self.params = params
        self.messages = []
        self._choices = {}
        self.selected = self._clean(params)
        self.filterset_class = build_filterset_class(base_queryset.model, self.facets)

    # -- parameters ------------------------------------------------------------
    def choices(self, facet):
        if facet.name not in self._choices:
            self._choices[facet.name] = list(facet.choices())
        return self._choices[facet.name]

    def _clean(self, params):
        selected = {}
        for facet in self.facets:
            raw = [v for v in params.getlist(facet.name) if v != ""] if hasattr(params, "getlist") else []
            if not raw:
                selected[facet.name] = []
                continue
            known = {code for code, _label in self.choices(facet)}
            values, unknown = [], []
            for value in raw[:MAX_VALUES_PER_FACET]:
                value = value.strip()[:MAX_VALUE_LENGTH]
                if value in known:
                    if value not in values:
                        values.append(value)
                else:
                    unknown.append(value)
            if len(raw) > MAX_VALUES_PER_FACET:
                self.messages.append(
                    _("Only the first %(count)d values of the filter “%(facet)s” were used.")
                    % {"count": MAX_VALUES_PER_FACET, "facet": facet.label}
                )
            if unknown:
                self.messages.append(
                    _("The filter “%(facet)s” has no value “%(value)s”; it was ignored.")
                    % {"facet": facet.label, "value": ", ".join(unknown[:3])}
                )
            selected[facet.name] = values
        return selected

    def _data(self, without=None):
        return {name: values for name, values in self.selected.items() if values and name != without}

    def _filterset(self, without=None, queryset=None):
        filterset = self.filterset_class(
            data=self._data(without), queryset=queryset if queryset is not None else self.base_queryset
        )
        for facet in self.facets:
            filterset.filters[facet.name].extra["choices"] = self.choices(facet)
        return filterset

    # -- results -----------------------------------------------------------------
    @property
    def active(self):
        return any(self.selected.values())

    def queryset(self):
        """The base queryset with every selected facet applied."""
        filterset = self._filterset()
        if not filterset.is_valid():  # cannot happen after _clean; keep the user's page working
            return self.base_queryset
        return filterset.qs

    def facet_results(self):
        """Values with counts per facet, each counted with the other facets applied."""
        results = []
        for facet in self.facets:
            qs = self._filterset(without=facet.name).qs
            counts = dict(
                qs.order_by()
                .values_list(facet.lookup)
                .annotate(n=Count("pk", distinct=True))
                .values_list(facet.lookup, "n")
            )
            chosen = set(self.selected[facet.name])
            values = [
                FacetValue(code=code, label=label, count=facet.count_for(code, counts), selected=code in chosen)
                for code, label in self.choices(facet)
                if facet.show_empty or facet.count_for(code, counts) or code in chosen
            ]
            results.append(FacetResult(facet=facet, values=values))
        return results

    def active_filters(self):
        """(facet, code, label, query string without this value) for the 'remove' links."""
        out = []
        for facet in self.facets:
            labels = dict(self.choices(facet))
            for code in self.selected[facet.name]:
                params = self.params.copy()
                params.setlist(facet.name, [v for v in self.selected[facet.name] if v != code])
                params.pop("page", None)
                out.append({"facet": facet, "code": code, "label": labels.get(code, code), "query": params.urlencode()})
        return out
