"""The search page re-scores its ranked pages with ``RelevanceScorer``: for every text and
query it must give exactly the score its definition states (``_weighted_hits``: query
groups found as words, groups found only inside compounds), on the reference documents'
passages, with synonyms, compound parts, hyphens, inflections and text copied from PDFs."""

import pytest

from search import service

from .query_set import QUERIES, passages

EXTRA_TEXTS = [
    "",
    "Perhekeskus",
    "Perhe ja perhekeskus",
    "Lastensuojelun sosiaalipalvelut – sote-palveluiden kehittämistyö",
    "Perhe\u00adkeskuksen toiminta",  # soft hyphen from a PDF
    "Perhe-\nkeskuksen toiminta",  # a word split at a line end
    "PerheÃ¤ palveluita",  # UTF-8 read as Latin-1
    "perhe " * 300,
]
SYNONYMS = [("LAPE", "lapsi- ja perhepalveluiden muutosohjelma"), ("perhekeskus", "familjecentral perhe")]


def defined_score(text, alternatives, weight):
    def one(groups):
        whole, parts = service._weighted_hits(text, groups, "fi")
        return weight * (whole + service.COMPOUND_PART_FACTOR * parts)

    if len(alternatives) == 1:
        return one(alternatives[0])
    return max(one(groups) / len(groups) for groups in alternatives)


def query_alternatives():
    out = [[service.clean_query(query, "fi").groups] for _kind, query, _expressions in QUERIES]
    for words in SYNONYMS:
        out.append([service.clean_query(w, "fi").groups for w in words])
    return [alternatives for alternatives in out if all(alternatives)]


@pytest.mark.parametrize("weight", [service.TITLE_WEIGHT, service.SUMMARY_WEIGHT])
def test_scores_are_those_of_the_definition(weight):
    texts = [text for _title, text in passages()] + EXTRA_TEXTS
    queries = query_alternatives()
    assert len(queries) > 60 and len(texts) > 70
    wrong, scored = [], 0
    for alternatives in queries:
        scorer = service.RelevanceScorer(alternatives, "fi")
        for text in texts:
            expected = defined_score(text, alternatives, weight)
            scored += expected > 0
            if scorer.score(text, weight) != expected:
                wrong.append((alternatives, text[:60]))
    assert wrong == []
    assert scored > 500  # most queries hit many passages: the comparison is not of zeros
