"""Uploaded documents → the plain text the reference-format parser (``text``) reads.

A Word document (``.docx``, converted to HTML by mammoth) or a saved web page (``.html``)
becomes one line per block (heading, paragraph, list item, table cell), the same shape as
the ``.txt`` reference files; the parser then maps it exactly as it maps those. No database.

``personal_details`` finds phone numbers and personal e-mail addresses anywhere in the
text so that the admin import can flag them for the editor (they are neither kept silently
nor dropped).
"""

import io
import re
import zipfile

import mammoth
from bs4 import BeautifulSoup, NavigableString, Tag
from django.utils.translation import gettext as _

from . import ImportFileError
from .text import EMAIL, EMAIL_PATTERN, MAX_BYTES, decode

#: What the admin accepts, by file name extension.
EXTENSIONS = (".docx", ".txt", ".html", ".htm")
#: Upload limit: a Word document carries its images; the text inside is limited by MAX_BYTES.
MAX_UPLOAD_BYTES = 10 * MAX_BYTES

BLOCK_TAGS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
}
SKIPPED_TAGS = {"nav", "script", "style", "noscript", "template", "svg", "head", "title", "button", "select", "iframe"}

# Finnish phone numbers as written: 040 123 4567, 040-1234567, +358 40 123 4567, (09) 310 1234.
PHONE_ANYWHERE = re.compile(r"(?<![\w+.,/])(?:\+358\s?(?:\(0\)\s?)?|\(0\d{1,2}\)\s?|0)\d{1,3}(?:[\s-]?\d){5,8}(?!\d)")
# Role addresses an organisation publishes on purpose; any other address is a person's.
ROLE_MAILBOXES = re.compile(
    r"^(info|kirjaamo|registratur|registry|asiakaspalvelu|neuvonta|palaute|toimisto|posti|office|contact|"
    r"tuki|support|viestinta|communications|yhteystiedot|hanke|projekti|noreply|no-reply|webmaster)\b",
    re.IGNORECASE,
)


def extension(name):
    lower = (name or "").lower()
    return next((ext for ext in EXTENSIONS if lower.endswith(ext)), "")


def extract_text(data: bytes, name: str) -> str:
    """The text of an uploaded ``.docx``, ``.txt`` or ``.html`` file, one block per line."""
    ext = extension(name)
    if not ext:
        raise ImportFileError(
            _("%(name)s: only Word documents (.docx), text files (.txt) and web pages (.html) can be imported.")
            % {"name": name}
        )
    if not data or not data.strip():
        raise ImportFileError(_("%(name)s: the file is empty.") % {"name": name})
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportFileError(
            _("%(name)s: the file is %(size)s bytes; the limit is %(limit)s.")
            % {"name": name, "size": len(data), "limit": MAX_UPLOAD_BYTES}
        )
    if ext == ".txt":
        return decode(data, name)
    if ext == ".docx":
        return html_to_text(docx_to_html(data, name))
    return html_to_text(decode(data, name))


def docx_to_html(data: bytes, name: str) -> str:
    """A Word document as HTML (mammoth: headings, paragraphs, lists and tables kept)."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportFileError(
            _("%(name)s: this is not a Word document (.docx); open it in Word and save it as .docx.") % {"name": name}
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise ImportFileError(
                    _("%(name)s: the file is a zip archive but not a Word document.") % {"name": name}
                )
            if sum(item.file_size for item in archive.infolist()) > 20 * MAX_UPLOAD_BYTES:
                raise ImportFileError(_("%(name)s: the document is too large once unpacked.") % {"name": name})
        result = mammoth.convert_to_html(io.BytesIO(data))
    except ImportFileError:
        raise
    except Exception:  # mammoth raises whatever its XML and zip readers raise on broken input
        raise ImportFileError(
            _("%(name)s: the Word document is damaged and cannot be read; open it in Word and save it again.")
            % {"name": name}
        ) from None
    if len(result.value) > 5 * MAX_BYTES:
        raise ImportFileError(_("%(name)s: the document has too much text to be one description.") % {"name": name})
    return result.value


def html_to_text(markup: str) -> str:
    """Block elements become lines; list items keep their bullet or number; scripts,
    styles and the like are left out."""
    soup = BeautifulSoup(markup, "html.parser")
    root = soup.find("main") or soup.body or soup  # a saved page: its content, not the site around it
    lines, current = [], []

    def flush():
        line = re.sub(r"\s+", " ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    def walk(node):
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not a comment, doctype or CDATA
                    current.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in SKIPPED_TAGS:
                continue
            if child.name == "br":
                flush()
                continue
            if child.name not in BLOCK_TAGS:
                walk(child)
                continue
            flush()
            if child.name == "li":
                parent = child.parent
                if parent is not None and parent.name == "ol":
                    number = 1 + sum(1 for sibling in child.find_previous_siblings("li"))
                    current.append(f"{number}. ")
                else:
                    current.append("• ")
            walk(child)
            flush()

    walk(root)
    flush()
    return "\n".join(lines)


def personal_details(text: str):
    """Phone numbers and personal e-mail addresses in ``text``: ``[{"kind", "value", "line"}]``
    in the order they appear (an address written as a pattern, "etunimi.sukunimi@…", and
    role mailboxes such as kirjaamo@ are not personal)."""
    found, seen = [], set()
    for line in text.splitlines():
        for match in PHONE_ANYWHERE.finditer(line):
            value = match.group(0).strip()
            if ("phone", value) not in seen:
                seen.add(("phone", value))
                found.append({"kind": "phone", "value": value, "line": line.strip()})
        for match in EMAIL.finditer(line):
            value = match.group(0)
            if EMAIL_PATTERN.match(value) or ROLE_MAILBOXES.match(value):
                continue
            if ("email", value) not in seen:
                seen.add(("email", value))
                found.append({"kind": "email", "value": value, "line": line.strip()})
    return found
