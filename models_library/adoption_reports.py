"""Reported adoptions: double opt-in, moderation by the model's organisation, retention.

A report moves unconfirmed → pending (the reporter clicked the signed link in the e-mail)
→ approved or rejected (an editor of the model's organisation section, or a moderator).
Only pending reports reach the editors' queue; only approved ones are public. The contact
e-mail is erased ADOPTION_REPORT_RETENTION_DAYS after moderation (``purge_adoption_reports``).
"""

from django.db.models import Q
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone, translation

from core.opt_in import OptIn
from core.pagecache import bump_generation
from editorial.models import OrganisationEditors, OrganisationSectionPage
from editorial.roles import is_moderator

from .models import AdoptionReport

# Sent when a moderator approves a report (sender: AdoptionReport, report=…): apps above this
# one (following/) tell the model's followers without this app knowing them.
adoption_report_approved = Signal()

OPT_IN = OptIn(
    AdoptionReport,
    salt="models_library.adoption-report.confirm",
    confirm_seconds="ADOPTION_REPORT_CONFIRM_SECONDS",
    retention_days="ADOPTION_REPORT_RETENTION_DAYS",
    context_name="report",
    erased_at_field="email_erased_at",
)


# --- Double opt-in (core.opt_in) ------------------------------------------------------------

confirm_token = OPT_IN.token
report_for_token = OPT_IN.unconfirmed_for
confirm = OPT_IN.confirm
purge = OPT_IN.purge


def send_confirmation(report, request):
    url = request.build_absolute_uri(reverse("adoption_report_confirm", args=[confirm_token(report)]))
    with translation.override(report.language):
        subject = translation.gettext("Confirm your report: %(title)s") % {"title": report.page.title}
    OPT_IN.send(report, "models_library/email/adoption_confirm.txt", subject, {"confirm_url": url})


# --- Who moderates which report ------------------------------------------------------------


def reports_for_user(user):
    """Reports the user may see and moderate: all for moderators; for an organisation's
    editors, the reports on models in their organisation's sections; none otherwise.
    Unconfirmed reports are never included."""
    reports = AdoptionReport.objects.exclude(state=AdoptionReport.State.UNCONFIRMED)
    if not user.is_authenticated:
        return reports.none()
    if is_moderator(user):
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
        OPT_IN.send(report, f"models_library/email/{template}.txt", subject)


# --- Public -------------------------------------------------------------------------------


def approved_reports(page):
    """Approved reports of the model in every language version, oldest adoption first."""
    return list(
        AdoptionReport.objects.approved()
        .filter(page__translation_key=page.translation_key)
        .select_related("municipality", "region")
        .order_by("start_year", "organisation_name", "pk")
    )
