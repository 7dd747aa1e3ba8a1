"""The public "We have taken this model into use" form."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Adoption, AdoptionReport, Municipality

FIRST_YEAR = 1990


class AdoptionReportForm(forms.ModelForm):
    # Spam trap: hidden from people (CSS and aria-hidden), filled in by form-filling robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        model = AdoptionReport
        fields = ["organisation_name", "municipality", "status", "start_year", "experience", "email"]
        labels = {
            "experience": _("Your experience (what worked, what did not, what it took)"),
            "email": _("Your e-mail address"),
        }
        help_texts = {
            "email": _("We send a confirmation link here. It is never published and is erased after moderation."),
            "experience": _("Published on the model page after moderation."),
        }
        widgets = {
            "organisation_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "experience": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name_fi")
        self.fields["status"].choices = Adoption.Status.choices
        self.fields["email"].required = True
        self.fields["start_year"].widget = forms.NumberInput(attrs={"min": FIRST_YEAR, "inputmode": "numeric"})

    def clean_start_year(self):
        year = self.cleaned_data.get("start_year")
        if year is not None and not FIRST_YEAR <= year <= timezone.localdate().year + 1:
            raise forms.ValidationError(
                _("Enter a year between %(first)d and %(last)d.")
                % {"first": FIRST_YEAR, "last": timezone.localdate().year + 1}
            )
        return year

    @property
    def is_spam(self):
        return bool(self.data.get("website"))


class ModerationForm(forms.ModelForm):
    """What a moderator may correct before approving, and the reason sent back on rejection."""

    class Meta:
        model = AdoptionReport
        fields = ["organisation_name", "municipality", "status", "start_year", "experience", "rejection_reason"]
        widgets = {
            "experience": forms.Textarea(attrs={"rows": 6}),
            "rejection_reason": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        if self.data.get("action") == "reject" and not (data.get("rejection_reason") or "").strip():
            self.add_error("rejection_reason", _("Tell the reporter why the report is not published."))
        return data
