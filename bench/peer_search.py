"""Peer baseline: the search view that ``wagtail start`` generates (Wagtail 8.0.1).

Copied as generated (comments about search promotions dropped); only the template name
differs so it does not clash with ours. Mounted only in bench/urls.py.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page


def search(request):
    search_query = request.GET.get("query", None)
    page = request.GET.get("page", 1)

    # Search
    if search_query:
        search_results = Page.objects.live().search(search_query)
    else:
        search_results = Page.objects.none()

    # Pagination
    paginator = Paginator(search_results, 10)
    try:
        search_results = paginator.page(page)
    except PageNotAnInteger:
        search_results = paginator.page(1)
    except EmptyPage:
        search_results = paginator.page(paginator.num_pages)

    return TemplateResponse(
        request,
        "bench/peer_search.html",
        {
            "search_query": search_query,
            "search_results": search_results,
        },
    )
