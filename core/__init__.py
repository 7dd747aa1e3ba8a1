"""The core layer: infrastructure every feature app shares, naming none of them.

Facet engine, lemma text and indexing, shared content blocks, pagination, the
wagtail-localize helper, the organisation-section rule, the page cache, rate limits,
fault handling and Sámi formats. Modules here import Django, Wagtail and each other only;
``make lint`` (import-linter) enforces it. docs/architecture.md draws the layers.
"""
