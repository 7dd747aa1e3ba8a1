"""Reminder e-mails a few days before a participant's date (EVENT_REMINDER_DAYS).

Sent once: a registration is claimed by setting ``reminder_sent_at`` in a conditional
UPDATE before the e-mail goes out, so a re-run or two overlapping runs never send twice.
Never sent for a cancelled registration, a cancelled date or a cancelled or postponed
event, nor after the personal data has been erased.
"""

import datetime
import logging

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .emails import send_registration_email
from .models import Registration

logger = logging.getLogger(__name__)


def due(now=None, days=None):
    """Confirmed registrations whose date starts within ``days`` days and not yet reminded."""
    now = now or timezone.now()
    days = settings.EVENT_REMINDER_DAYS if days is None else days
    horizon = now + datetime.timedelta(days=days)
    return (
        Registration.objects.confirmed()
        .filter(reminder_sent_at__isnull=True, anonymised_at__isnull=True, event__live=True)
        .exclude(email="")
        .exclude(event__status__in=["cancelled", "postponed"])
        .filter(
            Q(occurrence__start__gt=now, occurrence__start__lte=horizon)
            | Q(occurrence__isnull=True, event__start__gt=now, event__start__lte=horizon)
        )
        .exclude(occurrence__status="cancelled")
        .select_related("event", "occurrence")
        .order_by("pk")
    )


def send_due(now=None, days=None):
    """Send the reminders that are due; returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    for registration in due(now, days):
        claimed = Registration.objects.filter(
            pk=registration.pk, reminder_sent_at__isnull=True, status=Registration.Status.CONFIRMED
        ).update(reminder_sent_at=now)
        if not claimed:
            continue  # another run took it, or it was cancelled a moment ago
        try:
            send_registration_email(registration, template="reminder")
        except Exception:
            # Release the claim so the next run tries again; one bad address stops nobody else.
            Registration.objects.filter(pk=registration.pk).update(reminder_sent_at=None)
            logger.exception("Reminder for registration %s could not be sent", registration.pk)
            continue
        sent += 1
    return sent
