"""Small middleware that Django and django-csp do not provide (or not quite as needed)."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers


class PermissionsPolicyMiddleware:
    """Send ``Permissions-Policy`` (settings.PERMISSIONS_POLICY) on every response.

    The portal never needs the camera, microphone, location or payment APIs; denying them
    limits what injected or third-party code could do.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, except for 404s of language-neutral URLs.

    Django answers a 404 on an unprefixed path by redirecting to ``/fi/<path>`` when that
    path "exists"; under Wagtail's catch-all every ``/fi/…`` path exists, so an unknown API
    endpoint or a feed of a deleted event would redirect an API client or calendar app to
    an HTML 404 page. A path that is language-neutral by design (it resolved without a
    prefix and the view itself said 404, or it lies under a neutral prefix) keeps its 404.
    """

    NEUTRAL_PREFIXES = ("/api/", "/documents/", "/admin/", "/django-admin/", "/static/", "/media/")

    def process_response(self, request, response):
        if response.status_code == 404 and self._language_neutral(request):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)

    def _language_neutral(self, request):
        path = request.path_info
        if path.startswith(self.NEUTRAL_PREFIXES):
            return True
        try:
            resolve(path, getattr(request, "urlconf", None))
        except Resolver404:
            return False  # e.g. /kirjasto/: let Django redirect to /fi/kirjasto/
        return True
