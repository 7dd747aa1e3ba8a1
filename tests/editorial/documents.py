"""Small import documents built in the test: a Word document (.docx) written with the
standard library (the WordprocessingML parts mammoth reads) and a saved web page."""

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

SEEDS = Path(__file__).resolve().parent.parent / "models_library" / "seeds"  # copies of the reference documents

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def seed_text(prefix):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def docx_bytes(paragraphs):
    """A Word document with one paragraph per item (bold runs for headings are not needed:
    the importer reads the reference formats' headings as words)."""
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>' for text in paragraphs)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def model_docx(contact_line="Lisätietoja: Maija Meikäläinen, puh. 040 123 4567, maija.meikalainen@example.fi"):
    """The Pirkanmaa model (current format) as a Word document, with a phone number and a
    personal address in its description."""
    lines = [line for line in seed_text("004").splitlines() if line.strip()]
    at = lines.index("Toimintaympäristö **")
    return docx_bytes(lines[:at] + [contact_line] + lines[at:])


def legacy_html():
    """The VARPU page (legacy format) as a saved web page: site navigation, a script and the
    content in <main>, the contacts in a list."""
    lines = [line for line in seed_text("001").splitlines() if line.strip()]
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in lines)
    return (
        "<!DOCTYPE html><html lang='fi'><head><meta charset='utf-8'><title>Innokylä</title>"
        "<script>window.tracking = 1;</script></head><body>"
        "<nav><a href='/'>Etusivu</a> <a href='/haku'>Haku</a></nav>"
        f"<main>{paragraphs}</main><footer>Innokylä 2008</footer></body></html>"
    ).encode()
