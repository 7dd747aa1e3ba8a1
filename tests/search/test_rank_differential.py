"""A plain search ranks exactly as before the precomputed body ranks (issue 20 item 3).

On a generated corpus (bench/corpus, Finnish and Swedish), for every word of the corpus
vocabulary and a few multi-word queries, ``search.service.ranked_ids`` returns the same ids
in the same order as the ranking query before the change (``bench.rank_plain.
reference_ranked_ids``: ts_rank over every matching body vector on PostgreSQL, bm25 on
SQLite). On PostgreSQL the table the ranks are read from is checked against ts_rank itself
after pages are edited and deleted, and the migration that creates it leaves search working.
"""

import importlib

import pytest
from django.db import connection, transaction
from django.utils.http import urlencode
from wagtail.models import Locale, Page

from bench.corpus.builder import generate_corpus
from bench.corpus.text import vocabulary
from bench.rank_plain import reference_ranked_ids
from demo.site import ensure_site_structure
from models_library.models import PracticeModelPage
from models_library.vocabulary_data import load_vocabularies
from search import body_rank, service

from .helpers import search_url

MULTI_WORD = ["lapsi palvelu", "perhekeskus toiminta", "varhainen tuki", "nuorten työ", "matalan kynnyksen palvelut"]
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the rank table is PostgreSQL's")


@pytest.fixture(scope="module")
def rank_corpus(django_db_setup, django_db_blocker):
    """One small corpus for the module, rolled back after it (each test in its own savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_vocabularies()
        ensure_site_structure()
        generate_corpus(models=24, events=6, seed=11, languages=("fi", "sv"))
        yield
        transaction.set_rollback(True)


def alternatives(words):
    return [service.clean_query(words, "fi").groups]


def differing(locale, queries, **kwargs):
    return [
        q
        for q in queries
        if service.ranked_ids(alternatives(q), locale, **kwargs)
        != reference_ranked_ids(alternatives(q), locale, **kwargs)
    ]


def assert_same_ranking(every=1):
    """Every ``every``-th query of the vocabulary (all by default) and the multi-word ones."""
    fi = Locale.objects.get(language_code="fi")
    queries = vocabulary("fi")[::every] + MULTI_WORD
    found = [q for q in queries if reference_ranked_ids(alternatives(q), fi)]
    assert len(found) > 0.6 * len(queries)  # most of the vocabulary is used: the check is not vacuous
    assert differing(fi, queries) == []
    # A cut inside groups of equal rank, and the facet-filtered path (``within``).
    assert differing(fi, queries[::7], limit=5) == []
    within = set(
        Page.objects.type(PracticeModelPage).filter(locale=fi).order_by("pk").values_list("pk", flat=True)[:10]
    )
    assert differing(fi, queries[::5], within=within) == []
    # A search without filters ranks every match in one query: the same order (the corpus
    # has fewer matches than the cap, so the whole lists compare).
    every = [
        q
        for q in queries
        if service.ranked_ids(alternatives(q), fi, limit=service.EVERY_MATCH)
        != reference_ranked_ids(alternatives(q), fi)
    ]
    assert every == []


@pytest.mark.django_db
def test_every_corpus_word_ranks_as_before(rank_corpus):
    assert_same_ranking()


def rank_rows_disagreeing_with_ts_rank():
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT count(*) FROM {body_rank.TABLE}), (SELECT sum(length(body)) FROM wagtailsearch_indexentry)"
        )
        rows, lexemes = cursor.fetchone()
        # body_rank._LEXEME_QUERY: the one-lexeme tsquery of u.lexeme.
        cursor.execute(
            f"SELECT count(*) FROM {body_rank.TABLE} u JOIN wagtailsearch_indexentry e ON e.id = u.entry_id "
            f"WHERE u.rank <> ts_rank(e.body, {body_rank._LEXEME_QUERY})"
        )
        return rows, lexemes, cursor.fetchone()[0]


@postgres_only
@pytest.mark.django_db
def test_common_words_take_the_precomputed_path(rank_corpus):
    fi = Locale.objects.get(language_code="fi")
    counts = {w: len(service.matching_ids(alternatives(w), fi)[0]) for w in ("perhe", "palvelu", "toiminta")}
    assert min(counts.values()) >= 20  # common words: on most of the 24 models
    config = service.get_search_backend().config
    for word in counts:
        groups = alternatives(word)[0]
        assert service._single_lexeme([groups], service._tsquery_groups(groups), config)
    # Not for several words: those keep ranking the body vectors.
    groups = alternatives("lapsi palvelu")[0]
    assert service._single_lexeme([groups], service._tsquery_groups(groups), config) is None


@postgres_only
@pytest.mark.django_db
def test_the_rank_table_follows_edits_and_deletions(rank_corpus):
    """One row per (index entry, body lexeme), each the value ts_rank gives, after Wagtail
    re-indexes an edited page and removes a deleted one (the trigger)."""
    rows, lexemes, wrong = rank_rows_disagreeing_with_ts_rank()
    assert rows == lexemes > 1000 and wrong == 0

    fi_models = Page.objects.type(PracticeModelPage).filter(locale__language_code="fi").specific()
    edited, deleted = fi_models[0], fi_models[1]
    edited.short_description = "Perhe perhe perhe: perheiden palvelu ja toiminta."
    edited.save_revision().publish()
    deleted.delete()

    rows, lexemes, wrong = rank_rows_disagreeing_with_ts_rank()
    assert rows == lexemes and wrong == 0
    assert_same_ranking(every=5)


def _migration():
    return importlib.import_module("search.migrations.0005_body_rank")


class _Editor:
    """What the migration's functions use of a schema editor (a real one cannot be opened
    inside the test's transaction on SQLite)."""

    def __init__(self):
        self.connection = connection


@pytest.mark.django_db
def test_search_finds_pages_after_the_migration_and_its_reverse(rank_corpus, client):
    migration = _migration()
    migration.drop(None, _Editor())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s)", [body_rank.TABLE])
            assert cursor.fetchone()[0] is None
    # Without the table (reversed, or code deployed before migrate): the old ranking.
    assert_search_page_lists_matches(client, "perhekeskus")
    assert_same_ranking(every=10)

    migration.create(None, _Editor())
    migration.vacuum(None, _Editor())  # in the test's transaction: does nothing
    assert_search_page_lists_matches(client, "perhe")
    if connection.vendor == "postgresql":
        rows, lexemes, wrong = rank_rows_disagreeing_with_ts_rank()
        assert rows == lexemes and wrong == 0
    assert_same_ranking(every=10)


def assert_search_page_lists_matches(client, word):
    fi = Locale.objects.get(language_code="fi")
    matches = service.ranked_ids(alternatives(word), fi)
    titles = set(Page.objects.filter(pk__in=matches).values_list("title", flat=True))
    response = client.get(search_url("fi") + "?" + urlencode({"q": word}))
    html = response.content.decode()
    assert response.status_code == 200 and matches
    assert sum(title in html for title in titles) >= min(len(titles), 5)
