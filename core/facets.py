"""The facet engine shared by the library listing, the event calendar and site search.

A facet is a GET parameter whose values are codes (vocabulary codes or choice values).
Semantics: OR within a facet, AND across facets. Counts for a facet are computed with
every *other* facet applied, so a visitor sees how many results each value would give.

Counts come from the ORM, not from the search backend (see ARCHITECTURE "Known
pitfalls": Wagtail's .facet() over-counts after many-to-many joins and OpenSearch returns
at most 10 buckets). Filtering across a to-many relation goes through a ``pk__in``
subquery, so no join ever duplicates rows. Query count is fixed, whatever the amount of
data: one statement counts every facet (``count_facet_values``), one query per vocabulary
loads its labels.

Parameters are untrusted: unknown codes are dropped with a message, never a 500.
"""

import hashlib
import json
import logging
import pickle
import threading
import time
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable

import django_filters
from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import BooleanField, F, Func, Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from .pagecache import current_generation, page_cache

logger = logging.getLogger(__name__)

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
    # Optional: more to-many lookups whose values count for the same facet, each with
    # conditions on its rows: ((lookup, {field: value}), …) or a ``Link`` to rows that the
    # listed model has no relation to (e.g. reports filed on another language version).
    # A value found through several counts the object once.
    also: tuple = ()
    # Optional: a sentence under the heading, and a link to where the values are defined
    # (lazy strings: they follow the active language).
    help_text: str = ""
    help_url: str | None = None

    def sources(self):
        """Where the values come from, its own lookup first: (lookup, conditions) or ``Link``."""
        return [(self.lookup, {}), *self.also]

    def links(self, model):
        """The link rows of each source from ``model`` (``_source_rows``)."""
        return [_source_rows(model, source) for source in self.sources()]

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
            matches = Q()
            for source in self.sources():
                links = _source_rows(queryset.model, source)
                if links is not None:  # read the link table alone, not the wide page tables again
                    rows, page_path, value_path = links
                    matches |= Q(pk__in=rows.filter(**{f"{value_path}__in": values}).values(page_path))
                else:  # a (lookup, conditions) pair: a Link always has its rows
                    lookup, conditions = source
                    inner = queryset.model._default_manager.filter(**{f"{lookup}__in": values}, **conditions)
                    matches |= Q(pk__in=inner.values("pk"))
            return queryset.filter(matches)
        return queryset.filter(**{f"{self.lookup}__in": values})


def vocabulary_choices(model, queryset=None):
    """Choices from a vocabulary model: codes with names in the active language."""

    def load():
        rows = (queryset if queryset is not None else model.objects.all()).order_by(*model._meta.ordering)
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

        attrs[facet.name] = django_filters.MultipleChoiceFilter(label=facet.label, choices=[], method=method)
    meta = type("Meta", (), {"model": model, "fields": []})
    attrs["Meta"] = meta
    return type(f"{model.__name__}FacetFilterSet", (django_filters.FilterSet,), attrs)


class FacetedQuery:
    """Apply facets from request parameters to a base queryset and count their values."""

    def __init__(self, base_queryset, facets, params, within=None):
        """``within``: an optional set of ids (e.g. the pages matching a search) that limits
        the base set. The base queryset itself stays the same for every ``within``, so the
        membership memo built for it is shared by all of them."""
        self.base_queryset = base_queryset
        self.within = within
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

    def _limited_base(self):
        if self.within is None:
            return self.base_queryset
        return self.base_queryset.filter(InIds("pk", self.within))

    def _filterset(self):
        data = {name: values for name, values in self.selected.items() if values}
        filterset = self.filterset_class(data=data, queryset=self._limited_base())
        for facet in self.facets:
            filterset.filters[facet.name].extra["choices"] = self.choices(facet)
        return filterset

    # -- results -----------------------------------------------------------------
    @property
    def active(self):
        return any(self.selected.values())

    def queryset(self):
        """The base queryset with every selected facet applied.

        With the memo on and something selected, the matching ids come from the memo and
        the query reads just those rows by primary key; the link-table subqueries it
        replaces took ~20 ms at 10 000 models for three facets. Nothing selected: the plain
        base, whose ordered index scan needs no id list."""
        membership = self._membership() if (self.active or self.within is not None) else None
        if membership is not None:
            ids = membership.matching(self.facets, self.selected, self.within)
            return self.base_queryset.filter(InIds("pk", ids))
        filterset = self._filterset()
        if not filterset.is_valid():  # cannot happen after _clean; keep the user's page working
            return self._limited_base()
        return filterset.qs

    def uses_memo(self):
        """True when ``ids()`` comes from the membership memo (no SQL for the filter)."""
        return self._membership() is not None

    def _membership(self):
        if not hasattr(self, "_membership_memo"):
            self._membership_memo = membership_for(self.base_queryset, self.facets)
        return self._membership_memo

    def ids(self):
        """The set of ids of ``queryset()``: from the membership memo when it is on, so a
        search does not send its matches to the database again."""
        membership = self._membership()
        if membership is None:
            return set(self.queryset().values_list("pk", flat=True))
        return membership.matching(self.facets, self.selected, self.within)

    def facet_results(self):
        """Values with counts per facet, each counted with the other facets applied."""
        counts = count_facet_values(
            self.base_queryset, self.facets, self.selected, within=self.within, membership=self._membership()
        )
        results = []
        for facet in self.facets:
            facet_counts = counts.get(facet.name, {})
            chosen = set(self.selected[facet.name])
            values = [
                FacetValue(code=code, label=label, count=facet.count_for(code, facet_counts), selected=code in chosen)
                for code, label in self.choices(facet)
                if facet.show_empty or facet.count_for(code, facet_counts) or code in chosen
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


# -- counting ----------------------------------------------------------------------------
# All facets are counted in ONE statement. The base set (e.g. the live Finnish models below
# the library) is evaluated once, in a CTE, together with the value of every single-valued
# facet. Each to-many facet reads its link rows (the many-to-many table, or the rows of a
# reverse foreign key) for the base ids only, never re-joining the wide page tables. Counting
# each facet "with the other facets applied" is a condition per active facet on the one
# aggregate. Per-facet COUNT(DISTINCT) queries re-evaluated the base set once per facet:
# at 10 000 models that was 6 × 30–90 ms (bench/README.md).
BASE_CTE = "facet_base"
MEMBERS_CTE = "facet_members"


@dataclass(frozen=True)
class Link:
    """Rows that give an object of the listed model a facet value without a relation from
    that model: ``model`` rows matching ``conditions``, ``page_path`` from a row to the
    object's pk, ``value_path`` to the value. A row may reach several objects (one per
    language version of a page, for instance)."""

    model: type
    page_path: str
    value_path: str
    conditions: dict = field(default_factory=dict)

    def rows(self):
        rows = self.model._default_manager.filter(**self.conditions).distinct()
        return rows, self.page_path, self.value_path


def _source_rows(model, source):
    """(rows, path from a row to the object's pk, path to the value) of one facet source,
    or None for a lookup that has to be read through the wide tables."""
    if isinstance(source, Link):
        return source.rows()
    return _link_rows(model, *source)


def _link_rows(model, lookup, conditions=None):
    """(queryset of the rows that hold ``lookup`` for an object, path from those rows to the
    object's pk, path to the value), or None when ``lookup`` is not a to-many hop that can be
    read from its own table. ``conditions`` filter the rows of a reverse foreign key."""
    parts = lookup.split("__")
    # A parent page -> child page hop (Page -> PracticeModelPage) keeps the same pk.
    while len(parts) > 1:
        field = model._meta.get_field(parts[0])
        if not (
            field.one_to_one
            and not field.concrete
            and field.related_model._meta.pk.remote_field
            and field.related_model._meta.pk.remote_field.model is model
        ):
            break
        model, parts = field.related_model, parts[1:]
    field = model._meta.get_field(parts[0])
    rest = parts[1:]
    if field.many_to_many and field.concrete:
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        # (source, target) pairs are unique in a many-to-many table: no DISTINCT needed.
        return through._default_manager.all(), source, "__".join([target, *rest])
    if field.one_to_many and rest:
        # Two adoptions in one region are one value for the facet.
        rows = field.related_model._default_manager.filter(**(conditions or {}))
        return rows.distinct(), field.field.name, "__".join(rest)
    return None


def _compile(queryset):
    return queryset.query.get_compiler(using=queryset.db).as_sql()


class InIds(Func):
    """``<field> IN ids`` as a filter for a set of ids of any size, with the ids as one bound
    parameter (not one placeholder per id): ``queryset.filter(InIds("pk", ids))``.

    PostgreSQL: an array, unnested. (``= ANY(array)`` was tried for the calendar's first
    page at 10 000 models: its execution is faster, a hash of the array, but planning a
    3 500-element constant costs as much; no gain.) SQLite: ``json_each`` of a JSON list."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, field, ids):
        super().__init__(F(field))
        self.ids = sorted(int(pk) for pk in ids)

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            return f"{column} IN (SELECT unnest(%s::integer[]))", [*params, self.ids]
        if connection.vendor == "sqlite":
            return f"{column} IN (SELECT value FROM json_each(%s))", [*params, json.dumps(self.ids)]
        if not self.ids:
            return "1 = 0", params
        return f"{column} IN ({', '.join(['%s'] * len(self.ids))})", [*params, *self.ids]


def count_facet_values(base_queryset, facets, selected, within=None, membership=False):
    """{facet name: {stored value: number of distinct objects}}, each facet counted over the
    base set (limited to the ids in ``within``, when given) filtered by every *other*
    facet's selected values. ``membership``: the memo entry when the caller has it
    (None: memo off)."""
    counts = {facet.name: {} for facet in facets}
    if not facets:
        return counts
    if membership is False:  # not looked up by the caller yet
        membership = membership_for(base_queryset, facets)
    if membership is not None:
        for index, value_counts in membership.counts(facets, selected, within).items():
            counts[facets[index].name] = value_counts
        return counts
    if within is not None:
        base_queryset = base_queryset.filter(InIds("pk", within))
    try:
        with_sql, with_params = _members_cte(base_queryset.order_by(), facets)
    except EmptyResultSet:  # e.g. a base of "pk IN ()"
        return counts
    connection = connections[base_queryset.db]
    conditions, condition_params = [], []
    for index, facet in enumerate(facets):
        values = facet.stored_values(selected.get(facet.name) or [])
        if not values:
            continue
        placeholders = ", ".join(["%s"] * len(values))
        conditions.append(
            f"AND (facet = {index} OR page IN (SELECT page FROM {MEMBERS_CTE} "
            f"WHERE facet = {index} AND value IN ({placeholders})))"
        )
        condition_params.extend(values)
    # Every (facet, page, value) row is distinct by construction, so COUNT(*) suffices
    # (COUNT(DISTINCT) would force a sort of all rows).
    sql = (
        f"{with_sql} SELECT facet, value, COUNT(*) FROM {MEMBERS_CTE} "
        f"WHERE value IS NOT NULL {' '.join(conditions)} GROUP BY facet, value"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*with_params, *condition_params])
        for index, value, number in cursor.fetchall():
            counts[facets[index].name][value] = number
    return counts


def _members_cte(base, facets):
    """``WITH facet_base AS (…), facet_members AS (…)``: one row per (facet, object, value)."""
    singles = {}
    links = {}
    for index, facet in enumerate(facets):
        rows = facet.links(base.model) if facet.many else []
        if not rows or any(row is None for row in rows):
            singles[index] = f"facet_v{index}"
        else:
            links[index] = rows
    base_sql, base_params = _compile(
        base.values(facet_page=F("pk"), **{alias: F(facets[i].lookup) for i, alias in singles.items()})
    )
    base_ids = RawSQL(f"SELECT facet_page FROM {BASE_CTE}", [])
    members, member_params = [], []
    for index, facet in enumerate(facets):
        if index in singles:
            members.append(
                f"SELECT {index} AS facet, facet_page AS page, CAST({singles[index]} AS TEXT) AS value FROM {BASE_CTE}"
            )
            continue
        parts = []
        for rows, page_path, value_path in links[index]:
            sql, params = _compile(
                rows.filter(**{f"{page_path}__in": base_ids})
                .order_by()
                .values(facet_page=F(page_path), facet_value=F(value_path))
            )
            parts.append(f"SELECT facet_page, facet_value FROM ({sql}) p{len(parts)}")
            member_params.extend(params)
        # UNION (not ALL) across a facet's lookups keeps each (object, value) once.
        members.append(
            f"SELECT {index} AS facet, m.facet_page AS page, CAST(m.facet_value AS TEXT) AS value "
            f"FROM ({' UNION '.join(parts)}) m"
        )
    sql = f"WITH {BASE_CTE} AS ({base_sql}), {MEMBERS_CTE} AS ({' UNION ALL '.join(members)})"
    return sql, [*base_params, *member_params]


# -- the membership memo ------------------------------------------------------------------
# With FACET_CACHE_SECONDS > 0, the (facet, object, value) rows of a base set are read once
# and kept in this process as bitmaps of object ids per value; counts for any combination
# of selected values are then bitwise ANDs (a few ms at 10 000 models, against 200–260 ms
# for the aggregate on PostgreSQL). Entries are keyed by the page cache's publish
# *generation* (core/pagecache.py: any publish, unpublish, move, delete or vocabulary change
# starts a new one), so a publish is reflected on the next request; they also expire after
# FACET_CACHE_SECONDS, which bounds staleness from changes made outside those signals.
# Few entries are kept: what repeats is the library's base, the site search's base (all
# searchable pages; a query only narrows it with ``within``) and the calendar's base (its
# events; the window of dates narrows it with ``within``) per language.
#
# Two levels: this process's memo first, then the shared cache (``page_cache()``: Redis in
# production), where the first process to read a base set after a publish stores it
# (compressed) under the same generation-bearing key. A fresh worker, or every worker after
# a publish, then reads one cache entry (a few ms) instead of running the membership query
# (0.2–0.5 s at 10 000 models). While the cache is down, ``current_generation()`` is None
# and everything is counted with SQL, as with the memo off.
MEMO_ENTRIES = 16
SHARED_KEY_PREFIX = "facetmemo"
BUILD_LOCK_SECONDS = 30  # far longer than a build takes; a dead holder blocks no longer than this
_memo = OrderedDict()
_memo_lock = threading.Lock()


# Id sets are kept as bitmaps: one Python int per set, bit i set for object id i. An int
# holds no references, so the garbage collector never walks it; the same ids as Python
# sets of ints made every full collection walk ~100 000 entries (20 ms, landing on a random
# request). Intersection is ``&`` and counting ``int.bit_count()``, both in C.
_BITS = tuple(tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256))


def to_bitmap(ids):
    ids = [int(pk) for pk in ids]
    if not ids:
        return 0
    buffer = bytearray((max(ids) >> 3) + 1)
    for pk in ids:
        buffer[pk >> 3] |= 1 << (pk & 7)
    return int.from_bytes(buffer, "little")


def from_bitmap(bitmap):
    ids = []
    data = bitmap.to_bytes((bitmap.bit_length() + 7) // 8, "little")
    for index, byte in enumerate(data):
        if byte:
            base = index << 3
            ids.extend(base + bit for bit in _BITS[byte])
    return ids


class Membership:
    """Object ids per (facet index, stored value) for one base set, and the ids of the
    whole base set (``ids``: objects without any facet value are in it too), as bitmaps."""

    def __init__(self, rows, facet_count):
        ids = []
        pages = [{} for _ in range(facet_count)]
        for index, page, value in rows:
            if index < 0:
                ids.append(page)
            else:
                pages[index].setdefault(value, []).append(page)
        self.ids = to_bitmap(ids)
        self.pages = [{value: to_bitmap(members) for value, members in facet.items()} for facet in pages]

    def _selected(self, facets, selected, within):
        """{facet index: bitmap of the objects its selected values let through}; ``within``
        (under index -1) constrains every facet and is never counted itself."""
        matching = {}
        for index, facet in enumerate(facets):
            values = facet.stored_values(selected.get(facet.name) or [])
            if values:
                bitmap = 0
                for value in values:
                    bitmap |= self.pages[index].get(value, 0)
                matching[index] = bitmap
        if within is not None:
            matching[-1] = to_bitmap(within)
        return matching

    def matching(self, facets, selected, within=None):
        """Ids of the base set (within ``within``) that every selected facet lets through."""
        bitmap = self.ids
        for other in self._selected(facets, selected, within).values():
            bitmap &= other
        return set(from_bitmap(bitmap))

    def counts(self, facets, selected, within=None):
        matching = self._selected(facets, selected, within)
        out = {}
        for index in range(len(facets)):
            allowed = None
            for other, bitmap in matching.items():
                if other != index:
                    allowed = bitmap if allowed is None else allowed & bitmap
            counts = {}
            for value, pages in self.pages[index].items():
                number = pages.bit_count() if allowed is None else (pages & allowed).bit_count()
                if number:
                    counts[value] = number
            out[index] = counts
        return out


def membership_for(base_queryset, facets):
    """The memoised membership of ``base_queryset``, or None when the memo is off
    (FACET_CACHE_SECONDS=0), the cache that holds the publish generation is unavailable,
    or the base set is empty by construction."""
    seconds = int(getattr(settings, "FACET_CACHE_SECONDS", 0) or 0)
    if seconds <= 0 or not facets:
        return None
    try:
        with_sql, with_params = _members_cte(base_queryset.order_by(), facets)
    except EmptyResultSet:
        return None
    return _cached_membership(connections[base_queryset.db], with_sql, with_params, len(facets), seconds)


def _cached_membership(connection, with_sql, with_params, facet_count, seconds):
    generation = current_generation()
    if generation is None:  # the cache is unavailable, so a publish could not be noticed:
        return None  # count with SQL, as with the memo off
    key = _memo_key(connection, generation, with_sql, with_params)
    now = time.monotonic()
    with _memo_lock:
        entry = _memo.get(key)
        if entry and entry[0] > now:
            _memo.move_to_end(key)
            return entry[1]
    membership = _shared_membership(key)
    if membership is None:
        # After a publish every worker misses at once. One builds the entry; the others count
        # this request with SQL (the memo-off path) instead of all running the membership
        # query together. The lock expires by itself if its holder dies.
        lock = f"{_shared_key(key)}:building"
        if not page_cache().add(lock, 1, BUILD_LOCK_SECONDS):
            return None
        try:
            membership = _build_membership(connection, with_sql, with_params, facet_count)
            _share_membership(key, membership, seconds)
            _remember_base(connection.alias, with_sql, with_params, facet_count)
        finally:
            page_cache().delete(lock)
    _keep(key, membership, now + seconds)
    return membership


def _memo_key(connection, generation, with_sql, with_params):
    return hashlib.sha256(repr((connection.alias, generation, with_sql, with_params)).encode()).hexdigest()


def _build_membership(connection, with_sql, with_params, facet_count):
    with connection.cursor() as cursor:
        cursor.execute(
            f"{with_sql} SELECT facet, page, value FROM {MEMBERS_CTE} WHERE value IS NOT NULL "
            f"UNION ALL SELECT -1, facet_page, NULL FROM {BASE_CTE}",
            with_params,
        )
        return Membership(cursor.fetchall(), facet_count)


def _keep(key, membership, expires):
    with _memo_lock:
        _memo[key] = (expires, membership)
        while len(_memo) > MEMO_ENTRIES:
            _memo.popitem(last=False)


def _shared_key(key):
    return f"{SHARED_KEY_PREFIX}:{key}"


def _shared_membership(key):
    """The membership another process stored under ``key``, or None."""
    data = page_cache().get(_shared_key(key))
    if not isinstance(data, bytes):
        return None
    try:
        ids, pages = pickle.loads(zlib.decompress(data))  # our own entry, written by _share_membership
    except (zlib.error, pickle.UnpicklingError, ValueError, TypeError):
        logger.warning("Ignoring an unreadable facet memo entry in the shared cache.")
        return None
    membership = Membership.__new__(Membership)
    membership.ids, membership.pages = ids, pages
    return membership


def _share_membership(key, membership, seconds):
    # Bitmaps of sparse id sets are mostly zero bytes: level 1 shrinks them ~20× quickly.
    data = zlib.compress(pickle.dumps((membership.ids, membership.pages), protocol=pickle.HIGHEST_PROTOCOL), 1)
    page_cache().set(_shared_key(key), data, seconds)


def clear_membership_memo():
    with _memo_lock:
        _memo.clear()


# -- rebuilt after a publish, in the background ----------------------------------------------
# A publish starts a new generation, so every memo entry is stale at once. The base sets
# visitors used lately are listed in the shared cache; once the publish has committed, a
# thread of the publishing process builds each again under the new generation and shares
# it, so no visitor's request runs the membership query (0.2-0.5 s at 10 000 models), and
# a fresh worker reads the entry from the shared cache. Several publishes in a row (a bulk
# action) make at most one more round.
RECENT_KEY = f"{SHARED_KEY_PREFIX}-recent"  # not under the entries' prefix
_rebuild = {"thread": None, "again": False}
_rebuild_lock = threading.Lock()


def _remember_base(alias, with_sql, with_params, facet_count):
    recipe = (alias, with_sql, list(with_params), facet_count)
    try:
        recent = page_cache().get(RECENT_KEY) or []
        recent = [recipe, *[other for other in recent if other != recipe]][:MEMO_ENTRIES]
        page_cache().set(RECENT_KEY, recent, None)
    except Exception:  # best effort: without the list, the next request builds the entry
        logger.warning("Could not list a facet memo base set for rebuilding.", exc_info=True)


def rebuild_after_commit(**kwargs):
    """Receiver of ``pagecache.generation_bumped`` (CoreConfig.ready)."""
    if getattr(settings, "FACET_MEMO_REBUILD", False) and int(getattr(settings, "FACET_CACHE_SECONDS", 0) or 0) > 0:
        transaction.on_commit(_start_rebuild)


def _start_rebuild():
    with _rebuild_lock:
        if _rebuild["thread"] is not None:  # running: it makes one more round
            _rebuild["again"] = True
            return
        thread = threading.Thread(target=_rebuild_recent, name="facet-memo-rebuild", daemon=True)
        _rebuild["thread"], _rebuild["again"] = thread, False
    thread.start()


def _rebuild_recent():
    seconds = int(getattr(settings, "FACET_CACHE_SECONDS", 0) or 0)
    try:
        while True:
            generation = current_generation()
            for alias, with_sql, with_params, facet_count in (page_cache().get(RECENT_KEY) or []) if generation else []:
                connection = connections[alias]
                key = _memo_key(connection, generation, with_sql, with_params)
                try:
                    membership = _build_membership(connection, with_sql, with_params, facet_count)
                except Exception:
                    logger.exception("Rebuilding a facet memo entry failed; the next request builds it.")
                    continue
                _share_membership(key, membership, seconds)
                _keep(key, membership, time.monotonic() + seconds)
            with _rebuild_lock:
                if not _rebuild["again"]:
                    _rebuild["thread"] = None
                    return
                _rebuild["again"] = False
    except Exception:
        logger.exception("The facet memo rebuild stopped; requests build what they miss.")
        with _rebuild_lock:
            _rebuild["thread"] = None
    finally:
        connections.close_all()  # this thread's own connections


def wait_for_rebuild(timeout=30):
    """Wait until a running rebuild has finished (tests, the bench)."""
    thread = _rebuild["thread"]
    if thread is not None:
        thread.join(timeout)
