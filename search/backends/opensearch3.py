"""Wagtail's opensearch3 backend with outage handling (``search.backends.resilient``)."""

from wagtail.search.backends.opensearch3 import OpenSearch3SearchBackend, OpenSearch3SearchResults

from .resilient import ResilientResultsMixin, ResilientSearchBackendMixin


class ResilientOpenSearch3SearchResults(ResilientResultsMixin, OpenSearch3SearchResults):
    pass


class ResilientOpenSearch3SearchBackend(ResilientSearchBackendMixin, OpenSearch3SearchBackend):
    results_class = ResilientOpenSearch3SearchResults


SearchBackend = ResilientOpenSearch3SearchBackend
