"""Demo news: the ministry news item from the reference documents, in fi, sv and en.

The item keeps its links: each language's body links the models it describes (to the model
page in that language) and ends with a link to its source (``model_links``, ``source_url``
in demo/data/news.json). The JSON holds the text only, so the links are put back here.
"""

import datetime
import json
from pathlib import Path

from django.utils.html import escape
from wagtail.models import Locale

from core.localization import translate_page
from home.models import ArticlePage
from models_library.models import Organisation, PracticeModelPage

DATA = Path(__file__).resolve().parent / "data" / "news.json"


def _body(html):
    return [{"type": "paragraph", "value": html}]


def _model_in(slug, locale):
    source = PracticeModelPage.objects.filter(slug=slug, locale__language_code="fi").first()
    if source is None:
        return None
    return PracticeModelPage.objects.filter(translation_key=source.translation_key, locale=locale).first() or source


def _linked_body(item, code, locale):
    """The body in ``code`` with its links: the models it describes and its source."""
    html = item["translations"][code].get("body", "")
    for link in item.get("model_links", []):
        text, model = link["text"][code], _model_in(link["model"], locale)
        if model is not None and text in html:
            html = html.replace(text, f'<a linktype="page" id="{model.pk}">{text}</a>', 1)
    if item.get("source_url"):
        label = escape(item["source_label"][code])
        html += f'<p><a href="{escape(item["source_url"])}">{label}</a></p>'
    return _body(html)


def load(structure, stdout=None):
    if not DATA.exists():
        return
    index = structure["news"]
    items = json.loads(DATA.read_text(encoding="utf-8"))
    for item in items:
        fi = item["translations"]["fi"]
        page = ArticlePage.objects.child_of(index).filter(slug=item["slug"]).first()
        values = {
            "title": fi["title"],
            "intro": fi.get("intro", ""),
            "body": _linked_body(item, "fi", index.locale),
            "date": datetime.date.fromisoformat(item["date"]),
        }
        if page is None:
            page = ArticlePage(slug=item["slug"], locale=index.locale, **values)
            index.add_child(instance=page)
        else:
            for key, value in values.items():
                setattr(page, key, value)
        page.source_organisations = list(Organisation.objects.filter(code__in=item.get("source_organisations", [])))
        page.save_revision().publish()
        for code in ("sv", "en"):
            text = item["translations"].get(code)
            if not text:
                continue
            locale = Locale.objects.get(language_code=code)
            translate_page(
                page,
                locale,
                {"title": text["title"], "intro": text.get("intro", ""), "body": _linked_body(item, code, locale)},
            )
    if stdout:
        stdout.write(f"News: {len(items)} item(s) in fi, sv, en.")
