"""The facet membership memo shared between processes through the Django cache (Redis in
production): a fresh worker reads the entry another worker stored instead of running the
membership query; a publish makes it unreachable; with the cache down, listings still
count (with SQL).
"""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from core.facets import SHARED_KEY_PREFIX, clear_membership_memo, wait_for_rebuild
from core.pagecache import page_cache
from tests.models_library.fixtures import build_facet_fixture
from tests.models_library.test_listing import _get, counts, titles

pytestmark = pytest.mark.django_db

MEMO_ON = override_settings(FACET_CACHE_SECONDS=300)
DUMMY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
QUERY = "?region=lappi"


@pytest.fixture
def facet_data(library):
    page_cache().clear()
    clear_membership_memo()
    yield build_facet_fixture(library)
    clear_membership_memo()
    page_cache().clear()


def listing(client, library, query=QUERY):
    """(titles, region counts, membership queries run) of one listing request."""
    with CaptureQueriesContext(connection) as queries:
        soup = _get(client, library, query)
    membership = sum(1 for q in queries if "SELECT -1, facet_page" in q["sql"])
    return titles(soup), counts(soup, "region"), membership


@MEMO_ON
def test_a_fresh_process_reads_the_memo_another_one_stored(client, facet_data, library):
    first = listing(client, library)
    assert first[2] == 1  # built once, and stored in the shared cache
    assert any(key.startswith(f"{SHARED_KEY_PREFIX}:") for key in _cache_keys())
    clear_membership_memo()  # a new worker: its own memo is empty
    fresh = listing(client, library)
    assert fresh[2] == 0
    assert fresh[:2] == first[:2]


@MEMO_ON
def test_a_publish_makes_the_shared_memo_unreachable(client, facet_data, library):
    assert listing(client, library, "")[1] == {"lappi": 2, "pirkanmaa": 2}
    Page.objects.get(slug="alfa").specific.unpublish()
    clear_membership_memo()  # another worker, which never saw the old entry
    after = listing(client, library, "")
    assert after[2] == 1  # rebuilt under the new generation
    assert after[1] == {"lappi": 1, "pirkanmaa": 2}


def test_with_the_cache_down_the_listing_counts_with_sql(client, facet_data, library):
    with override_settings(FACET_CACHE_SECONDS=0):
        expected = listing(client, library)
    with MEMO_ON, override_settings(CACHES=DUMMY_CACHE):
        down = listing(client, library)
    assert down[:2] == expected[:2]


def _cache_keys():
    cache = page_cache()
    return [key.split(":", 2)[-1] for key in getattr(cache, "_cache", {})]  # LocMemCache keys


@MEMO_ON
def test_while_another_worker_builds_the_memo_this_one_counts_with_sql(client, facet_data, library):
    """After a publish every worker misses at once; only the one holding the build lock runs
    the membership query, the others answer that request with SQL counts (same results)."""
    with override_settings(FACET_CACHE_SECONDS=0):
        expected = listing(client, library)
    listing(client, library)  # learn the entry's key: the one entry stored
    (stored,) = [key for key in _cache_keys() if key.startswith(f"{SHARED_KEY_PREFIX}:")]
    page_cache().delete(stored)
    clear_membership_memo()
    page_cache().add(f"{stored}:building", 1, 30)  # another worker is building it
    waiting = listing(client, library)
    assert waiting[2] == 0 and waiting[:2] == expected[:2]
    assert stored not in _cache_keys()  # nothing half-built was stored
    page_cache().delete(f"{stored}:building")
    built = listing(client, library)
    assert built[2] == 1 and built[:2] == expected[:2]
    assert f"{stored}:building" not in _cache_keys()  # the builder let go of the lock


@MEMO_ON
@override_settings(FACET_MEMO_REBUILD=True)
@pytest.mark.django_db(transaction=True)  # the rebuild thread reads what the publish committed
def test_after_a_publish_the_memo_is_rebuilt_in_the_background(client, facet_data, library):
    """Production's setting: once a publish commits, a thread rebuilds the base sets visitors
    used; a fresh worker's first request after it reads the new entry, and no visitor's
    request runs the membership query."""
    assert listing(client, library, "")[1] == {"lappi": 2, "pirkanmaa": 2}
    Page.objects.get(slug="alfa").specific.unpublish()
    wait_for_rebuild()
    clear_membership_memo()  # a fresh worker
    after = listing(client, library, "")
    assert after[2] == 0
    assert after[1] == {"lappi": 1, "pirkanmaa": 2}
