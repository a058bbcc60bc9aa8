"""Generate the collection of nasty files the hardening tests feed to the readers and the API.

Why generated: every file here is built from a few lines of code, so anyone can see what it is,
rebuild it, or add another; nothing is copied from third-party material. The output is committed
(tens of KB in all) so the tests do not depend on reportlab or on this script being run first.

    .venv/bin/python tests/data/bad/make.py [--out tests/data/bad]

Writes the files and ``manifest.json``: for each file, the name to upload it under (which may be
a path, e.g. ``../../etc/passwd.txt``) and what is acceptable — the typed error codes it may
raise, and whether a result is acceptable too. The tests read the manifest, not this module.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "tests" / "api"))

from service_notices import notice_pdf, notice_text  # noqa: E402

MB = 1024 * 1024
TAG = "hardening"  # one fixed tag: the files are the same on every run
FIXED_TIME = datetime(2026, 1, 1)


@dataclass(frozen=True)
class BadFile:
    """One generated file and what the pipeline may answer for it."""

    name: str  # on disk, in this folder
    upload_name: str  # the name a client sends (may be a path)
    why: str
    errors: list[str] = field(default_factory=list)  # acceptable typed error codes
    result_ok: bool = False  # a result (with warnings) is also acceptable


# --------------------------------------------------------------------------- building blocks


def good_docx() -> bytes:
    """A small valid notice DOCX (python-docx), the base of the DOCX mutations."""
    from docx import Document

    doc = Document()
    for line in notice_text(TAG).decode().splitlines():
        doc.add_paragraph(line)
    doc.core_properties.created = doc.core_properties.modified = FIXED_TIME
    buf = io.BytesIO()
    doc.save(buf)
    return replace_member(buf.getvalue(), "", b"")  # fixed zip dates too


def good_pdf() -> bytes:
    from reportlab import rl_config

    rl_config.invariant = True  # no timestamps or random ids: same bytes on every run
    return notice_pdf(TAG)


def replace_member(docx: bytes, member: str, data: bytes) -> bytes:
    """``docx`` with one zip member replaced (deflated: bombs stay small on disk) and fixed
    member dates, so the output is the same on every run."""
    src = zipfile.ZipFile(io.BytesIO(docx))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            body = data if info.filename == member else src.read(info)
            out.writestr(zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0)), body,
                         compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)  # fmt: skip
    return buf.getvalue()


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def raw_pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF from raw object bodies (object i+1 = objects[i], object 1 the catalog) with a
    correct xref table, so parsers reach the page tree instead of failing on the syntax."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\n" % (len(objects) + 1, trailer_extra))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"


def page(parent: int = 2) -> bytes:
    return b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] >>" % parent


# --------------------------------------------------------------------------- the collection


def zip_bomb_docx() -> bytes:
    body = b"<w:t>" + b" " * (150 * MB) + b"</w:t>"
    xml = b'<?xml version="1.0"?><w:document %s><w:body><w:p><w:r>%s</w:r></w:p></w:body>' % (
        W_NS.encode(),
        body,
    )
    return replace_member(good_docx(), "word/document.xml", xml + b"</w:document>")


def nested_xml_docx() -> bytes:
    """20 000 nested content controls; each carries a distinct pseudo-random id so the part
    does not compress past the zip-bomb ratio and the XML parser has to face the depth."""
    import random

    rng = random.Random(7)
    depth = 20_000
    opening = b"".join(
        b'<w:sdt><w:sdtPr><w:id w:val="%d"/></w:sdtPr><w:sdtContent>' % rng.getrandbits(31)
        for _ in range(depth)
    )
    xml = (
        b'<?xml version="1.0"?><w:document %s><w:body>' % W_NS.encode()
        + opening
        + b"<w:p><w:r><w:t>Giao S\xe1\xbb\x9f T\xc3\xa0i ch\xc3\xadnh</w:t></w:r></w:p>"
        + b"</w:sdtContent></w:sdt>" * depth
        + b"</w:body></w:document>"
    )
    return replace_member(good_docx(), "word/document.xml", xml)


def entity_expansion_docx() -> bytes:
    """Billion laughs: ten levels of ten references each."""
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        f"<w:document {W_NS}><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return replace_member(good_docx(), "word/document.xml", xml.encode())


def pdf_page_count_lie() -> bytes:
    pages = b"<< /Type /Pages /Kids [3 0 R] /Count 2000000000 >>"
    return raw_pdf([CATALOG, pages, page()])


def pdf_page_tree_loop() -> bytes:
    # The page tree node lists itself (and its parent) among its kids: a naive walker recurses
    # forever; the /Count claims one page.
    pages = b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 >>"
    inner = b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>"
    return raw_pdf([CATALOG, pages, inner])


def pdf_many_pages() -> bytes:
    count = 2000  # four times the default page limit, yet ~200 KB
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(count))
    pages = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count)
    return raw_pdf([CATALOG, pages] + [page()] * count)


def blank_image() -> bytes:
    """A scan-sized grey PNG with shapes but no text: OCR finds nothing."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (1240, 1754), 250)
    draw = ImageDraw.Draw(image)
    for i in range(6):
        draw.rectangle((100 + i * 150, 200 + i * 200, 300 + i * 150, 320 + i * 200), outline=90)
        draw.ellipse((900 - i * 120, 300 + i * 180, 1000 - i * 120, 400 + i * 180), fill=160)
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def nested_divs_html() -> bytes:
    depth = 10_000
    text = notice_text(TAG).decode().replace("\n", "<br>")
    html = (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"></head><body>'
        + "<div>" * depth
        + f"<p>{text}</p>"
        + "</div>" * depth
        + "</body></html>"
    )
    return html.encode()


def tcvn3_text() -> bytes:
    """The notice in TCVN3 (ABC) bytes, as .VnTime documents store it."""
    from nlp_service.text import encodings

    inverse = {ch: b for b, ch in encodings._TCVN3_BYTES.items()}
    out = bytearray()
    for ch in notice_text(TAG).decode().lower():
        if ch in inverse:
            out.append(inverse[ch])
        else:
            out += ch.encode("ascii", errors="replace")
    return bytes(out)


def cp1258_text() -> bytes:
    """The notice in Windows-1258: base letters (â, ơ, ư…) precomposed, tone marks combining."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = bytearray()
    for ch in notice_text(TAG).decode():
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + "".join(c for c in parts if c in tones)).encode("cp1258")
    return bytes(out)


CODES_READ = ["corrupt_file", "unsupported_format", "empty_input", "not_vietnamese"]

COLLECTION: list[tuple[BadFile, Callable[[], bytes]]] = [
    (BadFile("zip_bomb.docx", "zip_bomb.docx", "150 MB of spaces deflated into ~150 KB",
             ["file_too_large"]), zip_bomb_docx),
    (BadFile("nested_xml.docx", "nested_xml.docx", "20 000 nested elements in document.xml",
             ["corrupt_file", "file_too_large"], result_ok=True), nested_xml_docx),
    (BadFile("entity_expansion.docx", "entity_expansion.docx", "billion laughs in a DTD",
             ["corrupt_file"]), entity_expansion_docx),
    (BadFile("page_count_lie.pdf", "page_count_lie.pdf", "/Count 2 000 000 000, one page",
             ["file_too_large", "corrupt_file", "empty_input"], result_ok=True),
     pdf_page_count_lie),
    (BadFile("page_tree_loop.pdf", "page_tree_loop.pdf", "page tree node is its own kid",
             ["corrupt_file", "empty_input", "file_too_large"]), pdf_page_tree_loop),
    (BadFile("many_pages.pdf", "many_pages.pdf", "2000 empty pages (limit 500)",
             ["file_too_large"]), pdf_many_pages),
    (BadFile("truncated.pdf", "truncated.pdf", "a valid notice PDF cut in half",
             ["corrupt_file"]), lambda: good_pdf()[: len(good_pdf()) // 2]),
    (BadFile("truncated.docx", "truncated.docx", "a valid notice DOCX cut in half",
             ["corrupt_file"]), lambda: good_docx()[: len(good_docx()) // 2]),
    (BadFile("encrypted.pdf", "encrypted.pdf", "user password set",
             ["encrypted_file"]), lambda: _encrypted_pdf()),
    (BadFile("empty.txt", "empty.txt", "0 bytes", ["empty_input"]), lambda: b""),
    (BadFile("nul.bin", "nul.txt", "64 KB of NUL bytes",
             ["empty_input", "unsupported_format", "corrupt_file"]), lambda: bytes(64 * 1024)),
    (BadFile("nested_divs.html", "nested_divs.html", "10 000 nested <div> around a notice",
             ["file_too_large", "corrupt_file"], result_ok=True),
     nested_divs_html),
    (BadFile("legacy_tcvn3.txt", "legacy_tcvn3.txt", "the notice in TCVN3 bytes",
             CODES_READ, result_ok=True), tcvn3_text),
    (BadFile("legacy_cp1258.txt", "legacy_cp1258.txt", "the notice in Windows-1258",
             CODES_READ, result_ok=True), cp1258_text),
    (BadFile("blank.png", "scan.png", "an image with shapes and no text",
             ["empty_input", "unsupported_format", "not_vietnamese"], result_ok=True),
     blank_image),
    (BadFile("passwd.txt", "../../etc/passwd.txt", "a good notice under a path-like name",
             [], result_ok=True), lambda: notice_text(TAG)),
]  # fmt: skip


def _encrypted_pdf() -> bytes:
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rl_config.invariant = True
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt="bí mật")
    c.drawString(70, 700, "Thong bao")
    c.showPage()
    c.save()
    return buf.getvalue()


def build(out: Path) -> list[BadFile]:
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    for entry, make in COLLECTION:
        (out / entry.name).write_bytes(make())
        entries.append(entry)
    manifest = {"files": [asdict(e) for e in entries]}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    return entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    for entry in build(args.out):
        size = (args.out / entry.name).stat().st_size
        print(f"{entry.name:24} {size:>9,} B  {entry.why}")


if __name__ == "__main__":
    main()
