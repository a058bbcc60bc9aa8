"""DOCX: paragraphs and tables in body order, with the NĐ 30 header table split in columns.

python-docx's ``doc.paragraphs`` and ``doc.tables`` lose the interleaving of text and tables,
so the body XML children are walked directly. In Word notices the header (issuing body and
"Số: …" left; Quốc hiệu, Tiêu ngữ and date right) is a borderless table; emitting it row by
row would glue the two columns, so each column becomes its own run of header blocks.

The zip is checked before parsing: a DOCX is untrusted compressed XML, so member sizes,
compression ratios and DTDs (entity expansion) are refused up front.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from nlp_service.errors import CorruptFileError, EncryptedFileError, FileTooLargeError
from nlp_service.readers._util import clean, is_addressee, is_header_right
from nlp_service.readers.docx_numbering import Numbering
from nlp_service.readers.limits import ReadLimits
from nlp_service.readers.sniff import DOCX
from nlp_service.types import Block, RawDocument

_P = qn("w:p")
_TBL = qn("w:tbl")
_SDT = qn("w:sdt")
_SDT_CONTENT = qn("w:sdtContent")
# How far into the body the header table may start (title paragraphs, blank lines before it).
_HEADER_SEARCH = 8


def check_zip(data: bytes, limits: ReadLimits) -> None:
    """Refuse zip bombs and XML with a DTD before python-docx decompresses anything."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise CorruptFileError(f"The DOCX file is truncated or damaged: {exc}") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_zip_members:
            raise FileTooLargeError(f"The DOCX has {len(infos)} parts; refusing to unpack it.")
        total = sum(i.file_size for i in infos)
        if total > limits.max_unzipped_bytes:
            raise FileTooLargeError(
                f"The DOCX unpacks to {total / 2**20:.0f} MB; the limit is "
                f"{limits.max_unzipped_bytes / 2**20:.0f} MB."
            )
        for info in infos:
            if info.flag_bits & 0x1:
                raise EncryptedFileError("The DOCX is encrypted; remove the password first.")
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > 1_000_000 and ratio > limits.max_zip_ratio:
                raise FileTooLargeError(
                    f"The DOCX part {info.filename} expands {ratio:.0f}×: refused as a zip bomb."
                )
        names = {i.filename for i in infos}
        if "word/document.xml" not in names:
            raise CorruptFileError("The DOCX has no word/document.xml part.")
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                try:
                    head = zf.read(info)[:4096]
                except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
                    raise CorruptFileError(f"The DOCX part {info.filename} is damaged.") from exc
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise CorruptFileError(
                        f"The DOCX part {info.filename} declares a DTD; refused (entity expansion)."
                    )


def read_docx(data: bytes, limits: ReadLimits) -> RawDocument:
    check_zip(data, limits)
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors...
        raise CorruptFileError(f"The DOCX cannot be parsed: {exc}") from exc
    body = document.element.body
    numbering = Numbering.from_document(document)
    blocks: list[Block] = []
    table_index = 0
    header_done = False
    for position, element in enumerate(_body_children(body)):
        if element.tag == _P:
            blocks.extend(_paragraph_blocks(Paragraph(element, document), numbering=numbering))
        elif element.tag == _TBL:
            table = Table(element, document)
            if not header_done and position < _HEADER_SEARCH and _is_header_table(table):
                blocks.extend(_header_blocks(table))
                header_done = True
                continue
            blocks.extend(_table_blocks(table, table_index, numbering))
            table_index += 1
    return RawDocument(blocks, DOCX, wrapped=False)


def _body_children(body: Any) -> Iterator[Any]:
    """Body-level paragraphs and tables, looking inside content controls (w:sdt)."""
    for child in body.iterchildren():
        if child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _body_children(content)
        elif child.tag in (_P, _TBL):
            yield child


def _paragraph_bold(paragraph: Paragraph) -> bool | None:
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs:
        return None
    style_bold = None
    if paragraph.style is not None and paragraph.style.font is not None:
        style_bold = paragraph.style.font.bold
    return all(r.bold if r.bold is not None else bool(style_bold) for r in runs)


def _paragraph_blocks(
    paragraph: Paragraph, kind: str = "paragraph", numbering: Numbering | None = None
) -> list[Block]:
    """One block per line: soft line breaks (w:br) separate lines of a header cell or list.

    A Word list label ("2.", "a)", "-") is put in front of the text, as it is printed.
    """
    bold = _paragraph_bold(paragraph)
    text = paragraph.text
    label = numbering.label(paragraph._p, paragraph.style) if numbering is not None else ""
    if label and text.strip():
        text = f"{label} {text.lstrip()}"
    out = []
    for line in text.split("\n"):
        text = clean(line)
        if text:
            out.append(Block(text, kind=kind, bold=bold))  # type: ignore[arg-type]
    return out


def _unique_cells(row_cells: list[_Cell]) -> list[_Cell]:
    """python-docx repeats a merged cell once per grid column; keep each cell once."""
    seen: list[_Cell] = []
    for cell in row_cells:
        if not seen or cell._tc is not seen[-1]._tc:
            seen.append(cell)
    return seen


def _grid_cells(row_cells: list[_Cell], numbering: Numbering | None) -> list[str]:
    """One text per grid column; a cell merged across columns is written once, in its first.

    Keeping the grid keeps a task table's columns aligned: a two-row header whose "Cơ quan thực
    hiện" spans "Chủ trì" and "Phối hợp" has as many columns as the rows below it. (A cell merged
    down several rows comes back in each of them: the lead of every row it covers.)
    """
    out: list[str] = []
    previous: _Cell | None = None
    for cell in row_cells:
        same = previous is not None and cell._tc is previous._tc
        out.append("" if same else _cell_text(cell, numbering))
        previous = cell
    return out


def _is_header_table(table: Table) -> bool:
    texts = [c.text for row in table.rows[:4] for c in _unique_cells(list(row.cells))]
    joined = "\n".join(texts)
    return any(is_header_right(t) for t in texts) or "Số:" in joined or "Số :" in joined


def _header_blocks(table: Table) -> list[Block]:
    """Left column (every column left of the Quốc hiệu) then right column, top to bottom."""
    rows = [_unique_cells(list(row.cells)) for row in table.rows]
    split_at = None
    for cells in rows:
        for index, cell in enumerate(cells):
            if is_header_right(cell.text):
                split_at = index if split_at is None else min(split_at, index)
    if split_at is None or split_at == 0:
        split_at = 1
    left: list[Block] = []
    right: list[Block] = []
    after: list[Block] = []  # "Kính gửi" rows inside the header table: body paragraphs
    for cells in rows:
        if after or any(is_addressee(cell.text) for cell in cells):
            for cell in cells:
                for paragraph in cell.paragraphs:
                    after.extend(_paragraph_blocks(paragraph))
            continue
        for index, cell in enumerate(cells):
            target = left if index < split_at else right
            kind = "header_left" if index < split_at else "header_right"
            for paragraph in cell.paragraphs:
                target.extend(_paragraph_blocks(paragraph, kind))
    return left + right + after


def _cell_text(cell: _Cell, numbering: Numbering | None) -> str:
    """A cell's paragraphs on one line, each with its list label ("1.", "-") if numbered."""
    parts = []
    for paragraph in cell.paragraphs:
        text = paragraph.text
        label = numbering.label(paragraph._p, paragraph.style) if numbering is not None else ""
        parts.append(f"{label} {text}" if label and text.strip() else text)
    return clean(" ".join(parts).replace("\n", " "))


def _table_blocks(
    table: Table, table_index: int, numbering: Numbering | None = None
) -> list[Block]:
    blocks: list[Block] = []
    for row_index, row in enumerate(table.rows):
        cells = _grid_cells(list(row.cells), numbering)
        if not any(cells):
            continue
        text = " | ".join(c for c in cells if c)
        blocks.append(Block(text, kind="table_row", cells=cells, table=table_index, row=row_index))
    return blocks
