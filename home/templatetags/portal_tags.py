"""Presentation helpers for templates (no business logic here)."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info
from wagtail.models import Page

from core.languages import base_language

register = template.Library()


def _language_name(code):
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in each UI language (and Sámi versions that exist).

    For a page with a translation, link to that translation. For a page without one, link
    to the same path under the other language, where the home page's fallback routing
    shows the Finnish original with a notice (never a 404).
    """
    request = context.get("request")
    page = context.get("page")
    current = base_language()
    options = []
    translations = {}
    if isinstance(page, Page) and page.pk:
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation
    for code, _name in settings.LANGUAGES:
        if code not in settings.UI_LANGUAGES and code not in translations:
            continue
        if code in translations:
            url = translations[code].get_url(request)
            available = True
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
            available = not isinstance(page, Page)
        else:
            url = f"/{code}/"
            available = False
        options.append(
            {
                "code": code,
                "name": _language_name(code),
                "url": url,
                "current": code == current,
                "available": available,
            }
        )
    return {"languages": options, "current": current}


@register.inclusion_tag("components/hreflang_links.html", takes_context=True)
def hreflang_links(context):
    """<link rel="alternate" hreflang> for every published language version of the page,
    Sámi ones included: search engines find a Sámi page where one exists. One query."""
    request = context.get("request")
    page = context.get("page")
    if request is None or not isinstance(page, Page) or not page.pk:
        return {"links": []}
    links = [
        {"code": translation.locale.language_code, "url": translation.get_full_url(request)}
        for translation in page.get_translations(inclusive=True).live().public().select_related("locale")
    ]
    return {"links": links if len(links) > 1 else []}


@register.filter
def localized(page):
    return page.localized if page is not None else None


@register.simple_tag(takes_context=True)
def query_transform(context, **kwargs):
    """The current query string with some parameters replaced (e.g. page=2)."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.filter
def language_name(code):
    return _language_name(code)
