"""Dashboard: new followers of the practice models an editor looks after (issue 17, item 5).

An organisation's editors see the models in their organisation's sections, moderators see
every model. Only confirmed follows count (an unconfirmed address is nobody yet), and only
numbers are shown: followers' addresses are personal data.
"""

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from editorial.models import OrganisationEditors, OrganisationSectionPage
from editorial.roles import is_moderator

from .models import Subscription

NEW_FOLLOWERS_DAYS = 30


def new_followers(user, now=None, limit=10):
    """``{"total", "rows", "days"}`` for the models ``user`` looks after, or None for users who
    look after none; ``rows`` are the models with new followers, most first. A constant number of queries."""
    if not user.is_authenticated:
        return None
    since = (now or timezone.now()) - datetime.timedelta(days=NEW_FOLLOWERS_DAYS)
    subscriptions = Subscription.objects.filter(confirmed_at__gte=since)
    if not is_moderator(user):
        organisations = OrganisationEditors.objects.filter(group__user=user).values("organisation")
        paths = list(
            OrganisationSectionPage.objects.filter(organisation__in=organisations).values_list("path", flat=True)
        )
        if not paths:
            return None
        inside = Q()
        for path in paths:
            inside |= Q(model_page__path__startswith=path)
        subscriptions = subscriptions.filter(inside)
    rows = list(
        subscriptions.values("model_page_id", "model_page__title", "model_page__locale__language_code")
        .annotate(count=Count("pk"))
        .order_by("-count", "model_page__title", "model_page_id")[:limit]
    )
    return {"total": subscriptions.count(), "rows": rows, "days": NEW_FOLLOWERS_DAYS}


class NewFollowersPanel(Component):
    name = "following_new_followers"
    order = 88
    template_name = "following/admin/new_followers_panel.html"

    def __init__(self, user):
        self.followers = new_followers(user)

    def get_context_data(self, parent_context):
        return self.followers

    def render_html(self, parent_context):
        return super().render_html(parent_context) if self.followers is not None else ""
