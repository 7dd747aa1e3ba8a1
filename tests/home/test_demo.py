"""`load_demo` builds a real-looking site and is idempotent."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page

from home.models import ArticlePage

NEWS = Path(__file__).resolve().parents[2] / "demo" / "data" / "news.json"


@pytest.mark.django_db
def test_load_demo_twice_creates_nothing_twice(demo_site):
    first = Page.objects.count()  # after the first load_demo (the committed demo)
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Page.objects.count() == first
    assert first > 20


@pytest.mark.django_db
def test_demo_news_item_in_three_languages(client, demo_site):
    item = json.loads(NEWS.read_text(encoding="utf-8"))[0]
    for language in ("fi", "sv", "en"):
        article = ArticlePage.objects.get(
            locale__language_code=language,
            translation_key=ArticlePage.objects.get(locale__language_code="fi").translation_key,
        )
        assert article.title == item["translations"][language]["title"]
        response = client.get(article.url)
        assert response.status_code == 200
        assert item["translations"][language]["title"] in response.content.decode()
