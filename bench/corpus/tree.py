"""Bulk page rows: live pages of one type below a parent, written as a few INSERTs.

Equivalent, for a published page without history, to ``parent.add_child(instance=page)``
followed by ``save_revision().publish()``: the same ``wagtailcore_page`` row (path from
treebeard's own helper, ``url_path``, ``numchild`` of the parent, live, published dates),
the same page-type row and the same link-table rows. What it skips: ``full_clean``, the
revision and the signals (search indexing, page-cache invalidation, the page type's own
``save()``): the callers do what those would have done (``bench/corpus/__init__.py``).
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from editorial.models import OrganisationSectionPage

BATCH = 1000


def _last_child_step(parent):
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return Page._str2int(last[-Page.steplen :]) if last else 0


def bulk_add_children(parent, model, rows):
    """Insert live pages of ``model`` below ``parent`` in bulk; returns their primary keys.

    ``rows`` are dicts with ``page`` (Page field values) and ``specific`` (the page type's
    own field values). Paths come from treebeard's helper, so the tree stays valid
    (``Page.find_problems()`` finds nothing).
    """
    if not rows:
        return []
    parent = Page.objects.get(pk=parent.pk)
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    step = _last_child_step(parent)
    depth = parent.depth + 1
    base_rows = []
    for i, row in enumerate(rows, start=1):
        values = row["page"]
        base_rows.append(
            Page(
                path=model._get_path(parent.path, depth, step + i),
                depth=depth,
                numchild=0,
                url_path=f"{parent.url_path}{values['slug']}/",
                draft_title=values["title"],
                live=True,
                has_unpublished_changes=False,
                first_published_at=values.get("first_published_at", now),
                last_published_at=values.get("last_published_at", now),
                latest_revision_created_at=None,
                content_type=content_type,
                locale_id=parent.locale_id,
                **{k: v for k, v in values.items() if k not in {"first_published_at", "last_published_at"}},
            )
        )
    Page.objects.bulk_create(base_rows, batch_size=BATCH)
    pks = [p.pk for p in base_rows]
    if any(pk is None for pk in pks):  # backends without RETURNING: read them back by path
        by_path = dict(Page.objects.filter(path__in=[p.path for p in base_rows]).values_list("path", "pk"))
        pks = [by_path[p.path] for p in base_rows]
    specific = [model(page_ptr_id=pk, **row["specific"]) for pk, row in zip(pks, rows)]
    fields = model._meta.local_concrete_fields
    model._base_manager.all()._batched_insert(specific, fields=fields, batch_size=BATCH)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(rows))
    return pks


def bulk_link(model, field_name, pairs):
    """Bulk-create many-to-many rows (page pk, target pk) of ``model.field_name``."""
    m2m = model._meta.get_field(field_name)
    through = m2m.remote_field.through
    source, target = f"{m2m.m2m_field_name()}_id", f"{m2m.m2m_reverse_field_name()}_id"
    through.objects.bulk_create([through(**{source: a, target: b}) for a, b in pairs], batch_size=BATCH)


def ensure_section(parent, organisation, translation_key=None):
    """The organisation's section below ``parent`` (created and published the normal way)."""
    slug = organisation.code[:50]
    section = OrganisationSectionPage.objects.child_of(parent).filter(slug=slug).first()
    if section is None:
        section = OrganisationSectionPage(
            title=organisation.localized_name(parent.locale.language_code),
            slug=slug,
            organisation=organisation,
            locale_id=parent.locale_id,
            translation_key=translation_key or uuid.uuid4(),
        )
        parent.add_child(instance=section)
        section.save_revision().publish()
    return section
