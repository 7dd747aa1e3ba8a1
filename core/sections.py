"""Organisation sections: the folders whose page permissions make an organisation's editors.

A section page (``editorial.OrganisationSectionPage``) may sit under several index pages:
the library and the calendar. Page types that live in an index, or in a section below it,
mix in ``SectionedPageMixin`` and name their index, so practice models are never created in
the calendar's sections nor events in the library's. The section page type itself is
marked with ``OrganisationSection``, so this rule names no feature app.
"""

from django.apps import apps


class OrganisationSection:
    """Marks the page type that is an organisation's section (a folder with its editors)."""


class SectionedPageMixin:
    """For page types that live in their index or in an organisation section below it."""

    index_page_model = None  # "app_label.ModelName" of the index that owns the sections

    @classmethod
    def can_create_at(cls, parent):
        if not super().can_create_at(parent):
            return False
        if issubclass(parent.specific_class, OrganisationSection):
            index_model = apps.get_model(cls.index_page_model)
            return issubclass(parent.get_parent().specific_class, index_model)
        return True
