"""Suggested services and corrections: double opt-in, moderation by the region's editors.

The double opt-in is core.opt_in's, as for reported adoptions: unconfirmed → pending
(the sender clicked the signed link in the e-mail) → accepted or rejected. Only pending
suggestions reach the queue. Accepting a new service creates a draft service page under
the tray for the editors to complete and publish through the normal moderation workflow;
accepting a correction points the editors at the page to edit. Nothing is published from
the form directly.
"""

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.text import slugify

from core.opt_in import OptIn
from editorial.models import OrganisationEditors
from editorial.roles import is_moderator

from .models import ServicePage, ServiceSuggestion

OPT_IN = OptIn(
    ServiceSuggestion,
    salt="services.suggestion.confirm",
    confirm_seconds="SERVICE_SUGGESTION_CONFIRM_SECONDS",
    retention_days="SERVICE_SUGGESTION_RETENTION_DAYS",
    context_name="suggestion",
)
confirm_token = OPT_IN.token
suggestion_for_token = OPT_IN.unconfirmed_for
confirm = OPT_IN.confirm
purge = OPT_IN.purge


def send_confirmation(suggestion, request):
    url = request.build_absolute_uri(reverse("service_suggestion_confirm", args=[confirm_token(suggestion)]))
    with translation.override(suggestion.language):
        subject = translation.gettext("Confirm your suggestion: %(name)s") % {"name": suggestion.name}
    OPT_IN.send(suggestion, "services/email/suggestion_confirm.txt", subject, {"confirm_url": url})


def suggestions_for_user(user):
    """Moderators see every confirmed suggestion; an organisation's editors those sent to the
    service tray of their organisation's region; nobody else any."""
    suggestions = ServiceSuggestion.objects.exclude(state=ServiceSuggestion.State.UNCONFIRMED)
    if not user.is_authenticated or not user.is_active:
        return suggestions.none()
    if is_moderator(user):
        return suggestions
    regions = OrganisationEditors.objects.filter(group__user=user, organisation__region__isnull=False).values(
        "organisation__region"
    )
    return suggestions.filter(index__region__in=regions)


def may_moderate(user):
    return user.is_active and (is_moderator(user) or suggestions_for_user(user).exists())


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
    OPT_IN.send(suggestion, f"services/email/suggestion_{'accepted' if accept else 'rejected'}.txt", subject)
    return suggestion
