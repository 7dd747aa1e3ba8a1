"""URL configuration.

Language-neutral endpoints (admin, API, feeds, sitemap, health) sit outside
i18n_patterns; everything a visitor reads is under /fi/, /sv/, /en/ (and Sámi codes).
Each app owns its URLs in its own urls.py.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.viewsets.pages import base_page_viewset
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from core import faults
from editorial import views as editorial_views
from home import views as home_views
from home.sitemap import MultilingualSitemap

from . import auth_limits, views
from .api import api_router

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"

urlpatterns = [
    # Rate-limited sign-in and password-reset views, ahead of the apps that own them.
    path("admin/login/", auth_limits.admin_login, name="wagtailadmin_login"),
    path("admin/password_reset/", auth_limits.admin_password_reset, name="wagtailadmin_password_reset"),
    path("django-admin/login/", auth_limits.django_admin_login),
    # wagtail-localize actions that publish, guarded so translations publish only through
    # review, and the site and page histories with a language column.
    *decorate_urlpatterns(
        [
            path("admin/localize/page/<int:page_id>/convert_to_alias/", editorial_views.guarded_convert_to_alias),
            path(
                "admin/localize/update/<int:translation_source_id>/",
                editorial_views.GuardedUpdateTranslationsView.as_view(),
            ),
            # The site history with a language column (editorial/views.py).
            path("admin/reports/site-history/", editorial_views.SiteHistoryWithLanguageView.as_view()),
            path(
                "admin/reports/site-history/results/",
                editorial_views.SiteHistoryWithLanguageView.as_view(results_only=True),
            ),
            # One page's history, built as Wagtail's page viewset builds its own view.
            path(
                "admin/pages/<int:page_id>/history/",
                base_page_viewset.construct_view(editorial_views.PageHistoryWithLanguageView),
            ),
            path(
                "admin/pages/<int:page_id>/history/results/",
                base_page_viewset.construct_view(editorial_views.PageHistoryWithLanguageView, results_only=True),
            ),
        ],
        lambda view: require_admin_access(faults.atomic_writes(view)),
    ),
    # Every admin write is one transaction (core/faults.py): nothing half-saved.
    path("admin/", include(decorate_urlpatterns(wagtailadmin_urls.urlpatterns, faults.atomic_writes))),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("health/", views.health, name="health"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("", include("models_library.urls")),
    path("", include("events.urls")),
    path("", include("search.urls")),
    path("", include("editorial.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("models_library.i18n_urls")),
    path("", include("events.i18n_urls")),
    path("", include("services.i18n_urls")),
    path("", include("search.i18n_urls")),
    path("", include("following.urls")),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        auth_limits.page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("_util/login/", auth_limits.front_end_login, name="wagtailcore_login"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
