"""Previews may be framed by the admin itself (Wagtail's preview side panel).

Wagtail renders a preview by sending a fake request for the page's public URL through the
whole middleware stack, so the strict public policy (``frame-ancestors 'none'``) reaches
the preview response too and the browser refuses to show it in the admin's side panel.
Only preview responses get ``frame-ancestors 'self'`` (and ``X-Frame-Options: SAMEORIGIN``);
every other page keeps ``'none'``.
"""


class PreviewFramingMiddleware:
    """Placed after ``csp.middleware.CSPMiddleware`` so it runs before it on the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_preview", False):
            response._csp_replace = {"frame-ancestors": ["'self'"]}
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response
