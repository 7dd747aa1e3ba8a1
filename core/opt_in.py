"""Double opt-in for what visitors send with an e-mail address (reported adoptions,
suggested services): a signed confirmation link, mail in the sender's language, retention.

Shared by the apps that take such submissions so the rules stay the same everywhere: only a
confirmed submission reaches the editors' queue; a link works once and only for
``confirm_seconds``; the address is erased ``retention_days`` after moderation and
unconfirmed submissions are deleted once their link has expired.

The model needs: ``State.UNCONFIRMED`` and ``State.PENDING``, ``state``, ``email``,
``language``, ``created_at``, ``confirmed_at`` and ``moderated_at``.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

# A signed primary key is ~40 characters; anything much longer is not ours.
MAX_TOKEN_LENGTH = 200


class OptIn:
    def __init__(self, model, *, salt, confirm_seconds, retention_days, context_name, erased_at_field=None):
        """``confirm_seconds`` and ``retention_days`` name settings (read when used, so a
        deployment's value and a test's override both apply); ``context_name`` is the name
        the submission has in the e-mail templates."""
        self.model = model
        self.salt = salt
        self.confirm_seconds_setting = confirm_seconds
        self.retention_days_setting = retention_days
        self.context_name = context_name
        self.erased_at_field = erased_at_field

    @property
    def confirm_seconds(self):
        return getattr(settings, self.confirm_seconds_setting)

    def token(self, submission):
        return signing.dumps(submission.pk, salt=self.salt)

    def unconfirmed_for(self, token):
        """The unconfirmed submission the token names, or None (forged, expired, already used)."""
        token = str(token)
        if len(token) > MAX_TOKEN_LENGTH:
            return None
        try:
            pk = signing.loads(token, salt=self.salt, max_age=self.confirm_seconds)
        except signing.BadSignature:  # SignatureExpired is a subclass
            return None
        if not isinstance(pk, int):
            return None
        return self.model.objects.filter(pk=pk, state=self.model.State.UNCONFIRMED).first()

    def confirm(self, submission):
        submission.state = self.model.State.PENDING
        submission.confirmed_at = timezone.now()
        submission.save(update_fields=["state", "confirmed_at"])

    def send(self, submission, template, subject, context=None):
        """Mail the sender in the language they wrote in (nothing once the address is erased)."""
        if not submission.email:
            return
        with translation.override(submission.language):
            body = render_to_string(template, {self.context_name: submission, **(context or {})})
            send_mail(" ".join(str(subject).split()), body, settings.DEFAULT_FROM_EMAIL, [submission.email])

    def purge(self, now=None, days=None):
        """Erase the addresses of submissions moderated more than ``days`` ago and delete those
        never confirmed in time. Returns (erased, deleted)."""
        now = now or timezone.now()
        days = getattr(settings, self.retention_days_setting) if days is None else days
        erase = {"email": ""}
        if self.erased_at_field:
            erase[self.erased_at_field] = now
        erased = (
            self.model.objects.filter(moderated_at__lt=now - datetime.timedelta(days=days))
            .exclude(email="")
            .update(**erase)
        )
        stale = now - datetime.timedelta(seconds=self.confirm_seconds)
        deleted, _rows = self.model.objects.filter(state=self.model.State.UNCONFIRMED, created_at__lt=stale).delete()
        return erased, deleted
