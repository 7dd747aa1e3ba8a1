"""Thin views of following: subscribe (POST from the model page), confirm, unsubscribe,
the list of one's subscriptions, and the model's Atom feed.

Every link is confirmed with a POST button, so mail scanners that open links change
nothing; the one-click unsubscribe of mail clients (RFC 8058) POSTs to the same URL.
A forged, altered or stale token answers 400 and changes nothing.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404, render
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.ratelimit import rate_limit
from models_library.models import PracticeModelPage

from . import services
from .forms import FollowForm


def _invalid(request):
    return render(request, "following/invalid_link.html", status=400)


def _live_model(page_id):
    return get_object_or_404(PracticeModelPage.objects.live().public(), pk=page_id)


# No CSRF token: the form sits on every model page, and a page that uses the token is never
# page-cached (core.pagecache). A forged cross-site POST could only ask for a confirmation
# e-mail to be sent, which the spam trap, the rate limit and double opt-in already bound.
@csrf_exempt
@require_POST
@rate_limit("follow")
def subscribe(request, page_id):
    model = _live_model(page_id)
    form = FollowForm(request.POST)
    if not form.is_valid():
        return render(request, "following/subscribe.html", {"form": form, "model": model}, status=400)
    if not form.is_spam():  # a bot is told the same as a person, and nothing is sent
        services.subscribe(form.cleaned_data["email"], model, get_language() or model.locale.language_code)
    return render(request, "following/subscribe_done.html", {"model": model})


@never_cache
def confirm(request, token):
    found = services.read_confirm(token)
    if found is None:
        return _invalid(request)
    _subscriber, subscription = found
    if request.method == "POST":
        services.confirm(subscription)
        return render(request, "following/confirmed.html", {"model": subscription.model_page})
    return render(request, "following/confirm.html", {"model": subscription.model_page})


@never_cache
@csrf_exempt  # one-click unsubscribe from the mail client: the signed token is the proof
def unsubscribe(request, token):
    found = services.read_unsubscribe(token)
    if found is None:
        return _invalid(request)
    subscriber, subscription = found
    if request.method == "POST":
        services.unsubscribe(subscriber, subscription)
        return render(request, "following/unsubscribed.html", {"all": subscription is None})
    return render(request, "following/unsubscribe.html", {"subscription": subscription})


@never_cache
def manage(request, token):
    subscriber = services.read_manage(token)
    if subscriber is None:
        return _invalid(request)
    rows = [
        (subscription, services.link("unsubscribe", "unsubscribe", subscriber, subscription, get_language()))
        for subscription in services.subscriptions_of(subscriber)
    ]
    return render(request, "following/manage.html", {"rows": rows})


class ModelFeed(Feed):
    """What happened to one model, as Atom: new versions, stage changes, adoptions, events."""

    feed_type = Atom1Feed

    def get_object(self, request, page_id):
        return _live_model(page_id)

    def title(self, obj):
        return _("Practice model: %(title)s") % {"title": obj.title}

    def link(self, obj):
        return obj.url

    def subtitle(self, obj):
        return obj.short_description

    def items(self, obj):
        self._lines = services.describe(services.notices_for(obj, limit=50), obj.locale_id)
        return list(range(len(self._lines)))

    def item_title(self, item):
        line = self._lines[item]
        return f"{line['kind']}: {line['title']}"

    def item_description(self, item):
        return self._lines[item]["detail"]

    def item_link(self, item):
        return self._lines[item]["url"]

    def item_guid(self, item):
        line = self._lines[item]
        return f"{line['url']}#{line['date'].isoformat()}"

    def item_pubdate(self, item):
        return self._lines[item]["date"]


model_feed = ModelFeed()
