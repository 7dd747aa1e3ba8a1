"""URLs of following under the language prefix (/fi/, /sv/, /en/)."""

from django.urls import include, path

from . import views

app_urls = [
    path("model/<id:page_id>/", views.subscribe, name="subscribe"),
    path("model/<id:page_id>/feed/", views.model_feed, name="feed"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("manage/<str:token>/", views.manage, name="manage"),
]

urlpatterns = [path("follow/", include((app_urls, "following")))]
