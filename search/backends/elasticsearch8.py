"""Wagtail's elasticsearch8 backend with outage handling (``search.backends.resilient``).

Needs the ``elasticsearch`` client, which is not pinned (OpenSearch is the engine the
project installs and tests); the outage handling is the same mixin as for OpenSearch.
"""

from wagtail.search.backends.elasticsearch8 import Elasticsearch8SearchBackend, Elasticsearch8SearchResults

from .resilient import ResilientResultsMixin, ResilientSearchBackendMixin


class ResilientElasticsearch8SearchResults(ResilientResultsMixin, Elasticsearch8SearchResults):
    pass


class ResilientElasticsearch8SearchBackend(ResilientSearchBackendMixin, Elasticsearch8SearchBackend):
    results_class = ResilientElasticsearch8SearchResults


SearchBackend = ResilientElasticsearch8SearchBackend
