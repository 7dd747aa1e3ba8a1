"""End-to-end journeys in a real browser (Debian's chromium through Playwright).

Every feature is on main: a journey whose markup is missing fails. The only skips are
environmental (no chromium, NO_BROWSER=1; see conftest.py).
"""

import re

import pytest
from django.urls import reverse

from .conftest import ARTIFACTS

# django_db: makes pytest-django create the test database; the demo itself is committed
# once per module by the live_site fixture and each test runs in a rolled-back transaction.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db]

SCREENSHOT_TYPES = [
    "HomePage",
    "PracticeModelIndexPage",
    "PracticeModelPage",
    "EventIndexPage",
    "EventPage",
    "ArticleIndexPage",
    "ArticlePage",
    "StandardPage",
]


def _url(live_site, page_type, language="fi"):
    base, site = live_site
    path = site.url(page_type, language)
    if path is None:
        pytest.fail(f"no live {page_type} in the demo content")
    return base + path


def admin_login(page, base, username):
    """Log in to the admin as a demo user, in a fresh browser session."""
    from demo.editorial import DEMO_USERS

    page.context.clear_cookies()
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_USERS[username][0])
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/admin/$"))


def test_home_to_library(page, live_site):
    base, site = live_site
    page.goto(base + "/fi/")
    assert page.locator("html").get_attribute("lang") == "fi"
    library_path = site.url("PracticeModelIndexPage")
    page.locator(f'nav.main-nav a[href="{library_path}"]').click()
    page.wait_for_url(f"**{library_path}")
    assert page.locator("main h1").inner_text().strip()
    assert page.locator('nav.main-nav a[aria-current="page"]').get_attribute("href") == library_path


def test_library_lists_a_model_and_opens_it(page, live_site):
    base, site = live_site
    page.goto(_url(live_site, "PracticeModelIndexPage"))
    library_path = site.url("PracticeModelIndexPage")
    links = page.locator(".library__list .card__title a")
    assert links.count() >= 1, "the library page lists no models"
    assert links.first.get_attribute("href").startswith(library_path)
    title = links.first.inner_text().strip()
    links.first.click()
    page.wait_for_load_state()
    assert page.locator("main h1").inner_text().strip() == title


def test_open_a_model_page(page, live_site):
    page.goto(_url(live_site, "PracticeModelPage"))
    assert page.locator("main h1").inner_text().strip()
    assert page.title().endswith("Toimintamallit")


@pytest.mark.parametrize("page_type", ["PracticeModelPage", "StandardPage", "HomePage"])
def test_switch_language_on_a_page(page, live_site, page_type):
    page.goto(_url(live_site, page_type, "fi"))
    page.locator('nav.language-switcher a[lang="sv"]').click()
    page.wait_for_load_state()
    assert "/sv/" in page.url
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator('nav.language-switcher [aria-current][lang="sv"]').count() == 1
    page.locator('nav.language-switcher a[lang="en"]').click()
    page.wait_for_load_state()
    assert "/en/" in page.url
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".skip-link").inner_text() == "Skip to main content"


def test_search_from_the_header(page, live_site):
    base, _site = live_site
    page.goto(base + "/fi/")
    page.locator("#header-search-q").fill("toimintamalli")
    page.locator("form.header-search button[type=submit]").click()
    page.wait_for_load_state()
    assert "/fi/haku/" in page.url and "q=toimintamalli" in page.url
    assert page.locator("main h1").inner_text() == "Haku"
    assert page.locator("#search-q").input_value() == "toimintamalli"
    assert page.locator(".search-results li, .empty-state").count() >= 1


def test_header_search_suggests_titles_by_keyboard(page, live_site):
    """The header box is an ARIA combobox on every page: type, arrow down, Enter opens it."""
    base, _site = live_site
    page.goto(base + "/fi/tapahtumat/")
    box = page.get_by_role("combobox", name="Hae sivustolta")
    box.press_sequentially("arjen tur", delay=30)
    option = page.locator("#" + box.get_attribute("aria-controls") + " [role=option]").first
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert "Arjen turva" in option.inner_text()
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert option.get_attribute("aria-selected") == "true"
    target = option.get_attribute("data-url")
    box.press("Enter")
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    assert page.locator("main h1").inner_text().strip().lower().startswith("arjen turva")


def test_keyboard_skip_link_moves_focus_to_main(page, live_site):
    base, _site = live_site
    page.goto(base + "/fi/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "skip-link" in focused
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")
    # The next Tab continues inside the main content, not at the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')")


def test_focus_is_visible_on_links_buttons_and_fields(page, live_site):
    base, _site = live_site
    page.goto(base + "/fi/")
    seen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const el = document.activeElement; const s = getComputedStyle(el);
            return {tag: el.tagName, text: (el.innerText || el.name || '').slice(0, 30),
                    outline: s.outlineStyle, outlineWidth: s.outlineWidth, shadow: s.boxShadow}; }"""
        )
        if info["tag"] == "BODY":
            break
        seen.append(info)
        visible = (info["outline"] != "none" and info["outlineWidth"] != "0px") or info["shadow"] != "none"
        assert visible, f"no visible focus indicator on {info}"
    tags = {info["tag"] for info in seen}
    assert {"A", "INPUT", "BUTTON"} <= tags, tags


def test_find_a_model_through_facets(page, live_site):
    page.goto(_url(live_site, "PracticeModelIndexPage"))
    assert page.locator("form.facet-form").count() == 1, "no facet form on the library page"
    form = page.locator("form.facet-form")
    checkbox = form.locator("input[type=checkbox]").first
    name = checkbox.get_attribute("name")
    value = checkbox.get_attribute("value")
    checkbox.check()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert f"{name}={value}" in page.url
    assert page.locator(f'form.facet-form input[name="{name}"][value="{value}"]').is_checked()
    result = page.locator(".library__list .card__title a").first
    title = result.inner_text().strip()
    result.click()
    page.wait_for_load_state()
    assert page.locator("main h1").inner_text().strip() == title


def test_keyboard_through_the_facet_panel(page, live_site):
    page.goto(_url(live_site, "PracticeModelIndexPage"))
    assert page.locator("form.facet-form").count() == 1, "no facet form on the library page"
    page.locator("form.facet-form input[type=checkbox]").first.focus()
    page.keyboard.press("Space")
    assert page.locator("form.facet-form input[type=checkbox]").first.is_checked()
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate(
            "document.activeElement.type === 'submit' && !!document.activeElement.closest('form.facet-form')"
        ):
            break
    else:
        pytest.fail("the facet panel's submit button is not reachable with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "?" in page.url


def test_compare_two_models(page, live_site):
    page.goto(_url(live_site, "PracticeModelIndexPage"))
    assert page.locator("form#compare-form").count() == 1, "no compare form on the library page"
    boxes = page.locator("input[type=checkbox][name='models'][form='compare-form']")
    assert boxes.count() >= 2, "fewer than two models to compare"
    titles = [page.locator(".library__list .card__title a").nth(i).inner_text().strip() for i in (0, 1)]
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.locator("form#compare-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "models=" in page.url
    assert page.locator("main table").count() >= 1
    table_text = page.locator("main table").first.inner_text()
    for title in titles:
        assert title in table_text


def test_event_by_month_and_ics_download(page, live_site):
    import datetime

    from django.utils import timezone

    from events.models import EventPage

    base, _site = live_site
    index_url = _url(live_site, "EventIndexPage")
    page.goto(index_url)
    month_link = page.locator("nav.calendar-views a[href*='month/']")
    assert month_link.count() == 1, "no month view link on the events page"
    # The month of the next demo event that has a date (the demo is relative to today).
    now = timezone.now()
    upcoming = [e for e in EventPage.objects.live().filter(locale__language_code="fi") if e.upcoming_occurrences(now)]
    assert upcoming, "no upcoming events in the demo content"
    first_start = min(e.upcoming_occurrences(now)[0].start for e in upcoming)
    month = (
        timezone.localtime(first_start).strftime("%Y-%m")
        if isinstance(first_start, datetime.datetime)
        else first_start.strftime("%Y-%m")
    )
    page.goto(index_url + f"month/?month={month}")
    assert page.locator("table.month-grid").count() == 1
    events = page.locator("table.month-grid .month-grid__event a")
    assert events.count() >= 1, f"no events in the month view of {month}"
    title = events.first.inner_text().strip()
    events.first.click()
    page.wait_for_load_state()
    assert page.locator("main h1").inner_text().strip() == title
    ics = page.locator(".event__calendar-link a")
    assert ics.count() == 1, "event page has no calendar (.ics) link"
    href = ics.get_attribute("href")
    response = page.request.get(href if href.startswith("http") else base + href)
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    body = response.text()
    assert body.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in body


def test_register_and_cancel_through_the_emailed_link(page, live_site):
    from django.core import mail

    from events.models import EventPage

    event = next(
        (
            e
            for e in EventPage.objects.live().filter(locale__language_code="fi")
            if e.registration_is_open() and not e.external_registration_url
        ),
        None,
    )
    assert event is not None, "no demo event with open registration"
    page.goto(live_site[0] + event.url)
    form = page.locator("form.registration-form")
    assert form.count() == 1, "no registration form on an event with open registration"
    mail.outbox.clear()
    form.locator("input[name=name]").fill("Testi Testaaja")
    form.locator("input[name=email]").fill("tester@example.fi")
    form.locator("input[name=consent]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".messages .notice").count() >= 1
    assert page.locator("main .registration-status").count() == 1
    assert len(mail.outbox) == 1, "no confirmation e-mail"
    from urllib.parse import urlsplit

    # The personal link is the one that is not the event page's address.
    links = [u for u in re.findall(r"https?://\S+", mail.outbox[0].body) if urlsplit(u).path != event.url]
    assert links, mail.outbox[0].body
    page.goto(live_site[0] + urlsplit(links[-1]).path)
    assert page.locator("main .registration-status").count() == 1
    page.locator("main form.registration-cancel button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("main .registration-status--cancelled").count() == 1
    assert page.locator("main form.registration-cancel").count() == 0


def test_editor_creates_model_and_moderator_publishes(page, live_site):
    from editorial.models import OrganisationSectionPage
    from models_library.models import PracticeModelPage

    base, _site = live_site
    from models_library.models import PracticeModelIndexPage

    section = next(
        s
        for s in OrganisationSectionPage.objects.filter(
            organisation__code="lapin-hyvinvointialue", locale__language_code="fi"
        )
        if s.get_parent().specific_class is PracticeModelIndexPage
    )
    title = "Selaintestin malli"

    def login(username):
        admin_login(page, base, username)

    login("toimittaja-lappi")
    page.goto(base + reverse("wagtailadmin_pages:add", args=("models_library", "practicemodelpage", section.pk)))
    page.fill("#id_title", title)
    page.fill("#id_short_description", "Luotu selaintestissä.")
    # What publishing requires (a draft may lack it; approval then offers only "Request
    # changes"): a basic idea in the rich-text editor and a target group.
    basic_idea = page.locator(
        "xpath=//input[@name='basic_idea']/following-sibling::*//*[@contenteditable='true']"
    ).first
    basic_idea.click()
    page.keyboard.type("Perusidea kirjoitettu selaimessa.")
    # Draftail writes to its hidden input on a short debounce: wait for it, not a timer.
    page.wait_for_function("document.querySelector('input[name=basic_idea]').value.includes('Perusidea')")
    first_group = page.locator("#id_target_groups option").first.get_attribute("value")
    page.select_option("#id_target_groups", value=[first_group])
    page.locator("footer [data-w-dropdown-target='toggle'], footer button.dropdown-toggle").last.click()
    page.locator("button[name='action-submit']").click()
    page.wait_for_load_state()
    created = PracticeModelPage.objects.get(title=title, locale__language_code="fi")
    assert not created.live
    assert created.current_workflow_state is not None, "the editor's submission started no workflow"

    login("moderaattori")
    page.goto(base + f"/admin/pages/{created.pk}/edit/")
    approve = page.locator("button[data-workflow-action-name='approve']").first
    if not approve.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle'], footer button.dropdown-toggle").last.click()
    approve.click()
    page.wait_for_load_state()
    page.wait_for_timeout(500)
    created.refresh_from_db()
    assert created.live, "the moderator's approval did not publish the model"
    page.goto(base + created.url)
    assert page.locator("main h1").inner_text().strip() == title


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_of_main_pages(page, live_site, width):
    _base, site = live_site
    out = ARTIFACTS / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    taken = []
    for page_type in SCREENSHOT_TYPES:
        for language in ("fi", "en"):
            path = site.page_types.get(page_type, {}).get(language)
            if not path:
                continue
            page.goto(live_site[0] + path)
            target = out / f"{page_type}-{language}-{width}.png"
            page.screenshot(path=str(target), full_page=True)
            taken.append(target)
            # Nothing may force horizontal scrolling on a phone.
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{page_type} ({language}) scrolls sideways at {width}px by {overflow}px"
    assert taken and all(p.stat().st_size > 1000 for p in taken)


def test_editor_imports_a_word_document_as_a_draft(page, live_site):
    """Upload → preview (fields, flagged phone number and address) → a draft, never live."""
    from demo.editorial import DEMO_USERS
    from models_library.models import PracticeModelPage
    from tests.editorial.documents import model_docx

    base, _site = live_site
    title = "Ilmiölähtöisen yhteiskehittämisen toimintamalli"  # the demo has it too (Pirkanmaa)
    before = set(PracticeModelPage.objects.filter(title=title).values_list("pk", flat=True))
    page.context.clear_cookies()
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", "toimittaja-lappi")
    page.fill("input[name=password]", DEMO_USERS["toimittaja-lappi"][0])
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/admin/$"))

    page.goto(base + reverse("models_library_import"))
    page.set_input_files(
        "input[name=file]",
        files=[
            {
                "name": "perhekeskus.docx",
                "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "buffer": model_docx(),
            }
        ],
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    fields = page.locator("#import-fields").inner_text()
    assert title in fields
    flags = page.locator("#import-flags").inner_text()
    assert "040 123 4567" in flags and "maija.meikalainen@example.fi" in flags
    assert set(PracticeModelPage.objects.filter(title=title).values_list("pk", flat=True)) == before  # nothing saved

    page.locator("form[action$='/models/import/confirm/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
    created = PracticeModelPage.objects.exclude(pk__in=before).get(title=title)
    assert not created.live and created.owner.username == "toimittaja-lappi"
    assert page.locator("#id_title").input_value() == created.title
    assert page.request.get(base + created.get_url()).status == 404  # nothing public


@pytest.fixture(scope="module")
def untranslated_model(live_site, django_db_blocker):
    """A live Finnish model with no translation yet (the demo translates all of its own),
    committed so that the live server sees it; the module's demo restore removes it."""
    from editorial.models import OrganisationSectionPage
    from models_library.models import PracticeModelIndexPage, TargetGroup
    from tests.factories import PracticeModelPageFactory

    with django_db_blocker.unblock():
        section = next(
            s
            for s in OrganisationSectionPage.objects.filter(
                organisation__code="lapin-hyvinvointialue", locale__language_code="fi"
            )
            if s.get_parent().specific_class is PracticeModelIndexPage
        )
        model = PracticeModelPageFactory(
            parent=section, title="Käännöspolun toimintamalli", development_stage="in_development"
        )
        model.target_groups.set([TargetGroup.objects.order_by("code").first()])
        model.save_revision().publish()
        model.refresh_from_db()
    return model


def test_translator_translates_and_moderator_publishes_in_swedish_only(page, live_site, untranslated_model):
    """Find the source on the dashboard → translate → submit → approval → live in sv only."""
    from wagtail.models import Locale
    from wagtail.models import Page as WagtailPage

    base, _site = live_site
    source = untranslated_model
    swedish_title = "Översättningsvägens verksamhetsmodell"
    fi_live_revision = source.live_revision_id
    sv = Locale.objects.get(language_code="sv")

    def login(username):
        admin_login(page, base, username)

    # The translator finds the Finnish page on her dashboard, under Swedish.
    login("kaantaja")
    worklist = page.locator("#editorial-translation-worklist-section")
    swedish = worklist.locator("h3", has_text=sv.get_display_name()).locator("xpath=following-sibling::table[1]")
    swedish.locator("tr", has_text=source.title).get_by_role("link").click()
    page.wait_for_url(f"**/admin/localize/submit/page/{source.pk}/")
    for box in page.locator("input[name=locales]").all():
        box.set_checked(box.get_attribute("value") == str(sv.pk))
    page.locator("main form input[type=submit]").click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
    translation = WagtailPage.objects.get(translation_key=source.translation_key, locale=sv)
    assert not translation.live

    # She translates the title in wagtail-localize's editor (saved as she types Enter) …
    title_segment = page.locator("li.incomplete", has_text=source.title).first
    title_segment.get_by_role("button").first.click()
    editor = title_segment.locator("textarea")
    editor.fill(swedish_title)
    editor.press("Enter")
    page.locator("li.complete", has_text=swedish_title).first.wait_for()
    # … and sends it to the moderators.
    page.locator("#editorial-translation-review form button[type=submit]").click()
    page.wait_for_url(re.compile(rf".*/admin/pages/{translation.pk}/edit/$"))
    translation.refresh_from_db()
    assert not translation.live
    assert translation.current_workflow_state is not None, "the submission started no review"
    assert page.request.get(base + translation.get_url()).status == 404  # nothing public yet

    # The moderator approves it from her dashboard.
    login("moderaattori")
    row = page.locator("tr", has_text=swedish_title).first
    row.locator("[data-w-dropdown-target='toggle']").click()
    approve = row.locator("button[data-workflow-action-url*='/approve/']:not([data-launch-modal])")
    with page.expect_navigation():
        approve.click()
    translation.refresh_from_db()
    assert translation.live, "the moderator's approval did not publish the translation"

    # Visitors: the Swedish page is live under /sv/, the Finnish one unchanged, no English one.
    page.context.clear_cookies()
    sv_url = translation.get_url()
    assert sv_url.startswith("/sv/")
    page.goto(base + sv_url)
    assert page.locator("main h1").inner_text().strip() == swedish_title
    page.goto(base + source.get_url())
    assert page.locator("main h1").inner_text().strip() == source.title
    assert WagtailPage.objects.get(pk=source.pk).live_revision_id == fi_live_revision
    assert not WagtailPage.objects.filter(translation_key=source.translation_key, locale__language_code="en").exists()
