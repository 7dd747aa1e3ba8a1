"""Wagtail's elasticsearch8 backend with outage handling (``search.backends.resilient``).

Needs the ``elasticsearch`` client (8.x, the major Wagtail's elasticsearch8 backend is
written for): the optional extra ``pip install 'toimintamallit-portal[elasticsearch]'``.
``search.apps`` refuses to start with ``SEARCH_BACKEND=elasticsearch`` without it.

The 8.x client sends Elasticsearch's REST compatibility media types
(``application/vnd.elasticsearch+json; compatible-with=8``). Elasticsearch 8 and 9 want
them; an OpenSearch-compatible server (osmem-server in the tests) refuses them with 406.
``SEARCH_ES_COMPATIBILITY_HEADERS = False`` (settings; env ``SEARCH_ES_COMPATIBILITY_HEADERS=0``)
sends plain ``application/json`` instead.
"""

import re

from django.conf import settings
from elastic_transport import Urllib3HttpNode
from wagtail.search.backends.elasticsearch8 import Elasticsearch8SearchBackend, Elasticsearch8SearchResults

from .resilient import ResilientResultsMixin, ResilientSearchBackendMixin

COMPAT_MEDIA_TYPE_RE = re.compile(r"application/vnd\.elasticsearch\+([\w-]+)(?:;\s*compatible-with=\d+)?")


class PlainMediaTypeNode(Urllib3HttpNode):
    """The client's HTTP node, with the compatibility media types turned back into plain ones."""

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                if headers.get(name):
                    headers[name] = COMPAT_MEDIA_TYPE_RE.sub(r"application/\1", headers[name])
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)


class ResilientElasticsearch8SearchResults(ResilientResultsMixin, Elasticsearch8SearchResults):
    pass


class ResilientElasticsearch8SearchBackend(ResilientSearchBackendMixin, Elasticsearch8SearchBackend):
    results_class = ResilientElasticsearch8SearchResults

    def __init__(self, params):
        params = dict(params)
        compatible = params.pop("COMPATIBILITY_HEADERS", getattr(settings, "SEARCH_ES_COMPATIBILITY_HEADERS", True))
        if not compatible:
            params["OPTIONS"] = {**params.get("OPTIONS", {}), "node_class": PlainMediaTypeNode}
        super().__init__(params)


SearchBackend = ResilientElasticsearch8SearchBackend
