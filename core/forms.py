"""Admin page forms shared by the apps."""

from django.utils.html import format_html
from django.utils.translation import gettext
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from .widgets import SameLanguagePageChooser


class PublishRequirementsForm(WagtailAdminPageForm):
    """Fields a page type needs for publishing (``EditorialRules.publish_required_fields``)
    are marked in the form: "(required for publishing)" after the label and the reason in
    the help text. Drafts may still leave them empty."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, reason in getattr(type(self.instance), "publish_required_fields", {}).items():
            field = self.fields.get(name)
            if field is None:
                continue
            field.label = format_html("{} ({})", field.label, gettext("required for publishing"))
            note = gettext("Required for publishing: %(reason)s") % {"reason": reason}
            field.help_text = format_html("{} {}", note, field.help_text) if field.help_text else note


class SameLanguagePageForm(PublishRequirementsForm):
    """Choices of other pages (related models, the bundle a model belongs to) offer only
    pages in the language of the page being edited: a Swedish model links Swedish models.
    The limit is the field's queryset, so a page of another language posted by hand is a
    form error that says so. A ``SameLanguagePageChooser`` widget is told the language and
    the page type, so that Wagtail's chooser offers the same pages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id
        if locale_id is None:
            return
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is None or not issubclass(queryset.model, Page):
                continue
            field.queryset = queryset.filter(locale_id=locale_id)
            # Django fills in %(value)s when it refuses a choice; the language is known here.
            field.error_messages = {
                **field.error_messages,
                "invalid_choice": gettext(
                    "Only pages in this page's language (%(language)s) can be chosen here; "
                    "page %(value)s is not one of them."
                ).replace("%(language)s", self.instance.locale.get_display_name()),
            }
            if isinstance(field.widget, SameLanguagePageChooser):
                field.widget.locale = self.instance.locale
                field.widget.page_type = queryset.model
