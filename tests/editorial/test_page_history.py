"""The history of one page says on every entry which language version it concerns."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from .test_translation_review import start_translation

pytestmark = pytest.mark.django_db


def history_table(client, page):
    response = client.get(reverse("wagtailadmin_pages:history", args=(page.pk,)))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    headings = [th.get_text(" ", strip=True) for th in soup.select("table.listing thead th")]
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in soup.select("table.listing tbody tr")]
    return headings, rows


def test_page_history_has_a_language_column_in_the_finnish_admin(logged_in, translator, moderator, model_a):
    sv_page = start_translation(logged_in(translator), model_a)
    client = logged_in(moderator)
    for page in (model_a, sv_page):
        headings, rows = history_table(client, page)
        assert "Kieli" in headings, headings  # the Finnish admin
        column = headings.index("Kieli")
        assert rows, f"no history entries for {page}"
        language = page.locale.get_display_name()
        assert all(row[column] == language for row in rows), (language, rows)
    # The results view the filters reload is the same table.
    response = client.get(reverse("wagtailadmin_pages:history_results", args=(sv_page.pk,)))
    assert response.status_code == 200 and sv_page.locale.get_display_name() in response.content.decode()


def test_page_history_keeps_wagtails_permission_check(logged_in, editor_b, model_a):
    response = logged_in(editor_b).get(reverse("wagtailadmin_pages:history", args=(model_a.pk,)))
    assert response.status_code in (302, 403)
