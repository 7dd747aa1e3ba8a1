"""Who may see an event's participants: the one rule for the admin view, CSV and button.

Participants' details, and their dietary and accessibility needs (possibly health data),
belong to the event's organisers. Two conditions, both required:

- the role: the model permission ``events.view_registration``, which the role set-up gives
  to moderators and organisation editors (site administrators hold every permission) and
  never to translators;
- the event: the user may edit the page that holds the registrations. Every translation
  shares the registrations of the translation created first
  (``EventPage.registration_page``), so the check is made on that page, never on the
  translation in the URL: a translator who may edit the Swedish copy may not read the
  participants of the Finnish event.
"""

from .models import EventPage

VIEW_REGISTRATIONS = "events.view_registration"


def registrations_page_for(user, page):
    """The page whose registrations ``user`` may see from ``page`` (any translation of an
    event), or None when they may not see them."""
    if not user.is_authenticated or not user.has_perm(VIEW_REGISTRATIONS):
        return None
    event = page if isinstance(page, EventPage) else page.specific
    if not isinstance(event, EventPage):
        return None
    holder = event.registration_page()
    if not holder.permissions_for_user(user).can_edit():
        return None
    return holder
