"""URLs of this app under the language prefix (/fi/, /sv/, /en/)."""

urlpatterns = []
