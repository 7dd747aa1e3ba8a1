"""RSS and Atom feeds of upcoming events (django.contrib.syndication), per calendar and language.

They take the calendar page's filter parameters (CalendarQuery), so a feed link copied
from a filtered calendar lists what the page lists; every link is absolute on the Site's
root URL (SITE_URL), not on the host the feed reader happened to ask.
"""

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .calendar import CalendarQuery

FEED_ITEMS = 50


class UpcomingEventsRSS(Feed):
    def title(self, index_page):
        return _("%(calendar)s: upcoming events") % {"calendar": index_page.title}

    def link(self, index_page):
        return index_page.get_full_url(self.request)

    def feed_url(self, index_page):
        name = "atom" if self.feed_type is Atom1Feed else "rss"
        url = index_page.get_full_url(self.request) + index_page.reverse_subpage(name)
        query = self.query.filter_params().urlencode()
        return f"{url}?{query}" if query else url

    def description(self, index_page):
        return _("Upcoming workshops, trainings and meetings.")

    def get_object(self, request, index_page):
        self.request = request
        self.query = CalendarQuery(index_page, Locale.get_active(), "upcoming", request.GET)
        return index_page

    def items(self, index_page):
        return list(self.query.occurrences().select_related("event__organiser")[:FEED_ITEMS])

    def item_title(self, occurrence):
        event = occurrence.event
        when = timezone.localtime(occurrence.start)
        stamp = when.strftime("%d.%m.%Y") if event.all_day else when.strftime("%d.%m.%Y %H:%M")
        prefix = f"{event.get_status_display()}: " if event.status != "scheduled" else ""
        return f"{prefix}{event.title} ({stamp})"

    def item_description(self, occurrence):
        return occurrence.event.summary

    def item_link(self, occurrence):
        return occurrence.event.get_full_url(self.request)

    def item_guid(self, occurrence):
        return occurrence.uid

    item_guid_is_permalink = False

    def item_pubdate(self, occurrence):
        return occurrence.event.first_published_at

    def item_updateddate(self, occurrence):
        return occurrence.event.last_published_at


class UpcomingEventsAtom(UpcomingEventsRSS):
    feed_type = Atom1Feed

    def subtitle(self, index_page):
        return self.description(index_page)
