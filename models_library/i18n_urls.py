"""URLs of this app under the language prefix (/fi/, /sv/, /en/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("library-glossary/", views.glossary, name="library-glossary"),
]
