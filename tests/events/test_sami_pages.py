"""Sámi URLs (issue 18, item 7): a Sámi page is reachable where it exists; without one the
Finnish page is served with a Finnish notice, and Finnish text is never marked lang="se"."""

import re

import pytest
from django.utils import timezone
from wagtail.models import Locale

from tests.factories import publish_event

pytestmark = pytest.mark.django_db

NOTICE_FI = "Tätä sivua ei ole vielä käännetty valitsemallesi kielelle"


def lang_of(html, tag):
    match = re.search(rf"<{tag}\b[^>]*>", html)
    found = re.search(r'\blang="([^"]+)"', match.group(0)) if match else None
    return found.group(1) if found else None


def test_sami_url_without_content_serves_finnish_marked_finnish(client, calendar):
    start = timezone.now() + timezone.timedelta(days=3)
    event = publish_event(calendar, title="Perheilta", start=start, end=start + timezone.timedelta(hours=2))
    url = event.url.replace("/fi/", "/se/", 1)
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200 and "Perheilta" in html
    assert lang_of(html, "html") == "se"  # the URL's language (dates and formats)
    assert lang_of(html, "main") == "fi"  # the content is Finnish and says so
    assert lang_of(html, "header") == "fi" and lang_of(html, "footer") == "fi"  # the interface falls back to Finnish
    notice = re.search(r'<div class="notice notice--info container" role="note"[^>]*>(.*?)</div>', html, re.S)
    assert notice and NOTICE_FI in notice.group(1) and 'lang="fi"' in notice.group(0)
    # The Finnish page itself: no notice, nothing marked.
    html = client.get(event.url).content.decode()
    assert NOTICE_FI not in html and lang_of(html, "main") is None


def test_sami_translation_is_reachable_from_the_switcher(client, calendar):
    start = timezone.now() + timezone.timedelta(days=3)
    event = publish_event(calendar, title="Perheilta", start=start, end=start + timezone.timedelta(hours=2))
    se = Locale.objects.get_or_create(language_code="se")[0]
    Locale.objects.get_or_create(language_code="sv")
    for ancestor in event.get_ancestors().filter(depth__gt=1).specific():
        if ancestor.get_translation_or_none(se) is None:
            ancestor.copy_for_translation(se).save_revision().publish()
    sami = event.copy_for_translation(se)
    sami.title = "Bearaščoahkkin"
    sami.save_revision().publish()
    sami.refresh_from_db()
    html = client.get(event.url).content.decode()
    assert f'href="{sami.url}" lang="se" hreflang="se"' in html
    assert re.search(rf'<link rel="alternate" hreflang="se" href="https?://[^"/]+{re.escape(sami.url)}">', html)
    assert '<link rel="alternate" hreflang="fi"' in html
    html = client.get(sami.url).content.decode()
    assert "Bearaščoahkkin" in html
    assert lang_of(html, "html") == "se" and lang_of(html, "main") is None  # Sámi content, marked Sámi
    assert NOTICE_FI not in html
