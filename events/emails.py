"""E-mails to participants, written in the language they registered in.

Confirmation, promotion from the waiting list and reminder carry the same facts
(events.confirmation) and the same .ics attachment. Links are absolute on the Site's
root URL (SITE_URL, see core.site_url), never on whatever host a request came in on.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from . import confirmation


def personal_url(registration, event=None):
    event = event or registration.event
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        path = reverse("events:registration", kwargs={"token": registration.token})
    return event.get_site().root_url + path


def registration_details(registration, event):
    """Facts of ``registration`` for the page and e-mails; ``event`` in the participant's language."""
    return confirmation.details(
        registration, event, event_url=event.get_full_url(), personal_url=personal_url(registration, event)
    )


def send_registration_email(registration, request=None, template="confirmation"):
    """template: "confirmation" (new registration), "promoted" (moved up from the waiting list)
    or "reminder" (send_event_reminders)."""
    language = registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        event = registration.event.localized
        details = registration_details(registration, event)
        context = {"registration": registration, "event": event, "details": details}
        subject = render_to_string(f"events/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"events/email/{template}.txt", context)
        attachment = confirmation.ics(details, language)
    message = EmailMessage(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [registration.email])
    message.attach(f"{event.slug}.ics", attachment, "text/calendar")
    message.send()
