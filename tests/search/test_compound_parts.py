"""Compound parts (core.text.compound_parts): any part of a Finnish or Swedish compound,
inflected or not, with or without ä/ö, finds the page, ranked below a page where the word
stands alone."""

import pytest
from wagtail.models import Locale

from core.text import compound_parts, normalise_terms, word_terms
from tests.factories import PracticeModelPageFactory

from .helpers import get_search, result_titles


@pytest.mark.parametrize(
    "word, language, expected",
    [
        ("perhekeskus", "fi", {"perhe", "keskus"}),
        ("perhekeskuksessa", "fi", {"perhe", "keskus"}),  # inflected compound
        ("kuntatyöpajoissa", "fi", {"kunta", "työpaja", "työ", "paja"}),
        ("lastensuojelu", "fi", {"lasten", "lapsi", "suojelu"}),  # genitive first part and its lemma
        ("sote-palveluiden", "fi", {"sote", "palvelu"}),  # hyphenated
        ("kehittämistyössä", "fi", {"kehittäminen", "työ"}),  # "-mis-" linking form
        ("mielenterveyspalvelut", "fi", {"mieli", "terveys", "palvelu"}),  # nested compound
        ("familjecentralen", "sv", {"familj", "central"}),
    ],
)
def test_parts_of_compounds(word, language, expected):
    assert expected <= set(compound_parts(word, language))


@pytest.mark.parametrize("word", ["lapsi", "alueella", "keskuksessa", "verkostomaisen", "hyvinvointi"[:5]])
def test_plain_words_and_derivations_are_not_split(word):
    assert compound_parts(word, "fi") == ()


def test_no_split_for_languages_without_compounds_and_query_side_stays_whole():
    assert compound_parts("childcare", "en") == ()
    assert "perhe" not in word_terms("perhekeskus", "fi", compounds=False)
    # simplemma's "työ" -> "sinä" does not leak through a compound part.
    assert "sina" not in [t for t in normalise_terms("kuntatyöpajoissa", "fi") if t != "kuntatyopaja"]


@pytest.fixture
def compound_pages(site_structure):
    library = site_structure["library"].get_translation(Locale.objects.get(language_code="fi"))
    pages = {}
    for title, summary in [
        ("Perhekeskus", "Palvelut samassa paikassa."),
        ("Perhe ensin", "Tukea arkeen."),
        ("Koulupolku", "Lastensuojelun ja koulun yhteistyö."),
        ("Turvakoti", "Perheväkivallan uhrien tuki."),
        ("Kunnan malli", "Kehittämistyössä mukana kuntatyöpajat."),
    ]:
        page = PracticeModelPageFactory(parent=library, title=title, short_description=summary)
        page.save_revision().publish()
        pages[title] = page
    return pages


PART_QUERIES = [
    ("keskus", "Perhekeskus"),  # the head
    ("perhe", "Perhekeskus"),  # the first part
    ("perheiden", "Perhekeskus"),  # the first part, inflected
    ("lapsi", "Koulupolku"),  # genitive first part "lasten" -> lapsi
    ("suojelu", "Koulupolku"),
    ("vakivalta", "Turvakoti"),  # typed without ä
    ("väkivalta", "Turvakoti"),
    ("paja", "Kunnan malli"),
    ("työ", "Kunnan malli"),
]


@pytest.mark.django_db
def test_a_part_finds_the_page(client, compound_pages):
    # One page set for all queries: page saves are the slow part.
    missed = [query for query, title in PART_QUERIES if title not in result_titles(get_search(client, q=query)[1])]
    assert missed == []


@pytest.mark.django_db
def test_a_word_that_stands_alone_ranks_above_a_compound_part(client, compound_pages):
    _r, soup = get_search(client, q="perhe")
    titles = result_titles(soup)
    assert titles.index("Perhe ensin") < titles.index("Perhekeskus")
