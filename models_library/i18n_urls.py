"""URLs of this app under the language prefix (/fi/, /sv/, /en/)."""

from django.urls import path

from . import adoption_views, views

urlpatterns = [
    path("library-glossary/", views.glossary, name="library-glossary"),
    path("adoption-report/<id:page_id>/", adoption_views.report_adoption, name="adoption_report"),
    path(
        "adoption-report/confirm/<str:token>/",
        adoption_views.confirm_adoption_report,
        name="adoption_report_confirm",
    ),
]
