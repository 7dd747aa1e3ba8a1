"""Admin page forms shared by the apps."""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page


class SameLanguagePageForm(WagtailAdminPageForm):
    """Choices of other pages (related models, the bundle a model belongs to) offer only
    pages in the language of the page being edited: a Swedish model links Swedish models.
    The limit is the field's queryset, so a page of another language posted by hand is a
    form error too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id
        if locale_id is None:
            return
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and issubclass(queryset.model, Page):
                field.queryset = queryset.filter(locale_id=locale_id)
