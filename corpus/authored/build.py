"""Rebuild the authored sample notices from their sources in ``src/*.yaml``.

Why this exists: the project ships its own realistic notices (shown to newcomers and used in
evaluation). Writing the text once, as data, and rendering it to TXT / Markdown / DOCX / PDF keeps
the wording identical across formats and lets anyone regenerate the files byte-for-byte (fixed
metadata, fixed zip timestamps, reportlab ``invariant=1``) instead of trusting opaque binaries.

Run: ``.venv/bin/python corpus/authored/build.py [NAME ...]`` (writes next to this file; with
names, only the sources whose file name contains one of them).

Source schema (one YAML file per document):

- ``file``: output file name; the extension picks the format (txt, md, docx, pdf).
- ``wrap``: optional column width for hard-wrapped TXT.
- ``plain``: true for a press report (body only, no NĐ 30 header).
- ``left`` / ``right``: header columns, one line each; ``**x**`` bold, ``*x*`` italic, blank lines
  keep the two columns on the same baselines.
- ``title``: centred lines under the header (first line bold as the document type).
- ``body``: one block per line. ``# x`` bold heading, ``## x`` centred bold line, ``| a | b |``
  table row (first row of a run is the table head), ``@widths 8 40 ...`` column widths of the next
  table in percent, ``---`` page break (PDF/DOCX only), anything else a paragraph.
- Merged cells and multi-row heads (lines before a table, like ``@widths``; each starts a table):
  ``@head 2`` makes the first two rows the head (bold, centred, repeated on PDF pages);
  ``@merge r0 c0 r1 c1`` (0-based, inclusive, repeatable) merges that rectangle of cells: a
  horizontal span (``gridSpan``) and/or a vertical merge (``vMerge``) in DOCX, ``SPAN`` in PDF.
  Every row still lists all grid cells; the cells a merge covers are written empty (``| |``) and
  TXT/MD print them as empty cells. A cell written ``**x**`` is bold (a group row such as
  ``| **I** | **CẢI CÁCH THỂ CHẾ** | | |``); TXT/MD drop the markers.
- ``recipients`` / ``sign``: the "Nơi nhận" column and the signature column.
- ``appendix``: blocks in the body syntax printed after the signature (a plan's task annex).
- ``date``: ISO date used for document metadata.
"""

from __future__ import annotations

import io
import re
import textwrap
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import yaml

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


@dataclass
class Line:
    """One header/signature line with its emphasis (markers stripped)."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    """One body block: paragraph, heading, centred line, table or page break."""

    kind: str  # "p", "h", "c", "table", "break"
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    head: int = 1  # number of head rows
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1

    def covered(self, r: int, c: int) -> bool:
        """True for a cell hidden by a merge (inside a merged rectangle, not its top-left)."""
        return any(r0 <= r <= r1 and c0 <= c <= c1 and (r, c) != (r0, c0)
                   for r0, c0, r1, c1 in self.merges)


@dataclass
class Doc:
    """A parsed source document."""

    file: str
    date: datetime
    left: list[Line]
    right: list[Line]
    title: list[Line]
    body: list[Block]
    recipients: list[Line]
    sign: list[Line]
    appendix: list[Block]
    wrap: int | None
    plain: bool
    meta_title: str

    @property
    def fmt(self) -> str:
        return self.file.rsplit(".", 1)[-1]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def parse_line(raw: str) -> Line:
    s = raw.strip()
    if s.startswith("**") and s.endswith("**") and len(s) > 4:
        return Line(s[2:-2], bold=True)
    if s.startswith("*") and s.endswith("*") and len(s) > 2:
        return Line(s[1:-1], italic=True)
    return Line(s)


def parse_lines(value: str | None) -> list[Line]:
    if not value:
        return []
    return [parse_line(x) for x in _nfc(value).rstrip("\n").split("\n")]


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


def _cell_line(text: str, head: bool) -> Line:
    """A table cell as a Line: head cells bold, ``**x**`` bold (markers dropped)."""
    if text.startswith("**") and text.endswith("**") and len(text) > 4:
        return Line(text[2:-2], bold=True)
    return Line(text, bold=head)


def _plain_row(row: list[str]) -> list[str]:
    return [_cell_line(c, False).text for c in row]


def parse_blocks(value: str | None) -> list[Block]:
    blocks: list[Block] = []
    widths: list[float] = []
    head: int | None = None
    merges: list[tuple[int, int, int, int]] = []
    for raw in _nfc(value or "").split("\n"):
        s = raw.strip()
        if not s:
            continue
        if s.startswith("@widths"):
            widths = [float(x) for x in s.split()[1:]]
        elif s.startswith("@head"):
            head = int(s.split()[1])
        elif s.startswith("@merge"):
            r0, c0, r1, c1 = (int(x) for x in s.split()[1:5])
            merges.append((r0, c0, r1, c1))
        elif s.startswith("|"):
            if blocks and blocks[-1].kind == "table" and not (widths or merges or head):
                blocks[-1].rows.append(_cells(s))
            else:
                blocks.append(Block("table", rows=[_cells(s)], widths=widths, head=head or 1,
                                    merges=merges))
                widths, head, merges = [], None, []
        elif s == "---":
            blocks.append(Block("break"))
        elif s.startswith("## "):
            blocks.append(Block("c", s[3:]))
        elif s.startswith("# "):
            blocks.append(Block("h", s[2:]))
        else:
            blocks.append(Block("p", s))
    return blocks


def load(path: Path) -> Doc:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    title = parse_lines(data.get("title"))
    return Doc(
        file=data["file"],
        date=datetime.fromisoformat(str(data["date"])).replace(hour=8),
        left=parse_lines(data.get("left")),
        right=parse_lines(data.get("right")),
        title=title,
        body=parse_blocks(data.get("body")),
        recipients=parse_lines(data.get("recipients")),
        sign=parse_lines(data.get("sign")),
        appendix=parse_blocks(data.get("appendix")),
        wrap=data.get("wrap"),
        plain=bool(data.get("plain", False)),
        meta_title=" ".join(x.text for x in title) or data["file"],
    )


# --------------------------------------------------------------------------- text / markdown


def _two_columns(left: list[Line], right: list[Line], lw: int, rw: int, centre: bool) -> list[str]:
    out = []
    for i in range(max(len(left), len(right))):
        a = left[i].text if i < len(left) else ""
        b = right[i].text if i < len(right) else ""
        a = a.center(lw) if centre else a.ljust(lw)
        out.append((a + b.center(rw)).rstrip())
    return out


def _text_blocks(blocks: list[Block], wrap: int | None) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if b.kind == "break":
            continue
        if b.kind == "table":
            out.extend("| " + " | ".join(_plain_row(r)) + " |" for r in b.rows)
        elif b.kind == "c":
            out.append(b.text.center(wrap or 80).rstrip())
        elif wrap:
            out.extend(textwrap.wrap(b.text, wrap, break_long_words=False, break_on_hyphens=False))
        else:
            out.append(b.text)
    return out


def render_txt(doc: Doc) -> bytes:
    if doc.plain:
        return ("\n\n".join(_text_blocks(doc.body, doc.wrap)) + "\n").encode("utf-8")
    width = doc.wrap or 80
    lines = _two_columns(doc.left, doc.right, 32, 48, centre=True)
    lines.append("")
    lines.extend(x.text.center(width).rstrip() for x in doc.title)
    lines.append("")
    lines.extend(_text_blocks(doc.body, doc.wrap))
    lines.append("")
    rec = [Line("Nơi nhận:"), *doc.recipients]
    lines.extend(_two_columns(rec, doc.sign, 40, 40, centre=False))
    if doc.appendix:
        lines.append("")
        lines.extend(_text_blocks(doc.appendix, doc.wrap))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _md_line(x: Line) -> str:
    if not x.text:
        return ""
    if x.bold:
        return f"**{x.text}**"
    return f"*{x.text}*" if x.italic else x.text


def _md_blocks(blocks: list[Block]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if b.kind == "table":
            out.append("| " + " | ".join(_plain_row(b.rows[0])) + " |")
            out.append("|" + "---|" * len(b.rows[0]))
            out.extend("| " + " | ".join(_plain_row(r)) + " |" for r in b.rows[1:])
            out.append("")
        elif b.kind == "h":
            out += [f"### {b.text}", ""]
        elif b.kind == "c":
            out += [f"**{b.text}**", ""]
        elif b.kind == "p":
            out += [b.text, ""]
    return out


def render_md(doc: Doc) -> bytes:
    out: list[str] = []
    for col in (doc.left, doc.right):
        out.append("  \n".join(_md_line(x) for x in col if x.text))
        out.append("")
    if doc.title:
        out += [f"# {doc.title[0].text}", ""]
        out += [f"## {' '.join(x.text for x in doc.title[1:])}", ""]
    out += _md_blocks(doc.body)
    out += ["**Nơi nhận:**", ""] + [x.text for x in doc.recipients] + [""]
    out += ["  \n".join(_md_line(x) for x in doc.sign if x.text), ""]
    out += _md_blocks(doc.appendix)
    return ("\n".join(out).rstrip("\n") + "\n").encode("utf-8")


# --------------------------------------------------------------------------- docx


def render_docx(doc: Doc) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    d = Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(20), Mm(20)
    sec.left_margin, sec.right_margin = Mm(30), Mm(20)
    normal = d.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    normal.paragraph_format.space_after = Pt(0)

    def put(par: Any, x: Line, size: float | None = None) -> None:
        run = par.add_run(x.text)
        run.bold, run.italic = x.bold, x.italic
        if size:
            run.font.size = Pt(size)

    def column(cell: Any, lines: list[Line], align: Any, size: float) -> None:
        for i, x in enumerate(lines):
            par = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            par.alignment = align
            put(par, x, size)

    def pair(left: list[Line], right: list[Line], widths: tuple[int, int], lal: Any) -> None:
        t = d.add_table(rows=1, cols=2)
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        for cell, lines, w, al in zip(
            t.rows[0].cells, (left, right), widths, (lal, WD_ALIGN_PARAGRAPH.CENTER), strict=True
        ):
            cell.width = Mm(w)
            column(cell, lines, al, 12 if lines is right or lal != WD_ALIGN_PARAGRAPH.LEFT else 11)

    def blocks(items: list[Block]) -> None:
        for b in items:
            if b.kind == "break":
                d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            elif b.kind == "table":
                t = d.add_table(rows=len(b.rows), cols=len(b.rows[0]))
                t.style = "Table Grid"
                for r, row in enumerate(b.rows):
                    for c, text in enumerate(row):
                        cell = t.cell(r, c)
                        if b.widths:
                            cell.width = Mm(160 * b.widths[c] / 100)
                        par = cell.paragraphs[0]
                        par.alignment = (
                            WD_ALIGN_PARAGRAPH.CENTER if r < b.head else WD_ALIGN_PARAGRAPH.LEFT
                        )
                        if not b.covered(r, c):  # a covered cell stays empty: nothing to move
                            put(par, _cell_line(text, r < b.head), 12)
                for r0, c0, r1, c1 in b.merges:
                    t.cell(r0, c0).merge(t.cell(r1, c1))
                d.add_paragraph()
            else:
                par = d.add_paragraph()
                par.paragraph_format.space_after = Pt(6)
                if b.kind == "c":
                    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    put(par, Line(b.text, bold=True))
                else:
                    par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                    par.paragraph_format.first_line_indent = Mm(10)
                    put(par, Line(b.text, bold=b.kind == "h"))

    pair(doc.left, doc.right, (60, 100), WD_ALIGN_PARAGRAPH.CENTER)
    d.add_paragraph()
    for i, x in enumerate(doc.title):
        par = d.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        first = i == 0 and not x.text.startswith("Kính gửi")
        put(par, Line(x.text, bold=x.bold or first, italic=x.italic), 14 if first else 13)
    d.add_paragraph()
    blocks(doc.body)
    pair([Line("Nơi nhận:", bold=True, italic=True), *doc.recipients], doc.sign, (80, 80),
         WD_ALIGN_PARAGRAPH.LEFT)
    if doc.appendix:
        d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        blocks(doc.appendix)

    fixed = doc.date
    cp = d.core_properties
    cp.author = cp.last_modified_by = ""
    cp.title = doc.meta_title
    cp.created = cp.modified = fixed
    cp.revision = 1
    raw = io.BytesIO()
    d.save(raw)
    return _stable_zip(raw.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """Re-pack with fixed timestamps so the DOCX bytes do not depend on the build time."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- pdf


def render_pdf(doc: Doc) -> bytes:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table
    from reportlab.platypus import TableStyle as TS

    for name, fname in (("Serif", "DejaVuSerif.ttf"), ("Serif-B", "DejaVuSerif-Bold.ttf"),
                        ("Serif-I", "DejaVuSerif-Italic.ttf"),
                        ("Serif-BI", "DejaVuSerif-BoldItalic.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / fname)))
    pdfmetrics.registerFontFamily("Serif", normal="Serif", bold="Serif-B", italic="Serif-I",
                                  boldItalic="Serif-BI")

    def style(size: float, align: int, indent: float = 0, after: float = 0) -> ParagraphStyle:
        return ParagraphStyle("s", fontName="Serif", fontSize=size, leading=size * 1.35,
                              alignment=align, firstLineIndent=indent, spaceAfter=after)

    head = style(10.5, TA_CENTER)
    body = style(12, TA_JUSTIFY, indent=10 * mm, after=4)
    cell = style(10.5, TA_LEFT)
    small = style(10, TA_LEFT)

    def mark(x: Line) -> str:
        t = escape(x.text) or "&nbsp;"
        if x.bold:
            t = f"<b>{t}</b>"
        return f"<i>{t}</i>" if x.italic else t

    def col(lines: list[Line], st: ParagraphStyle) -> list[Any]:
        return [Paragraph(mark(x), st) for x in lines]

    plain = TS([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0)])

    def blocks(items: list[Block]) -> list[Any]:
        out: list[Any] = []
        for b in items:
            if b.kind == "break":
                out.append(PageBreak())
            elif b.kind == "table":
                widths = [160 * mm * w / 100 for w in b.widths] if b.widths else None
                rows = [[Paragraph(mark(_cell_line(c, r < b.head)), cell) for c in row]
                        for r, row in enumerate(b.rows)]
                t = Table(rows, colWidths=widths, repeatRows=b.head)
                t.setStyle(TS([("GRID", (0, 0), (-1, -1), 0.5, "black"),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               *[("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in b.merges]]))
                out += [t, Spacer(1, 4 * mm)]
            elif b.kind == "c":
                out.append(Paragraph(mark(Line(b.text, bold=True)), style(12, TA_CENTER, after=4)))
            else:
                out.append(Paragraph(mark(Line(b.text, bold=b.kind == "h")), body))
        return out

    story: list[Any] = []
    header = Table([[col(doc.left, head), col(doc.right, head)]], colWidths=[62 * mm, 98 * mm])
    header.setStyle(plain)
    story += [header, Spacer(1, 8 * mm)]
    for i, x in enumerate(doc.title):
        first = i == 0 and not x.text.startswith("Kính gửi")
        st = style(13 if first else 12, TA_CENTER, after=2)
        story.append(Paragraph(mark(Line(x.text, bold=x.bold or first, italic=x.italic)), st))
    story.append(Spacer(1, 5 * mm))
    story += blocks(doc.body)
    story.append(Spacer(1, 4 * mm))
    rec = [Line("Nơi nhận:", bold=True, italic=True), *doc.recipients]
    sign = Table([[col(rec, small), col(doc.sign, style(12, TA_CENTER))]],
                 colWidths=[80 * mm, 80 * mm])
    sign.setStyle(plain)
    story.append(sign)
    if doc.appendix:
        story += [PageBreak(), *blocks(doc.appendix)]

    def page_no(canvas: Canvas, _doc: Any) -> None:
        canvas.setFont("Serif", 11)
        canvas.drawCentredString(A4[0] / 2 + 5 * mm, A4[1] - 12 * mm, str(canvas.getPageNumber()))

    out = io.BytesIO()
    SimpleDocTemplate(
        out, pagesize=A4, leftMargin=30 * mm, rightMargin=20 * mm, topMargin=20 * mm,
        bottomMargin=20 * mm, invariant=1, title=doc.meta_title, author="", subject="",
        creator="nlp_service corpus/authored/build.py",
    ).build(story, onLaterPages=page_no)
    return out.getvalue()


RENDERERS = {"txt": render_txt, "md": render_md, "docx": render_docx, "pdf": render_pdf}


def build(src_dir: Path = SRC, out_dir: Path = HERE, only: list[str] | None = None) -> list[Path]:
    """Render every source (or those whose file name contains one of ``only``)."""
    written = []
    for path in sorted(src_dir.glob("*.yaml")):
        if only and not any(o in path.name for o in only):
            continue
        doc = load(path)
        target = out_dir / doc.file
        target.write_bytes(RENDERERS[doc.fmt](doc))
        written.append(target)
    return written


if __name__ == "__main__":
    import sys

    for p in build(only=sys.argv[1:] or None):
        print(p.relative_to(HERE), re.sub(r"\s+", " ", str(p.stat().st_size)), "bytes")
