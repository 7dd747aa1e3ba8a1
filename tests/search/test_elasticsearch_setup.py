"""SEARCH_BACKEND=elasticsearch: a clear start-up error without the client, and the
compatibility media types switched off for servers that refuse them (osmem-server)."""

import importlib.util

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings.base import search_engine_backend
from search.apps import check_engine_clients


def test_missing_client_stops_start_up_naming_the_extra(monkeypatch):
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "elasticsearch" else real_find_spec(name, *a)
    )
    backends = {"default": search_engine_backend("elasticsearch", "http://127.0.0.1:9200", "x_")}
    with pytest.raises(ImproperlyConfigured, match=r"toimintamallit-portal\[elasticsearch\]"):
        check_engine_clients(backends)
    # The other engines and the database backend need nothing extra.
    check_engine_clients({"default": search_engine_backend("opensearch", "http://127.0.0.1:9200", "x_")})
    check_engine_clients({"default": {"BACKEND": "wagtail.search.backends.database"}})


def test_installed_client_passes_the_check():
    check_engine_clients({"default": search_engine_backend("elasticsearch", "http://127.0.0.1:9200", "x_")})


@pytest.mark.parametrize("compatible", [True, False])
def test_compatibility_media_types_follow_the_setting(settings, compatible):
    from search.backends.elasticsearch8 import PlainMediaTypeNode, SearchBackend

    settings.SEARCH_ES_COMPATIBILITY_HEADERS = compatible
    backend = SearchBackend(search_engine_backend("elasticsearch", "http://127.0.0.1:9200", "x_"))
    nodes = list(backend.es.transport.node_pool.all())
    assert isinstance(nodes[0], PlainMediaTypeNode) is not compatible


def test_plain_node_rewrites_the_media_types(monkeypatch):
    from elastic_transport import HttpHeaders, NodeConfig, Urllib3HttpNode

    from search.backends.elasticsearch8 import PlainMediaTypeNode

    sent = {}
    monkeypatch.setattr(
        Urllib3HttpNode, "perform_request", lambda self, m, t, body=None, headers=None, **k: sent.update(headers)
    )
    node = PlainMediaTypeNode(NodeConfig("http", "127.0.0.1", 9200))
    headers = HttpHeaders(
        {
            "accept": "application/vnd.elasticsearch+json; compatible-with=8",
            "content-type": "application/vnd.elasticsearch+x-ndjson; compatible-with=8",
        }
    )
    node.perform_request("POST", "/_bulk", body=b"{}", headers=headers)
    assert sent["accept"] == "application/json"
    assert sent["content-type"] == "application/x-ndjson"
