"""Site search: the logic behind /fi/haku/ (the view stays thin).

Design (see docs/search.md):
- The query is normalised with ``core.text`` for the active language into AND-ed groups
  of OR-ed alternatives (lemma, surface form), all ASCII-folded.
- Editors' synonyms (``search.synonyms``) turn the query into alternatives ("any of these
  AND-ed group lists") before any backend is asked, so they apply on every backend.
- The search backend is used for matching and ranking only: it returns ranked page ids
  (capped at ``SEARCH_MAX_MATCHES``). Where Wagtail's database backend is slow, one direct
  query on its index table does it: on SQLite an FTS5 query with ``bm25()`` (Wagtail's has a
  correlated score subquery per row), on PostgreSQL a GIN-indexable ``@@`` per column with
  ``ts_rank`` (Wagtail's matches a per-row concatenation of vectors, which no index serves).
- The ORM is the source of truth for what may be shown: live, public, active locale,
  searchable page types. Facets and counts come from ``core.facets.FacetedQuery`` over
  ``Page`` restricted to the matched ids, so every backend gives the same sets and counts.
- Final relevance order is computed here: words found in the title weigh 5, in the short
  description 2, then the backend's own order. So title and summary matches win on every
  backend, whatever the backend does with field boosts.
"""

import json
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Case, CharField, Q, Value, When
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modelsearch.conf import get_app_config
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText
from wagtail.search.utils import normalise_query_string

from core.facets import Facet, FacetedQuery, InIds
from core.indexing import plain_text
from core.pagination import paginate
from core.text import WORD_RE, query_groups, tokens, word_terms
from events.models import EventPage
from home.models import ArticlePage, StandardPage
from models_library.facets import search_facets as library_search_facets
from models_library.models import PracticeModelPage
from services.models import ServicePage

from . import body_rank as body_rank_table
from .promotions import popular_queries, promoted_pages, record_query
from .synonyms import expand as expand_synonyms

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 10
TITLE_WEIGHT = 5
SUMMARY_WEIGHT = 2
# A query word found only inside a compound ("perhe" in "perhekeskus") counts this much of
# a word that stands alone: title part 1, summary part 0.4 (docs/search.md "Compound parts").
COMPOUND_PART_FACTOR = 0.2
SNIPPET_LENGTH = 240
SORTS = ("relevance", "date")
# ``limit`` of the ranking functions below: every match, ranked (no cap).
EVERY_MATCH = -1
# Result positions a click may report (a search ranks at most SEARCH_MAX_MATCHES pages).
MAX_CLICK_RANK = 10_000


# -- what is searchable --------------------------------------------------------------
def searchable_types():
    """(result type code, label, [(model, summary field)]) in display order."""
    return [
        ("models", gettext_lazy("Practice models"), [(PracticeModelPage, "short_description")]),
        ("events", gettext_lazy("Events"), [(EventPage, "summary")]),
        ("services", gettext_lazy("Services"), [(ServicePage, "summary")]),
        ("pages", gettext_lazy("News and pages"), [(ArticlePage, "intro"), (StandardPage, "intro")]),
    ]


def _type_content_types():
    """{content type id: result type code}."""
    out = {}
    for code, _label, models in searchable_types():
        for model, _summary in models:
            out[ContentType.objects.get_for_model(model).pk] = code
    return out


def result_type_annotation(ct_codes):
    return Case(
        *[When(content_type_id=ct, then=Value(code)) for ct, code in ct_codes.items()],
        default=Value(""),
        output_field=CharField(),
    )


def search_facets():
    """Result type + the library facets. Library facets describe practice models, so
    choosing one narrows the results to practice models (documented in docs/search.md)."""
    return [
        Facet(
            "type",
            _("Result type"),
            "result_type",
            lambda: [(code, str(label)) for code, label, _m in searchable_types()],
            show_empty=True,
        ),
        *library_search_facets(),
    ]


# -- query cleaning --------------------------------------------------------------------
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass
class CleanQuery:
    text: str = ""  # what goes back into the box
    groups: list = field(default_factory=list)
    messages: list = field(default_factory=list)


def clean_query(raw, language):
    raw = CONTROL_RE.sub(" ", raw or "")
    messages = []
    if "\ufffd" in raw:
        messages.append(_("Some characters of the search could not be read and were left out."))
        raw = raw.replace("\ufffd", " ")
    text = " ".join(raw.split())
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH].rstrip()
        messages.append(_("The search was shortened to its first %(count)d characters.") % {"count": MAX_QUERY_LENGTH})
    groups, dropped = query_groups(text, language)
    if dropped or re.search(r"(^|\s)[-+]\w", text):
        messages.append(
            _(
                "Search operators such as AND, OR, NOT and minus signs are not supported: "
                "results contain all the words you typed."
            )
        )
    if len(groups) > MAX_QUERY_WORDS:
        groups = groups[:MAX_QUERY_WORDS]
        messages.append(_("Only the first %(count)d words were searched.") % {"count": MAX_QUERY_WORDS})
    if text and not groups:
        messages.append(_("The search has no words to look for. Type at least one word."))
    return CleanQuery(text=text, groups=groups, messages=messages)


# -- matching and ranking (the backend's job) ---------------------------------------
def _groups_query(groups):
    parts = [Or([PlainText(term) for term in group]) if len(group) > 1 else PlainText(group[0]) for group in groups]
    return parts[0] if len(parts) == 1 else And(parts)


def backend_query(alternatives):
    """Wagtail's query for a list of alternatives (each AND-ed groups of OR-ed terms)."""
    parts = [_groups_query(groups) for groups in alternatives]
    return parts[0] if len(parts) == 1 else Or(parts)


def _is_sqlite_database_backend(backend):
    # Check the vendor first: the SQLite backend module cannot even be imported elsewhere.
    if connection.vendor != "sqlite":
        return False
    # Only importable where SQLite's FTS5 is compiled in, so not at the top.
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend  # noqa: PLC0415

    return isinstance(backend, SQLiteSearchBackend)


def _fts_phrase(term):
    return '"' + term.replace('"', '""') + '"'


def _fts_groups(groups):
    return " AND ".join("(" + " OR ".join(_fts_phrase(t) for t in group) + ")" for group in groups)


def sqlite_ranked_ids(alternatives, content_type_ids, locale_id, limit, within=None):
    """One FTS5 query: match in title/body, rank with bm25, only live searchable pages of
    the locale (and of ``within``, when given). ``limit=None``: every match, unranked;
    ``EVERY_MATCH``: every match, ranked.

    Wagtail's own query annotates each candidate row with a correlated subquery that
    re-runs the MATCH (quadratic in the number of matches); this is linear. The locale is
    applied before the LIMIT: otherwise a word shared by the language trees could fill the
    cap with other languages' pages.
    """
    config = get_app_config()
    entries = config.get_model("IndexEntry")._meta.db_table
    fts = config.get_model("SQLiteFTSIndexEntry")._meta.db_table
    pages = Page._meta.db_table
    if len(alternatives) == 1:
        match = "{title body} : (" + _fts_groups(alternatives[0]) + ")"
    else:  # synonyms (search.synonyms): any alternative
        match = "{title body} : (" + " OR ".join("(" + _fts_groups(g) + ")" for g in alternatives) + ")"
    placeholders = ", ".join(["%s"] * len(content_type_ids))
    params = [match, *content_type_ids, locale_id]
    sql = (
        f"SELECT e.object_id FROM {fts} JOIN {entries} e ON e.id = {fts}.rowid "
        f"JOIN {pages} p ON p.id = CAST(e.object_id AS INTEGER) "
        f"WHERE {fts} MATCH %s AND e.content_type_id IN ({placeholders}) AND p.locale_id = %s AND p.live"
    )
    if within is not None:  # one JSON parameter, however many ids
        sql += " AND p.id IN (SELECT value FROM json_each(%s))"
        params.append(json.dumps(sorted(within)))
    if limit is not None:
        # bm25 weights follow the FTS5 column order: autocomplete, body, title.
        sql += f" ORDER BY bm25({fts}, 0.0, 1.0, 2.0) LIMIT %s"
        params.append(limit)  # EVERY_MATCH is -1: SQLite's "no limit"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [int(row[0]) for row in cursor.fetchall()]


def _is_postgres_database_backend(backend):
    if connection.vendor != "postgresql":
        return False
    # Imports psycopg's PostgreSQL types; only on PostgreSQL, like its SQLite twin above.
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend  # noqa: PLC0415

    return isinstance(backend, PostgresSearchBackend)


def _tsquery_lexeme(term):
    # to_tsquery syntax: a quoted lexeme, quotes doubled and backslashes escaped (as
    # django.contrib.postgres.search.Lexeme does). The whole string is a bound parameter.
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _tsquery_groups(groups):
    return " & ".join("(" + " | ".join(_tsquery_lexeme(t) for t in group) + ")" for group in groups)


def postgres_ranked_ids(alternatives, content_type_ids, locale_id, limit, config=None, within=None):
    """One query on the index table: match title or body, rank, only live pages of the
    locale (and of ``within``, when given). ``limit=None``: every match, unranked;
    ``EVERY_MATCH``: every match, ranked.

    Wagtail's own query concatenates the title and body vectors of every row before
    matching (``title || body @@ q``), which no index can serve: every search read and
    ranked all index entries. Matching each column separately lets PostgreSQL use the GIN
    indexes on ``title`` and ``body``; restricting to the locale before ranking keeps the
    ranked set to one language tree (a join on the page id). Ranking is done only for the
    pages that survive the facet filters (``within``); the facet counts need the matches
    alone.

    ``ts_rank(body, q)`` fetches every matching body vector from TOAST (~15 µs a row, most
    of the time for a common word). When the query is a single lexeme, the same value is
    read from ``search.body_rank``'s table instead (computed by the same ``ts_rank`` when
    the entry was written): same ORDER BY values, same ids in the same order. Other queries
    rank the body vectors. The tsquery in ORDER BY is a sub-select (computed once, not
    parsed again for every row); in WHERE it stays inline for the GIN indexes.
    """
    entries = get_app_config().get_model("IndexEntry")._meta.db_table
    pages = Page._meta.db_table
    if len(alternatives) == 1:
        tsquery = _tsquery_groups(alternatives[0])
    else:  # synonyms (search.synonyms): any alternative
        tsquery = " | ".join("(" + _tsquery_groups(g) + ")" for g in alternatives)
    # Same text search configuration as the backend indexed with (None: the server default).
    # The tsquery is written inline (not as a FROM item) so that the planner sees a
    # constant and can use the GIN indexes: a BitmapOr over title and body.
    q = "to_tsquery(%s::regconfig, %s)" if config else "to_tsquery(%s)"
    q_params = [config, tsquery] if config else [tsquery]
    lexeme = None if limit is None else _single_lexeme(alternatives, tsquery, config)
    # The locale as a join, not ``object_id IN (SELECT p.id::text …)``: the same rows (p.id
    # is unique, so is its text), without de-duplicating 15 000 page ids first (2× faster).
    sql = (
        f"SELECT e.object_id FROM {entries} e "
        f"JOIN {pages} p ON p.id::text = e.object_id AND p.locale_id = %s AND p.live "
    )
    params = [locale_id]
    if lexeme is not None:  # r.rank: the value ts_rank(e.body, q) has (none: the body lacks it, 0)
        sql += f"LEFT JOIN {body_rank_table.TABLE} r ON r.entry_id = e.id AND r.lexeme = %s "
        params.append(lexeme)
    sql += f"WHERE e.content_type_id = ANY(%s) AND (e.title @@ {q} OR e.body @@ {q})"
    params += [list(content_type_ids), *q_params, *q_params]
    if within is not None:  # one array parameter, however many ids
        sql += " AND e.object_id = ANY(%s)"
        params.append([str(pk) for pk in within])
    if limit is not None:
        if lexeme is None:
            body_rank, body_params = f"ts_rank(e.body, (SELECT {q}))", q_params
        else:
            body_rank, body_params = "coalesce(r.rank, 0::real)", []
        sql += f" ORDER BY ts_rank(e.title, (SELECT {q})) * 2 + {body_rank} DESC, e.object_id LIMIT %s"
        params.extend([*q_params, *body_params, None if limit == EVERY_MATCH else limit])  # LIMIT NULL: none
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [int(row[0]) for row in cursor.fetchall()]


def _single_lexeme(alternatives, tsquery, config):
    """The lexeme when the query is one word of one form (one alternative, one group, one
    term) that PostgreSQL reads as exactly one lexeme; otherwise None."""
    if len(alternatives) != 1 or len(alternatives[0]) != 1 or len(alternatives[0][0]) != 1:
        return None
    return body_rank_table.single_lexeme(tsquery, alternatives[0][0][0], config)


def ranked_ids(alternatives, locale, limit=None, within=None):
    """Page ids matching every group of one of the ``alternatives`` (a query and its
    synonym expansions), best first, at most ``limit`` (default SEARCH_MAX_MATCHES); only
    ids in ``within`` when it is given."""
    limit = limit or settings.SEARCH_MAX_MATCHES
    backend = get_search_backend()
    ct_ids = list(_type_content_types())
    if _is_sqlite_database_backend(backend):
        return sqlite_ranked_ids(alternatives, ct_ids, locale.pk, limit, within=within)
    if _is_postgres_database_backend(backend):
        return postgres_ranked_ids(alternatives, ct_ids, locale.pk, limit, config=backend.config, within=within)
    queryset = Page.objects.filter(locale=locale, live=True, content_type__in=ct_ids)
    results = backend.search(backend_query(alternatives), queryset, order_by_relevance=True)
    ids = [page.pk for page in results[:limit]]
    return ids if within is None else [pk for pk in ids if pk in within]


def matching_ids(alternatives, locale, rank=False):
    """(set of the page ids matching every group, ranked ids or None).

    The database backends give every match cheaply, unranked and uncapped (an index scan);
    ranking is left for later (None). With ``rank`` (a search without filters) the same
    query ranks every match: the facet counts need them all and the results the best ones,
    so one query instead of a match and then a second match that ranks. Other backends
    (OpenSearch) rank as they match: their ranked, capped ids are both the set and the
    ranking, so the search runs once."""
    backend = get_search_backend()
    ct_ids = list(_type_content_types())
    limit = EVERY_MATCH if rank else None
    if _is_sqlite_database_backend(backend):
        ids = sqlite_ranked_ids(alternatives, ct_ids, locale.pk, limit)
    elif _is_postgres_database_backend(backend):
        ids = postgres_ranked_ids(alternatives, ct_ids, locale.pk, limit, config=backend.config)
    else:
        ranked = ranked_ids(alternatives, locale)
        return set(ranked), ranked
    return set(ids), (ids if rank else None)


# -- highlighting ---------------------------------------------------------------------
def term_set(groups):
    return {term for group in groups for term in group}


def _hits(text, groups, language):
    """How many query groups appear in ``text`` (as words or as compound parts)."""
    whole, parts = _weighted_hits(text, groups, language)
    return whole + parts


def _weighted_hits(text, groups, language):
    """(query groups found as words of their own, groups found only inside compounds)."""
    if not text:
        return 0, 0
    words, with_parts = set(), set()
    # Distinct tokens only: ranking re-scores up to SEARCH_MAX_MATCHES titles and summaries.
    for token in set(tokens(text)):
        words.update(word_terms(token, language, compounds=False))
        with_parts.update(word_terms(token, language))
    whole = sum(1 for group in groups if words.intersection(group))
    return whole, sum(1 for group in groups if with_parts.intersection(group)) - whole


class RelevanceScorer:
    """Title and summary scores of one query, for the up to SEARCH_MAX_MATCHES ranked pages
    a search re-scores.

    A text scores ``weight * (whole + COMPOUND_PART_FACTOR * parts)``: ``whole`` query
    groups found as words of their own, ``parts`` found only inside compounds (as
    ``_weighted_hits`` counts them); with synonyms, the best alternative, each scored as
    the share of its own groups (a one-word term and its three-word synonym weigh the same).

    The pages share most of their words, so each distinct word is looked up once per
    search, as two bit masks of the query groups it hits (as a word, as a word or a part);
    a text is the OR of its words' masks. 1 000 titles and summaries: ~15 ms instead of ~45.
    """

    def __init__(self, alternatives, language):
        self.language = language
        self._term_masks = {}
        self._alternatives = []  # (mask of the alternative's groups, number of groups)
        bit = 0
        for groups in alternatives:
            for group in groups:
                for term in group:
                    self._term_masks[term] = self._term_masks.get(term, 0) | (1 << bit)
                bit += 1
            self._alternatives.append((((1 << len(groups)) - 1) << (bit - len(groups)), len(groups)))
        self._words = {}

    def _masks(self, token):
        masks = self._words.get(token)
        if masks is None:
            whole = 0
            for term in word_terms(token, self.language, compounds=False):
                whole |= self._term_masks.get(term, 0)
            anywhere = whole
            for term in word_terms(token, self.language):
                anywhere |= self._term_masks.get(term, 0)
            masks = self._words[token] = (whole, anywhere)
        return masks

    def score(self, text, weight):
        whole_mask = anywhere_mask = 0
        if text:
            for token in set(tokens(text)):
                whole, anywhere = self._masks(token)
                whole_mask |= whole
                anywhere_mask |= anywhere
        scores = []
        for mask, size in self._alternatives:
            whole = (whole_mask & mask).bit_count()
            parts = (anywhere_mask & mask).bit_count() - whole
            scores.append(weight * (whole + COMPOUND_PART_FACTOR * parts))
        if len(scores) == 1:
            return scores[0]
        return max(score / size for score, (_mask, size) in zip(scores, self._alternatives, strict=True))


def highlight(text, groups, language, length=SNIPPET_LENGTH):
    """Escaped ``text`` cut to ``length`` around the first match, matching words in <mark>.

    Works from the normalised terms, so it agrees with every backend. HTML is escaped
    first: only the <mark> tags added here are markup.
    """
    text = " ".join((text or "").split())
    if not text:
        return ""
    wanted = term_set(groups)
    spans = [m.span() for m in WORD_RE.finditer(text) if set(word_terms(m.group(0), language)) & wanted]
    start = 0
    if spans and spans[0][0] > length // 2:
        start = text.rfind(" ", 0, spans[0][0] - length // 4) + 1
    end = min(len(text), start + length)
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    out, pos = [], start
    for s, e in spans:
        if s < start or e > end:
            continue
        out.append(escape(text[pos:s]))
        out.append("<mark>" + escape(text[s:e]) + "</mark>")
        pos = e
    out.append(escape(text[pos:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)


# -- the search page -------------------------------------------------------------------
@dataclass
class Result:
    page: object
    type_code: str
    type_label: str
    snippet: str
    date: object
    url: str = ""
    click_url: str = ""


@dataclass
class SearchOutcome:
    query: str = ""
    sort: str = "relevance"
    messages: list = field(default_factory=list)
    results: object = None  # a Page of Result objects
    total: int = 0
    facets: list = field(default_factory=list)
    active_filters: list = field(default_factory=list)
    promotions: list = field(default_factory=list)
    popular: list = field(default_factory=list)
    capped: bool = False
    searched: bool = False


def _titles_and_summaries(ids):
    """{page id: (title, summary text)} with one query per searchable page type (the ids
    as one bound parameter: a thousand placeholders cost more to build than to run)."""
    out = {}
    for _code, _label, models in searchable_types():
        for model, summary_field in models:
            rows = model.objects.filter(InIds("pk", ids))
            out.update((pk, (title, summary)) for pk, title, summary in rows.values_list("pk", "title", summary_field))
    return out


def _snippet_text(page, groups, language):
    """The summary, or the first body section that mentions a query word."""
    summary_fields = getattr(page, "search_summary_fields", ())
    summary = " ".join(plain_text(getattr(page, name, "")) for name in summary_fields[:1])
    if _hits(summary, groups, language):
        return summary
    for name in getattr(page, "search_text_fields", ()):
        text = plain_text(getattr(page, name, ""))
        if _hits(text, groups, language):
            return text
    return summary


def _requested_page(request):
    try:
        return int(request.GET.get("page", "1"))
    except (TypeError, ValueError):
        return None


def run_search(request):
    """Everything the search template shows, in a constant number of SQL queries."""
    locale = Locale.get_active()
    language = locale.language_code
    cleaned = clean_query(request.GET.get("q", ""), language)
    alternatives = expand_synonyms(cleaned.groups, language)
    # Every term of every alternative, for highlighting and picking the snippet.
    all_groups = [group for groups in alternatives for group in groups]
    outcome = SearchOutcome(query=cleaned.text, messages=list(cleaned.messages))

    sort = request.GET.get("sort", "relevance")
    if sort not in SORTS:
        outcome.messages.append(_("Unknown sort order; results are sorted by relevance."))
        sort = "relevance"
    outcome.sort = sort

    if not cleaned.groups:
        if not cleaned.text:
            outcome.popular = popular_queries(language)
        return outcome
    outcome.searched = True

    # Facets are counted over every match (no ranking needed); only the pages left after
    # the visitor's filters are ranked, which is the expensive part for a common word.
    ct_codes = _type_content_types()
    searchable = (
        Page.objects.live()
        .public()
        .filter(locale=locale, content_type__in=list(ct_codes))
        .annotate(result_type=result_type_annotation(ct_codes))
    )
    faceted = FacetedQuery(searchable, search_facets(), request.GET)
    outcome.messages.extend(faceted.messages)
    # With filters, rank only what they leave (after counting every match); without, rank
    # every match in the one query that finds them.
    matches, ranked = matching_ids(alternatives, locale, rank=not faceted.active)
    faceted.within = matches  # the facets count these (``active`` reads only the parameters)
    allowed = faceted.ids()
    if ranked is not None:  # ranked already (every match, or the backend's best ones)
        ids = [pk for pk in ranked if pk in allowed][: settings.SEARCH_MAX_MATCHES]
    else:
        ids = ranked_ids(alternatives, locale, within=allowed)
    outcome.capped = len(ids) >= settings.SEARCH_MAX_MATCHES
    position = {pk: i for i, pk in enumerate(ids)}

    if sort == "date":
        rows = list(Page.objects.filter(InIds("pk", ids)).values_list("pk", "last_published_at"))
        rows.sort(key=lambda r: (r[1] is not None, r[1], r[0]), reverse=True)
        ordered = [r[0] for r in rows]
    else:
        scorer = RelevanceScorer(alternatives, language)
        scores = {
            pk: scorer.score(title, TITLE_WEIGHT) + scorer.score(summary or "", SUMMARY_WEIGHT)
            for pk, (title, summary) in _titles_and_summaries(ids).items()
        }
        ordered = sorted(scores, key=lambda pk: (-scores[pk], position.get(pk, 0)))
    outcome.total = len(ordered)

    requested = _requested_page(request)
    page_obj = paginate(request, ordered, per_page=settings.SEARCH_PAGE_SIZE)
    if requested is None or requested != page_obj.number and ordered:
        outcome.messages.append(
            _("There is no results page “%(page)s”; showing page %(number)d.")
            % {"page": request.GET.get("page", "")[:20], "number": page_obj.number}
        )
    page_ids = list(page_obj.object_list)
    pages = {p.pk: p for p in Page.objects.filter(pk__in=page_ids).specific()}
    labels = {code: str(label) for code, label, _m in searchable_types()}
    click_base = reverse("search_click") + "?"
    click_query = normalise_query_string(cleaned.text)[:MAX_QUERY_LENGTH]
    results = []
    for rank, pk in enumerate(page_ids, start=page_obj.start_index()):
        page = pages.get(pk)
        if page is None:
            continue
        code = ct_codes.get(page.content_type_id, "")
        results.append(
            Result(
                page=page,
                type_code=code,
                type_label=labels.get(code, ""),
                snippet=highlight(_snippet_text(page, all_groups, language), all_groups, language),
                date=getattr(page, "start", None) or getattr(page, "date", None) or page.last_published_at,
                url=page.get_url(request),
                # Through search_click (counted without anything about the visitor).
                click_url=click_base + urlencode({"q": click_query, "rank": rank, "page": pk}),
            )
        )
    page_obj.object_list = results
    outcome.results = page_obj
    outcome.facets = faceted.facet_results()
    outcome.active_filters = faceted.active_filters()

    if page_obj.number == 1:
        outcome.promotions = promoted_pages(cleaned.text, locale)
        record_query(cleaned.text, language, found=bool(ordered))
    if not ordered:
        outcome.popular = popular_queries(language)
    return outcome


# -- clicks on results (search.views.click) -----------------------------------------------
MAX_PAGE_ID = 2**31 - 1


def click_query(raw):
    """The query of a result link as the query log keeps it (normalised), or ""."""
    text = " ".join(CONTROL_RE.sub(" ", (raw or "").replace("\ufffd", " ")).split())
    return normalise_query_string(text)[:MAX_QUERY_LENGTH]


def click_target(page_id):
    """The page a result link names, if the search could have shown it: live, public, a
    searchable type, in the active language; else None."""
    return (
        Page.objects.live()
        .public()
        .filter(pk=page_id, locale=Locale.get_active(), content_type__in=list(_type_content_types()))
        .first()
    )


# -- when the engine is down ------------------------------------------------------------
def active_language():
    return Locale.get_active().language_code


def browse_links(request):
    """[{"title", "url"}] of the library and the calendar in the active language: they list
    from the database, so they work while the search engine is down."""
    from events.models import EventIndexPage  # noqa: PLC0415 - as in searchable_types()
    from models_library.models import PracticeModelIndexPage  # noqa: PLC0415 - as in searchable_types()

    pages = (
        Page.objects.live()
        .public()
        .filter(locale=Locale.get_active())
        .type(PracticeModelIndexPage, EventIndexPage)
        .order_by("path")[:4]
    )
    return [{"title": page.title, "url": page.get_url(request)} for page in pages]


# -- suggestions -------------------------------------------------------------------------
MAX_SUGGESTIONS = 8
MIN_SUGGEST_LENGTH = 2


def suggestions(raw, request):
    """Titles of live, public models and events in the active locale for the combobox."""
    locale = Locale.get_active()
    text = " ".join(CONTROL_RE.sub(" ", (raw or "").replace("\ufffd", " ")).split())[:MAX_QUERY_LENGTH]
    words = tokens(text)
    if not words or len(text) < MIN_SUGGEST_LENGTH:
        return []
    last = words[-1]
    condition = Q(title__istartswith=text) | Q(title__icontains=" " + last) | Q(title__istartswith=last)
    base_lemma = word_terms(last, locale.language_code, compounds=False)[0]
    if len(base_lemma) >= 4 and base_lemma != last.lower():
        condition |= Q(title__icontains=base_lemma)
    cts = [ContentType.objects.get_for_model(m).pk for m in (PracticeModelPage, EventPage)]
    pages = (
        Page.objects.live()
        .public()
        .filter(locale=locale, content_type__in=cts)
        .filter(condition)
        .order_by("title")[: MAX_SUGGESTIONS * 3]
    )
    folded_text = text.lower()
    ranked = sorted(pages, key=lambda p: (not p.title.lower().startswith(folded_text), p.title.lower()))
    return [{"title": p.title, "url": p.get_url(request)} for p in ranked[:MAX_SUGGESTIONS]]
