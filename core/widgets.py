"""Admin form widgets and field settings that never replace what an editor typed.

Wagtail's date-time picker "validates on blur": a value it cannot parse is replaced by the
current date and time, silently. Here the picker keeps what was typed and the server
parses it (the Finnish input formats in core/formats/finnish_input.py) or answers with a
form error that shows the expected form.
"""

from django.forms import CheckboxSelectMultiple, Widget
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminAutoHeightTextInput, AdminDateInput, AdminDateTimeInput
from wagtail.models import Page

DATETIME_EXAMPLE = "10.2.2027 9.00"
#: The page chooser's query parameter that limits it to one language (core/wagtail_hooks.py).
CHOOSER_LOCALE_PARAM = "locale_only"
DATE_EXAMPLE = "10.2.2027"


class TypedDateTimeInput(AdminDateTimeInput):
    def __init__(self, attrs=None, **kwargs):
        super().__init__(attrs={"placeholder": DATETIME_EXAMPLE, **(attrs or {})}, **kwargs)

    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}


class TypedDateInput(AdminDateInput):
    def __init__(self, attrs=None, **kwargs):
        super().__init__(attrs={"placeholder": DATE_EXAMPLE, **(attrs or {})}, **kwargs)

    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}


DATETIME_FIELD_OVERRIDE = {
    "widget": TypedDateTimeInput,
    "error_messages": {
        "invalid": _("Enter the date and time as day.month.year hours.minutes, for example 10.2.2027 9.00."),
    },
}
DATE_FIELD_OVERRIDE = {
    "widget": TypedDateInput,
    "error_messages": {"invalid": _("Enter the date as day.month.year, for example 10.2.2027.")},
}


class CountedTextarea(AdminAutoHeightTextInput):
    """A text area with a length limit that counts instead of cutting.

    Browsers silently cut pasted text at ``maxlength``: the attribute is left out, the limit
    is checked by the form field (a form error when too long) and shown by a live counter
    (static/js/char_counter.js; without JavaScript the help text states the limit).
    """

    template_name = "core/widgets/counted_textarea.html"

    class Media:
        js = ["js/char_counter.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        limit = context["widget"]["attrs"].pop("maxlength", None)
        if limit:
            counter_id = f"{context['widget']['attrs'].get('id', name)}-counter"
            context["widget"]["char_limit"] = int(limit)
            context["widget"]["counter_id"] = counter_id
            described = context["widget"]["attrs"].get("aria-describedby", "")
            context["widget"]["attrs"]["aria-describedby"] = f"{described} {counter_id}".strip()
            context["widget"]["attrs"]["data-char-limit"] = limit
        return context


TEXT_FIELD_OVERRIDE = {"widget": CountedTextarea}


class FilterableCheckboxes(CheckboxSelectMultiple):
    """A long list of choices (Finland's 308 municipalities, every organisation) as
    checkboxes with a filter box, instead of a select box that takes Ctrl-click and loses
    the selection on a plain click. Without JavaScript it is a plain checkbox list; the
    script (static/js/filterable_checkboxes.js) adds the filter box, which ignores case and
    umlauts and keeps checked items in view, and a live count of the checked ones."""

    template_name = "core/widgets/filterable_checkboxes.html"

    class Media:
        js = ["js/filterable_checkboxes.js"]
        css = {"all": ["css/filterable_checkboxes.css"]}


class SameLanguagePageChooser(Widget):
    """Pages of the edited page's language, chosen in Wagtail's page chooser (search by
    title, browse the tree) instead of a list of every page: at national size the library
    has ten thousand models.

    The chosen pages are checkboxes (checked); without JavaScript they still show, unticking
    one removes it and the form validates as usual. The script (static/js/same_language_chooser.js)
    opens Wagtail's page chooser limited to the page type and to ``locale``
    (``CHOOSER_LOCALE_PARAM``, applied by the ``construct_page_chooser_queryset`` hook in
    core/wagtail_hooks.py) and adds what was chosen. The form (core.forms.SameLanguagePageForm)
    sets ``locale`` and ``page_type``; the field's queryset is what the server accepts.
    """

    template_name = "core/widgets/same_language_chooser.html"
    allow_multiple_selected = True

    class Media:
        js = ["wagtailadmin/js/page-chooser-modal.js", "js/same_language_chooser.js"]
        css = {"all": ["css/same_language_chooser.css"]}

    def __init__(self, attrs=None, page_type=None, locale=None):
        super().__init__(attrs)
        self.page_type = page_type
        self.locale = locale

    def id_for_label(self, id_):
        # As Django's checkbox lists: each box has its own label, the field label points nowhere.
        return ""

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # an empty list of ticked pages means "none", as for checkboxes

    def format_value(self, value):
        if value is None:
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        return [str(getattr(item, "pk", item)) for item in values if str(getattr(item, "pk", item)).isdigit()]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ids = context["widget"]["value"]
        model = self.page_type or Page
        chosen = {str(page.pk): page for page in model.objects.filter(pk__in=ids).select_related("locale")}
        context["widget"].update(
            {
                "chosen": [chosen[pk] for pk in ids if pk in chosen],
                "chooser_url": reverse("wagtailadmin_choose_page"),
                "page_type": f"{model._meta.app_label}.{model._meta.model_name}",
                "locale_param": CHOOSER_LOCALE_PARAM,
                "locale": self.locale.language_code if self.locale else "",
                "language": self.locale.get_display_name() if self.locale else "",
            }
        )
        return context
