"""Organisation sections: the permission boundary of the editorial model.

Each publishing organisation owns one section page in the library and one in the event
calendar. Its editors' group gets Wagtail page permissions on those sections only, so
the rule "an editor touches only her organisation's content" is enforced by Wagtail's
own tree permissions in the explorer, the edit view, bulk actions, copy and move alike.
"""

from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import GroupApprovalTask, Page

from core.sections import OrganisationSection

from .publishing import latest_revision_blockers


class OrganisationSectionPage(OrganisationSection, Page):
    organisation = models.ForeignKey(
        "models_library.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="sections",
    )

    content_panels = Page.content_panels + [FieldPanel("organisation")]
    parent_page_types = ["models_library.PracticeModelIndexPage", "events.EventIndexPage"]
    subpage_types = ["models_library.PracticeModelPage", "events.EventPage"]
    # A section is a folder that redirects to the filtered listing: nothing to preview.
    preview_modes = []

    class Meta:
        verbose_name = _("organisation section")
        verbose_name_plural = _("organisation sections")

    def serve(self, request, *args, **kwargs):
        # A section is a folder, not a page of its own: show the parent listing filtered
        # by the organisation instead.
        parent = self.get_parent().specific
        return redirect(f"{parent.url}?organisation={self.organisation.code}")


class OrganisationEditors(models.Model):
    """The editor group and media collection that belong to one organisation.

    Kept as a link rather than found by group name so that renaming the organisation or
    the group never silently detaches the editors from their sections.
    """

    organisation = models.OneToOneField(
        "models_library.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="editors",
    )
    group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("editor group"),
        on_delete=models.CASCADE,
        related_name="organisation_editors",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("media collection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("organisation editors")
        verbose_name_plural = _("organisation editors")

    def __str__(self):
        return self.group.name


class FreshnessReminder(models.Model):
    """A reminder sent about a stale model: at most one per model and review period.

    ``due_since`` is the date the staleness is counted from (the last review, or the first
    publication): a new period starts only when someone marks the model reviewed.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="freshness_reminders",
    )
    due_since = models.DateField(_("not reviewed since"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        verbose_name = _("freshness reminder")
        verbose_name_plural = _("freshness reminders")
        constraints = [
            models.UniqueConstraint(fields=["page", "due_since"], name="one_reminder_per_review_period"),
        ]
        permissions = [("view_stale_report", _("Can see the list of stale practice models"))]

    def __str__(self):
        return f"{self.page} ({self.due_since})"


class ModerationTask(GroupApprovalTask):
    """Group approval that cannot approve what may not be published.

    Approving the last task publishes the submitted revision without passing through the
    edit view's publish check, so the same rule (``publish_blockers``) is applied here:
    while the submitted revision is incomplete the moderator can only request changes.
    The bulk publish action is guarded by a ``before_bulk_action`` hook
    (editorial/wagtail_hooks.py).
    """

    class Meta:
        verbose_name = _("moderator approval (checks completeness)")
        verbose_name_plural = _("moderator approvals (check completeness)")

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and latest_revision_blockers(obj):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            # The edit view saves the moderator's own changes before approving, so the
            # revision checked when the button was shown may no longer be the one that
            # would be published. Refuse by requesting changes, with the reasons as the
            # comment the editor sees: nothing is lost and nothing incomplete goes live.
            problems = latest_revision_blockers(task_state.workflow_state.content_object)
            if problems:
                comment = gettext("Cannot be approved yet. Before publishing: %(problems)s") % {
                    "problems": " ".join(str(p) for p in problems)
                }
                return super().on_action(task_state, user, "reject", comment=comment)
        return super().on_action(task_state, user, action_name, **kwargs)
