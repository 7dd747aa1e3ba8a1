"""The "Contact the developers" form of a model page: relays a reader's message by e-mail.

The message goes to every contact address of the model, public or not, one e-mail per
address (no recipient sees another's address, and the page never prints a non-public one).
Nothing is stored: the message exists only in the e-mails. A honeypot field catches the
simplest spam robots, ``@rate_limit("model-contact")`` the rest.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.mail import EmailMessage, get_connection
from django.http import Http404, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.ratelimit import rate_limit

MESSAGE_MAX_LENGTH = 5000
HONEYPOT = "website"


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("The developers answer to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address in the form name@example.fi."),
        },
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Write a message."),
            "max_length": _("The message is too long: at most %(limit_value)d characters (now %(show_value)d)."),
        },
    )
    send_copy = forms.BooleanField(label=_("Send me a copy"), required=False)
    # Spam trap: hidden from people (and from screen readers), filled in by robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def is_spam(self):
        return bool(self.cleaned_data.get(HONEYPOT))


def recipients(page):
    """Every distinct contact e-mail address of the model, public or not, in contact order."""
    addresses, seen = [], set()
    for contact in page.contacts.all():
        address = contact.email.strip()
        if address and address.lower() not in seen:
            seen.add(address.lower())
            addresses.append(address)
    return addresses


def send_contact_message(page, data, request):
    """One e-mail per contact address (Reply-To: the sender), and the sender's copy if asked.

    The copy says which model's contacts were written to, never their addresses.
    """
    context = {
        "page": page,
        "page_url": page.get_full_url(request),
        "name": data["name"],
        "email": data["email"],
        "message": data["message"],
    }
    subject = gettext("Message about the practice model “%(title)s”") % {"title": page.title}
    subject = " ".join(subject.split())
    body = render_to_string("models_library/email/contact_message.txt", context)
    outgoing = [
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address], reply_to=[data["email"]])
        for address in recipients(page)
    ]
    if data.get("send_copy"):
        copy_body = render_to_string("models_library/email/contact_copy.txt", context)
        outgoing.append(EmailMessage(subject, copy_body, settings.DEFAULT_FROM_EMAIL, [data["email"]]))
    get_connection().send_messages(outgoing)
    return len(outgoing)


def _contact_page(request, page, form, status=200):
    """The form's own page: it carries a CSRF token, so it is never cached; the model page
    only links here and stays in the page cache."""
    context = {"page": page, "contact_form": form, "contact_url": page.contact_form_url}
    response = TemplateResponse(request, "models_library/contact_page.html", context, status=status)
    add_never_cache_headers(response)
    return response


@rate_limit("model-contact")
def contact_view(page, request):
    """GET: the form on a page of its own. POST: send, then the same page says it was sent."""
    if not recipients(page):
        raise Http404("This model has no contact address.")
    if request.method != "POST":
        return _contact_page(request, page, ContactForm())
    form = ContactForm(request.POST)
    if not form.is_valid():
        return _contact_page(request, page, form, status=400)
    if not form.is_spam():  # a robot is answered like a person, and nothing is sent
        with translation.override(page.locale.language_code):
            send_contact_message(page, form.cleaned_data, request)
    messages.success(request, gettext("Thank you. Your message has been sent to the developers of the model."))
    response = HttpResponseRedirect(page.contact_form_url)
    add_never_cache_headers(response)
    return response
