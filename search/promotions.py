"""Editors' side of search: promoted results (Wagtail search promotions), the popular searches
shown to visitors (curated from those promotions) and query statistics."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from core.faults import best_effort

from .models import SearchClick, SearchQueryLog

POPULAR_DAYS = 30
POPULAR_COUNT = 8


def promoted_pages(query_text, locale):
    """Promotions for this exact query, first: pages shown in the active locale's translation.

    Editors pick a page in any language; the visitor gets its live, public translation in
    their language (or nothing, so a Finnish page is never pushed into the English results).
    External links are shown as they are.
    """
    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query_text))
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    if not picks:
        return []
    keys = [pick.page.translation_key for pick in picks if pick.page_id]
    translated = {
        page.translation_key: page
        for page in Page.objects.live().public().filter(locale=locale, translation_key__in=keys)
    }
    out = []
    for pick in picks:
        if pick.page_id:
            page = translated.get(pick.page.translation_key)
            if page is not None:
                out.append({"title": page.title, "url": page.url, "description": pick.description})
        elif pick.external_link_url:
            out.append(
                {
                    "title": pick.external_link_text or pick.external_link_url,
                    "url": pick.external_link_url,
                    "description": pick.description,
                }
            )
    return out


@best_effort  # statistics must never break the search itself (a read-only database, say)
def record_query(query_text, language, found):
    """Count one search (page 1 only, so paging does not inflate the figures)."""
    query_string = normalise_query_string(query_text)[:200]
    if not query_string:
        return
    today = timezone.localdate()
    zero = 0 if found else 1
    rows = SearchQueryLog.objects.filter(date=today, language=language, query_string=query_string)
    if rows.update(hits=F("hits") + 1, zero_result_hits=F("zero_result_hits") + zero):
        return
    try:
        with transaction.atomic():
            SearchQueryLog.objects.create(
                date=today, language=language, query_string=query_string, hits=1, zero_result_hits=zero
            )
    except IntegrityError:  # a parallel request created the row first
        rows.update(hits=F("hits") + 1, zero_result_hits=F("zero_result_hits") + zero)


def _since(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def query_statistics(language=None, days=POPULAR_DAYS):
    rows = SearchQueryLog.objects.filter(date__gte=_since(days))
    if language:
        rows = rows.filter(language=language)
    return rows.values("query_string", "language").annotate(
        searches=Sum("hits"), without_results=Sum("zero_result_hits")
    )


def popular_queries(language, count=POPULAR_COUNT):
    """The searches suggested to visitors ("Popular searches"): curated, never as typed.

    Only queries an editor has promoted a page for (Wagtail search promotions), and only
    when that page has a live, public translation in ``language``, so each suggestion leads
    to a result chosen for it. The log of what visitors typed only orders them (most searched
    in the last POPULAR_DAYS days first): anyone can write to the log, so a burst of searches
    can at most reorder the list, never put a word on it. Two SQL queries.
    """
    shown = Page.objects.live().public().filter(locale__language_code=language).values("translation_key")
    curated = set(
        Query.objects.filter(editors_picks__page__translation_key__in=shown).values_list("query_string", flat=True)
    )
    if not curated:
        return []
    searches = dict(
        SearchQueryLog.objects.filter(date__gte=_since(POPULAR_DAYS), language=language, query_string__in=curated)
        .values("query_string")
        .annotate(n=Sum("hits"))
        .values_list("query_string", "n")
    )
    return sorted(curated, key=lambda q: (-searches.get(q, 0), q))[:count]


def zero_result_queries(count=50, days=POPULAR_DAYS):
    return list(
        query_statistics(days=days).filter(without_results__gt=0).order_by("-without_results", "query_string")[:count]
    )


def most_popular_queries(count=50, days=POPULAR_DAYS):
    return list(query_statistics(days=days).order_by("-searches", "query_string")[:count])


@best_effort  # like record_query: statistics never break the way to the page
def record_click(query_string, language, rank, page_id):
    """Count one click on the result at ``rank`` (1 = first) for a normalised query.

    Nothing about the visitor is stored: the row is (day, language, query, rank, page)
    and a counter."""
    today = timezone.localdate()
    key = {"date": today, "language": language, "query_string": query_string, "rank": rank, "page_id": page_id}
    rows = SearchClick.objects.filter(**key)
    if rows.update(clicks=F("clicks") + 1):
        return
    try:
        with transaction.atomic():
            SearchClick.objects.create(**key, clicks=1)
    except IntegrityError:  # a parallel request created the row first
        rows.update(clicks=F("clicks") + 1)


def first_result_not_clicked(count=50, days=POPULAR_DAYS):
    """Queries whose first result visitors did not open: per (query, language) the searches
    that found something, the clicks on the first result, and the difference; most such
    searches first. Where synonyms or a promoted result may be needed. One SQL query."""
    since = _since(days)
    first_clicks = (
        SearchClick.objects.filter(
            date__gte=since, rank=1, query_string=OuterRef("query_string"), language=OuterRef("language")
        )
        .values("query_string", "language")
        .annotate(n=Sum("clicks"))
        .values("n")
    )
    rows = (
        SearchQueryLog.objects.filter(date__gte=since)
        .values("query_string", "language")
        .annotate(
            with_results=Sum(F("hits") - F("zero_result_hits")),
            first_clicks=Coalesce(Subquery(first_clicks, output_field=IntegerField()), Value(0)),
        )
        .annotate(not_clicked=F("with_results") - F("first_clicks"))
        .filter(not_clicked__gt=0)
        .order_by("-not_clicked", "-with_results", "query_string", "language")
    )
    return list(rows[:count])
