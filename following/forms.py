from django import forms
from django.utils.translation import gettext_lazy as _


class FollowForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    # Spam trap: hidden from people (CSS and aria-hidden), filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))
