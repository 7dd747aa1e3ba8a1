"""The filter box of long checkbox lists (core.widgets.FilterableCheckboxes) in chromium:
the widget as Django renders it, with its script, in a page of its own (no server needed)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from core.widgets import FilterableCheckboxes

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SCRIPT = Path(settings.BASE_DIR) / "static" / "js" / "filterable_checkboxes.js"
CHOICES = [("1", "Helsinki"), ("2", "Hämeenlinna"), ("3", "Inari"), ("4", "Enontekiö")]


def test_filter_hides_others_keeps_checked_and_never_submits(page):
    with translation.override("fi"):
        widget = FilterableCheckboxes(choices=CHOICES).render(
            "municipalities", ["3"], attrs={"id": "id_municipalities"}
        )
    page.set_content(
        f"<form action=\"javascript:document.title='submitted'\">{widget}</form><script>{SCRIPT.read_text()}</script>"
    )
    rows = page.locator("#id_municipalities > div")
    assert rows.count() == 4
    status = page.locator(".filterable-checkboxes__status")
    assert status.inner_text() == "Valittuna: 1"
    box = page.get_by_label("Suodata luetteloa")
    box.fill("hame")  # no umlaut typed
    visible = [row.inner_text().strip() for row in rows.all() if row.is_visible()]
    assert visible == ["Hämeenlinna", "Inari"]  # Inari is checked: it stays in view
    box.press("Enter")
    assert page.title() != "submitted"
    page.get_by_label("Hämeenlinna").check()
    assert status.inner_text() == "Valittuna: 2"
    box.fill("xyz")
    assert "Mikään ei vastaa suodatinta." not in status.inner_text()  # the checked ones still show
    page.get_by_label("Hämeenlinna").uncheck()
    page.get_by_label("Inari").uncheck()
    assert status.inner_text() == "Valittuna: 0 Mikään ei vastaa suodatinta."
