"""Language-aware text normalisation shared by indexing, querying and highlighting.

Finnish is highly inflected (lapsi/lasten/lapset), so both the indexed text and the
query are reduced to lemmas with simplemma before any backend sees them. Every token is
also folded to ASCII (ä→a, ö→o, å→a) so that a query typed without those letters, or text
that lost them in a PDF export, still matches. Because the work is done here in Python,
the database and OpenSearch backends see the same tokens and give the same answers.

Index side, each word contributes its folded surface form, its folded lemma (when it
differs) and every part of a compound, as written and as lemma ("lastensuojelu" →
"lasten", "lapsi", "suojelu"), split against simplemma's dictionary. The surface form
rescues words simplemma gets wrong (it maps "työ" to "sinä"); the query side asks for
"lemma OR surface" per word, AND across words.
"""

import re
import unicodedata
from functools import lru_cache

import simplemma

# Languages simplemma knows; Inari and Skolt Sámi fall back to plain folding.
LEMMA_LANGUAGES = {"fi": "fi", "sv": "sv", "en": "en", "se": "se"}
# Apostrophes split words ("people's" -> people, s) as OpenSearch's standard tokenizer
# and SQLite's unicode61 do differently otherwise; hyphenated words stay one token.
WORD_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)
MAX_TOKEN_LENGTH = 60
# Compound splitting: parts shorter than this are too ambiguous to index on their own.
MIN_COMPOUND_PART = 4

# Query-side only: words that would make an AND query needlessly strict.
STOPWORDS = {
    "fi": {"ja", "tai", "sekä", "seka", "on", "ei", "että", "etta", "kuin", "myös", "myos"},
    "sv": {"och", "eller", "i", "på", "pa", "för", "for", "att", "som", "en", "ett", "det", "av", "med", "till"},
    "en": {"the", "a", "an", "and", "or", "of", "in", "for", "to", "on", "with", "by", "at"},
}
# Boolean-looking words: search has no operators, so these are dropped (with a message).
OPERATOR_WORDS = {"AND", "OR", "NOT"}

# Text copied out of PDFs: soft hyphens, words split at line ends, UTF-8 read as Latin-1.
SOFT_HYPHEN_RE = re.compile("\u00ad")
LINE_BREAK_HYPHEN_RE = re.compile(r"(\w)-\s*\n\s*(\w)")
MOJIBAKE = {"Ã¤": "ä", "Ã¶": "ö", "Ã¥": "å", "Ã„": "Ä", "Ã–": "Ö", "Ã…": "Å", "Ã©": "é", "Ã¼": "ü"}
MOJIBAKE_RE = re.compile("|".join(map(re.escape, MOJIBAKE)))


def repair(text: str) -> str:
    """Undo the usual PDF-export damage before tokenising."""
    if not text:
        return ""
    # Each step only when its character is there: a search re-tokenises 2 000 texts.
    if "\u00ad" in text:
        text = SOFT_HYPHEN_RE.sub("", text)
    if "\n" in text:
        text = LINE_BREAK_HYPHEN_RE.sub(r"\1\2", text)
    if "Ã" in text:
        text = MOJIBAKE_RE.sub(lambda m: MOJIBAKE[m.group(0)], text)
    return text


def fold(token: str) -> str:
    """Lower-case and strip diacritics: 'Syrjäytymisen' -> 'syrjaytymisen'."""
    decomposed = unicodedata.normalize("NFKD", token.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    return [token for token in WORD_RE.findall(repair(text)) if len(token) <= MAX_TOKEN_LENGTH]


@lru_cache(maxsize=200_000)
def lemma(token: str, language: str) -> str:
    lang = LEMMA_LANGUAGES.get(language)
    if not lang:
        return token
    try:
        return simplemma.lemmatize(token, lang=lang).lower()
    except (ValueError, KeyError):
        return token


# Three-letter words that are common compound parts ("yhteistyö", "tietyö", "kotimaa");
# other parts must have MIN_COMPOUND_PART letters, or "hyvinvointi" splits into "hyvin",
# "voin", ... and "linkkihenkilö" into "linkki", "hen", "kilo".
SHORT_COMPOUND_PARTS = {"fi": {"työ", "tie", "maa", "osa", "yö", "uni", "ydin"}, "sv": {"barn", "hem", "dag"}}
# Derivational endings simplemma happens to know as words: never a compound part.
NOT_COMPOUND_PARTS = {"mainen", "lainen", "läinen", "isuus", "isyys", "inen", "llinen", "nen", "sesta"}
MAX_COMPOUND_PARTS = 4


def _is_part(part: str, lang: str, final: bool) -> bool:
    if part in NOT_COMPOUND_PARTS or lemma(part, lang) in NOT_COMPOUND_PARTS:
        return False
    if len(part) < MIN_COMPOUND_PART and part not in SHORT_COMPOUND_PARTS.get(lang, ()):
        return False
    if simplemma.is_known(part, lang=lang):
        return True
    # A Finnish "-minen" noun stands as "-mis-" before another part ("kehittämistyö").
    return not final and lang == "fi" and part.endswith("mis") and simplemma.is_known(part[:-1] + "nen", lang=lang)


@lru_cache(maxsize=200_000)
def _segment(word: str, lang: str) -> tuple[str, ...]:
    """Fewest dictionary words (at least two) that make up ``word``; () if none.

    Dynamic programming over cut points; a part is a form simplemma's dictionary knows
    (inflected forms included, so "lasten" in "lastensuojelu" and "palvelujen" in
    "sosiaalipalvelujen" count). Ties go to the longer last part (the head).
    """
    n = len(word)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for end in range(1, n + 1):
        for start in range(0, end):
            prefix = best[start]
            if prefix is None or (start == 0 and end == n) or len(prefix) >= MAX_COMPOUND_PARTS:
                continue
            part = word[start:end]
            if not _is_part(part, lang, final=end == n):
                continue
            candidate = (*prefix, part)
            current = best[end]
            if current is None or (len(candidate), -len(part)) < (len(current), -len(current[-1])):
                best[end] = candidate
    return best[n] or ()


@lru_cache(maxsize=200_000)
def compound_parts(word: str, language: str) -> tuple[str, ...]:
    """Every part of a compound, each as its form and its lemma, nested compounds split
    too: 'lastensuojelussa' -> ('lasten', 'lapsi', 'suojelu', ...); hyphenated words by
    their hyphens ('sote-palveluiden' -> 'sote', 'palvelu', ...).

    Finnish and Swedish write compounds as one word, so a page about "perhekeskus" must
    be found by "perhe" and by "keskus" (docs/search.md "Compound parts"). The word is
    split as its lemma; when simplemma does not know the lemma, as written (a part may then
    be inflected).
    """
    lang = LEMMA_LANGUAGES.get(language)
    if lang not in {"fi", "sv", "se"}:
        return ()
    if "-" in word:
        pieces = [p for p in word.split("-") if p]
    else:
        if len(word) < 2 * MIN_COMPOUND_PART - 1:
            return ()
        # The lemma first ("keskuksessa" is "keskus", not "kesk" + "uksessa"); the word as
        # written only when simplemma does not know its lemma (a misread inflection).
        base = lemma(word, language)
        pieces = list(_segment(base, lang))
        if not pieces and not simplemma.is_known(base, lang=lang):
            pieces = list(_segment(word, lang))
    if len(pieces) < 2:
        return ()
    out: list[str] = []
    for piece in pieces:
        base = _part_lemma(piece, language)
        # Nested compounds are split from the part's lemma only: an inflected ending
        # ("keskuksessa") is not a compound.
        for term in (piece, base, *compound_parts(base, language)):
            if term not in out and term != word and len(term) >= 2:
                out.append(term)
    return tuple(out)


def _part_lemma(piece: str, language: str) -> str:
    if piece in SHORT_COMPOUND_PARTS.get(language, ()):
        return piece  # simplemma maps "työ" to "sinä"
    if language == "fi" and piece.endswith("mis") and not simplemma.is_known(piece, lang="fi"):
        return piece[:-1] + "nen"  # "kehittämis-" -> "kehittäminen"
    return lemma(piece, language)


@lru_cache(maxsize=200_000)
def word_terms(word: str, language: str, compounds: bool = True) -> tuple[str, ...]:
    """Every index term of one word: folded lemma, folded surface form, compound parts."""
    low = word.lower()
    base = lemma(low, language)
    terms = [fold(base)]
    surface = fold(low)
    if surface not in terms:
        terms.append(surface)
    if compounds:
        for part in compound_parts(low, language):
            folded = fold(part)
            if folded not in terms:
                terms.append(folded)
    return tuple(terms)


def normalise_terms(text: str, language: str, compounds: bool = True) -> list[str]:
    """Index terms for ``text``, in text order."""
    out = []
    for raw in tokens(text):
        out.extend(word_terms(raw, language, compounds))
    return out


def normalise(text: str, language: str, compounds: bool = True) -> str:
    return " ".join(normalise_terms(text, language, compounds=compounds))


def query_groups(text: str, language: str) -> tuple[list[tuple[str, ...]], bool]:
    """Parse a visitor's query into AND-ed groups of OR-ed alternatives.

    Returns (groups, dropped_operators). Each group is (lemma, surface) of one word, both
    folded; stopwords are left out unless the query has nothing else. Compound heads are
    not added on the query side: "perhekeskus" should not find every "keskus".
    """
    words = tokens(text)
    dropped = any(w in OPERATOR_WORDS for w in words)
    words = [w for w in words if w not in OPERATOR_WORDS]
    stop = STOPWORDS.get(language, set())
    content = [w for w in words if fold(w) not in stop and w.lower() not in stop] or words
    groups, seen = [], set()
    for word in content:
        group = word_terms(word, language, compounds=False)
        if group not in seen:
            seen.add(group)
            groups.append(group)
    return groups, dropped


def preload(languages=tuple(LEMMA_LANGUAGES)):
    """Load simplemma's dictionaries now (2–3 s for Finnish), not on the first search.

    Called at start-up when ``PRELOAD_LANGUAGE_DATA`` is on (core/apps.py): with gunicorn
    ``--preload`` the master loads them once and the forked workers share the pages."""
    for language in languages:
        lemma.__wrapped__("preload", language)
        lang = LEMMA_LANGUAGES.get(language)
        if lang:
            simplemma.is_known("preload", lang=lang)
