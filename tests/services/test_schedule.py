""" "Open now" and "open this week" with fixed datetimes: a schedule that runs past midnight
and a public-holiday exception, checked in SQL (the listing filter) and in Python (the page)."""

import datetime

import pytest

from events.recurrence import local_zone
from services import schedule
from services.listing import services_below

from .conftest import make_service

pytestmark = pytest.mark.django_db

# 2026-12-04 is a Friday; 2026-12-06 (Sunday) is Independence Day.
FRIDAY = datetime.date(2026, 12, 4)


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=local_zone())


@pytest.fixture
def night_and_day(tray):
    night = make_service(
        tray,
        "Yökahvila",
        # Friday and Saturday 20:00–02:00; closed on Independence Day evening (Sunday anyway
        # has no hours), and on Saturday 5.12. open 18:00–01:00 instead.
        hours=[(4, "20:00", "02:00"), (5, "20:00", "02:00")],
        exceptions=[(datetime.date(2026, 12, 5), False, "18:00", "01:00")],
    )
    day = make_service(
        tray,
        "Päiväkeskus",
        hours=[(d, "09:00", "15:00") for d in range(0, 5)] + [(6, "10:00", "14:00")],
        exceptions=[(datetime.date(2026, 12, 6), True, None, None)],  # Independence Day: closed
    )
    appointment = make_service(tray, "Ajanvarausneuvonta")
    return {"night": night, "day": day, "appointment": appointment}


def open_titles(tray, moment):
    return sorted(services_below(tray).filter(schedule.open_at_q(moment)).values_list("title", flat=True))


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(FRIDAY, 10), ["Päiväkeskus"]),
        (at(FRIDAY, 15), []),  # closes at 15:00 sharp
        (at(FRIDAY, 21), ["Yökahvila"]),
        # Saturday 01:30: still Friday night's opening, past midnight.
        (at(FRIDAY + datetime.timedelta(days=1), 1, 30), ["Yökahvila"]),
        (at(FRIDAY + datetime.timedelta(days=1), 2, 30), []),
        # Saturday 5.12.: the exception opens at 18:00 (the weekly row says 20:00).
        (at(FRIDAY + datetime.timedelta(days=1), 18, 30), ["Yökahvila"]),
        # Sunday 6.12. 00:30 from the exception's 18:00–01:00; 01:30 closed (weekly would say 02:00).
        (at(FRIDAY + datetime.timedelta(days=2), 0, 30), ["Yökahvila"]),
        (at(FRIDAY + datetime.timedelta(days=2), 1, 30), []),
        # Independence Day: the day centre's Sunday hours are replaced by "closed".
        (at(FRIDAY + datetime.timedelta(days=2), 11), []),
        # The next Sunday it is open again.
        (at(FRIDAY + datetime.timedelta(days=9), 11), ["Päiväkeskus"]),
    ],
    ids=[
        "fri-10",
        "fri-15",
        "fri-21",
        "sat-0130",
        "sat-0230",
        "sat-exception-1830",
        "sun-0030",
        "sun-0130",
        "holiday",
        "next-sun",
    ],
)
def test_open_now_sql_and_python_agree(tray, night_and_day, moment, expected):
    assert open_titles(tray, moment) == expected
    for page in night_and_day.values():
        assert schedule.is_open_at(page, moment) == (page.title in expected), page.title


def test_open_this_week(tray, night_and_day):
    everything = ["Ajanvarausneuvonta", "Päiväkeskus", "Yökahvila"]
    week = services_below(tray).filter(schedule.open_this_week_q(at(FRIDAY, 12)))
    assert sorted(week.values_list("title", flat=True)) == everything


def test_open_now_filter_in_the_listing(client, tray, night_and_day):
    # The view uses the clock; the rule is tested above with fixed times. Here: the filter
    # parameter is accepted and a bad value is reported, never an error.
    response = client.get(tray.url + "?open=now")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]  # depends on the clock: never from the page cache
    response = client.get(tray.url + "?open=sometimes")
    assert response.status_code == 200 and "sometimes" in response.content.decode()
