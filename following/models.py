"""Following a practice model by e-mail, without an account.

A *subscriber* is an e-mail address (personal data: purged by ``purge_followers``); a
*subscription* ties it to one model in the language it was made in and counts only once
confirmed through the e-mailed link (double opt-in). *Notices* are the public things that
happened to a model (a new version, a stage change, a new adoption, a new event); the
digest command mails each subscriber the notices since their last digest, and the model's
Atom feed lists them for everyone.
"""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_secret():
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    email = models.EmailField(_("e-mail"), unique=True)
    language = models.CharField(_("language"), max_length=10)
    # Part of every signed link: a new secret (after a purge, or on request) voids old links.
    secret = models.CharField(max_length=64, default=new_secret, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")

    def __str__(self):
        return self.email


class Subscription(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    model_page = models.ForeignKey(
        "models_library.PracticeModelPage",
        verbose_name=_("practice model"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Notices after this moment go into the next digest.
    notified_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [models.UniqueConstraint(fields=["subscriber", "model_page"], name="one_subscription_per_model")]


class Notice(models.Model):
    """Something public that happened to a model (all its language versions share the key)."""

    class Kind(models.TextChoices):
        VERSION = "version", _("New version")
        STAGE = "stage", _("Development stage changed")
        ADOPTION = "adoption", _("New adoption")
        EVENT = "event", _("New event")

    model_key = models.UUIDField(db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The page the notice is about (the model itself, or the event), in the language it was
    # published in; the digest shows its translation in the follower's language.
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    detail = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]


class ModelState(models.Model):
    """What a model looked like at its last publish: a stage change or a new adoption is
    told by comparing with it."""

    model_key = models.UUIDField(unique=True)
    stage = models.CharField(max_length=20)
    adoptions = models.PositiveIntegerField(default=0)
