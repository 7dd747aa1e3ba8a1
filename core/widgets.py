"""Admin form widgets and field settings that never replace what an editor typed.

Wagtail's date-time picker "validates on blur": a value it cannot parse is replaced by the
current date and time, silently. Here the picker keeps what was typed and the server
parses it (the Finnish input formats in core/formats/finnish_input.py) or answers with a
form error that shows the expected form.
"""

from django.forms import CheckboxSelectMultiple
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminAutoHeightTextInput, AdminDateInput, AdminDateTimeInput

DATETIME_EXAMPLE = "10.2.2027 9.00"
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
