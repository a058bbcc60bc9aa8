"""Plain text and Markdown: paragraphs, Markdown pipe tables as table rows.

Text exported from other tools is often hard-wrapped (each visual line ends in a newline,
paragraphs separated by nothing or by a blank line); the reader only detects that and sets
``wrapped`` so the text layer unwraps with its Vietnamese-aware rules. Markdown syntax that is
not text (heading marks, emphasis, ``<jsontable>`` placeholders from converters) is removed.
"""

from __future__ import annotations

import itertools
import re

from nlp_service.errors import CorruptFileError
from nlp_service.readers._util import clean, is_header_right
from nlp_service.readers.sniff import MARKDOWN, TEXT, decode_text
from nlp_service.types import Block, BlockKind, RawDocument

_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_TABLE_SEPARATOR = re.compile(r"^\s*:?-{2,}:?\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_TAGS = re.compile(r"</?jsontable\b[^>]*>", re.IGNORECASE)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_INLINE_HTML = re.compile(r"</?(?:div|span|br|p|center|b|i|u|strong|em|sup|sub|font)\b[^>]*>", re.I)
_ITALIC = re.compile(r"(?<![*\w])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![*\w])")
_LONE_STAR = re.compile(r"^\*(?=\S)|(?<=\S)\*$")
_HRULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
# "<br>" breaks a line: inside a pipe table's cell it is kept as this mark until the cell is
# read (a header cell's lines are the header's lines), elsewhere the line is split at it.
_BR = re.compile(r"<br\s*/?>", re.I)
CELL_BREAK = "\ue000"
_RULE_TEXT = re.compile(r"^[\s\-–—_=.*]*$")


def markdown_table_cells(line: str) -> list[str] | None:
    """Cells of a ``| a | b |`` line; [] for a separator row; None when not a table line."""
    m = _TABLE_ROW.match(line)
    if not m:
        return None
    cells = [clean(_unemphasise(c)) for c in m.group(1).split("|")]
    if all(_TABLE_SEPARATOR.match(c) or not c for c in cells):
        return []
    return cells


def _unemphasise(text: str) -> str:
    """Markdown emphasis marks off: "**Điều 1.**" -> "Điều 1.", "*Lâm Đồng, ngày …*"."""
    return _LONE_STAR.sub("", _ITALIC.sub(r"\1", _EMPHASIS.sub(r"\2", text)).strip())


def header_table_blocks(cells: list[str]) -> list[Block] | None:
    """A pipe-table row that is the NĐ 30 header ("| ỦY BAN NHÂN DÂN<br>TỈNH X | CỘNG HÒA …<br>…
    |", "| Số: 45/KH-UBND | Lâm Đồng, ngày … |"): its first cell's lines as the left column, the
    others' as the right, as a Word header table is read; ``None`` for any other row."""
    lines = [[clean(x) for x in c.split(CELL_BREAK)] for c in cells]
    flat = [x for cell in lines for x in cell if x]
    if not flat or not any(is_header_right(x) or x.startswith("Số") for x in flat):
        return None
    out: list[Block] = []
    for i, cell in enumerate(lines):
        kind: BlockKind = "header_left" if i == 0 else "header_right"
        out += [Block(x, kind=kind) for x in cell if x and not _RULE_TEXT.match(x)]
    return out


def _unbreak(cells: list[str]) -> list[str]:
    return [clean(c.replace(CELL_BREAK, " ")) for c in cells]


class PipeTables:
    """Numbers the rows of pipe tables (``| a | b |``) as they are read, line by line."""

    def __init__(self) -> None:
        self.table = -1
        self.row = 0
        self.open = False

    def row_block(self, cells: list[str]) -> Block | None:
        """The block of one table line; ``None`` for a separator row (``|---|``)."""
        if not self.open:
            self.table, self.row, self.open = self.table + 1, 0, True
        if not cells:
            return None
        block = Block(
            " | ".join(c for c in cells if c),
            kind="table_row",
            cells=cells,
            table=self.table,
            row=self.row,
        )
        self.row += 1
        return block

    def close(self) -> None:
        self.open = False


def looks_hard_wrapped(lines: list[str]) -> bool:
    """Lines broken mid-sentence: a line without closing punctuation followed by a line that
    starts in lower case ("…ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của" /
    "Luật Tổ chức…" does not count, "…địa phương" / "ngày 19 tháng 6…" does).

    One such break in seven lines is far above what paragraph-per-line text produces.
    """
    content = [ln.strip() for ln in lines if ln.strip() and not _TABLE_ROW.match(ln)]
    if len(content) < 4:
        return False
    breaks = sum(
        1
        for cur, nxt in itertools.pairwise(content)
        if cur[-1] not in '.;:!?)”"' and nxt[0].islower()
    )
    return breaks / (len(content) - 1) >= 0.15


def _blank_line_paragraphs(lines: list[str]) -> bool:
    """True when blank lines separate multi-line groups, i.e. a line break is not a paragraph."""
    groups = _groups(lines)
    multi = sum(1 for g in groups if len(g) > 1 and not any(_TABLE_ROW.match(x) for x in g))
    if len(groups) < 3 or multi < len(groups) / 2:
        return False
    mean_size = sum(len(g) for g in groups) / len(groups)
    return mean_size <= 12 and looks_hard_wrapped(lines)


def _groups(lines: list[str]) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


_ITEM_START = re.compile(
    r"^\s*(?:[-–+•*]\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[a-zđ][)]\s|[IVXLC]{1,6}[.)]\s|"
    r"(?:Điều|Chương|Mục|Phần)\s+\w+)"
)


def _join_groups(lines: list[str]) -> list[str]:
    """Join the lines of each blank-line group; a list item or heading starts a new paragraph."""
    out: list[str] = []
    for group in _groups(lines):
        if any(_TABLE_ROW.match(x) or _HEADING.match(x) for x in group):
            out.extend(group)
            continue
        current: list[str] = []
        for x in group:
            if current and (_ITEM_START.match(x) or _caps(x) != _caps(current[-1])):
                out.append(" ".join(current))
                current = []
            current.append(x.strip())
        if current:
            out.append(" ".join(current))
    return out


def _caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


_COLUMN_GAP = re.compile(r"\S(\s{3,}|\t+)\S")


def _header_columns(line: str) -> tuple[str, str] | None:
    """A header line laid out in two columns with spaces ("HĐND HUYỆN X      CỘNG HÒA …")."""
    m = _COLUMN_GAP.search(line.strip())
    if not m:
        return None
    stripped = line.strip()
    return stripped[: m.start(1)], stripped[m.end(1) :]


def read_text(data: bytes, media_type: str = TEXT) -> RawDocument:
    text = decode_text(data)
    if text is None:
        raise CorruptFileError("The text file is not valid UTF-8, UTF-16 or Windows-1258.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if media_type == MARKDOWN:
        text = _BR.sub(CELL_BREAK, _HTML_COMMENT.sub("", _TAGS.sub("", text)))
        text = _INLINE_HTML.sub("", text)
    lines = text.split("\n")
    if media_type == MARKDOWN:
        lines = [
            part
            for line in lines
            for part in ([line] if _TABLE_ROW.match(line) else line.split(CELL_BREAK))
        ]
    header = _split_header(lines) if media_type == TEXT else []
    lines = lines[len(header) :] if header else lines
    if _blank_line_paragraphs(lines):
        # Paragraphs separated by blank lines (Markdown's own rule): join each group's lines.
        lines = _join_groups(lines)
    blocks: list[Block] = list(_header_blocks(header))
    tables = PipeTables()
    for line in lines:
        cells = markdown_table_cells(line) if media_type == MARKDOWN else None
        if cells is not None:
            if cells and len(blocks) < 6 and (head := header_table_blocks(cells)) is not None:
                blocks += head  # the header table's rows come first in the document
                continue
            block = tables.row_block(_unbreak(cells))
            if block is not None:
                blocks.append(block)
            continue
        tables.close()
        if media_type == MARKDOWN:
            if _HRULE.match(line):
                continue
            line = _unemphasise(_HEADING.sub("", line))
        cleaned = clean(line)
        if cleaned:
            blocks.append(Block(cleaned))
    return RawDocument(blocks, media_type, wrapped=looks_hard_wrapped(lines))


def _split_header(lines: list[str]) -> list[str]:
    """The leading lines of an NĐ 30 header typed with spaces between its two columns.

    Only lines before the first blank-separated body paragraph qualify, and only when at least
    one of them holds the Quốc hiệu or a "Số:"/date pair side by side.
    """
    head: list[str] = []
    for line in lines[:14]:
        if line.strip() and not _header_columns(line) and head and len(line.strip()) > 60:
            break
        head.append(line)
    joined = "\n".join(head)
    if not re.search(r"C[ỘO]NG\s+H[ÒO]A|Số\s*:.*ngày", joined, re.IGNORECASE):
        return []
    if not any(_header_columns(x) for x in head):
        return []
    last = max(i for i, x in enumerate(head) if _header_columns(x))
    return head[: last + 1]


def _header_blocks(lines: list[str]) -> list[Block]:
    left: list[Block] = []
    right: list[Block] = []
    for line in lines:
        if not line.strip():
            continue
        cols = _header_columns(line)
        if cols is None:
            # A line in one column only: its indentation tells which.
            indent = len(line) - len(line.lstrip())
            target = right if indent > 20 else left
            target.append(
                Block(clean(line), kind="header_right" if target is right else "header_left")
            )
            continue
        a, b = cols
        left.append(Block(clean(a), kind="header_left"))
        right.append(Block(clean(b), kind="header_right"))
    return left + right
