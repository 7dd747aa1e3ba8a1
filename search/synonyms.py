"""Synonyms editors maintain per language (snippet ``SearchSynonym``), applied by expanding
the visitor's query before any backend is asked, so every backend gives the same answer.

A query is a list of *alternatives*, each the usual AND-ed groups of OR-ed terms. When a
run of the query's words is one of a synonym set's terms (compared as normalised groups,
so inflected or typed without ä/ö it still matches), an alternative is added with those
words replaced by each other term of the set: "LAPE" → ["lape"] OR ["lapsi" AND
"perhepalvelu" AND "muutosohjelma"]. Terms are normalised with ``core.text.query_groups``,
exactly as a visitor's query is, so they meet the indexed text the same way.

The normalised sets are cached per language under a version number that a save or delete
of a synonym bumps (and a recovery of the shared cache, since a change during an outage
could not bump it), connected in ``search.apps``: the next search on every worker sees the
change. Publishing pages does not touch it, so a search page keeps its constant query
count. ``search.apps`` also makes a synonym change drop the cached pages
(``core.pagecache.invalidate_on_change``).
"""

from django.core.cache import cache

from core.text import query_groups

from .models import SearchSynonym

# The original query plus at most this many expansions (each alternative is one more OR
# branch in every backend's query).
MAX_EXPANSIONS = 8
CACHE_SECONDS = 24 * 60 * 60
VERSION_KEY = "search-synonyms:version"


def _normalised_sets(language):
    sets = []
    for synonym in SearchSynonym.objects.filter(language=language).order_by("pk"):
        terms = [[list(g) for g in query_groups(term, language)[0]] for term in synonym.term_list()]
        terms = [term for term in terms if term]
        if len(terms) >= 2:
            sets.append(terms)
    return sets


def _version():
    """The synonyms' cache version, or None when the cache keeps nothing."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_version(**kwargs):
    """Make every cached synonym set stale (signal receiver: synonym saved or deleted, the
    shared cache back after an outage)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # key missing (evicted, or the cache is down)
        cache.set(VERSION_KEY, 2, timeout=None)


def synonym_sets(language):
    """[[term groups, …], …]: each synonym set of ``language`` as normalised groups."""
    version = _version()
    if version is None:  # the cache keeps nothing: read the table (one small query)
        raw = _normalised_sets(language)
    else:
        key = f"search-synonyms:{version}:{language}"
        raw = cache.get(key)
        if raw is None:
            raw = _normalised_sets(language)
            cache.set(key, raw, CACHE_SECONDS)
    return [[[tuple(group) for group in term] for term in terms] for terms in raw]


def _same_word(query_group, term_group):
    return bool(set(query_group) & set(term_group))


def _find(groups, term):
    """Index where ``term``'s groups occur as a run in ``groups``, or None."""
    n = len(term)
    for start in range(len(groups) - n + 1):
        if all(_same_word(groups[start + k], term[k]) for k in range(n)):
            return start
    return None


def expand(groups, language):
    """[groups, *expansions]: the query's alternatives with the editors' synonyms applied."""
    alternatives = [list(groups)]
    if not groups:
        return alternatives
    for terms in synonym_sets(language):
        for term in terms:
            start = _find(groups, term)
            if start is None:
                continue
            for other in terms:
                if other is term:
                    continue
                replaced = []
                for group in [*groups[:start], *other, *groups[start + len(term) :]]:
                    if group not in replaced:
                        replaced.append(group)
                if replaced not in alternatives:
                    alternatives.append(replaced)
            break  # one matching term per set is enough: the others give the same expansions
    return alternatives[: 1 + MAX_EXPANSIONS]
