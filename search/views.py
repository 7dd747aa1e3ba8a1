"""Site search views: thin wrappers around search.service."""

from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from core.ratelimit import rate_limit

from . import promotions, service
from .backends.resilient import SearchUnavailable


def search(request):
    try:
        outcome = service.run_search(request)
    except SearchUnavailable as exc:
        return unavailable(request, exc)
    keep = {"q": outcome.query} if outcome.query else {}
    if outcome.sort != "relevance":
        keep["sort"] = outcome.sort
    clear_params = QueryDict(mutable=True)
    clear_params.update(keep)
    return render(
        request,
        "search/search.html",
        {
            "search": outcome,
            "query": outcome.query,
            "results": outcome.results,
            "page_obj": outcome.results,
            "facets": outcome.facets,
            "active_filters": outcome.active_filters,
            "keep": keep,
            "clear_url": "?" + clear_params.urlencode(),
            "sorts": [("relevance", _("Relevance")), ("date", _("Newest first"))],
        },
    )


def unavailable(request, exc):
    """503 in the normal layout: the search box, and the listings that work without the engine."""
    response = render(
        request,
        "search/unavailable.html",
        {
            "query": service.clean_query(request.GET.get("q", ""), service.active_language()).text,
            "browse_links": service.browse_links(request),
            "retry_after": exc.retry_after,
        },
        status=503,
    )
    response["Retry-After"] = str(exc.retry_after)
    add_never_cache_headers(response)
    return response


@rate_limit("search-suggest", methods=["GET"])
def suggest(request):
    """JSON for the search combobox: {"results": [{"title", "url"}]}."""
    return JsonResponse({"results": service.suggestions(request.GET.get("q", ""), request)})


@permission_required("portal_search.view_searchquerylog", raise_exception=True)
def report(request):
    """Admin report: what visitors search for and what finds nothing (last 30 days)."""
    return render(
        request,
        "search/admin/report.html",
        {
            "popular": promotions.most_popular_queries(),
            "zero_results": promotions.zero_result_queries(),
            "days": promotions.POPULAR_DAYS,
            "header_icon": "search",
        },
    )
