"""Absolute links name the Site's real address (SITE_URL) everywhere: e-mails, the .ics
attachment and feeds, RSS/Atom, JSON-LD, the API and calendar links; and the feeds take
the calendar page's filters."""

import datetime
import json
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Site

from core.site_url import configure_site
from tests.factories import publish_event

pytestmark = pytest.mark.django_db

PUBLIC = "https://tapahtumat.example.fi"
WRONG = re.compile(r"https?://(localhost|testserver|127\.0\.0\.1)[/:]")


def soon(days=5, hours=0):
    return (timezone.now() + datetime.timedelta(days=days, hours=hours)).replace(microsecond=0)


@pytest.fixture
def public_site(calendar, settings):
    settings.SITE_URL = PUBLIC
    configure_site()
    return Site.objects.get(is_default_site=True)


def test_configure_site_command(calendar):
    call_command("configure_site", url="http://127.0.0.1:8000", stdout=open("/dev/null", "w"))
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("127.0.0.1", 8000, "http://127.0.0.1:8000")
    call_command("configure_site", url="https://toimintamallit.fi", stdout=open("/dev/null", "w"))
    assert Site.objects.get(is_default_site=True).root_url == "https://toimintamallit.fi"
    with pytest.raises(CommandError):
        call_command("configure_site", url="toimintamallit.fi")


def test_links_use_the_public_address(client, public_site, calendar):
    assert public_site.root_url == PUBLIC
    event = publish_event(
        calendar,
        title="Koulutus",
        start=soon(),
        end=soon(hours=2),
        event_type="training",
        registration_enabled=True,
    )
    publish_event(calendar, title="Työpaja", slug="tyopaja", start=soon(), end=soon(hours=2), event_type="workshop")

    # E-mail and its .ics attachment
    client.post(event.get_url(), {"name": "A", "email": "a@example.fi", "consent": "on"})
    (message,) = mail.outbox
    assert f"{PUBLIC}/fi/event-registration/" in message.body and not WRONG.search(message.body)
    (ics_event,) = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert str(ics_event["URL"]).startswith(f"{PUBLIC}/fi/")
    assert f"{PUBLIC}/fi/event-registration/" in str(ics_event["DESCRIPTION"])

    # JSON-LD on the event page
    html = client.get(event.get_url()).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["url"].startswith(f"{PUBLIC}/fi/") and not WRONG.search(json.dumps(data))

    # The public .ics files
    for url in (
        reverse("events_feeds:event_ical", kwargs={"page_id": event.pk}),
        reverse("events_feeds:calendar_ical", kwargs={"index_id": calendar.pk}),
    ):
        for component in Calendar.from_ical(client.get(url).content).walk("VEVENT"):
            assert str(component["URL"]).startswith(f"{PUBLIC}/fi/")

    # The calendar page's subscription links
    page = client.get(calendar.get_url(), {"type": "training"})
    assert page.context["ical_url"].startswith(f"{PUBLIC}/")
    assert "type=training" in page.context["rss_url"] and "type=training" in page.context["atom_url"]

    # RSS and Atom: absolute links, the same filters as the page
    for feed in ("rss/", "atom/"):
        everything = client.get(calendar.get_url() + feed).content.decode()
        assert "Koulutus" in everything and "Työpaja" in everything
        filtered = client.get(calendar.get_url() + feed, {"type": "training"}).content.decode()
        assert "Koulutus" in filtered and "Työpaja" not in filtered
        assert f"{PUBLIC}/fi/" in filtered and not WRONG.search(filtered)

    # API
    detail = client.get(f"/api/v2/pages/{event.pk}/").json()
    assert detail["meta"]["html_url"].startswith(f"{PUBLIC}/fi/")
