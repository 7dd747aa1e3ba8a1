"""Suggested services and corrections: double opt-in, moderation by the region's editors.

Mirrors reported adoptions (models_library/adoption_reports.py): unconfirmed → pending
(the sender clicked the signed link in the e-mail) → accepted or rejected. Only pending
suggestions reach the queue. Accepting a new service creates a draft service page under
the tray for the editors to complete and publish through the normal moderation workflow;
accepting a correction points the editors at the page to edit. Nothing is published from
the form directly.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.text import slugify

from editorial.models import OrganisationEditors
from editorial.roles import MODERATORS

from .models import ServicePage, ServiceSuggestion

TOKEN_SALT = "services.suggestion.confirm"


def confirm_token(suggestion):
    return signing.dumps(suggestion.pk, salt=TOKEN_SALT)


def suggestion_for_token(token):
    """The unconfirmed suggestion the token names, or None (forged, expired, already used)."""
    try:
        pk = signing.loads(token, salt=TOKEN_SALT, max_age=settings.SERVICE_SUGGESTION_CONFIRM_SECONDS)
    except signing.BadSignature:  # SignatureExpired is a subclass
        return None
    return ServiceSuggestion.objects.filter(pk=pk, state=ServiceSuggestion.State.UNCONFIRMED).first()


def _send(suggestion, template, subject, context=None):
    if not suggestion.email:  # erased after moderation (purge)
        return
    with translation.override(suggestion.language):
        body = render_to_string(template, {"suggestion": suggestion, **(context or {})})
        send_mail(" ".join(str(subject).split()), body, settings.DEFAULT_FROM_EMAIL, [suggestion.email])


def send_confirmation(suggestion, request):
    url = request.build_absolute_uri(reverse("service_suggestion_confirm", args=[confirm_token(suggestion)]))
    with translation.override(suggestion.language):
        subject = translation.gettext("Confirm your suggestion: %(name)s") % {"name": suggestion.name}
    _send(suggestion, "services/email/suggestion_confirm.txt", subject, {"confirm_url": url})


def confirm(suggestion):
    suggestion.state = ServiceSuggestion.State.PENDING
    suggestion.confirmed_at = timezone.now()
    suggestion.save(update_fields=["state", "confirmed_at"])


def can_moderate_all(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=MODERATORS).exists())


def suggestions_for_user(user):
    """Moderators see every confirmed suggestion; an organisation's editors those sent to the
    service tray of their organisation's region; nobody else any."""
    suggestions = ServiceSuggestion.objects.exclude(state=ServiceSuggestion.State.UNCONFIRMED)
    if not user.is_authenticated or not user.is_active:
        return suggestions.none()
    if can_moderate_all(user):
        return suggestions
    regions = OrganisationEditors.objects.filter(group__user=user, organisation__region__isnull=False).values(
        "organisation__region"
    )
    return suggestions.filter(index__region__in=regions)


def may_moderate(user):
    return user.is_active and (can_moderate_all(user) or suggestions_for_user(user).exists())


def _draft_from(suggestion):
    """A draft service page under the tray with what the sender wrote (editors complete it)."""
    index = suggestion.index.specific
    base = slugify(suggestion.name)[:60] or "palvelu"
    slug, n = base, 1
    while ServicePage.objects.filter(path__startswith=index.path, slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    page = ServicePage(
        title=suggestion.name,
        slug=slug,
        locale_id=index.locale_id,
        summary=suggestion.description[:400],
        offer="<p>" + escape(suggestion.description) + "</p>",
        contact_phone="",
        live=False,
    )
    index.add_child(instance=page)
    if suggestion.municipality_id:
        page.municipalities.set([suggestion.municipality])
        page.save()  # parental many-to-many relations are written on save
    page.save_revision()
    return page


def moderate(suggestion, user, *, accept):
    suggestion.state = ServiceSuggestion.State.ACCEPTED if accept else ServiceSuggestion.State.REJECTED
    suggestion.moderated_at = timezone.now()
    suggestion.moderated_by = user
    if accept and suggestion.service_id is None:
        suggestion.draft = _draft_from(suggestion)
    suggestion.save()
    with translation.override(suggestion.language):
        if accept:
            subject = translation.gettext("Thank you, your suggestion was accepted: %(name)s")
        else:
            subject = translation.gettext("Your suggestion was not accepted: %(name)s")
        subject = subject % {"name": suggestion.name}
    _send(suggestion, f"services/email/suggestion_{'accepted' if accept else 'rejected'}.txt", subject)
    return suggestion


def purge(now=None, days=None):
    """Erase senders' e-mails of suggestions moderated more than ``days`` ago and delete
    suggestions never confirmed in time. Returns (erased, deleted)."""
    now = now or timezone.now()
    days = settings.SERVICE_SUGGESTION_RETENTION_DAYS if days is None else days
    erased = (
        ServiceSuggestion.objects.filter(moderated_at__lt=now - datetime.timedelta(days=days))
        .exclude(email="")
        .update(email="")
    )
    stale = now - datetime.timedelta(seconds=settings.SERVICE_SUGGESTION_CONFIRM_SECONDS)
    deleted, _rows = ServiceSuggestion.objects.filter(
        state=ServiceSuggestion.State.UNCONFIRMED, created_at__lt=stale
    ).delete()
    return erased, deleted
