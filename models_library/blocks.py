"""Blocks of practice-model pages only (shared blocks are in core/blocks.py)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks

from core.blocks import SECTION_FEATURES


class ExtraSectionBlock(blocks.StructBlock):
    """A titled section outside the six standard ones (legacy-format content lands here)."""

    KIND_CHOICES = [
        ("need", _("Need and starting point")),
        # The legacy format's "Organisointi" (how the work is organised), not a body: the
        # context keeps it apart from "Organisation" the body (facets, contacts).
        ("organisation", pgettext_lazy("legacy section: how the work is organised", "Organisation")),
        ("reporting", _("Reporting")),
        ("impacts", _("Impacts")),
        ("challenges", _("Challenges")),
        ("sector", _("Sector")),
        ("implementers", _("Implementers")),
        ("other", _("Other")),
    ]
    kind = blocks.ChoiceBlock(choices=KIND_CHOICES, default="other", label=_("Kind"))
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    body = blocks.RichTextBlock(features=SECTION_FEATURES, label=_("Text"))

    class Meta:
        icon = "doc-full-inverse"
        template = "components/blocks/extra_section.html"
        label = _("Extra section")
