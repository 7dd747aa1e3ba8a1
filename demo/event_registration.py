"""Demo registration details: whom to ask, and registration for online events.

An online event keeps its join link for registered participants, so the demo opens
registration on it (the page would otherwise promise a link nobody can get). Contacts
are fictional role mailboxes on example.fi, never a real person's address.
"""

CONTACT_EMAIL = "tapahtumat@example.fi"


def apply(page):
    """Fill in what the events.json items leave out; called from demo.events for each event."""
    if not page.contact_email:
        page.contact_email = CONTACT_EMAIL
    if page.join_url and page.join_url_visibility == page.JoinLinkVisibility.REGISTERED:
        if not page.external_registration_url:
            page.registration_enabled = True
