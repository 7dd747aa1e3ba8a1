"""Demo news: the ministry news item from the reference documents, in fi, sv and en."""

import datetime
import json
from pathlib import Path

from wagtail.models import Locale

from core.localization import translate_page
from home.models import ArticlePage
from models_library.models import Organisation

DATA = Path(__file__).resolve().parent / "data" / "news.json"


def _body(html):
    return [{"type": "paragraph", "value": html}]


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
            "body": _body(fi.get("body", "")),
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
            translate_page(
                page,
                Locale.objects.get(language_code=code),
                {"title": text["title"], "intro": text.get("intro", ""), "body": _body(text.get("body", ""))},
            )
    if stdout:
        stdout.write(f"News: {len(items)} item(s) in fi, sv, en.")
