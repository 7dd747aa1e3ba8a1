"""Search URLs under the language prefix: /fi/haku/, /sv/sok/, /en/search/."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

urlpatterns = [
    path(pgettext_lazy("URL path", "search/"), views.search, name="search"),
    path(pgettext_lazy("URL path", "search/suggest/"), views.suggest, name="search_suggest"),
    path(pgettext_lazy("URL path", "search/result/"), views.click, name="search_click"),
]
