"""Language-neutral URLs of this app (feeds, exports, JSON)."""

from django.urls import path

from . import views

app_name = "events_feeds"

urlpatterns = [
    path("events/<id:page_id>.ics", views.event_ical, name="event_ical"),
    path("events/calendar/<id:index_id>.ics", views.calendar_ical, name="calendar_ical"),
]
