"""Demo search synonyms (issue 20): the LAPE programme under its acronym and its full name,
in each language, so a search for either finds both (editors keep their own in
*Snippets → Search synonyms*). Idempotent, like the other demo parts."""

from search.models import SearchSynonym

SYNONYMS = [
    ("fi", ["LAPE", "lapsi- ja perhepalveluiden muutosohjelma"]),
    ("sv", ["LAPE", "förändringsprogrammet för barn- och familjetjänster"]),
    ("en", ["LAPE", "Programme to Address Child and Family Services"]),
]


def load(structure, stdout=None):
    created = 0
    for language, terms in SYNONYMS:
        text = "\n".join(terms)
        if not SearchSynonym.objects.filter(language=language, terms=text).exists():
            synonym = SearchSynonym(language=language, terms=text)
            synonym.full_clean()
            synonym.save()
            created += 1
    if stdout is not None:
        stdout.write(f"Search synonyms: {created} created, {len(SYNONYMS)} in the demo.")
