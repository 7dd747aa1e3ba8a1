"""Create page translations through wagtail-localize from known target-language values.

Used by the demo loader and importers: the translation is a real wagtail-localize
translation (TranslationSource, String translations, Translation record), so translators
later see every string as translated and can edit it in the translation editor, and
wagtail-localize reports the translation as out of date when the source changes.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from wagtail.fields import StreamField
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


@dataclass
class TranslationReport:
    page: object = None
    translated: int = 0
    missing: list = field(default_factory=list)  # segment paths left in the source language


def _with_source_block_ids(source_stream, target_raw):
    """Give target stream blocks the source's block ids so segment paths line up."""
    source_ids = [child.id for child in source_stream]
    out = []
    for i, block in enumerate(target_raw):
        block = dict(block)
        if i < len(source_ids):
            block["id"] = source_ids[i]
        out.append(block)
    return out


def _target_instance(source_page, values):
    target = source_page.specific.__class__.objects.get(pk=source_page.pk)
    for name, value in values.items():
        model_field = target._meta.get_field(name)
        if isinstance(model_field, StreamField) and isinstance(value, list):
            value = _with_source_block_ids(getattr(source_page.specific, name), value)
        setattr(target, name, value)
    return target


def _segments_by_path(instance):
    grouped = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            grouped[segment.path].append(segment.string.data)
    return grouped


@transaction.atomic
def translate_page(source_page, locale, values, user=None, publish=True):
    """Create or refresh ``source_page``'s translation into ``locale``.

    ``values`` maps translatable field names to their target-language value (text, rich
    text HTML, or raw StreamField data). Strings pair with the source field by field and
    in order; anything that cannot be paired stays in the source language and is listed
    in the returned report rather than silently dropped.
    """
    source_page = source_page.specific
    source, _created = TranslationSource.update_or_create_from_instance(source_page)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    source_segments = _segments_by_path(source_page)
    target_segments = _segments_by_path(_target_instance(source_page, values))

    report = TranslationReport()
    po = translation.export_po()
    position = defaultdict(int)
    for entry in po:
        if entry.obsolete:
            continue
        path = entry.msgctxt
        i = position[path]
        position[path] += 1
        targets = target_segments.get(path, [])
        sources = source_segments.get(path, [])
        # Pair only when the field has the same number of segments on both sides.
        if len(targets) == len(sources) and i < len(targets) and targets[i].strip():
            entry.msgstr = targets[i]
            report.translated += 1
        elif not entry.msgstr:
            report.missing.append(path)
    translation.import_po(po, user=user, tool_name="portal-import")
    # wagtail-localize would publish in transaction.on_commit with a stale page object
    # (which resets the parent's child count when run inside an outer transaction, and
    # never runs inside a test transaction): save a draft, then publish it here.
    translation.save_target(user=user, publish=False)
    target = source_page.get_translation(locale).specific
    if publish:
        target.get_latest_revision().publish(user=user)
        target.refresh_from_db()
    report.page = target
    return report
