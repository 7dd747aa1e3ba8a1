"""Bench URLconf: the portal's URLs plus the peer baseline (Wagtail's stock search view)."""

from django.urls import path

from portal.urls import handler404, handler500  # noqa: F401
from portal.urls import urlpatterns as portal_urlpatterns

from .peer_search import search as peer_search

urlpatterns = [path("bench/peer-search/", peer_search, name="bench_peer_search"), *portal_urlpatterns]
