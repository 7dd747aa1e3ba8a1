"""Registration service: places, waiting list and cancellation without overbooking.

Every change that depends on the number of places runs in one transaction that first
locks the event's row (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises write
transactions, see DATABASES["default"]["OPTIONS"]["transaction_mode"]). Parallel
submissions therefore count places one after another and can never exceed capacity.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import EventPage, Registration
from .models.registrations import public_id_from_token


class RegistrationClosed(Exception):
    """Registration refused; ``field`` names the form field the message belongs to, if any."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


@dataclass
class Outcome:
    registration: Registration
    token: str


def _lock_event(event):
    """The registrations-holding translation of ``event``, its row locked until commit."""
    target_pk = event.registration_page().pk
    return EventPage.objects.select_for_update(of=("self",)).get(pk=target_pk)


def places_taken(event):
    return Registration.objects.filter(event=event.registration_page()).confirmed().count()


def places_left(event):
    if event.registration_capacity is None:
        return None
    return max(event.registration_capacity - places_taken(event), 0)


def register(event, data, language=None, now=None):
    """Register a participant; returns an Outcome (status confirmed or waiting).

    Raises RegistrationClosed with a message the visitor can read.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_event(event)
        if not locked.registration_is_open(now):
            raise RegistrationClosed(_("Registration for this event is closed."))
        email = data["email"].strip().lower()
        if Registration.objects.filter(event=locked, email__iexact=email).active().exists():
            raise RegistrationClosed(_("This e-mail address is already registered for this event."), field="email")
        taken = Registration.objects.filter(event=locked).confirmed().count()
        if locked.registration_capacity is None or taken < locked.registration_capacity:
            status = Registration.Status.CONFIRMED
        elif locked.waiting_list_enabled:
            status = Registration.Status.WAITING
        else:
            raise RegistrationClosed(_("The event is full."))
        registration = Registration(
            event=locked,
            status=status,
            name=data["name"],
            email=email,
            organisation=data.get("organisation", ""),
            language=(language or get_language() or "fi")[:10],
            consent_at=now,
        )
        registration.needs = data.get("needs", "")
        registration.save()
    return Outcome(registration=registration, token=registration.token)


def find(token):
    if not token or len(token) > 200:
        return None
    public_id = public_id_from_token(token)
    if public_id is None:
        return None
    return Registration.objects.select_related("event").filter(public_id=public_id).first()


def cancel(token, now=None):
    """Cancel the registration the token belongs to; promote from the waiting list.

    Returns (registration, promoted registrations) or (None, []) for an unknown token.
    """
    now = now or timezone.now()
    registration = find(token)
    if registration is None:
        return None, []
    with transaction.atomic():
        locked_event = _lock_event(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return registration, []
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = promote_waiting(locked_event, now) if was_confirmed else []
    return registration, promoted


def promote_waiting(locked_event, now):
    """Move people from the waiting list into free places, first come first served.

    Call inside the transaction that holds the event's lock.
    """
    capacity = locked_event.registration_capacity
    taken = Registration.objects.filter(event=locked_event).confirmed().count()
    free = None if capacity is None else capacity - taken
    waiting = Registration.objects.filter(event=locked_event).waiting()
    if free is not None:
        waiting = waiting[: max(free, 0)]
    promoted = list(waiting)
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
    return promoted
