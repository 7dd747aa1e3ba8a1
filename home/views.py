"""Small site-wide views: robots.txt and error pages."""

import sys

from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.http import require_GET

from core import faults


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /*?*page=",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # An exception outside any view (a middleware saving the session on a read-only
    # database, say) arrives here: a service that is down for a while still gets its 503.
    exc = sys.exc_info()[1]
    if exc is not None and faults.handles(exc):
        return faults.service_unavailable_response(request, exc)
    # No context processors: the database may be the reason we are here.
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"request": request}), status=500)


def too_many_requests(request, exception=None):
    return render(request, "429.html", status=429)
