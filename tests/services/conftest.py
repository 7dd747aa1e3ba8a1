import datetime

import pytest

from events.models import EventLanguage, Place
from models_library.models import Municipality, Organisation, Region, TargetGroup, Theme
from services.models import AccessMethod, HoursException, OpeningHours, ServiceIndexPage, ServicePage

CHECKED = datetime.date(2026, 11, 1)


@pytest.fixture
def tray(site_structure):
    home = site_structure["home"]
    index = ServiceIndexPage(
        title="Palvelutarjotin",
        slug="palvelut",
        locale=home.locale,
        region=Region.objects.get(code="lappi"),
        guidance_title="Palveluohjaus Lapissa",
        guidance_phone="040 000 0000",
        guidance_email="palveluohjaus@example.org",
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def place(code, municipality_code, lat=None, lon=None):
    return Place.objects.create(
        code=code,
        name_fi=code.title(),
        municipality=Municipality.objects.get(code=municipality_code),
        latitude=lat,
        longitude=lon,
    )


def make_service(index, title, *, hours=(), exceptions=(), m2m=None, **fields):
    """A published service; ``hours`` are (weekday, "HH:MM", "HH:MM"), ``exceptions``
    (date, closed, opens, closes). Defaults satisfy the publish checks."""
    slug = fields.pop("slug", None) or title.lower().replace(" ", "-")
    defaults = {
        "summary": f"{title}: tiivistelmä.",
        "offer": "<p>Tarjolla.</p>",
        "provider": Organisation.objects.get(code="lapin-hyvinvointialue"),
        "contact_phone": "040 000 0001",
        "last_checked": CHECKED,
        "by_phone": not (m2m or {}).get("places"),
    }
    defaults.update(fields)
    page = ServicePage(title=title, slug=slug, locale=index.locale, **defaults)
    for weekday, opens, closes in hours:
        page.opening_hours.add(
            OpeningHours(
                weekday=weekday, opens=datetime.time.fromisoformat(opens), closes=datetime.time.fromisoformat(closes)
            )
        )
    for day, closed, opens, closes in exceptions:
        page.exceptions.add(
            HoursException(
                date=day,
                closed=closed,
                opens=datetime.time.fromisoformat(opens) if opens else None,
                closes=datetime.time.fromisoformat(closes) if closes else None,
            )
        )
    if not hours:
        page.by_appointment = True
    m2m = dict(m2m or {})
    m2m.setdefault("languages", [EventLanguage.objects.get(code="fi")])
    index.add_child(instance=page)
    for name, values in m2m.items():
        getattr(page, name).set(values)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def vocab(db):
    return {
        "fi": EventLanguage.objects.get(code="fi"),
        "se": EventLanguage.objects.get(code="se"),
        "smn": EventLanguage.objects.get(code="smn"),
        "fse": EventLanguage.objects.get(code="fse"),
        "walk_in": AccessMethod.objects.get(code="walk-in"),
        "phone": AccessMethod.objects.get(code="phone"),
        "youth": TargetGroup.objects.order_by("pk").first(),
        "theme": Theme.objects.order_by("pk").first(),
        "parish": Organisation.objects.filter(kind="parish").first()
        or Organisation.objects.create(code="test-seurakunta", name_fi="Testin seurakunta", kind="parish"),
        "ngo": Organisation.objects.filter(kind="ngo").first()
        or Organisation.objects.create(code="test-yhdistys", name_fi="Testiyhdistys", kind="ngo"),
    }
