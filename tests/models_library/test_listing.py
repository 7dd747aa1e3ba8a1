"""The faceted listing: counts, OR within / AND across, sorting, messages, query budget."""

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from .fixtures import build_facet_fixture, bulk_models, vocab_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def facet_data(library):
    return build_facet_fixture(library)


def _get(client, library, query=""):
    response = client.get(library.url + query)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def titles(soup):
    return sorted(a.get_text() for a in soup.select(".library__list .card__title a"))


def counts(soup, facet):
    """{code: count} as the facet panel shows them."""
    out = {}
    for box in soup.select(f'.facet-panel input[name="{facet}"]'):
        label = soup.find("label", attrs={"for": box["id"]})
        out[box["value"]] = int(label.select_one(".facet__count").get_text().strip("()").split()[0])
    return out


def status_text(soup):
    return soup.find(attrs={"role": "status"}).get_text(" ", strip=True)


def test_no_filters_lists_live_public_models_in_locale(client, facet_data, library):
    soup = _get(client, library)
    assert titles(soup) == ["Alfa", "Beta", "Gamma"]  # no draft, no private page, no Swedish page
    assert status_text(soup) == "3 toimintamallia"
    assert counts(soup, "region") == {"lappi": 2, "pirkanmaa": 2}
    assert counts(soup, "target_group") == {"young-people": 2, "families": 2}
    assert counts(soup, "stage") == {"idea": 0, "in_development": 1, "ready": 2, "established": 0}
    assert counts(soup, "theme") == {"early-support": 2, "participation": 2}
    assert counts(soup, "organisation") == {"org-one": 2, "org-two": 1}
    assert counts(soup, "adopted_in") == {"lappi": 1, "pirkanmaa": 1}


FACET_CASES = [
    ("?region=lappi", ["Alfa", "Beta"]),
    ("?region=lappi&region=pirkanmaa", ["Alfa", "Beta", "Gamma"]),  # OR within a facet
    ("?region=lappi&target_group=families", ["Beta"]),  # AND across facets
    ("?target_group=young-people&target_group=families&stage=ready", ["Alfa", "Gamma"]),
    ("?stage=ready", ["Alfa", "Gamma"]),
    ("?stage=in_development&stage=established", ["Beta"]),
    ("?theme=early-support", ["Alfa", "Gamma"]),
    ("?theme=participation&stage=ready", ["Gamma"]),
    ("?organisation=org-one", ["Alfa", "Gamma"]),
    ("?organisation=org-two&region=pirkanmaa", ["Beta"]),
    ("?adopted_in=lappi", ["Gamma"]),
    ("?adopted_in=pirkanmaa&adopted_in=lappi&region=lappi", ["Alfa"]),
    ("?region=pirkanmaa&theme=early-support&stage=ready&organisation=org-one&adopted_in=lappi", ["Gamma"]),
]


def test_each_facet_filters(client, facet_data, library):
    # One test for all cases: the fixture is the expensive part.
    for query, expected in FACET_CASES:
        soup = _get(client, library, query)
        assert titles(soup) == expected, query
        assert status_text(soup).startswith(f"{len(expected)} "), query


def test_counts_react_to_other_facets(client, facet_data, library):
    soup = _get(client, library, "?region=lappi")
    # The region facet itself is counted without its own selection ...
    assert counts(soup, "region") == {"lappi": 2, "pirkanmaa": 2}
    # ... every other facet with it.
    assert counts(soup, "target_group") == {"young-people": 2, "families": 1}
    assert counts(soup, "stage") == {"idea": 0, "in_development": 1, "ready": 1, "established": 0}
    assert counts(soup, "theme") == {"early-support": 1, "participation": 1}
    assert counts(soup, "adopted_in") == {"pirkanmaa": 1}

    soup = _get(client, library, "?stage=ready&theme=participation")
    assert counts(soup, "region") == {"pirkanmaa": 1}
    assert counts(soup, "theme") == {"early-support": 2, "participation": 1}
    assert counts(soup, "stage")["in_development"] == 1
    assert counts(soup, "stage")["ready"] == 1


def test_active_filters_and_clear_all(client, facet_data, library):
    soup = _get(client, library, "?region=lappi&stage=ready")
    removes = soup.select(".active-filters a")
    assert len(removes) == 2
    clear = soup.select_one(".facet-form__clear")
    assert clear["href"] == library.url
    # Removing one filter keeps the other.
    region_link = next(a for a in removes if "Lappi" in a.get_text())
    assert titles(_get(client, library, region_link["href"])) == ["Alfa", "Gamma"]
    assert soup.select_one('input[name="region"][value="lappi"]').has_attr("checked")


MALFORMED = [
    "?region=atlantis",
    "?stage=%00%01",
    "?region=" + "x" * 5000,
    "?sort=drop-table",
    "?page=abc",
    "?page=99999",
    "?region=lappi&region=lappi&stage=",
    "?target_group[]=1&theme=%E2%82%AC",
]


def test_malformed_parameters_give_200_and_message(client, facet_data, library):
    for query in MALFORMED:
        response = client.get(library.url + query)
        assert response.status_code == 200, query
        soup = BeautifulSoup(response.content.decode(), "html.parser")
        assert soup.find(attrs={"role": "status"}), query
        if "lappi&region=lappi" not in query and "target_group[]" not in query:
            assert soup.select_one(".notice--warning"), query


def test_unknown_value_message_names_the_filter(client, facet_data, library):
    soup = _get(client, library, "?region=atlantis&region=lappi")
    notice = soup.select_one(".notice--warning").get_text()
    assert "atlantis" in notice
    assert titles(soup) == ["Alfa", "Beta"]  # the known value still applies


def test_empty_state(client, facet_data, library):
    soup = _get(client, library, "?organisation=org-two&stage=ready")
    assert titles(soup) == []
    assert status_text(soup) == "0 toimintamallia"
    empty = soup.select_one(".empty-state")
    assert empty.find("a", href=library.url)


def test_sorting(client, facet_data, library):
    import datetime

    from models_library.models import PracticeModelPage

    PracticeModelPage.objects.filter(pk=facet_data["c"].pk).update(source_updated=datetime.date(2024, 1, 1))
    PracticeModelPage.objects.filter(pk=facet_data["a"].pk).update(source_updated=datetime.date(2023, 1, 1))

    def ordered(query):
        soup = _get(client, library, query)
        return [a.get_text() for a in soup.select(".library__list .card__title a")]

    assert ordered("") == ["Gamma", "Alfa", "Beta"]
    assert ordered("?sort=name") == ["Alfa", "Beta", "Gamma"]
    assert ordered("?sort=stage") == ["Alfa", "Gamma", "Beta"]
    assert ordered("?sort=updated") == ordered("")  # ready before in development


def test_pagination_keeps_filters(client, library):
    v = vocab_fixture()
    bulk_models(library, 25, vocab=v)
    soup = _get(client, library, "?region=lappi")
    assert len(titles(soup)) == 20
    next_link = soup.select_one('.pagination a[rel="next"]')["href"]
    assert "region=lappi" in next_link and "page=2" in next_link
    assert len(titles(_get(client, library, next_link))) == 5


def test_locale_isolation(client, facet_data, library):
    from wagtail.models import Locale

    sv_library = library.get_translation(Locale.objects.get(language_code="sv"))
    soup = _get(client, sv_library)
    assert titles(soup) == ["Svensk modell"]
    assert counts(soup, "region") == {"lappi": 1}
    # Facet labels follow the language.
    label = soup.find("label", attrs={"for": soup.select_one('input[name="region"]')["id"]})
    assert "Lappland" in label.get_text()


NO_INDEXING = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}


@override_settings(WAGTAILSEARCH_BACKENDS=NO_INDEXING)
def test_query_count_constant_from_10_to_500(client, library, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    v = vocab_fixture()
    bulk_models(library, 10, vocab=v)
    query = "?region=lappi&target_group=young-people&adopted_in=pirkanmaa&sort=name"
    client.get(library.url + query)  # warm caches (site root, locales)
    with CaptureQueriesContext(connection) as small:
        response = client.get(library.url + query)
    assert response.status_code == 200
    bulk_models(library, 490, start=10, vocab=v)
    with django_assert_max_num_queries(len(small)):
        response = client.get(library.url + query)
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert status_text(soup) == "500 toimintamallia"
    assert len(titles(soup)) == 20
