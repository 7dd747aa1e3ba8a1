"""Rate-limited versions of the sign-in views that Wagtail and Django own.

Their code cannot carry our decorators, so ``portal/urls.py`` routes their paths here first,
under the same URL names (the first matching pattern wins both when resolving a request and
when reversing a name). Each view is limited per client address and per target, so that
guesses spread over many addresses are slowed too: per username typed at a sign-in form,
per e-mail address typed at the password reset, per restriction of a password-protected
page. The numbers are in ``settings.RATE_LIMITS``; django-axes still locks a username +
address out after ``AXES_FAILURE_LIMIT`` failed sign-ins.
"""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin.views import account

from core.ratelimit import by_posted, by_url_kwarg, rate_limit


def _sign_in(view):
    return rate_limit("login")(rate_limit("login-username", key=by_posted("username"))(view))


#: Wagtail's admin sign-in (/admin/login/).
admin_login = _sign_in(account.LoginView.as_view())
#: Django's admin sign-in (/django-admin/login/).
django_admin_login = _sign_in(admin.site.login)
#: The sign-in form of pages restricted to logged-in visitors (/fi/_util/login/).
front_end_login = _sign_in(auth_views.LoginView.as_view(template_name=wagtail_urls.WAGTAIL_FRONTEND_LOGIN_TEMPLATE))
#: Wagtail's admin password reset (/admin/password_reset/): each POST may send an e-mail.
admin_password_reset = rate_limit("password-reset")(
    rate_limit("password-reset-email", key=by_posted("email"))(account.PasswordResetView.as_view())
)
#: The password form of a password-protected page (/fi/_util/authenticate_with_password/…).
page_password = rate_limit("page-password")(
    rate_limit("page-password-target", key=by_url_kwarg("page_view_restriction_id"))(
        wagtail_views.authenticate_with_password
    )
)
