"""Calendar views through HTTP: upcoming list, month grid, archive, filters, bad input, queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from events.models import EventLanguage, EventPage
from tests.factories import MunicipalityFactory, RegionFactory, TargetGroupFactory, local, publish_event

pytestmark = pytest.mark.django_db


def quick_event(parent, **fields):
    """A live event without revisions (fast; for volume tests)."""
    defaults = {
        "title": "Massatapahtuma",
        "summary": "s",
        "live": True,
        "locale": Locale.objects.get(language_code="fi"),
    }
    defaults.update(fields)
    defaults.setdefault("slug", f"mass-{EventPage.objects.count() + 1}")
    page = EventPage(**defaults)
    parent.add_child(instance=page)
    return page


@pytest.fixture
def vocab(vocabularies):
    lappi = RegionFactory(code="lappi", name_fi="Lapin hyvinvointialue")
    kemijarvi = MunicipalityFactory(code="320", name_fi="Kemijärvi", region=lappi)
    other_region = RegionFactory(code="pirkanmaa", name_fi="Pirkanmaan hyvinvointialue")
    other_municipality = MunicipalityFactory(code="837", name_fi="Tampere", region=other_region)
    groups = [TargetGroupFactory(code="professionals"), TargetGroupFactory(code="families")]
    return {
        "lappi": lappi,
        "kemijarvi": kemijarvi,
        "other_region": other_region,
        "other_municipality": other_municipality,
        "groups": groups,
        "fse": EventLanguage.objects.get(code="fse"),
        "fi": EventLanguage.objects.get(code="fi"),
    }


def test_upcoming_month_past_and_filters(client, calendar, vocab):
    now = timezone.now()
    soon = timezone.localtime(now + datetime.timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0)
    publish_event(
        calendar,
        title="Kemijärven työpaja",
        start=soon,
        end=soon + datetime.timedelta(hours=2),
        municipality=vocab["kemijarvi"],
        event_type="workshop",
        m2m={"target_groups": [vocab["groups"][0]], "event_languages": [vocab["fi"]]},
    )
    publish_event(
        calendar,
        title="Viittomakielinen webinaari",
        start=soon,
        end=soon + datetime.timedelta(hours=1),
        attendance="online",
        event_type="webinar",
        m2m={"target_groups": [vocab["groups"][1]], "event_languages": [vocab["fse"]]},
    )
    publish_event(
        calendar,
        title="Hybridiseminaari",
        start=soon,
        end=soon + datetime.timedelta(hours=1),
        attendance="hybrid",
        event_type="seminar",
        municipality=vocab["other_municipality"],
    )
    publish_event(
        calendar,
        title="Mennyt arviointi",
        start=now - datetime.timedelta(days=20),
        end=now - datetime.timedelta(days=20) + datetime.timedelta(hours=2),
        event_type="evaluation_meeting",
    )
    draft = EventPage(
        title="Luonnos",
        slug="luonnos",
        summary="s",
        start=soon,
        end=soon + datetime.timedelta(hours=1),
        live=False,
        locale=calendar.locale,
    )
    calendar.add_child(instance=draft)

    url = calendar.get_url()
    html = client.get(url).content.decode()
    assert "Kemijärven työpaja" in html and "Viittomakielinen webinaari" in html and "Hybridiseminaari" in html
    assert "Mennyt arviointi" not in html and "Luonnos" not in html

    past = client.get(url + "past/").content.decode()
    assert "Mennyt arviointi" in past and "Kemijärven työpaja" not in past

    # Filters: OR within a facet, AND across facets; hybrid counts as online and in person.
    online = client.get(url, {"attendance": "online"}).content.decode()
    assert "Viittomakielinen webinaari" in online and "Hybridiseminaari" in online
    assert "Kemijärven työpaja" not in online
    both = client.get(url, {"attendance": "online", "language": "fse"}).content.decode()
    assert "Viittomakielinen webinaari" in both and "Hybridiseminaari" not in both
    region = client.get(url, {"region": "lappi", "type": ["workshop", "webinar"]})
    assert list(region.context["page_obj"].object_list)[0].event.title == "Kemijärven työpaja"
    assert region.context["page_obj"].paginator.count == 1
    # Counts: each facet counted with the other facets applied.
    facets = {f.name: {v.code: v.count for v in f.values} for f in region.context["facets"]}
    assert facets["type"]["workshop"] == 1 and facets["type"].get("webinar", 0) == 0
    assert facets["region"]["lappi"] == 1
    unfiltered = client.get(url, {"attendance": "online"}).context["facets"]
    attendance = {v.code: v.count for f in unfiltered if f.name == "attendance" for v in f.values}
    assert attendance == {"in_person": 2, "online": 2}

    # Shareable: the feed link carries the filters.
    assert f"/events/calendar/{calendar.pk}.ics?region=lappi" in region.content.decode()

    # Unknown facet values: a message, not an error.
    bad = client.get(url, {"region": "atlantis"})
    assert bad.status_code == 200 and "atlantis" in bad.content.decode()

    empty = client.get(url, {"type": "seminar", "region": "lappi"})
    assert "No events match the filters" in empty.content.decode() or empty.context["page_obj"].paginator.count == 0


def test_month_grid_expands_recurring_events_and_navigates(client, calendar):
    publish_event(
        calendar,
        title="Verkostotapaaminen",
        start=local(2026, 3, 4, 13),
        end=local(2026, 3, 4, 15),
        recurrence_frequency="WEEKLY",
        recurrence_count=6,
        recurrence_exdates="2026-03-18",
    )
    url = calendar.get_url() + "month/"
    response = client.get(url, {"month": "2026-03"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption>" in html and "<table" in html
    days = {d["date"].day: d for w in response.context["grid"].weeks for d in w if d["in_month"]}
    with_event = sorted(day for day, d in days.items() if d["occurrences"])
    assert with_event == [4, 11, 25]  # 18 March is an exception; April dates not in March
    april = client.get(url, {"month": "2026-04"})
    april_days = sorted(
        d["date"].day for w in april.context["grid"].weeks for d in w if d["in_month"] and d["occurrences"]
    )
    assert april_days == [1, 8]
    # Month navigation links work without JavaScript and keep the filters.
    nav = client.get(url, {"month": "2026-03", "type": "workshop"}).context["month_nav"]
    assert "month=2026-02" in nav["prev"] and "month=2026-04" in nav["next"] and "type=workshop" in nav["prev"]
    # Times are Finnish local time (13:00), not UTC (11:00).
    assert ">13:00<" in html


@pytest.mark.parametrize("value", ["2026-13", "99999-01", "2026-00", "maaliskuu", "2026-3", "<script>"])
def test_impossible_months_give_a_message(client, calendar, value):
    response = client.get(calendar.get_url() + "month/", {"month": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "is not a month we can show" in html or "ei ole kuukausi" in html
    assert "<script>" not in html.split("<main")[1]


def test_listing_is_per_language(client, calendar, site_structure):
    publish_event(
        calendar,
        title="Vain suomeksi",
        start=timezone.now() + datetime.timedelta(days=2),
        end=timezone.now() + datetime.timedelta(days=2, hours=1),
    )
    sv_calendar = calendar.get_translation(Locale.objects.get(language_code="sv"))
    html = client.get(sv_calendar.get_url()).content.decode()
    assert "Vain suomeksi" not in html
    assert "No upcoming events" in html or "Inga kommande" in html or 'class="empty-state"' in html


def test_queries_constant_in_number_of_events(client, calendar, vocab, django_assert_max_num_queries):
    start = timezone.localtime(timezone.now() + datetime.timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    today = timezone.localdate()

    def create(n):
        for i in range(n):
            page = quick_event(
                calendar,
                start=start + datetime.timedelta(hours=i),
                end=start + datetime.timedelta(hours=i + 1),
                municipality=vocab["kemijarvi"],
            )
            page.target_groups.set(vocab["groups"][:1])
            page.event_languages.set([vocab["fi"]])
            page.save()

    urls = [
        (calendar.get_url(), {}),
        (calendar.get_url(), {"region": "lappi", "audience": vocab["groups"][0].code}),
        (calendar.get_url() + "month/", {"month": today.strftime("%Y-%m")}),
        (calendar.get_url() + "past/", {}),
        (f"/events/calendar/{calendar.pk}.ics", {"region": "lappi"}),
        (calendar.get_url() + "rss/", {}),
    ]

    def counts():
        out = []
        for url, params in urls:
            client.get(url, params)  # warm caches (site root paths, settings)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url, params).status_code == 200
            out.append(len(ctx))
        return out

    create(5)
    small = counts()
    create(95)
    large = counts()
    assert large == small
    with django_assert_max_num_queries(max(small)):
        client.get(calendar.get_url(), {"region": "lappi"})


def test_private_sections_do_not_leak(client, calendar):
    from wagtail.models import PageViewRestriction

    soon = timezone.now() + datetime.timedelta(days=2)
    secret = publish_event(calendar, title="Salainen kokous", start=soon, end=soon + datetime.timedelta(hours=1))
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
    html = client.get(calendar.get_url()).content.decode()
    assert "Salainen kokous" not in html
    assert client.get(f"/events/{secret.pk}.ics").status_code == 404
    assert "Salainen kokous" not in client.get(calendar.get_url() + "rss/").content.decode()
