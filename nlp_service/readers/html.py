"""HTML: the article only, via trafilatura (no navigation, menus, related links, footers).

Press reports about a notice arrive as saved news pages; trafilatura's boilerplate removal is
measured-good on news sites and keeps tables. When it finds no article (a bare fragment, a
very short page), the visible text of the page minus script/style/nav/header/footer is used.
"""

from __future__ import annotations

import lxml.html
import trafilatura

from nlp_service.errors import CorruptFileError, FileTooLargeError
from nlp_service.readers._util import clean
from nlp_service.readers.limits import DEFAULT_LIMITS, MB, ReadLimits
from nlp_service.readers.sniff import HTML, decode_text
from nlp_service.readers.text import PipeTables, markdown_table_cells
from nlp_service.types import Block, RawDocument

_DROP = ("script", "style", "nav", "header", "footer", "aside", "noscript", "form")


def read_html(data: bytes, limits: ReadLimits = DEFAULT_LIMITS) -> RawDocument:
    if len(data) > limits.max_html_bytes:
        raise FileTooLargeError(
            f"The HTML page is {len(data) / MB:.0f} MB; the limit for HTML is "
            f"{limits.max_html_bytes / MB:.0f} MB."
        )
    markup = decode_text(data)
    if markup is None:
        raise CorruptFileError("The HTML file is not valid text in any supported encoding.")
    extracted = trafilatura.bare_extraction(
        markup,
        include_tables=True,
        include_comments=False,
        include_links=False,
        include_images=False,
        with_metadata=True,
        deduplicate=True,
    )
    title: str | None = None
    text = ""
    if extracted is not None:
        title = getattr(extracted, "title", None)
        text = getattr(extracted, "text", None) or ""
    warnings: list[str] = []
    if not text.strip():
        text, fallback_title = _visible_text(markup)
        title = title or fallback_title
        if text.strip():
            warnings.append("html: no article found; using the page's visible text")
    blocks: list[Block] = []
    tables = PipeTables()
    for line in text.splitlines():
        cells = markdown_table_cells(line)
        if cells is not None:
            block = tables.row_block(cells)
            if block is not None:
                blocks.append(block)
            continue
        tables.close()
        cleaned = clean(line)
        if cleaned:
            blocks.append(Block(cleaned))
    return RawDocument(
        blocks, HTML, wrapped=False, warnings=warnings, html_title=clean(title) if title else None
    )


def _visible_text(markup: str) -> tuple[str, str | None]:
    try:
        root = lxml.html.fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        return "", None
    title_el = root.find(".//title")
    title = title_el.text_content() if title_el is not None else None
    for tag in _DROP:
        for el in root.iter(tag):
            el.drop_tree()
    lines = []
    for el in root.iter("p", "h1", "h2", "h3", "h4", "li", "td", "div"):
        if el.tag == "div" and len(el):
            continue
        lines.append(el.text_content())
    return "\n".join(lines), title
