"""The public "suggest a service or a correction" form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from models_library.models import Municipality

from .models import ServiceSuggestion


class SuggestionForm(forms.ModelForm):
    # Spam trap: hidden from people (CSS and aria-hidden), filled in by form-filling robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        model = ServiceSuggestion
        fields = ["name", "provider_name", "municipality", "description", "contact", "email"]
        help_texts = {
            "description": _("For whom, what happens, where and when, what it costs, in which languages."),
            "contact": _("The phone number, e-mail or web address of the service, not a person's own."),
            "email": _("We send a confirmation link here. It is never published."),
        }
        widgets = {
            "provider_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities = Municipality.objects.order_by("name_fi")
        if region is not None:
            municipalities = municipalities.filter(region=region)
        self.fields["municipality"].queryset = municipalities

    @property
    def is_spam(self):
        return bool(self.data.get("website"))
