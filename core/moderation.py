"""What page types declare for the editorial app, so that editorial names no page type.

The editorial app (roles, moderation workflow, publishing checks, freshness reminders)
reads these declarations through the app registry; the page types that declare them live
in their own apps. The arrow runs one way: content apps -> core <- editorial.

- ``ModeratedIndex`` marks an index page whose subtree is edited under moderation: the
  moderators' page permissions and the moderation workflow are set on every translation of
  it (``manage.py setup_roles``).
- ``EditorialRules`` is what a page type may declare: ``publish_blockers()`` (reasons it may
  be saved as a draft but not published), ``publish_required_fields`` (the form fields those
  rules need, marked in the edit form with the reason) and ``review_freshness`` (published pages are
  expected to be reviewed every FRESHNESS_MONTHS months; the type has a ``last_reviewed``
  date field).
"""

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured


class ModeratedIndex:
    """Marks an index page type whose subtree moderators look after (see the module docstring)."""


class EditorialRules:
    """Editorial rules of a page type; the defaults say "no rules"."""

    review_freshness = False
    #: Form fields ``publish_blockers`` asks for, with the reason shown in the edit form
    #: (``core.forms.PublishRequirementsForm`` marks them): ``{field name: reason}``.
    publish_required_fields = {}

    def publish_blockers(self):
        """Reasons this page may be saved as a draft but not published (empty when fine)."""
        return []

    @classmethod
    def has_publish_rules(cls):
        return cls.publish_blockers is not EditorialRules.publish_blockers


def moderated_index_models():
    return [model for model in apps.get_models() if issubclass(model, ModeratedIndex)]


def has_publish_rules(page_class):
    return issubclass(page_class, EditorialRules) and page_class.has_publish_rules()


def reviewed_page_model():
    """The page type whose pages are reviewed periodically (the practice model).

    One type declares it today; the stale-content report and reminders are written for one.
    """
    found = [model for model in apps.get_models() if issubclass(model, EditorialRules) and model.review_freshness]
    if len(found) != 1:
        raise ImproperlyConfigured(f"Exactly one page type may declare review_freshness, found {found}.")
    return found[0]
