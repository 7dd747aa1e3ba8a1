"""Editorial roles as Wagtail groups, the moderation workflow and their page permissions.

``setup_roles()`` is idempotent: it (re)creates the groups, gives each exactly the
permissions documented in docs/editorial.md and assigns the "Moderation" workflow to the
library and calendar in every language. Run it through ``manage.py setup_roles`` after the
site structure exists (``load_demo`` does it for you); per-organisation editor groups are
made by ``editorial.services.ensure_organisation_section``.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

MODERATORS = "Moderators"
TRANSLATORS = "Translators"
SITE_ADMINISTRATORS = "Site administrators"
EDITORS_PREFIX = "Editors: "
WORKFLOW_NAME = "Moderation"
TASK_NAME = "Moderator approval"

# Page permission types per role (Wagtail: "change" also allows deleting unpublished pages,
# "publish" is what separates moderators from editors).
EDITOR_PAGE_PERMISSIONS = ("add", "change")
MODERATOR_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
TRANSLATOR_PAGE_PERMISSIONS = ("change",)
ADMIN_PAGE_PERMISSIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")

MEDIA_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
MODERATOR_MEDIA_PERMISSIONS = MEDIA_PERMISSIONS + (
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "delete_document"),
)

VOCABULARY_MODELS = ("targetgroup", "theme", "region", "municipality", "organisation", "funder")

# Seeing an event's participants (needs included: possibly health data) is a role of its
# own: organisers have it, translators never (events/permissions.py has the whole rule).
REGISTRATIONS_PERMISSION = ("events", "view_registration")


def _perm(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_perm(permission_type):
    return _perm("wagtailcore", f"{permission_type}_page")


def set_page_permissions(group, pages, permission_types):
    """Give ``group`` exactly ``permission_types`` on ``pages`` (and nowhere else)."""
    wanted = {(page.pk, _page_perm(t).pk) for page in pages for t in permission_types}
    existing = GroupPagePermission.objects.filter(group=group)
    for gpp in existing:
        if (gpp.page_id, gpp.permission_id) not in wanted:
            gpp.delete()
    have = set(existing.values_list("page_id", "permission_id"))
    for page_id, permission_id in wanted - have:
        GroupPagePermission.objects.create(group=group, page_id=page_id, permission_id=permission_id)


def set_collection_permissions(group, collection, permissions):
    for app_label, codename in permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_perm(app_label, codename)
        )


def admin_access_permission():
    return _perm("wagtailadmin", "access_admin")


def editor_group_permissions():
    """The model permissions of every organisation's editor group (pages and media apart)."""
    return [admin_access_permission(), _perm(*REGISTRATIONS_PERMISSION)]


def _index_pages():
    """The library and calendar index pages in every language."""
    from events.models import EventIndexPage
    from models_library.models import PracticeModelIndexPage

    return list(PracticeModelIndexPage.objects.all()) + list(EventIndexPage.objects.all())


def _translated_roots():
    """Home pages of every locale except the default (source) language."""
    default = Locale.get_default()
    return list(Page.objects.filter(depth=2).exclude(locale=default))


def ensure_workflow(moderators, pages):
    from editorial.models import ModerationTask

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = ModerationTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = ModerationTask.objects.create(name=TASK_NAME)
    task.groups.set([moderators])
    # Sites set up before ModerationTask existed have a plain GroupApprovalTask of the same
    # name: retire it (cancelling its in-progress reviews) so approval always checks
    # completeness.
    for old in GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow).exclude(pk=task.pk):
        WorkflowTask.objects.filter(workflow=workflow, task=old).delete()
        old.deactivate()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def setup_roles():
    """Create or refresh the role groups, their permissions and the moderation workflow."""
    from editorial.models import OrganisationEditors

    access_admin = admin_access_permission()
    indexes = _index_pages()
    root_collection = Collection.get_first_root_node()

    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    model_perms = [
        _perm("models_library", f"{action}_{model}")
        for model in VOCABULARY_MODELS
        for action in ("add", "change", "delete", "view")
    ]
    moderators.permissions.set(
        [access_admin, _perm("editorial", "view_stale_report"),
         _perm("wagtail_localize", "submit_translation"), _perm(*REGISTRATIONS_PERMISSION), *model_perms]
    )
    set_page_permissions(moderators, indexes, MODERATOR_PAGE_PERMISSIONS)
    set_collection_permissions(moderators, root_collection, MODERATOR_MEDIA_PERMISSIONS)

    translators, _ = Group.objects.get_or_create(name=TRANSLATORS)
    # Vocabulary names are columns of one row per concept: translators edit those too.
    translators.permissions.set(
        [access_admin, _perm("wagtail_localize", "submit_translation"),
         *[_perm("models_library", f"change_{model}") for model in VOCABULARY_MODELS]]
    )
    set_page_permissions(translators, _translated_roots(), TRANSLATOR_PAGE_PERMISSIONS)
    set_collection_permissions(translators, root_collection, [("wagtailimages", "choose_image"),
                                                              ("wagtaildocs", "choose_document")])

    admins, _ = Group.objects.get_or_create(name=SITE_ADMINISTRATORS)
    admins.permissions.set(Permission.objects.all())
    set_page_permissions(admins, [Page.get_first_root_node()], ADMIN_PAGE_PERMISSIONS)
    set_collection_permissions(admins, root_collection, MODERATOR_MEDIA_PERMISSIONS)

    # Wagtail's own install creates an "Editors" group with add/change on the whole tree,
    # which would bypass the organisation boundary: remove it while nobody uses it.
    stray = Group.objects.filter(name="Editors").exclude(organisation_editors__isnull=False).first()
    if stray is not None and not stray.user_set.exists():
        stray.delete()

    ensure_workflow(moderators, indexes)

    # Organisation groups keep their own sections; refresh them in case locales were added.
    for link in OrganisationEditors.objects.select_related("organisation"):
        sections = link.organisation.sections.all()
        link.group.permissions.add(*editor_group_permissions())
        set_page_permissions(link.group, sections, EDITOR_PAGE_PERMISSIONS)
    return {"moderators": moderators, "translators": translators, "administrators": admins}
