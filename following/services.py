"""Subscribing, confirming, unsubscribing, and the digests.

Every function here is what a view or the digest command calls; views stay thin.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page

from models_library.models import DevelopmentStage

from . import tokens
from .models import Notice, Subscriber, Subscription


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def link(name, purpose, subscriber, subscription=None, language=None):
    with translation.override(language or subscriber.language):
        return absolute(reverse(f"following:{name}", kwargs={"token": tokens.make(purpose, subscriber, subscription)}))


def _send(subscriber, template, context, unsubscribe_url):
    """One message in the subscriber's language, with a one-click List-Unsubscribe (RFC 8058)."""
    with translation.override(subscriber.language):
        context = {**context, "unsubscribe_url": unsubscribe_url}
        subject = " ".join(render_to_string(f"following/email/{template}_subject.txt", context).split())
        body = render_to_string(f"following/email/{template}.txt", context)
    message = EmailMultiAlternatives(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [subscriber.email],
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.send()


@transaction.atomic
def subscribe(email, model_page, language):
    """Record an unconfirmed subscription and mail the confirmation link.

    The answer is the same whether the address is new, known or already following, so
    the form tells nobody who follows what. Nothing is mailed for a confirmed subscription.
    """
    subscriber, _created = Subscriber.objects.get_or_create(
        email=email.strip().lower(), defaults={"language": language}
    )
    subscription, _created = Subscription.objects.get_or_create(subscriber=subscriber, model_page=model_page)
    if subscription.confirmed_at:
        return subscription
    _send(
        subscriber,
        "confirm",
        {
            "model": model_page,
            "confirm_url": link("confirm", tokens.CONFIRM, subscriber, subscription),
            "days": settings.FOLLOW_CONFIRM_DAYS,
        },
        link("unsubscribe", tokens.UNSUBSCRIBE, subscriber, subscription),
    )
    return subscription


def read_confirm(token):
    found = tokens.read(tokens.CONFIRM, token, max_age=datetime.timedelta(days=settings.FOLLOW_CONFIRM_DAYS))
    return found if found and found[1] is not None else None


def confirm(subscription, now=None):
    if subscription.confirmed_at is None:
        now = now or timezone.now()
        subscription.confirmed_at = now
        subscription.notified_until = now
        subscription.save(update_fields=["confirmed_at", "notified_until"])
    return subscription


def read_unsubscribe(token):
    return tokens.read(tokens.UNSUBSCRIBE, token)


@transaction.atomic
def unsubscribe(subscriber, subscription=None):
    """Stop one subscription, or all of them; an address left with none is erased."""
    if subscription is not None:
        subscription.delete()
    else:
        subscriber.subscriptions.all().delete()
    if not subscriber.subscriptions.exists():
        subscriber.delete()


def read_manage(token):
    found = tokens.read(tokens.MANAGE, token)
    return found[0] if found else None


def subscriptions_of(subscriber):
    return list(
        subscriber.subscriptions.filter(confirmed_at__isnull=False)
        .select_related("model_page")
        .order_by("model_page__title")
    )


# -- notices ---------------------------------------------------------------------------------


def notices_for(model_page, since=None, limit=None):
    """The model's notices in its language (events and changes in any language are shown
    through the follower's language version, see ``_localized``)."""
    rows = Notice.objects.filter(model_key=model_page.translation_key).select_related("page", "page__locale")
    if since is not None:
        rows = rows.filter(created_at__gt=since)
    rows = rows.order_by("-created_at", "-pk")
    return list(rows[:limit] if limit else rows)


def _localized(pages, locale_ids):
    """{(translation_key, locale_id): live page} for the given pages' translations."""
    keys = {page.translation_key for page in pages}
    found = Page.objects.live().public().filter(translation_key__in=keys, locale_id__in=locale_ids)
    return {(page.translation_key, page.locale_id): page.specific for page in found}


def _detail(notice):
    if notice.kind == Notice.Kind.STAGE and notice.detail in DevelopmentStage.values:
        return str(DevelopmentStage(notice.detail).label)
    return notice.detail


def describe(notices, locale_id):
    """Notices as (kind label, title, url, date) in one language; a version published in
    another language is left out (its own followers hear of it), duplicates are merged."""
    pages = _localized([notice.page for notice in notices], [locale_id])
    seen, lines = set(), []
    for notice in notices:
        if notice.kind == Notice.Kind.VERSION and notice.page.locale_id != locale_id:
            continue
        page = pages.get((notice.page.translation_key, locale_id))
        if page is None:
            continue
        key = (notice.kind, page.pk, notice.detail)
        if key in seen:
            continue
        seen.add(key)
        lines.append(
            {
                "kind": notice.get_kind_display(),
                "title": page.title,
                "detail": _detail(notice),
                "url": page.full_url,
                "date": notice.created_at,
            }
        )
    return lines


def send_digests(now=None):
    """Mail every confirmed follower the notices since their last digest; returns the
    number of messages sent. Queries: a fixed few per follower, whatever the notices."""
    now = now or timezone.now()
    subscriptions = (
        Subscription.objects.filter(confirmed_at__isnull=False)
        .select_related("subscriber", "model_page")
        .order_by("subscriber_id", "pk")
    )
    by_subscriber = defaultdict(list)
    for subscription in subscriptions:
        by_subscriber[subscription.subscriber].append(subscription)
    keys = {s.model_page.translation_key for subs in by_subscriber.values() for s in subs}
    oldest = min((s.notified_until for subs in by_subscriber.values() for s in subs), default=now)
    notices = defaultdict(list)
    for notice in (
        Notice.objects.filter(model_key__in=keys, created_at__gt=oldest, created_at__lte=now)
        .select_related("page")
        .order_by("created_at", "pk")
    ):
        notices[notice.model_key].append(notice)
    sent = 0
    for subscriber, subs in by_subscriber.items():
        sections = []
        for subscription in subs:
            fresh = [
                n
                for n in notices[subscription.model_page.translation_key]
                if n.created_at > subscription.notified_until
            ]
            lines = describe(fresh, subscription.model_page.locale_id) if fresh else []
            if lines:
                sections.append(
                    {
                        "model": subscription.model_page,
                        "lines": lines,
                        "unsubscribe_url": link("unsubscribe", tokens.UNSUBSCRIBE, subscriber, subscription),
                    }
                )
        if not sections:
            continue
        _send(
            subscriber,
            "digest",
            {"sections": sections, "manage_url": link("manage", tokens.MANAGE, subscriber)},
            link("unsubscribe", tokens.UNSUBSCRIBE, subscriber),
        )
        Subscription.objects.filter(pk__in=[s.pk for s in subs]).update(notified_until=now)
        sent += 1
    return sent


def purge(now=None, days=None):
    """Erase addresses that were never confirmed within the confirmation period, and
    addresses left following nothing. Returns the number of addresses erased."""
    now = now or timezone.now()
    days = settings.FOLLOW_CONFIRM_DAYS if days is None else days
    cutoff = now - datetime.timedelta(days=days)
    Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    stale = Subscriber.objects.filter(created_at__lt=cutoff, subscriptions__isnull=True)
    count = stale.count()
    stale.delete()
    return count
