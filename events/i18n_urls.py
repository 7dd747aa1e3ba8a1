"""URLs of this app under the language prefix (/fi/, /sv/, /en/)."""

from django.urls import include, path

from . import views

app_urls = [
    path("<str:token>/", views.registration_detail, name="registration"),
]

urlpatterns = [
    path("event-registration/", include((app_urls, "events"))),
]
