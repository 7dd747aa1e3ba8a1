"""Document uploads: Wagtail checks the type (WAGTAILDOCS_EXTENSIONS); this adds the size."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm


def validate_document_size(file):
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    if limit and file is not None and file.size > limit:
        raise ValidationError(
            _("This file is too big (%(size)s). The largest allowed document is %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )


class LimitedDocumentForm(BaseDocumentForm):
    """Base of every document form in the admin (single and multiple upload)."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            validate_document_size(file)
        return file
