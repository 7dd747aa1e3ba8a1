"""Blocks of practice-model pages only (shared blocks are in core/blocks.py)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

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


# --- Evidence, resources and the adoption kit -------------------------------------------


class KindLabelValue(blocks.StructValue):
    """A struct value that names its ``kind`` in the active language (for templates and exports)."""

    def kind_label(self):
        return str(dict(self.block.KIND_CHOICES).get(self.get("kind"), ""))


class EvaluationReportBlock(blocks.StructBlock):
    """One evaluation of the model: a link or a document, and who made it."""

    KIND_CHOICES = [
        ("self_assessment", _("Self-assessment")),
        ("external_evaluation", _("External evaluation")),
        ("research", _("Research study")),
        ("survey", _("Survey or feedback")),
        ("other", _("Other")),
    ]
    title = blocks.CharBlock(label=_("Title"), max_length=255)
    year = blocks.IntegerBlock(label=_("Year"), required=False, min_value=1900, max_value=2100)
    kind = blocks.ChoiceBlock(choices=KIND_CHOICES, default="other", label=_("Type of evaluation"))
    evaluator = blocks.CharBlock(
        label=_("Evaluated by"),
        required=False,
        max_length=255,
        help_text=_("The organisation that made the evaluation, e.g. a university or THL."),
    )
    url = blocks.URLBlock(label=_("Web address"), required=False)
    document = DocumentChooserBlock(label=_("Document"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Evaluation report")
        value_class = KindLabelValue


class StaffRoleBlock(blocks.StructBlock):
    role = blocks.CharBlock(label=_("Role"), max_length=255, help_text=_("e.g. 'Social worker', 'Coordinator'."))
    time = blocks.CharBlock(
        label=_("Working time"),
        required=False,
        max_length=255,
        help_text=_("e.g. '2 hours a week' or '0.5 person-years'."),
    )

    class Meta:
        icon = "user"
        label = _("Staff role")


class TrainingBlock(blocks.StructBlock):
    topic = blocks.CharBlock(label=_("Training"), max_length=255)
    days = blocks.DecimalBlock(label=_("Days"), required=False, min_value=0, max_digits=5, decimal_places=1)
    given_by = blocks.CharBlock(label=_("Given by"), required=False, max_length=255)

    class Meta:
        icon = "group"
        label = _("Training needed")


class ResourceNoteBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Description"), max_length=500)

    class Meta:
        icon = "list-ul"


class ResourcesBlock(blocks.StreamBlock):
    """What taking the model into use needs, apart from money."""

    staff = StaffRoleBlock()
    training = TrainingBlock()
    material = ResourceNoteBlock(label=_("Materials or equipment"))
    licence = ResourceNoteBlock(label=_("Licence"))


class AdoptionStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=255)
    description = blocks.RichTextBlock(features=["bold", "italic", "ul", "link"], label=_("Details"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Adoption step")


class MaterialBlock(blocks.StructBlock):
    """A document of the adoption kit; the page shows its type and size from the file."""

    KIND_CHOICES = [
        ("guide", _("Guide or handbook")),
        ("process", _("Process description")),
        ("form", _("Form or template")),
        ("training", _("Training material")),
        ("presentation", _("Presentation")),
        ("other", _("Other")),
    ]
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    kind = blocks.ChoiceBlock(choices=KIND_CHOICES, default="other", label=_("Kind of material"))

    class Meta:
        icon = "doc-full"
        label = _("Material")
        value_class = KindLabelValue
