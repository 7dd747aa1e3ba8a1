"""Calendar views, iCalendar downloads, the event page with its registration form."""

import datetime
import hashlib

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from core.pagination import paginate
from core.ratelimit import rate_limit

from . import ical, nearby, place_views, registrations
from .calendar import CalendarQuery, page_size
from .conditional import cached_feed_body, conditional_feed
from .dates import DATE_PARAMS
from .emails import registration_details, send_registration_email
from .forms import RegistrationForm
from .models import EventIndexPage, EventPage, Registration
from .structured_data import event_json_ld, json_ld_script

# A subscribed calendar is bounded: events with a date from FEED_PAST_DAYS ago to
# FEED_FUTURE_DAYS ahead, at most FEED_MAX_EVENTS of them (soonest first).
FEED_PAST_DAYS = 30
FEED_FUTURE_DAYS = 365
FEED_MAX_EVENTS = 500


def _subpage_url(index_page, request, name, params=None):
    url = index_page.get_url(request) + index_page.reverse_subpage(name)
    query = params.urlencode() if params is not None else ""
    return f"{url}?{query}" if query else url


def _ical_url(request, index_page, params):
    url = reverse("events_feeds:calendar_ical", kwargs={"index_id": index_page.pk})
    query = params.urlencode()
    # Absolute on the Site's address (SITE_URL): calendar apps keep this URL for good.
    return index_page.get_site().root_url + (f"{url}?{query}" if query else url)


def calendar_view(request, index_page, mode):
    """Upcoming list, month grid or past archive, filtered by the facet parameters."""
    locale = Locale.get_active()
    query = CalendarQuery(index_page, locale, mode, request.GET)
    filter_params = query.filter_params()
    context = index_page.get_context(request)
    context.update(
        {
            "mode": mode,
            "notices": query.messages,
            "facets": query.faceted.facet_results(),
            "active_filters": query.faceted.active_filters(),
            "filters_active": query.faceted.active,
            "keep": {"month": query.month.strftime("%Y-%m")} if mode == "month" else {},
            "clear_url": _subpage_url(index_page, request, mode),
            "upcoming_url": _subpage_url(index_page, request, "upcoming", filter_params),
            "month_url": _subpage_url(index_page, request, "month", filter_params),
            "past_url": _subpage_url(index_page, request, "past", filter_params),
            "ical_url": _ical_url(request, index_page, filter_params),
            "rss_url": _subpage_url(index_page, request, "rss", filter_params),
            "atom_url": _subpage_url(index_page, request, "atom", filter_params),
        }
    )
    if mode == "month":
        grid = query.grid()
        nav = {}
        for key, month in (("prev", grid.prev_month), ("next", grid.next_month), ("today", query.today)):
            params = filter_params.copy()
            params["month"] = month.strftime("%Y-%m")
            nav[key] = _subpage_url(index_page, request, "month", params)
        for week in grid.weeks:
            for day in week:
                if day["more"] and day["in_month"]:
                    day["more_url"] = _day_url(index_page, request, filter_params, day["date"], query.today)
        context.update(
            {"grid": grid, "month_nav": nav, "month_has_events": any(d["occurrences"] for w in grid.weeks for d in w)}
        )
    else:
        rows = query.occurrences()
        if query.near is not None:
            rows = nearby.by_distance(rows[: nearby.MAX_NEAR_OCCURRENCES], query.near)
        context["page_obj"] = paginate(request, rows, page_size())
    context.update(place_views.calendar_context(request, index_page, query, context))
    return TemplateResponse(request, "events/event_index_page.html", context)


def _day_url(index_page, request, filter_params, day, today):
    """The list of one day's events (the grid's "N more" link): upcoming or past list."""
    params = filter_params.copy()
    for name in DATE_PARAMS:
        params.pop(name, None)
    params["from"] = params["to"] = day.isoformat()
    return _subpage_url(index_page, request, "past" if day < today else "upcoming", params)


def _feed_uid(index_page, params):
    # Stable per calendar and filter combination, whatever the parameter order.
    key = "&".join(sorted(f"{k}={v}" for k in params for v in params.getlist(k)))
    return f"calendar-{index_page.translation_key}-{hashlib.sha256(key.encode()).hexdigest()[:16]}"


@conditional_feed
@cached_feed_body
def calendar_ical(request, index_id):
    """A subscribable .ics of a calendar with the same filter parameters as its views.

    Events with a date in the feed's window (FEED_PAST_DAYS back, FEED_FUTURE_DAYS ahead),
    at most FEED_MAX_EVENTS; a poll with a matching ETag or If-Modified-Since gets a 304
    (events/conditional.py). The calendar translation (its id) sets the language.
    """
    index_page = get_object_or_404(EventIndexPage.objects.live().public().select_related("locale"), pk=index_id)
    locale = index_page.locale
    now = timezone.now()
    with translation.override(locale.language_code):
        query = CalendarQuery(
            index_page,
            locale,
            "upcoming",
            request.GET,
            now=now - datetime.timedelta(days=FEED_PAST_DAYS),
            until=now + datetime.timedelta(days=FEED_FUTURE_DAYS),
        )
        events = list(
            query.faceted.queryset()
            .select_related("organiser", "municipality", "place__municipality")
            .order_by("start", "pk")[:FEED_MAX_EVENTS]
        )
        body = ical.calendar(
            events,
            request,
            name=index_page.title,
            language=locale.language_code,
            uid=_feed_uid(index_page, query.filter_params()),
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    return response


def event_ical(request, page_id):
    """One event as an .ics file (language-neutral URL; the page id picks the translation)."""
    event = get_object_or_404(
        EventPage.objects.live().public().select_related("organiser", "municipality", "place__municipality", "locale"),
        pk=page_id,
    )
    with translation.override(event.locale.language_code):
        body = ical.calendar(
            [event], request, name=event.title, language=event.locale.language_code, uid=f"calendar-{event.ical_uid}"
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@rate_limit("registration", methods=["POST"])
def serve_event_page(page, request, *args, **kwargs):
    """The event page; when registration is open it carries the form and handles its POST."""
    now = timezone.now()
    form = None
    registration_open = page.registration_is_open(now)
    dates = registrations.date_choices(page, now) if registration_open and page.is_recurring else None
    if registration_open:
        form = RegistrationForm(
            request.POST if request.method == "POST" else None, date_choices=dates, all_day=page.all_day
        )
        if request.method == "POST" and form.is_valid():
            try:
                outcome = registrations.register(page, form.cleaned_data, language=get_language(), now=now)
            except registrations.RegistrationClosed as exc:
                form.add_error(exc.field, str(exc))
            else:
                send_registration_email(outcome.registration, request)
                if outcome.registration.status == Registration.Status.CONFIRMED:
                    messages.success(request, _("You are registered. A confirmation is on its way to your e-mail."))
                else:
                    messages.info(
                        request,
                        _(
                            "The event is full: you are on the waiting list. "
                            "We will e-mail you if a place becomes free."
                        ),
                    )
                response = HttpResponseRedirect(registrations_personal_path(outcome.registration))
                add_never_cache_headers(response)
                return response
    elif request.method == "POST":
        messages.error(request, _("Registration for this event is closed."))
    occurrences = page.upcoming_occurrences(now)
    next_occurrence = occurrences[0] if occurrences else None
    context = page.get_context(request, *args, **kwargs)
    context.update(
        {
            "form": form,
            "registration_open": registration_open,
            "places_left": (
                registrations.places_left(page) if page.registration_enabled and not page.is_recurring else None
            ),
            "date_choices": dates,
            "upcoming_occurrences": occurrences,
            "all_occurrences": page.occurrence_rows,
            "next_occurrence": next_occurrence,
            "related_models": [m.localized for m in page.related_models.live().public()],
            "json_ld": json_ld_script(event_json_ld(page, request, next_occurrence)),
            "ical_url": reverse("events_feeds:event_ical", kwargs={"page_id": page.pk}),
        }
    )
    response = TemplateResponse(request, page.get_template(request, *args, **kwargs), context)
    if form is not None:
        # The form carries a CSRF token: never serve it from a shared cache.
        patch_cache_control(response, private=True)
        add_never_cache_headers(response)
    return response


def registrations_personal_path(registration):
    return reverse("events:registration", kwargs={"token": registration.token})


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limit("registration", methods=["POST"])
def registration_detail(request, token):
    """A participant's own registration: status, join link, cancellation (POST only)."""
    registration = registrations.find(token)
    if registration is None:
        raise Http404(_("This registration link is not valid."))
    cancelled_now = False
    if request.method == "POST" and request.POST.get("action") == "cancel":
        registration, promoted = registrations.cancel(token)
        cancelled_now = True
        for other in promoted:
            send_registration_email(other, request, template="promoted")
    event = registration.event.localized
    response = TemplateResponse(
        request,
        "events/registration_detail.html",
        {
            "registration": registration,
            "event": event,
            "cancelled_now": cancelled_now,
            "details": registration_details(registration, event),
        },
    )
    patch_cache_control(response, private=True)
    return response
