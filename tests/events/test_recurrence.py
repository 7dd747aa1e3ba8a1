"""Occurrence generation: rules in local time, exceptions, stable identity, SEQUENCE."""

import datetime

import pytest

from events.models import EventOccurrence
from tests.factories import local, publish_event

pytestmark = pytest.mark.django_db


def test_weekly_rule_keeps_local_time_across_dst(calendar):
    # EU summer time starts on Sunday 29 March 2026 at 03:00.
    event = publish_event(
        calendar,
        start=local(2026, 3, 22, 10),
        end=local(2026, 3, 22, 12),
        recurrence_frequency="WEEKLY",
        recurrence_count=3,
    )
    rows = list(event.occurrences.all())
    assert [r.start.astimezone(local(2026, 1, 1).tzinfo).strftime("%Y-%m-%d %H:%M") for r in rows] == [
        "2026-03-22 10:00",
        "2026-03-29 10:00",
        "2026-04-05 10:00",
    ]
    # Same wall-clock time means a different UTC time after the change.
    assert [r.start.astimezone(datetime.UTC).hour for r in rows] == [8, 7, 7]


def test_exdates_remove_dates_and_uids_are_per_occurrence(calendar):
    event = publish_event(
        calendar,
        start=local(2026, 1, 15, 13),
        end=local(2026, 1, 15, 15),
        recurrence_frequency="MONTHLY",
        recurrence_count=6,
        recurrence_exdates="2026-03-15\n2026-05-15",
    )
    starts = [r.start.astimezone(local(2026, 1, 1).tzinfo).date().isoformat() for r in event.occurrences.all()]
    assert starts == ["2026-01-15", "2026-02-15", "2026-04-15", "2026-06-15"]
    uids = set(event.occurrences.values_list("uid", flat=True))
    assert len(uids) == 4


def test_moving_a_one_off_event_keeps_uid_and_bumps_sequence(calendar):
    event = publish_event(calendar)
    row = event.occurrences.get()
    uid = row.uid
    event.start = local(2026, 3, 11, 9)
    event.end = local(2026, 3, 11, 12)
    event.save_revision().publish()
    event.refresh_from_db()
    row = event.occurrences.get()
    assert row.uid == uid
    assert row.start == local(2026, 3, 11, 9)
    assert event.ical_sequence == 1 and row.sequence >= 1


def test_draft_changes_do_not_move_live_dates(calendar):
    event = publish_event(calendar)
    event.start = local(2026, 4, 1, 9)
    event.end = local(2026, 4, 1, 10)
    event.save_revision()  # draft only
    assert EventOccurrence.objects.get(event=event).start == local(2026, 3, 10, 9)


def test_cancelling_keeps_the_occurrence_with_status(calendar):
    event = publish_event(calendar)
    event.status = "cancelled"
    event.save_revision().publish()
    row = event.occurrences.get()
    assert row.status == "cancelled"
    event.refresh_from_db()
    assert event.ical_sequence == 1


def test_clean_rejects_bad_rules(calendar):
    from django.core.exceptions import ValidationError

    from events.models import EventPage

    page = EventPage(
        title="x",
        slug="x",
        summary="s",
        start=local(2026, 3, 1, 9),
        end=local(2026, 3, 1, 10),
        recurrence_frequency="WEEKLY",
        recurrence_exdates="2026-13-01",
    )
    with pytest.raises(ValidationError) as info:
        page.full_clean()
    assert "recurrence_exdates" in info.value.message_dict
    assert "recurrence_count" in info.value.message_dict
