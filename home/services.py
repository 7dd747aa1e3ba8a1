"""Queries behind the home page and shared listing helpers (kept out of views and models)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils import timezone

PER_PAGE_MAX = 100


def paginate(request, queryset, per_page=20):
    """Paginate leniently: a malformed or out-of-range ?page= shows the nearest page."""
    paginator = Paginator(queryset, per_page)
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        number = 1
    number = min(max(number, 1), max(paginator.num_pages, 1))
    try:
        return paginator.page(number)
    except (EmptyPage, PageNotAnInteger):
        return paginator.page(1)


def home_page_listings(home):
    """Highlighted models, upcoming events and latest news for ``home``'s language.

    A fixed number of queries whatever the amount of content.
    """
    from home.models import ArticlePage
    from models_library.models import PracticeModelPage

    locale_id = home.locale_id
    highlighted_ids = list(home.highlighted_models.values_list("model_page__translation_key", flat=True))
    highlighted = list(
        PracticeModelPage.objects.live().public()
        .filter(locale_id=locale_id, translation_key__in=highlighted_ids)
        .select_related("cover_image")
        .prefetch_related("regions")
    )
    order = {key: i for i, key in enumerate(highlighted_ids)}
    highlighted.sort(key=lambda p: order.get(p.translation_key, 0))

    events = upcoming_events(locale_id, home.upcoming_events_count)
    news = list(
        ArticlePage.objects.live().public().filter(locale_id=locale_id)
        .order_by("-date", "-pk")[: home.latest_news_count]
    )
    return {"highlighted_models": highlighted, "upcoming_events": events, "latest_news": news}


def upcoming_events(locale_id, count):
    """The next ``count`` events by their next occurrence (recurring series included).

    Each event appears once, dated by its next occurrence; one query.
    """
    from events.models import EventOccurrence

    occurrences = (
        EventOccurrence.objects.visible()
        .filter(event__locale_id=locale_id)
        .upcoming()
        .for_listing()[: max(count, 0) * 8]
    )
    events, seen = [], set()
    for occurrence in occurrences:
        if occurrence.event_id in seen:
            continue
        seen.add(occurrence.event_id)
        event = occurrence.event
        # Show the date of the next occurrence, not the first one of the series.
        event.start, event.end = occurrence.start, occurrence.end
        events.append(event)
        if len(events) == count:
            break
    return events
