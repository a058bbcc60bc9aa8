"""Domain objects shared between the stages of the pipeline (dataclasses only).

Data flows one way: a reader turns bytes into a :class:`RawDocument` (blocks of text with their
page and layout role), the text layer composes the blocks into one normalised string whose
offsets every later finding points into, and the NLP layer adds entities and tasks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

BlockKind = Literal[
    "paragraph",  # running text (already one paragraph, or one visual line when wrapped=True)
    "header_left",  # left column of the NĐ 30 header: parent body, issuing body, "Số: …"
    "header_right",  # right column: Quốc hiệu, Tiêu ngữ, "…, ngày … tháng … năm …"
    "table_row",  # one row of a table; ``cells`` holds the cell texts in column order
    "page_break",  # marker only; text is empty
]


@dataclass
class Block:
    """One unit of text as laid out in the source file.

    Readers never guess structure beyond layout: a PDF reader emits visual lines (and sets
    ``RawDocument.wrapped``), a DOCX reader emits paragraphs and table rows in body order.
    """

    text: str
    page: int = 1
    kind: BlockKind = "paragraph"
    cells: list[str] | None = None
    table: int | None = None  # index of the table this row belongs to
    row: int | None = None  # index of the row inside its table
    bold: bool | None = None  # when the format tells (DOCX runs, PDF font names)
    x0: float | None = None  # left edge in points for PDF lines (indent evidence)


@dataclass
class PageInfo:
    number: int
    ocr: bool = False
    ocr_confidence: float | None = None
    text_quality: float | None = None  # share of valid Vietnamese syllables, 0..1


@dataclass
class RawDocument:
    """What a reader returns: text blocks plus facts about the source."""

    blocks: list[Block]
    media_type: str
    pages: list[PageInfo] = field(default_factory=list)
    wrapped: bool = False  # paragraph blocks are visual lines that must be unwrapped
    ocr: bool = False
    warnings: list[str] = field(default_factory=list)
    html_title: str | None = None
    # Days the file was digitally signed (a PDF's signature dictionaries). E-signed notices often
    # leave "ngày … tháng … năm" blank in the text: the stamp carries the date.
    signed_on: list[date] = field(default_factory=list)
