"""The facet membership memo (FACET_CACHE_SECONDS > 0, the production default).

Counts from the memo must equal the SQL aggregate's for every combination of filters, and
a publish or unpublish must show on the very next request (the memo is keyed by the page
cache's publish generation).
"""

import pytest
from django.test import override_settings
from wagtail.models import Page

from core.facets import clear_membership_memo
from tests.models_library.fixtures import build_facet_fixture
from tests.models_library.test_listing import FACET_CASES, _get, counts, titles

pytestmark = pytest.mark.django_db

FACETS = ["target_group", "region", "stage", "theme", "organisation", "adopted_in"]
QUERIES = [
    "",
    "?adopted_in=lappi&theme=participation",
    "?region=lappi&organisation=org-one&stage=ready",
    *[query for query, _titles in FACET_CASES],
]


@pytest.fixture
def facet_data(library):
    clear_membership_memo()
    yield build_facet_fixture(library)
    clear_membership_memo()


def panel(client, library, query):
    soup = _get(client, library, query)
    return titles(soup), {facet: counts(soup, facet) for facet in FACETS}


@pytest.mark.parametrize("query", QUERIES)
def test_memo_counts_equal_the_sql_counts(client, facet_data, library, query):
    with override_settings(FACET_CACHE_SECONDS=0):
        expected = panel(client, library, query)
    with override_settings(FACET_CACHE_SECONDS=300):
        panel(client, library, "")  # fills the memo from another selection first
        assert panel(client, library, query) == expected


@override_settings(FACET_CACHE_SECONDS=300)
def test_publish_and_unpublish_show_on_the_next_request(client, facet_data, library):
    assert counts(_get(client, library), "region") == {"lappi": 2, "pirkanmaa": 2}

    Page.objects.get(slug="alfa").specific.unpublish()
    assert counts(_get(client, library), "region") == {"lappi": 1, "pirkanmaa": 2}

    draft = Page.objects.get(slug="luonnos").specific
    draft.save_revision().publish()
    assert counts(_get(client, library), "region") == {"lappi": 2, "pirkanmaa": 2}
    assert counts(_get(client, library), "target_group")["young-people"] == 2
