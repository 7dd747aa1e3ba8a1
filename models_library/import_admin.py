"""Import a practice model from a document in the admin: upload → preview → draft.

An editor uploads a Word document (.docx), a text file (.txt) or a saved Innokylä page
(.html) in either reference format into a library section where she may add pages. The
preview shows which text lands in which field of the model page, what is kept as extra
sections, how places and funders map to the vocabularies, the importer's report, and every
phone number and personal e-mail address found anywhere in the text. Confirming creates a
draft (never published) owned by the editor, as Wagtail's own create view would; she
continues in the page editor.

The file is read once: the preview carries its text to the confirmation signed (not in the
session), and the confirmation parses that text again and checks the section again.
"""

import html
import re

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Locale
from wagtail.permission_policies.pages import PagePermissionPolicy

from editorial.models import OrganisationSectionPage

from .importers import ImportFileError
from .importers.documents import EXTENSIONS, MAX_UPLOAD_BYTES, extension, extract_text, personal_details
from .importers.store import create_draft, resolve
from .importers.text import parse_text
from .models import PracticeModelIndexPage, PracticeModelPage
from .sections import DESCRIPTION_SECTIONS

SIGNING_SALT = "models_library.import_admin"
#: How long a preview may be confirmed (seconds).
PREVIEW_MAX_AGE = 2 * 60 * 60
EXCERPT_CHARS = 600


def importable_sections(user):
    """The Finnish library sections where ``user`` may add a practice model."""
    if not user.is_authenticated:
        return []
    libraries = PracticeModelIndexPage.objects.filter(locale=Locale.get_default())
    sections = []
    for library in libraries:
        for section in OrganisationSectionPage.objects.child_of(library).order_by("title"):
            if PracticeModelPage.can_create_at(section) and section.permissions_for_user(user).can_add_subpage():
                sections.append(section)
    return sections


def may_import(user):
    """Cheap test for menus and buttons: anyone who may add pages somewhere (not translators)."""
    return user.is_authenticated and PagePermissionPolicy().user_has_permission(user, "add")


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class UploadForm(forms.Form):
    section = SectionChoiceField(
        label=gettext_lazy("Section"),
        queryset=OrganisationSectionPage.objects.none(),
        empty_label=None,
        help_text=gettext_lazy("The draft is created in this section of the library."),
    )
    file = forms.FileField(
        label=gettext_lazy("Document"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A Word document (.docx), a text file (.txt) or a saved Innokylä page (.html) describing one "
            "practice model, in the current Innokylä format or the older good-practice format. At most %(mb)s MB."
        ) % {"mb": MAX_UPLOAD_BYTES // 1_000_000}
        self.fields["section"].queryset = OrganisationSectionPage.objects.filter(pk__in=[s.pk for s in sections])

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name or ""
        if not extension(name):
            raise forms.ValidationError(
                _("Only Word documents (.docx), text files (.txt) and web pages (.html) can be imported.")
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
                % {"size": round(upload.size / 1_000_000, 1), "limit": MAX_UPLOAD_BYTES // 1_000_000}
            )
        data = upload.read(MAX_UPLOAD_BYTES + 1)
        try:
            text = extract_text(data, name)
            self.parsed = parse_text(text, name)
        except ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from None
        self.text = text
        return upload


class ConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)

    def clean_payload(self):
        try:
            return signing.loads(self.cleaned_data["payload"], salt=SIGNING_SALT, max_age=PREVIEW_MAX_AGE)
        except signing.SignatureExpired:
            raise forms.ValidationError(_("The preview has expired; upload the document again.")) from None
        except signing.BadSignature:
            raise forms.ValidationError(_("The preview could not be read; upload the document again.")) from None


# --- What the preview shows -------------------------------------------------------------------


def _plain(markup):
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup or ""))
    return re.sub(r"\s+", " ", text).strip()


def _excerpt(markup):
    text = _plain(markup)
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rsplit(" ", 1)[0] + " …"


def _label(name):
    return PracticeModelPage._meta.get_field(name).verbose_name


def field_rows(parsed, links):
    """(field label, text) for every model-page field the document fills."""
    stage = dict(PracticeModelPage._meta.get_field("development_stage").choices).get(parsed.stage, parsed.stage)
    rows = [
        (_("title"), parsed.title),
        (_label("short_description"), parsed.short_description),
        (_label("implementation_site"), parsed.implementation_site),
        (_label("keywords"), parsed.keywords),
        (_label("cover_image_alt"), parsed.cover_image_alt),
        (_label("development_stage"), stage),
        (_label("source_created"), parsed.created.strftime("%d.%m.%Y") if parsed.created else ""),
        (_label("source_updated"), parsed.updated.strftime("%d.%m.%Y") if parsed.updated else ""),
    ]
    rows += [(heading, _excerpt(parsed.sections.get(name, ""))) for name, heading in DESCRIPTION_SECTIONS]
    for name, values in links.items():
        rows.append((_label(name), ", ".join(row.localized_name("fi") for row in values)))
    return [(label, value) for label, value in rows if value]


def _where(parsed, value):
    """Where a flagged phone number or address ends up in the draft."""
    places = []
    if value in parsed.contact_emails or any(value in phone for phone in parsed.contact_phones):
        places.append(_("the contact's non-public details"))
    for name, label in (("short_description", _label("short_description")), ("keywords", _label("keywords"))):
        if value in getattr(parsed, name):
            places.append(str(label))
    for name, heading in DESCRIPTION_SECTIONS:
        if value in _plain(parsed.sections.get(name, "")):
            places.append(str(heading))
    for section in parsed.extra_sections:
        if value in _plain(section["body"]):
            places.append(_("extra section “%(heading)s”") % {"heading": section["heading"]})
    return places


def flagged_details(text, parsed):
    flags = personal_details(text)
    for flag in flags:
        flag["where"] = _where(parsed, flag["value"])
    return flags


def preview_context(parsed, text):
    links, contact_organisations = resolve(parsed)
    return {
        "parsed": parsed,
        "rows": field_rows(parsed, links),
        "extra_sections": [
            {"heading": section["heading"], "excerpt": _excerpt(section["body"])} for section in parsed.extra_sections
        ]
        + [{"heading": label, "excerpt": ", ".join(names)} for label, names in getattr(parsed, "unmapped", {}).items()],
        "contact_organisations": contact_organisations,
        "flags": flagged_details(text, parsed),
        "left_out": parsed.missing_documents,
    }


# --- Views ------------------------------------------------------------------------------------


def import_view(request):
    """GET: the upload form; POST: the preview (or the form with its errors)."""
    sections = importable_sections(request.user)
    if not sections:
        raise PermissionDenied
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, sections=sections)
        if form.is_valid():
            section = form.cleaned_data["section"]
            payload = signing.dumps(
                {
                    "text": form.text,
                    "name": form.cleaned_data["file"].name,
                    "section": section.pk,
                    "user": request.user.pk,
                },
                salt=SIGNING_SALT,
                compress=True,
            )
            context = preview_context(form.parsed, form.text)
            context.update(
                {
                    "section": section,
                    "file_name": form.cleaned_data["file"].name,
                    "confirm": ConfirmForm({"payload": payload}),
                }
            )
            return TemplateResponse(request, "models_library/admin/import_preview.html", context)
    else:
        initial = {}
        if request.GET.get("section", "").isdigit():
            initial["section"] = int(request.GET["section"])
        form = UploadForm(sections=sections, initial=initial)
    return TemplateResponse(request, "models_library/admin/import_form.html", {"form": form})


def import_confirm_view(request):
    """POST: create the draft from the previewed text (its section checked again)."""
    if request.method != "POST":
        return redirect("models_library_import")
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("payload", []):
            messages.error(request, error)
        return redirect("models_library_import")
    payload = form.cleaned_data["payload"]
    if payload.get("user") != request.user.pk:
        raise PermissionDenied
    section = next((s for s in importable_sections(request.user) if s.pk == payload.get("section")), None)
    if section is None:
        raise PermissionDenied
    try:
        parsed = parse_text(payload["text"], payload["name"])
    except ImportFileError as exc:  # the same text parsed for the preview; kept for safety
        messages.error(request, str(exc))
        return redirect("models_library_import")
    page = create_draft(parsed, section, user=request.user)
    messages.success(
        request,
        _("Draft “%(title)s” created from %(file)s. Check it, then submit it for review.")
        % {"title": page.title, "file": payload["name"]},
    )
    flags = personal_details(payload["text"])
    if flags:
        messages.warning(
            request,
            _(
                "The document contains phone numbers or personal e-mail addresses: %(values)s. Check where they are and remove those that must not be published."
            )
            % {"values": ", ".join(flag["value"] for flag in flags)},
        )
    return redirect("wagtailadmin_pages:edit", page.pk)


admin_urlpatterns = [
    path("models/import/", import_view, name="models_library_import"),
    path("models/import/confirm/", import_confirm_view, name="models_library_import_confirm"),
]


# --- Menu and buttons ---------------------------------------------------------------------------


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_import(request.user)


MENU_LABEL = gettext_lazy("Import a document")


def section_import_buttons(page, user, view_name, next_url=None):
    """ "Import a document" on a library section the user may add to."""
    if page.specific_class is not OrganisationSectionPage or not PracticeModelPage.can_create_at(page):
        return
    if page.locale_id != Locale.get_default().pk or not page.permissions_for_user(user).can_add_subpage():
        return
    yield Button(
        MENU_LABEL,
        reverse("models_library_import") + f"?section={page.pk}",
        icon_name="doc-full-inverse",
        priority=50,
    )
