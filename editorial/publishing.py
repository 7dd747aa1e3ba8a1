"""Publishing checks: what may be saved as a draft but not published.

Each page type declares its own rules (``core.moderation.EditorialRules``); these functions
apply them wherever something gets published: the edit view, workflow approval
(``ModerationTask``) and the bulk publish action (editorial/wagtail_hooks.py).
"""

from wagtail.models import Page

from core.moderation import has_publish_rules


def publish_blockers(page):
    """Reasons why ``page`` may be saved as a draft but not published (empty when fine).

    Each page type declares its own (``core.moderation.EditorialRules.publish_blockers``).
    """
    if not has_publish_rules(page.specific_class or type(page)):
        return []
    page = page.specific if type(page) is Page else page
    return page.publish_blockers()


def latest_revision_blockers(page):
    """``publish_blockers`` for what publishing ``page`` now would make live: its latest
    revision (workflow approval and bulk publish publish that, not the edit form).

    Page types without publishing rules are answered from the content type alone: the
    approval buttons and bulk publish call this for every page, and loading and
    deserialising each latest revision would be wasted on events and articles.
    """
    if not has_publish_rules(page.specific_class or type(page)):
        return []
    page = page.specific if type(page) is Page else page
    revision = page.get_latest_revision()
    return publish_blockers(revision.as_object() if revision else page)
