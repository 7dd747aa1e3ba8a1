"""The event page map and the calendar's map view: axe-clean, usable by keyboard, and
complete without JavaScript (issue 18). Tiles come from a static file of our own (no network)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import override_settings

from events.models import EventPage

from .test_accessibility import AXE_OPTIONS, BLOCKING

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db]

LOCAL_TILES = "/static/vendor/leaflet-1.9.4/images/layers.png?z={z}&x={x}&y={y}"


@pytest.fixture(autouse=True)
def local_tiles():
    with override_settings(EVENTS_MAP_TILE_URL=LOCAL_TILES, EVENTS_MAP_ATTRIBUTION="Test tiles"):
        yield


def blocking_violations(page):
    results = Axe().run(page, options=AXE_OPTIONS).response
    return [f"{v['impact']} {v['id']}: {v['help']}" for v in results["violations"] if v["impact"] in BLOCKING]


def tab_until(page, selector, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return True
    return False


def test_event_page_map_is_accessible_and_keyboard_usable(page, live_site):
    base, _site = live_site
    event = EventPage.objects.get(slug="perheilta-pohjoissaameksi-inari", locale__language_code="fi")
    page.goto(base + event.url)
    page.wait_for_selector(".place-map--active .leaflet-marker-icon")
    assert page.locator(".event-place__address").inner_text().strip() == "Inari"
    assert not blocking_violations(page)
    assert tab_until(page, ".leaflet-container"), "the map is not in the tab order"
    before = page.evaluate("() => document.querySelector('.leaflet-map-pane').style.transform")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(400)
    assert page.evaluate("() => document.querySelector('.leaflet-map-pane').style.transform") != before
    assert tab_until(page, ".leaflet-marker-icon"), "the marker is not in the tab order"
    assert not [e for e in page.console_errors if not e.startswith("Failed to load resource")]


def test_calendar_map_view_is_accessible_and_markers_lead_to_the_list(page, live_site):
    base, site = live_site
    page.goto(base + site.page_types["EventIndexPage"]["fi"] + "map/")
    page.wait_for_selector(".place-map--active .leaflet-marker-icon")
    assert not blocking_violations(page)
    # Places too close to tell apart are one numbered group; choosing it zooms in on them.
    for _ in range(6):
        if not page.locator(".map-group").count():
            break
        groups_before = page.locator(".map-group").count() + page.locator(".leaflet-marker-icon").count()
        page.locator(".map-group").first.focus()
        zoom_before = page.locator(".place-map--active").get_attribute("data-zoom")
        page.keyboard.press("Enter")
        page.wait_for_timeout(800)
        zoom_after = page.locator(".place-map--active").get_attribute("data-zoom")
        assert zoom_after != zoom_before or page.evaluate("() => document.activeElement.id").startswith("map-place-"), (
            groups_before
        )
        assert not blocking_violations(page)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    assert tab_until(page, ".leaflet-marker-icon:not(.map-group)")
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)
    focused = page.evaluate("() => document.activeElement.id")
    assert focused.startswith("map-place-")
    assert not [e for e in page.console_errors if not e.startswith("Failed to load resource")]


def test_calendar_and_map_view_without_javascript(chromium, live_site):
    base, site = live_site
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        calendar = base + site.page_types["EventIndexPage"]["fi"]
        page.goto(calendar + "map/")
        assert page.locator(".map-places > li").count() >= 3
        assert page.locator(".map-places a[href*='openstreetmap']").count() >= 3
        assert not page.locator(".place-map--active").count()
        page.goto(calendar)
        page.fill("#near", "99800")
        page.fill("#near-km", "100")
        page.click(".near-filter button[type=submit]")
        assert "near=99800" in page.url
        assert "Perheilta pohjoissaameksi, Inari" in page.content()
        page.click(".date-presets a >> nth=2")  # next month
        assert "when=next_month" in page.url
    finally:
        context.close()
