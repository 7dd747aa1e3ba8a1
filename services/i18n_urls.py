"""URLs of this app under the language prefix (/fi/, /sv/, /en/)."""

from django.urls import path

from . import suggestion_views

urlpatterns = [
    path("service-suggestion/<id:index_id>/", suggestion_views.suggest_service, name="service_suggestion"),
    path(
        "service-suggestion/confirm/<str:token>/",
        suggestion_views.confirm_suggestion,
        name="service_suggestion_confirm",
    ),
]
