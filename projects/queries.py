"""Queries of the project pages and of the "projects" box on models, events and news.

Links are stored on the project in its source language and copied to its translations
(SynchronizedField), so they always point at the pages of one language; the pages they
name are found in the reader's language by their translation key. Every function runs in a
fixed number of queries whatever the number of projects and linked pages.
"""

from events.models import EventPage
from home.models import ArticlePage
from models_library.models import PracticeModelPage

from .models import ProjectPage

# The relation on ProjectPage that names each kind of page.
RELATION_FOR = {PracticeModelPage: "practice_models", EventPage: "events", ArticlePage: "news"}


def live_projects(locale_id):
    return ProjectPage.objects.live().public().filter(locale_id=locale_id)


def projects_for_page(page):
    """Live projects in ``page``'s language that list ``page`` (any language version of it)."""
    page = page.specific if type(page) not in RELATION_FOR else page
    relation = RELATION_FOR.get(type(page))
    if relation is None:
        return []
    linking = ProjectPage.objects.filter(**{f"{relation}__translation_key": page.translation_key}).values(
        "translation_key"
    )
    return list(live_projects(page.locale_id).filter(translation_key__in=linking).order_by("-start_date", "title"))


def _in_language(model, keys, locale_id, order):
    return list(model.objects.live().public().filter(locale_id=locale_id, translation_key__in=keys).order_by(*order))


def project_page_context(project):
    """The project's models, events and news in its language (works in previews, where the
    relations are still in memory)."""
    locale_id = project.locale_id
    model_keys = [page.translation_key for page in project.practice_models.all()]
    event_keys = [page.translation_key for page in project.events.all()]
    news_keys = [page.translation_key for page in project.news.all()]
    return {
        "project_models": list(
            PracticeModelPage.objects.live()
            .public()
            .filter(locale_id=locale_id, translation_key__in=model_keys)
            .prefetch_related("regions")
            .order_by("title")
        ),
        "project_events": _in_language(EventPage, event_keys, locale_id, ("start", "title")),
        "project_news": _in_language(ArticlePage, news_keys, locale_id, ("-date", "title")),
        "funders": list(project.funders.all()),
        "partners": list(project.partner_organisations.all()),
        "regions": list(project.regions.all()),
        "themes": list(project.themes.all()),
    }
