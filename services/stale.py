"""Services not checked for 12 months: reminders to the service's own mailbox (the
provider) and one summary to the moderators. Run daily; each service is reminded at most
once every REMIND_EVERY_DAYS until someone updates its "last checked" date."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from editorial.roles import MODERATORS

from .models import STALE_AFTER_DAYS, ServicePage

REMIND_EVERY_DAYS = 30


def stale_services(today=None):
    """Live services whose facts were last checked over STALE_AFTER_DAYS days ago, or never."""
    today = today or timezone.localdate()
    limit = today - datetime.timedelta(days=STALE_AFTER_DAYS)
    return ServicePage.objects.live().filter(Q(last_checked__lt=limit) | Q(last_checked__isnull=True))


def send_stale_reminders(now=None, stdout=None):
    """Returns the number of messages sent."""
    now = now or timezone.now()
    due = (
        stale_services(timezone.localdate(now))
        .filter(
            Q(stale_reminded_at__isnull=True)
            | Q(stale_reminded_at__lt=now - datetime.timedelta(days=REMIND_EVERY_DAYS))
        )
        .select_related("locale", "provider")
        .order_by("last_checked", "pk")
    )
    services = list(due)
    sent = 0
    for service in services:
        if not service.contact_email:
            continue
        with translation.override(
            service.locale.language_code if service.locale.language_code in ("fi", "sv", "en") else "fi"
        ):
            subject = translation.gettext("Please check the facts of your service: %(name)s") % {"name": service.title}
            body = render_to_string("services/email/stale_provider.txt", {"service": service, "url": service.full_url})
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [service.contact_email])
        sent += 1
    if services:
        editors = list(
            get_user_model()
            .objects.filter(is_active=True, groups__name=MODERATORS)
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
        if editors:
            subject = translation.gettext("Services not checked for 12 months: %(count)d") % {"count": len(services)}
            body = render_to_string("services/email/stale_editors.txt", {"services": services})
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, editors)
            sent += 1
        ServicePage.objects.filter(pk__in=[s.pk for s in services]).update(stale_reminded_at=now)
    if stdout is not None:
        stdout.write(f"Stale services reminded: {len(services)}")
    return sent
