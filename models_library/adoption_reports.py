"""Reported adoptions: double opt-in, moderation by the model's organisation, retention.

A report moves unconfirmed → pending (the reporter clicked the signed link in the e-mail)
→ approved or rejected (an editor of the model's organisation section, or a moderator).
Only pending reports reach the editors' queue; only approved ones are public. The contact
e-mail is erased ADOPTION_REPORT_RETENTION_DAYS after moderation (``purge_adoption_reports``).
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db.models import Q
from django.dispatch import Signal
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core.pagecache import bump_generation
from editorial.models import OrganisationEditors, OrganisationSectionPage
from editorial.roles import MODERATORS

from .models import AdoptionReport

# Sent when a moderator approves a report (sender: AdoptionReport, report=…): apps above this
# one (following/) tell the model's followers without this app knowing them.
adoption_report_approved = Signal()

TOKEN_SALT = "models_library.adoption-report.confirm"


# --- Double opt-in ------------------------------------------------------------------------


def confirm_token(report):
    return signing.dumps(report.pk, salt=TOKEN_SALT)


def report_for_token(token):
    """The unconfirmed report the token names, or None (forged, expired, already used)."""
    try:
        pk = signing.loads(token, salt=TOKEN_SALT, max_age=settings.ADOPTION_REPORT_CONFIRM_SECONDS)
    except signing.BadSignature:  # SignatureExpired is a subclass
        return None
    return AdoptionReport.objects.filter(pk=pk, state=AdoptionReport.State.UNCONFIRMED).first()


def _send(report, template, subject, context=None):
    with translation.override(report.language):
        body = render_to_string(template, {"report": report, **(context or {})})
        send_mail(" ".join(str(subject).split()), body, settings.DEFAULT_FROM_EMAIL, [report.email])


def send_confirmation(report, request):
    url = request.build_absolute_uri(reverse("adoption_report_confirm", args=[confirm_token(report)]))
    with translation.override(report.language):
        subject = translation.gettext("Confirm your report: %(title)s") % {"title": report.page.title}
    _send(report, "models_library/email/adoption_confirm.txt", subject, {"confirm_url": url})


def confirm(report):
    report.state = AdoptionReport.State.PENDING
    report.confirmed_at = timezone.now()
    report.save(update_fields=["state", "confirmed_at"])


# --- Who moderates which report ------------------------------------------------------------


def can_moderate_all(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=MODERATORS).exists())


def reports_for_user(user):
    """Reports the user may see and moderate: all for moderators; for an organisation's
    editors, the reports on models in their organisation's sections; none otherwise.
    Unconfirmed reports are never included."""
    reports = AdoptionReport.objects.exclude(state=AdoptionReport.State.UNCONFIRMED)
    if not user.is_authenticated:
        return reports.none()
    if can_moderate_all(user):
        return reports
    organisations = OrganisationEditors.objects.filter(group__user=user).values("organisation")
    paths = list(OrganisationSectionPage.objects.filter(organisation__in=organisations).values_list("path", flat=True))
    if not paths:
        return reports.none()
    inside = Q()
    for path in paths:
        inside |= Q(page__path__startswith=path)
    return reports.filter(inside)


def moderate(report, user, *, approve, reason=""):
    report.state = AdoptionReport.State.APPROVED if approve else AdoptionReport.State.REJECTED
    report.rejection_reason = "" if approve else reason
    report.moderated_at = timezone.now()
    report.moderated_by = user
    report.save()
    # Model pages, the facet memo and the API show approved reports: start a new page-cache
    # generation. (Not on every save: unconfirmed reports from the public must not flush it.)
    bump_generation()
    if approve:
        adoption_report_approved.send(sender=AdoptionReport, report=report)
    if report.email:
        with translation.override(report.language):
            if approve:
                subject = translation.gettext("Your report was published: %(title)s")
            else:
                subject = translation.gettext("Your report was not published: %(title)s")
            subject = subject % {"title": report.page.title}
        template = "adoption_approved" if approve else "adoption_rejected"
        _send(report, f"models_library/email/{template}.txt", subject)


# --- Public -------------------------------------------------------------------------------


def approved_reports(page):
    """Approved reports of the model in every language version, oldest adoption first."""
    return list(
        AdoptionReport.objects.approved()
        .filter(page__translation_key=page.translation_key)
        .select_related("municipality", "region")
        .order_by("start_year", "organisation_name", "pk")
    )


# --- Retention ----------------------------------------------------------------------------


def purge(now=None, days=None):
    """Erase contact e-mails of reports moderated more than ``days`` ago and delete reports
    never confirmed in time. Returns (erased, deleted)."""
    now = now or timezone.now()
    days = settings.ADOPTION_REPORT_RETENTION_DAYS if days is None else days
    erased = (
        AdoptionReport.objects.filter(moderated_at__lt=now - datetime.timedelta(days=days))
        .exclude(email="")
        .update(email="", email_erased_at=now)
    )
    stale = now - datetime.timedelta(seconds=settings.ADOPTION_REPORT_CONFIRM_SECONDS)
    deleted, _rows = AdoptionReport.objects.filter(
        state=AdoptionReport.State.UNCONFIRMED, created_at__lt=stale
    ).delete()
    return erased, deleted
