"""Compose a reader's blocks into the one normalised text that every span points into.

Readers keep layout (visual lines, header columns, table rows); this module decides how that
layout becomes a string: one line per paragraph (hard wraps undone), the two header columns as
separate lines (left column first, so "Số: …" never merges with the date line), table rows as
cells joined by `` | ``. Each composed line remembers its page, kind and, for table rows, the
span of every cell, so later stages can reason about structure without re-reading the file.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from nlp_service.types import Block, BlockKind, RawDocument

CELL_SEPARATOR = " | "

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Invisible format characters (soft hyphen, zero-width space/joiners, word joiner, BOM): they sit
# inside words in PDF and Word text and would otherwise split a syllable in two.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
_LIST_MARKER = re.compile(
    r"^\s*(?:[-–+•*]\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[a-zđ][)]\s|[IVXLC]{1,6}[.)]\s|"
    # "1.2 Tuyên truyền …": a sub-item number written without its closing dot.
    r"(?-i:\d{1,2}(?:\.\d{1,2})+\s+[A-ZĐÀ-Ỹ])|"
    # "Điều 4", "Chương II", "Phần thứ nhất", "Phụ lục 01": capitalised and numbered, so a wrapped
    # line that opens with "phần mềm …" or "mục tiêu …" still continues the one before it.
    r"(?-i:Điều|Chương|Mục|Phần|Phụ lục|ĐIỀU|CHƯƠNG|MỤC|PHẦN|PHỤ LỤC)"
    r"\s+(?:[IVXLC]+|\d+|thứ|THỨ)\b)",
    re.IGNORECASE,
)
# How a new body paragraph opens (capitalised: a wrapped sentence continues in lower case):
# a legal basis, a date, a purpose or circumstance clause. Shared with structure's trích yếu rule.
PARAGRAPH_OPENER = re.compile(
    r"^\s*(?:Căn\s+cứ|Ngày\s+\d|Ngày\s+\.{2,}|Thực\s+hiện|Theo\s+(?:đề\s+nghị|chỉ\s+đạo)|Để\s|"
    r"Sau\s+khi|Trên\s+cơ\s+sở|Xét\s|Vừa\s+qua|Hiện\s+nay|Nhằm\s|Thời\s+gian\s+qua|Tiếp\s+theo|"
    r"Hôm\s+nay|(?:Sáng|Chiều|Tối)\s+(?:ngày|nay)\b|Vào\s+(?:ngày|lúc)\s|"
    r"Trong\s+(?:thời\s+gian|những\s+năm)\s)"
)
_TERMINAL = re.compile(r"[.:;!?]\s*$|\./\.\s*$")
_UPPER_START = re.compile(r"^\W*[A-ZĐÀ-Ỹ]")


@dataclass
class Line:
    """One line of the composed text: a paragraph, a header line or a table row."""

    start: int
    end: int
    page: int
    kind: BlockKind
    cells: list[tuple[int, int]] | None = None  # spans of table cells in the text
    table: int | None = None
    row: int | None = None
    bold: bool | None = None


@dataclass
class ComposedText:
    text: str
    lines: list[Line] = field(default_factory=list)

    def line_text(self, line: Line) -> str:
        return self.text[line.start : line.end]

    def page_at(self, offset: int) -> int:
        """The page of the line holding ``offset`` (its newline counts as part of it).

        Lines are in text order, so a binary search finds it: assembly asks once per clause.
        """
        if not self.lines:
            return 1
        i = bisect.bisect_right(self.lines, offset, key=lambda line: line.start) - 1
        if i < 0:
            return self.lines[0].page
        return self.lines[i].page


def clean(text: str) -> str:
    """NFC, one space between words, no control characters (offsets are taken after this)."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    text = "".join(ch if ch.isprintable() or ch == "\t" else " " for ch in text)
    return _SPACES.sub(" ", text).strip()


def _is_caps_line(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


# "… phối hợp với các sở:" / "Tài chính, Xây dựng …": a shared head noun whose member list
# wrapped onto the next line; the colon does not end the paragraph.
_SHARED_HEAD_WRAP = re.compile(
    r"\b(?:các|những)\s+(?:sở|ban|ngành|bộ|huyện|xã|phường|quận|thị\s+xã|đơn\s+vị)\s*:\s*$",
    re.IGNORECASE,
)


# Words no sentence or title ends on: a function word, or the head of a body's name whose name
# wrapped ("Đề nghị Thường trực HĐND tỉnh, các Ban" / "Hội đồng nhân dân tỉnh và đại biểu …").
_OPEN_END = re.compile(
    r"(?:,|\b(?:của|và|với|cho|các|những|tại|về|theo|trên|đến|để|từ|trong|nhằm|là|hoặc|"
    r"Ban|Sở|Bộ|Phòng|Cục|Chi cục|Trung tâm|Ủy ban|Uỷ ban|Hội đồng|Văn phòng|Thường trực|"
    r"Chủ tịch|Phó Chủ tịch|Giám đốc|Thủ trưởng))\s*$"
)


def _joins(previous: str, current: str, full_width: int, open_bracket: bool = False) -> bool:
    """Whether a visual line continues the previous one (a hard wrap, not a new paragraph).

    ``full_width`` is the length of a full line in this document: a line that reaches it was
    wrapped by the layout, so the next line continues it even when it starts with a capital.
    ``open_bracket``: the paragraph so far leaves a "(" open ("(Trách nhiệm: Sở Tài nguyên và Môi
    trường;" / "Phối hợp: …; Thời hạn: trước ngày 20/10)."), which only a later line closes.
    """
    if not previous or not current:
        return False
    if open_bracket and ")" in current[:40]:
        # "(qua Trung tâm Công báo" / "- Tin học) trước ngày 19/02.": the dash of a name that
        # wrapped is no list marker while its bracket is open
        return True
    if _LIST_MARKER.match(current):
        return False
    if open_bracket and (")" in current or "(" in previous):
        # the line that closes the bracket, or the one right after the line that opened it
        return True
    if _is_caps_line(previous) != _is_caps_line(current):
        return False
    if _TERMINAL.search(previous) and not _SHARED_HEAD_WRAP.search(previous):
        # "… điều chuyển cụ thể;" / "báo cáo UBND tỉnh …": a ";" clause that wrapped goes on in
        # lower case; a new item or paragraph opens with a marker or a capital.
        return previous.rstrip().endswith(";") and current.lstrip()[:1].islower()
    if PARAGRAPH_OPENER.match(current):
        # "Căn cứ …", "Ngày 10/9/2018, …" open a paragraph even after a full-width line (the
        # trích yếu above the body has no closing punctuation).
        return False
    if len(previous) >= 0.8 * full_width:
        return True
    first = current.lstrip()[:1]
    if first.islower() or first.isdigit() or first in '(,;"“':
        return True
    # An unterminated line followed by a capitalised one: a name or a title that wrapped
    # ("… của Ủy ban nhân dân" / "Tỉnh …") joins; a short stand-alone line does not.
    return not _UPPER_START.match(current) or bool(_OPEN_END.search(previous))


_ITEM_LABEL = re.compile(r"^\s*(?:[a-zđ]|\d{1,2})\)\s*")


def _brackets(line: str, opens_paragraph: bool) -> int:
    """How many "(" the line leaves open (negative: closes); an item label "d)" that opens a
    paragraph closes nothing."""
    if opens_paragraph:
        line = _ITEM_LABEL.sub("", line, count=1)
    return line.count("(") - line.count(")")


def _full_width(blocks: list[Block]) -> int:
    lengths = sorted(len(b.text) for b in blocks if b.kind == "paragraph")
    if not lengths:
        return 10**6
    # The 90th percentile, so one overlong line (a URL, a table dump) does not set the width.
    return max(20, lengths[int(0.9 * (len(lengths) - 1))])


def _unwrap(blocks: list[Block]) -> list[Block]:
    full_width = _full_width(blocks)
    merged: list[Block] = []
    last_line = ""  # the previous visual line, not the paragraph merged so far
    depth = 0  # brackets the paragraph merged so far leaves open
    for block in blocks:
        prev = merged[-1] if merged else None
        joins = (
            prev is not None
            and block.kind == "paragraph"
            and prev.kind == "paragraph"
            and _joins(last_line, block.text, full_width, depth > 0)
        )
        last_line = block.text
        depth = (depth if joins else 0) + _brackets(block.text, opens_paragraph=not joins)
        if prev is not None and joins:
            merged[-1] = Block(
                text=prev.text.rstrip() + " " + block.text.lstrip(),
                page=prev.page,
                kind="paragraph",
                bold=prev.bold if prev.bold == block.bold else None,
                x0=prev.x0,
            )
        else:
            merged.append(block)
    return merged


def compose(raw: RawDocument) -> ComposedText:
    """Turn reader blocks into the document text and its line index."""
    blocks = [b for b in raw.blocks if b.kind != "page_break"]
    cleaned: list[Block] = []
    for b in blocks:
        if b.kind == "table_row":
            cells = [clean(c) for c in (b.cells or [b.text])]
            if not any(cells):
                continue
            cleaned.append(
                Block(text="", page=b.page, kind=b.kind, cells=cells, table=b.table, row=b.row)
            )
            continue
        text = clean(b.text)
        if text:
            cleaned.append(
                Block(text=text, page=b.page, kind=b.kind, bold=b.bold, x0=b.x0, table=b.table)
            )
    if raw.wrapped:
        cleaned = _unwrap(cleaned)
    # The left header column comes first, then the right one, before the body.
    header = [b for b in cleaned if b.kind == "header_left"] + [
        b for b in cleaned if b.kind == "header_right"
    ]
    body = [b for b in cleaned if b.kind not in ("header_left", "header_right")]
    parts: list[str] = []
    lines: list[Line] = []
    offset = 0
    for b in header + body:
        if b.kind == "table_row":
            cells_text = b.cells or []
            spans: list[tuple[int, int]] = []
            pos = offset
            for i, cell in enumerate(cells_text):
                if i:
                    pos += len(CELL_SEPARATOR)
                spans.append((pos, pos + len(cell)))
                pos += len(cell)
            text = CELL_SEPARATOR.join(cells_text)
            lines.append(Line(offset, offset + len(text), b.page, b.kind, spans, b.table, b.row))
        else:
            text = b.text
            lines.append(Line(offset, offset + len(text), b.page, b.kind, bold=b.bold))
        parts.append(text)
        offset += len(text) + 1
    return ComposedText(text="\n".join(parts), lines=lines)
