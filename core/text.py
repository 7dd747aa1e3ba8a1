"""Language-aware text normalisation shared by indexing, querying and highlighting.

Finnish is highly inflected (lapsi/lasten/lapset), so both the indexed text and the
query are reduced to lemmas with simplemma before any backend sees them. Every token is
also folded to ASCII (ä→a, ö→o, å→a) so that a query typed without those letters, or text
that lost them in a PDF export, still matches. Because the work is done here in Python,
the database and OpenSearch backends see the same tokens and give the same answers.

Index side, each word contributes its folded surface form, its folded lemma (when it
differs) and the known head of a compound ("perhekeskus" → "keskus"). The surface form
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
    text = SOFT_HYPHEN_RE.sub("", text)
    text = LINE_BREAK_HYPHEN_RE.sub(r"\1\2", text)
    if "Ã" in text:
        text = MOJIBAKE_RE.sub(lambda m: MOJIBAKE[m.group(0)], text)
    return text


def fold(token: str) -> str:
    """Lower-case and strip diacritics: 'Syrjäytymisen' -> 'syrjaytymisen'."""
    decomposed = unicodedata.normalize("NFKD", token.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    return [m.group(0) for m in WORD_RE.finditer(repair(text)) if len(m.group(0)) <= MAX_TOKEN_LENGTH]


@lru_cache(maxsize=200_000)
def lemma(token: str, language: str) -> str:
    lang = LEMMA_LANGUAGES.get(language)
    if not lang:
        return token
    try:
        return simplemma.lemmatize(token, lang=lang).lower()
    except (ValueError, KeyError):
        return token


@lru_cache(maxsize=200_000)
def compound_parts(word: str, language: str) -> tuple[str, ...]:
    """Known trailing parts of a compound: 'perhekeskus' -> ('keskus',).

    Finnish and Swedish compounds put the head last, so a suffix that is itself a known
    word is indexed too ("keskus" finds "perhekeskus").
    """
    lang = LEMMA_LANGUAGES.get(language)
    if lang not in {"fi", "sv", "se"} or len(word) < 2 * MIN_COMPOUND_PART:
        return ()
    for cut in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1):
        head, tail = word[:cut], word[cut:]
        if simplemma.is_known(tail, lang=lang) and simplemma.is_known(head, lang=lang):
            return (tail,)
    return ()


@lru_cache(maxsize=200_000)
def word_terms(word: str, language: str, compounds: bool = True) -> tuple[str, ...]:
    """Every index term of one word: folded lemma, folded surface form, compound head."""
    low = word.lower()
    base = lemma(low, language)
    terms = [fold(base)]
    surface = fold(low)
    if surface not in terms:
        terms.append(surface)
    if compounds:
        for part in compound_parts(base, language):
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
