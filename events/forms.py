"""The registration form: short, labelled, errors per field in the visitor's language."""

from django import forms
from django.utils.translation import gettext_lazy as _

NEEDS_MAX_LENGTH = 1000


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"), max_length=254,
        help_text=_("We send the confirmation and your personal cancellation link here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address in the form name@example.fi."),
        },
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"), max_length=200, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    needs = forms.CharField(
        label=_("Dietary or accessibility needs (optional)"), max_length=NEEDS_MAX_LENGTH, required=False,
        help_text=_("Only the organisers of this event see this. It is stored encrypted and erased after the event."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_("I agree that my details are used to organise this event as described in the privacy notice."),
        error_messages={"required": _("You must agree to the use of your details to register.")},
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter your name."))
        return name
