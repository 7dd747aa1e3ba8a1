"""Registrations for events: places, waiting list, personal cancel tokens.

Personal data (name, e-mail, organisation, needs) is erased by
``manage.py purge_registrations`` a configurable number of days after the event; the
row stays (anonymised) so place counts and statistics remain correct.
"""

import secrets

from django.core import signing
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .. import crypto

TOKEN_SALT = "events.registration"


def new_public_id():
    return secrets.token_urlsafe(24)


def public_id_from_token(token):
    """The registration's public id when the token is genuine (signed with SECRET_KEY), else None."""
    try:
        return signing.Signer(salt=TOKEN_SALT).unsign(token)
    except signing.BadSignature:
        return None


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("created_at", "pk")

    def active(self):
        return self.filter(status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING])


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Place confirmed")
        WAITING = "waiting", _("On the waiting list")
        # Not "Cancelled" alone: sv "Inställt" would say the event was called off.
        CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled registration")

    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    # The date of a repeating series the person comes to (capacity and waiting list are per
    # date); for a one-off event its only date. Kept (empty) if an editor deletes the date.
    occurrence = models.ForeignKey(
        "events.EventOccurrence",
        verbose_name=_("date"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, db_index=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    needs_encrypted = models.TextField(_("dietary and accessibility needs (encrypted)"), blank=True, editable=False)
    language = models.CharField(_("language"), max_length=10, blank=True)
    # The personal link carries this id signed with SECRET_KEY: a random id alone is not
    # enough to cancel (nor is a database dump), and links can be sent again later.
    public_id = models.CharField(max_length=64, unique=True, editable=False, default=new_public_id)
    consent_at = models.DateTimeField(_("consent given"))
    created_at = models.DateTimeField(_("registered"), auto_now_add=True, db_index=True)
    promoted_at = models.DateTimeField(_("moved from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("personal data erased"), null=True, blank=True, db_index=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.event_id}: {self.get_status_display()}"

    @property
    def token(self):
        """The secret of the personal link (view status, cancel)."""
        return signing.Signer(salt=TOKEN_SALT).sign(self.public_id)

    @property
    def needs(self):
        """The decrypted needs; raises crypto.DecryptionFailed (logged) when no configured key
        opens them, never an empty text in their place."""
        return crypto.decrypt(self.needs_encrypted, label=f"the needs of registration {self.pk}")

    @needs.setter
    def needs(self, text):
        self.needs_encrypted = crypto.encrypt(text)
