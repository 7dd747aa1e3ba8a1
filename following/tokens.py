"""Signed links of the follow e-mails: confirm, unsubscribe (one model or all), manage.

A token is signed with SECRET_KEY and a salt per purpose, and carries the subscriber's
current secret: a forged or altered token fails the signature, and a token of an erased
or renewed subscriber no longer matches. Either way it does nothing.
"""

from django.core import signing

from .models import Subscriber, Subscription

CONFIRM, UNSUBSCRIBE, MANAGE = "confirm", "unsubscribe", "manage"


def make(purpose, subscriber, subscription=None):
    payload = {"u": subscriber.pk, "k": subscriber.secret, "s": subscription.pk if subscription else None}
    return signing.dumps(payload, salt=f"following.{purpose}", compress=True)


def read(purpose, token, max_age=None):
    """(subscriber, subscription or None), or None for any token that is not genuine and current."""
    try:
        payload = signing.loads(str(token)[:500], salt=f"following.{purpose}", max_age=max_age)
        subscriber = Subscriber.objects.get(pk=int(payload["u"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError, Subscriber.DoesNotExist):
        return None
    if not isinstance(payload.get("k"), str) or payload["k"] != subscriber.secret:
        return None
    subscription = None
    if payload.get("s") is not None:
        subscription = Subscription.objects.filter(pk=payload["s"], subscriber=subscriber).first()
        if subscription is None:
            return None
    return subscriber, subscription
