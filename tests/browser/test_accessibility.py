"""axe-core (bundled by axe-playwright-python) on every page type in fi, sv and en.

Fails on any violation and lists it: the law's bar is "no serious or critical" (WCAG 2.1
AA), but the demo content is clean at every impact level, so any new moderate or minor
finding (e.g. a skipped heading level, two landmarks with one name) is a regression too. Writes a per-page-type summary
to test-artifacts/axe-summary.json and prints it (for the issue note and docs/security.md).
"""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db]

LANGUAGES = ("fi", "sv", "en")
BLOCKING = {"minor", "moderate", "serious", "critical"}
SITE_NAME = {"fi": "Toimintamallit", "sv": "Verksamhetsmodeller", "en": "Practice models"}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}
SUMMARY = {}


def _named_pages(language):
    """Pages served by named URL patterns rather than Wagtail pages."""
    with translation.override(language):
        return {
            "search": reverse("search"),
            "search (results)": reverse("search") + "?q=malli",
            "404": f"/{language}/ei-ole-olemassa-404/",
        }


# Views that index pages serve beside their listing (RoutablePageMixin routes).
SUB_VIEWS = {
    "EventIndexPage": ("month/", "map/"),
    "ServiceIndexPage": ("map/", "print/"),
}


def _sub_views(site, language):
    return {
        f"{page_type} {route}": urls[language] + route
        for page_type, routes in SUB_VIEWS.items()
        for route in routes
        if language in (urls := site.page_types.get(page_type, {}))
    }


@pytest.fixture(scope="module", autouse=True)
def write_summary():
    yield
    if not SUMMARY:
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe-summary.json").write_text(json.dumps(SUMMARY, indent=2, ensure_ascii=False))
    print("\naxe summary (violations by impact, per page type and language):")
    for page_type, languages in sorted(SUMMARY.items()):
        cells = ", ".join(
            f"{lang}: {sum(v['by_impact'].values())} ({v['passes_rules']} rules run)"
            if v["by_impact"]
            else f"{lang}: 0"
            for lang, v in languages.items()
        )
        print(f"  {page_type:28} {cells}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_has_no_axe_violations(page, live_site, language):
    base, site = live_site
    targets = {name: urls[language] for name, urls in site.page_types.items() if language in urls}
    targets.update(_named_pages(language))
    targets.update(_sub_views(site, language))
    assert {"HomePage", "PracticeModelIndexPage", "EventIndexPage", "ServiceIndexPage", "ServicePage"} <= set(targets)
    axe = Axe()
    blocking = []
    for name, path in sorted(targets.items()):
        response = page.goto(base + path)
        assert response.status in ((404,) if name == "404" else (200,)), f"{name}: {path} -> {response.status}"
        results = axe.run(page, options=AXE_OPTIONS).response
        by_impact = {}
        for violation in results["violations"]:
            by_impact[violation["impact"]] = by_impact.get(violation["impact"], 0) + 1
            if violation["impact"] in BLOCKING:
                nodes = "; ".join(
                    n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                    for n in violation["nodes"][:5]
                )
                blocking.append(
                    f"{name} [{language}] {path}: {violation['impact']} {violation['id']}"
                    f" – {violation['help']} ({nodes})"
                )
        SUMMARY.setdefault(name, {})[language] = {
            "path": path,
            "by_impact": by_impact,
            "violations": sorted(v["id"] for v in results["violations"]),
            "passes_rules": len(results.get("passes", [])) or "n/a",
        }
    assert not blocking, "axe violations:\n" + "\n".join(blocking)


@pytest.mark.parametrize("language", LANGUAGES)
def test_lang_attribute_and_title_per_language(page, live_site, language):
    base, site = live_site
    for name, urls in sorted(site.page_types.items()):
        path = urls.get(language)
        if not path:
            continue
        page.goto(base + path)
        assert page.locator("html").get_attribute("lang") == language, f"{name} {path}"
        title = page.title()
        heading = page.locator("main h1").first.inner_text().strip()
        assert title.endswith(f" – {SITE_NAME[language]}"), f"{name} {path}: {title!r}"
        page_part = title.removesuffix(f" – {SITE_NAME[language]}").strip()
        assert page_part, f"{name} {path}: empty page title {title!r}"
        if name != "HomePage":
            assert page_part == heading, f"{name} {path}: title {page_part!r} vs h1 {heading!r}"
        # Content shown in another language (translation fallback) must say so.
        main_lang = page.locator("main").get_attribute("lang")
        if main_lang:
            assert main_lang != language and page.locator(".notice--info").count() == 1


def test_axe_reports_violations_when_there_are_some(page, live_site):
    """Guard against a silently broken axe run: a bad page must produce serious violations."""
    page.goto(live_site[0] + "/fi/")
    page.set_content('<html><body><img src="/x.png"><input type="text"><a href="/"></a></body></html>')
    results = Axe().run(page, options=AXE_OPTIONS).response
    impacts = {v["id"]: v["impact"] for v in results["violations"]}
    assert {"image-alt", "label", "html-has-lang"} <= set(impacts), impacts
    assert BLOCKING & set(impacts.values())


@pytest.mark.parametrize("language", LANGUAGES)
def test_model_page_contact_form_has_no_axe_violations(page, live_site, language):
    """The "Contact the developers" form, empty and after a submission with errors (no JavaScript needed)."""
    base, site = live_site
    path = site.url("PracticeModelPage", language)
    axe = Axe()
    page.goto(base + path)
    page.locator(".model-contacts a[href$='contact/']").click()
    page.wait_for_load_state()
    assert page.locator("form.contact-form").count() == 1, path
    found = []
    for state in ("empty", "errors"):
        if state == "errors":
            page.locator("form.contact-form button[type=submit]").click()
            page.wait_for_load_state()
            assert page.locator("#contact-form-errors").count() == 1
        results = axe.run(page, options=AXE_OPTIONS).response
        found += [
            f"{state} [{language}]: {v['impact']} {v['id']} – {v['help']}"
            for v in results["violations"]
            if v["impact"] in BLOCKING
        ]
    assert not found, "axe violations:\n" + "\n".join(found)
