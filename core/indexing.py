"""Index-side half of the search design: pages expose lemmatised text to Wagtail search.

A page type mixes in ``LemmaIndexedMixin`` and lists which fields make up its title and
body text (``search_text_fields``). Wagtail indexes the two callables below, so each
backend receives already-normalised text and no backend-specific analyser is needed.
"""

from django.utils.html import strip_tags
from wagtail.search import index

from .text import normalise


def plain_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "render_as_block"):  # StreamField value
        return strip_tags(str(value.render_as_block()))
    return strip_tags(str(value))


class LemmaIndexedMixin:
    """Adds lemmatised title/summary/body fields to a Page's search index."""

    # Subclasses set these: attribute names, read in order.
    search_summary_fields: tuple[str, ...] = ()
    search_text_fields: tuple[str, ...] = ()
    # Many-to-many links to vocabularies whose names (in the page's language) are searchable:
    # "nuoret" finds a model whose target group is "Nuoret". Missing names are skipped.
    search_vocabulary_fields: tuple[str, ...] = ("target_groups", "themes")

    lemma_search_fields = [
        index.SearchField("search_lemma_title", boost=5),
        index.SearchField("search_lemma_summary", boost=2),
        index.SearchField("search_lemma_body"),
        index.AutocompleteField("title"),
    ]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # Elasticsearch/OpenSearch mappings name a callable field after the class that
        # defines it and read that class's ``_meta``: a plain mixin has none, so indexing
        # failed there. Copy the callables onto each concrete page class.
        for name in ("search_lemma_title", "search_lemma_summary", "search_lemma_body"):
            if name not in cls.__dict__:
                setattr(cls, name, getattr(LemmaIndexedMixin, name))

    @property
    def content_language(self) -> str:
        return self.locale.language_code if getattr(self, "locale_id", None) else "fi"

    def search_text_parts(self, names):
        return " \n".join(plain_text(getattr(self, name, "")) for name in names)

    def search_lemma_title(self):
        return normalise(self.title, self.content_language)

    def search_lemma_summary(self):
        return normalise(self.search_text_parts(self.search_summary_fields), self.content_language)

    def search_vocabulary_text(self):
        language = self.content_language
        names = []
        for name in self.search_vocabulary_fields:
            related = getattr(self, name, None)
            if related is None or not hasattr(related, "all"):
                continue
            for row in related.all():
                names.append(getattr(row, f"name_{language}", "") or getattr(row, "name_fi", "") or "")
        return " \n".join(names)

    def search_lemma_body(self):
        text = self.search_text_parts(self.search_text_fields)
        vocabulary = self.search_vocabulary_text()
        return normalise(f"{text} \n{vocabulary}" if vocabulary else text, self.content_language)
