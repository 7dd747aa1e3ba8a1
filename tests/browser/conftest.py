"""Browser fixtures: Debian's chromium driven by Playwright against a live server with demo content.

All browser tests run in one xdist group (``make test`` uses ``--dist loadgroup``) so one
worker loads the demo once per module and starts one server. They are skipped only when
NO_BROWSER=1 or when /usr/bin/chromium is missing (``make browser-deps`` installs it).
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def browser_unavailable_reason():
    if os.environ.get("NO_BROWSER") == "1":
        return "NO_BROWSER=1 is set"
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        return f"chromium not found at {CHROMIUM}: run `make browser-deps` (as root) to install Debian's chromium"
    return None


def pytest_collection_modifyitems(config, items):
    reason = browser_unavailable_reason()
    if reason is None:
        return
    marker = pytest.mark.skip(reason=f"browser tests skipped: {reason}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(marker)


def pytest_report_header(config):
    reason = browser_unavailable_reason()
    return f"browser tests: {'SKIPPED, ' + reason if reason else 'chromium at ' + CHROMIUM}"


@pytest.fixture(scope="module")
def live_site(django_db_setup, django_db_blocker):
    """(base URL, DemoSite): one live server over committed demo content for the module."""
    from pytest_django.live_server_helper import LiveServer

    from tests.security.demo import committed_demo

    # Playwright's sync API keeps an event loop in this thread; Django would refuse DB calls.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with committed_demo(django_db_blocker) as site:
        server = LiveServer("localhost:0")
        server._live_server_modified_settings.enable()
        try:
            yield server.url, site
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()
