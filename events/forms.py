"""The registration form: short, labelled, errors per field in the visitor's language."""

from django import forms
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext

NEEDS_MAX_LENGTH = 1000


class _RawCheckbox(forms.CheckboxInput):
    """A checkbox that hands the submitted value over unchanged, for ConsentField to judge."""

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class ConsentField(forms.Field):
    """Consent that counts only when the box was ticked.

    Django's BooleanField reads any value but "false", "0" or empty as true, so a hand-made
    ``consent=off`` would register someone. A browser sends the checkbox's ``value``
    (``CHECKED``, written on the input by the template) only when the box is ticked: that
    exact value is consent; anything else is a field error, never a silent yes.
    """

    CHECKED = "on"
    widget = _RawCheckbox
    default_error_messages = {
        "invalid": _("Consent counts only when you tick the box. Tick the box to register."),
    }

    def to_python(self, value):
        if value is True or value == self.CHECKED:
            return True
        if value is False or value in self.empty_values:
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")

    def validate(self, value):
        if not value and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def prepare_value(self, value):
        """Whether the box shows as ticked when the form is shown again."""
        return value is True or value == self.CHECKED


def date_label(choice, all_day=False):
    """ "Tue 10.3.2026 9:00 (3 places left)": weekday and time so the list reads without a calendar."""
    start = timezone.localtime(choice.occurrence.start)
    text = date_format(start, "D j.n.Y" if all_day else "D j.n.Y H:i")
    if choice.places_left is None:
        return text
    if choice.waiting_list:
        full = pgettext("registration date", "full, waiting list")
        return f"{text} ({full})"
    left = ngettext("%(count)s place left", "%(count)s places left", choice.places_left) % {"count": choice.places_left}
    return f"{text} ({left})"


class RegistrationForm(forms.Form):
    def __init__(self, *args, date_choices=None, all_day=False, **kwargs):
        """``date_choices`` (registrations.date_choices): a series asks for the date first."""
        super().__init__(*args, **kwargs)
        if date_choices is not None:
            self.fields["occurrence"] = forms.ChoiceField(
                label=_("Date"),
                choices=[("", _("Choose a date"))] + [(c.key, date_label(c, all_day)) for c in date_choices],
                help_text=_("Each date has its own places. Register separately for each date you come to."),
                error_messages={
                    "required": _("Choose a date."),
                    "invalid_choice": _("Choose a date from the list."),
                },
            )
            self.order_fields(["occurrence"])

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send the confirmation and your personal cancellation link here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address in the form name@example.fi."),
        },
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    needs = forms.CharField(
        label=_("Dietary or accessibility needs (optional)"),
        max_length=NEEDS_MAX_LENGTH,
        required=False,
        help_text=_("Only the organisers of this event see this. It is stored encrypted and erased after the event."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = ConsentField(
        label=_("I agree that my details are used to organise this event as described in the privacy notice."),
        error_messages={"required": _("You must agree to the use of your details to register.")},
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter your name."))
        return name
