"""Editorial roles as Wagtail groups, the moderation workflow and their page permissions.

``ROLES`` (and ``ORGANISATION_EDITORS``) is the one definition of what each role may do;
nothing else grants role permissions (no data migration, no demo loader).
``setup_roles()`` is idempotent: it (re)creates the groups, gives each exactly the
permissions of its role (documented in docs/editorial.md) and assigns the moderation
workflow to the library and calendar in every language. Run it through ``manage.py
setup_roles`` after ``migrate`` and after the site structure exists (``load_demo`` does it
for you); per-organisation editor groups are made by
``editorial.services.ensure_organisation_section``.
"""

from dataclasses import dataclass

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

from core.moderation import moderated_index_models
from core.vocabulary import vocabulary_models

from .models import ModerationTask, OrganisationEditors

MODERATORS = "Moderators"
TRANSLATORS = "Translators"
SITE_ADMINISTRATORS = "Site administrators"
EDITORS_PREFIX = "Editors: "
# Workflow and task names are data shown as such in every admin language (Wagtail has no
# translatable name field): Finnish first, then Swedish and English.
WORKFLOW_NAME = "Moderointi / Moderering / Moderation"
TASK_NAME = "Moderaattorin hyväksyntä / Moderatorns godkännande / Moderator approval"
# The names of sites set up before, renamed by ``ensure_workflow``.
OLD_NAMES = {WORKFLOW_NAME: "Moderation", TASK_NAME: "Moderator approval"}

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
CHOOSE_MEDIA_PERMISSIONS = (("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document"))

ACCESS_ADMIN = ("wagtailadmin", "access_admin")
# Seeing an event's participants (needs included: possibly health data): organisers have it,
# translators never (events/permissions.py has the whole rule).
VIEW_REGISTRATIONS = ("events", "view_registration")
SUBMIT_TRANSLATION = ("wagtail_localize", "submit_translation")
#: Every permission there is (site administrators).
ALL_PERMISSIONS = "__all__"


@dataclass(frozen=True)
class Role:
    """Everything a role's group may do; ``setup_roles`` gives the group exactly this.

    ``permissions``: model permissions as (app label, codename), or ``ALL_PERMISSIONS``.
    ``page_permissions`` apply on the pages ``pages`` names: "indexes" (the library and
    calendar in every language), "translations" (the home trees of every language but the
    default), "root" (the whole tree) or "sections" (an organisation's own sections).
    ``collection_permissions`` apply on the root collection, or on the organisation's own
    collection for organisation editors. ``vocabulary_actions`` ("add", "change", …) apply
    to every vocabulary model of every app (``core.vocabulary.vocabulary_models``).
    """

    permissions: tuple | str
    page_permissions: tuple
    pages: str
    collection_permissions: tuple
    vocabulary_actions: tuple = ()


#: The one definition of each role's permissions (docs/editorial.md describes them).
ROLES = {
    MODERATORS: Role(
        permissions=(
            ACCESS_ADMIN,
            ("editorial", "view_stale_report"),  # the stale-models report
            ("portal_search", "view_searchquerylog"),  # the site-search report
            # Promoted search results; their queries are also the public "popular searches".
            ("wagtailsearchpromotions", "add_searchpromotion"),
            ("wagtailsearchpromotions", "change_searchpromotion"),
            ("wagtailsearchpromotions", "delete_searchpromotion"),
            # Search synonyms per language (Snippets → Search synonyms), applied to every search.
            ("portal_search", "add_searchsynonym"),
            ("portal_search", "change_searchsynonym"),
            ("portal_search", "delete_searchsynonym"),
            ("portal_search", "view_searchsynonym"),
            SUBMIT_TRANSLATION,
            VIEW_REGISTRATIONS,
            # Milestones of models' development paths (Snippets → Development paths).
            ("models_library", "add_developmentpathentry"),
            ("models_library", "change_developmentpathentry"),
            ("models_library", "delete_developmentpathentry"),
            ("models_library", "view_developmentpathentry"),
        ),
        vocabulary_actions=("add", "change", "delete", "view"),
        page_permissions=MODERATOR_PAGE_PERMISSIONS,
        pages="indexes",
        collection_permissions=MODERATOR_MEDIA_PERMISSIONS,
    ),
    TRANSLATORS: Role(
        # Vocabulary names are columns of one row per concept: translators edit those too.
        permissions=(ACCESS_ADMIN, SUBMIT_TRANSLATION),
        vocabulary_actions=("change",),
        page_permissions=TRANSLATOR_PAGE_PERMISSIONS,
        pages="translations",
        collection_permissions=CHOOSE_MEDIA_PERMISSIONS,
    ),
    SITE_ADMINISTRATORS: Role(
        permissions=ALL_PERMISSIONS,
        page_permissions=ADMIN_PAGE_PERMISSIONS,
        pages="root",
        collection_permissions=MODERATOR_MEDIA_PERMISSIONS,
    ),
}
#: The group "Editors: <organisation>" of each publishing organisation (no publish).
ORGANISATION_EDITORS = Role(
    permissions=(ACCESS_ADMIN, VIEW_REGISTRATIONS),
    page_permissions=EDITOR_PAGE_PERMISSIONS,
    pages="sections",
    collection_permissions=MEDIA_PERMISSIONS,
)


def is_moderator(user):
    """Moderators (and superusers) review everything the public sends, in every section."""
    return user.is_active and (user.is_superuser or user.groups.filter(name=MODERATORS).exists())


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
    """Give ``group`` exactly ``permissions`` on ``collection`` (and on no other collection)."""
    wanted = {_perm(app_label, codename).pk for app_label, codename in permissions}
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=collection, permission_id__in=wanted
    ).delete()
    for permission_id in wanted:
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission_id=permission_id)


def model_permissions(role):
    """The Permission rows ``role.permissions`` names."""
    if role.permissions == ALL_PERMISSIONS:
        return list(Permission.objects.all())
    named = [_perm(app_label, codename) for app_label, codename in role.permissions]
    vocabularies = [
        _perm(model._meta.app_label, f"{action}_{model._meta.model_name}")
        for model in vocabulary_models()
        for action in role.vocabulary_actions
    ]
    return named + vocabularies


def grant_role(group, role, pages, collection):
    """Give ``group`` exactly what ``role`` allows: its model permissions, its page
    permissions on ``pages`` and its collection permissions on ``collection``."""
    group.permissions.set(model_permissions(role))
    set_page_permissions(group, pages, role.page_permissions)
    set_collection_permissions(group, collection, role.collection_permissions)


def _index_pages():
    """Every translation of the moderated index pages (the library and the calendar)."""
    return [page for model in moderated_index_models() for page in model.objects.order_by("path")]


def _translated_roots():
    """Home pages of every locale except the default (source) language."""
    default = Locale.get_default()
    return list(Page.objects.filter(depth=2).exclude(locale=default))


def _rename_old(model, name):
    model.objects.filter(name=OLD_NAMES[name]).exclude(name=name).update(name=name)


def ensure_workflow(moderators, pages):
    _rename_old(Workflow, WORKFLOW_NAME)
    _rename_old(ModerationTask, TASK_NAME)
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


def _role_pages(role):
    if role.pages == "indexes":
        return _index_pages()
    if role.pages == "translations":
        return _translated_roots()
    if role.pages == "root":
        return [Page.get_first_root_node()]
    raise ValueError(f"{role.pages!r} pages belong to one organisation (grant_organisation_editors)")


def grant_organisation_editors(link):
    """Give an organisation's editor group exactly the ORGANISATION_EDITORS role: on the
    organisation's own sections and its own media collection."""
    grant_role(link.group, ORGANISATION_EDITORS, link.organisation.sections.all(), link.collection)


@transaction.atomic
def setup_roles():
    """Create or refresh the role groups with exactly the permissions ``ROLES`` defines,
    the organisation editor groups, and the moderation workflow."""
    root_collection = Collection.get_first_root_node()
    groups = {}
    for name, role in ROLES.items():
        groups[name], _created = Group.objects.get_or_create(name=name)
        grant_role(groups[name], role, _role_pages(role), root_collection)

    # Wagtail's own install creates an "Editors" group with add/change on the whole tree,
    # which would bypass the organisation boundary: remove it while nobody uses it.
    stray = Group.objects.filter(name="Editors").exclude(organisation_editors__isnull=False).first()
    if stray is not None and not stray.user_set.exists():
        stray.delete()

    ensure_workflow(groups[MODERATORS], _index_pages())

    # Organisation groups keep their own sections; refresh them in case locales were added.
    for link in OrganisationEditors.objects.select_related("organisation", "group", "collection"):
        if link.collection is not None:
            grant_organisation_editors(link)
    return {
        "moderators": groups[MODERATORS],
        "translators": groups[TRANSLATORS],
        "administrators": groups[SITE_ADMINISTRATORS],
    }
