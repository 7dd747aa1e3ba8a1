"""Site search views: thin wrappers around search.service."""

from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse, QueryDict
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


@rate_limit("search-click", methods=["GET"])
def click(request):
    """A click on a search result: count it, then go to the page.

    Counted per (day, language, normalised query, rank, page): nothing about the visitor
    (no address, session, user, referrer or time of day). Never an open redirect: the
    target is the URL of the page looked up by its id, and only a page the search could
    show (live, public, searchable, in the active language). Bad input: 400; unknown page: 404.
    """
    try:
        rank = int(request.GET.get("rank", ""))
        page_id = int(request.GET.get("page", ""))
    except ValueError:
        return HttpResponseBadRequest(_("This link to a search result is broken."), content_type="text/plain")
    query = service.click_query(request.GET.get("q", ""))
    if not query or not 1 <= rank <= service.MAX_CLICK_RANK or not 1 <= page_id <= service.MAX_PAGE_ID:
        return HttpResponseBadRequest(_("This link to a search result is broken."), content_type="text/plain")
    page = service.click_target(page_id)
    url = page.get_url(request) if page is not None else None
    if not url:
        raise Http404
    promotions.record_click(query, service.active_language(), rank, page.pk)
    response = HttpResponseRedirect(url)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


@permission_required("portal_search.view_searchquerylog", raise_exception=True)
def report(request):
    """Admin report: what visitors search for and what finds nothing (last 30 days)."""
    return render(
        request,
        "search/admin/report.html",
        {
            "popular": promotions.most_popular_queries(),
            "zero_results": promotions.zero_result_queries(),
            "not_clicked": promotions.first_result_not_clicked(),
            "days": promotions.POPULAR_DAYS,
            "header_icon": "search",
        },
    )
