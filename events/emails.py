"""E-mails to participants, written in the language they registered in."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def personal_url(registration, request):
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        url = reverse("events:registration", kwargs={"token": registration.token})
    return request.build_absolute_uri(url) if request is not None else settings.WAGTAILADMIN_BASE_URL + url


def send_registration_email(registration, request, template="confirmation"):
    """template: "confirmation" (new registration) or "promoted" (moved up from the waiting list)."""
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        event = registration.event.localized
        context = {
            "registration": registration,
            "event": event,
            "event_url": event.get_full_url(request),
            "personal_url": personal_url(registration, request),
            "join_url": event.join_url if registration.status == "confirmed" else "",
        }
        subject = render_to_string(f"events/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"events/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [registration.email])
