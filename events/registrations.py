"""Registration service: places, waiting list and cancellation without overbooking.

Every change that depends on the number of places runs in one transaction that first
locks the event's row (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises write
transactions, see DATABASES["default"]["OPTIONS"]["transaction_mode"]). Parallel
submissions therefore count places one after another and can never exceed capacity.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import EventOccurrence, EventPage, Registration
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


def _counted(locked_event, occurrence):
    """Registrations that share places with one on ``occurrence``: the date's own in a
    series, the whole event's otherwise."""
    rows = Registration.objects.filter(event=locked_event)
    return rows.filter(occurrence=occurrence) if locked_event.is_recurring else rows


def places_taken(event, occurrence=None):
    return _counted(event.registration_page(), occurrence).confirmed().count()


def places_left(event, occurrence=None):
    if event.registration_capacity is None:
        return None
    return max(event.registration_capacity - places_taken(event, occurrence), 0)


def occurrence_key(occurrence):
    """The value of a date in the form: its identity in the series (the same in every translation)."""
    return occurrence.original_start.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def parse_occurrence_key(key):
    try:
        return datetime.datetime.strptime(key or "", "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.UTC)
    except ValueError:
        return None


@dataclass
class DateChoice:
    occurrence: EventOccurrence
    places_left: int | None  # None: unlimited

    @property
    def key(self):
        return occurrence_key(self.occurrence)

    @property
    def waiting_list(self):
        return self.places_left == 0


def date_choices(event, now=None):
    """Dates of a series a person can register for: future, not cancelled, with a free place
    (or with a waiting list when full). Two queries whatever the number of dates."""
    now = now or timezone.now()
    source = event.registration_page()
    rows = list(source.occurrences.filter(start__gt=now).exclude(status="cancelled").order_by("start", "pk"))
    taken = dict(
        Registration.objects.filter(event=source, occurrence__in=rows)
        .values("occurrence")
        .annotate(n=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)))
        .values_list("occurrence", "n")
    )
    choices = []
    for row in rows:
        left = (
            None
            if source.registration_capacity is None
            else max(source.registration_capacity - taken.get(row.pk, 0), 0)
        )
        if left == 0 and not source.waiting_list_enabled:
            continue
        choices.append(DateChoice(row, left))
    return choices


def _chosen_occurrence(locked, key, now):
    """The occurrence of the locked event the person registers for, checked again under the lock."""
    if not locked.is_recurring:
        return locked.occurrences.order_by("start", "pk").first()
    original_start = parse_occurrence_key(key)
    occurrence = (
        locked.occurrences.filter(original_start=original_start).first() if original_start is not None else None
    )
    if occurrence is None:
        raise RegistrationClosed(_("Choose a date from the list."), field="occurrence")
    if occurrence.is_cancelled or occurrence.start <= now:
        raise RegistrationClosed(_("Registration for this date is closed. Choose another date."), field="occurrence")
    return occurrence


def register(event, data, language=None, now=None):
    """Register a participant; returns an Outcome (status confirmed or waiting).

    For a series ``data["occurrence"]`` names the date (occurrence_key); places and the
    waiting list are counted per date. Raises RegistrationClosed with a message the
    visitor can read.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_event(event)
        if not locked.registration_is_open(now):
            raise RegistrationClosed(_("Registration for this event is closed."))
        occurrence = _chosen_occurrence(locked, data.get("occurrence"), now)
        email = data["email"].strip().lower()
        if _counted(locked, occurrence).filter(email__iexact=email).active().exists():
            raise RegistrationClosed(_("This e-mail address is already registered for this event."), field="email")
        taken = _counted(locked, occurrence).confirmed().count()
        if locked.registration_capacity is None or taken < locked.registration_capacity:
            status = Registration.Status.CONFIRMED
        elif locked.waiting_list_enabled:
            status = Registration.Status.WAITING
        else:
            raise RegistrationClosed(_("The event is full."))
        registration = Registration(
            event=locked,
            occurrence=occurrence,
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
    return Registration.objects.select_related("event", "occurrence").filter(public_id=public_id).first()


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
        promoted = promote_waiting(locked_event, now, registration.occurrence) if was_confirmed else []
    return registration, promoted


def promote_waiting(locked_event, now, occurrence=None):
    """Move people from the waiting list into free places, first come first served (per
    date in a series).

    Call inside the transaction that holds the event's lock.
    """
    capacity = locked_event.registration_capacity
    taken = _counted(locked_event, occurrence).confirmed().count()
    free = None if capacity is None else capacity - taken
    waiting = _counted(locked_event, occurrence).waiting()
    if free is not None:
        waiting = waiting[: max(free, 0)]
    promoted = list(waiting)
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
    return promoted
