"""HTML: the article only, via trafilatura (no navigation, menus, related links, footers).

Press reports about a notice arrive as saved news pages; trafilatura's boilerplate removal is
measured-good on news sites and keeps tables. When it finds no article (a bare fragment, a
very short page), the visible text of the page minus script/style/nav/header/footer is used.
"""

from __future__ import annotations

from html.parser import HTMLParser

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
    if not text.strip():
        # lxml drops what is nested deeper than 255 elements: a page built of thousands of
        # nested <div>s reads as empty. The standard library's tokenizer has no tree, so no
        # depth; it still only keeps text outside script and style.
        text = _streamed_text(markup)
        if text.strip():
            warnings.append("html: the page nests too deeply for a parser; using its bare text")
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


_BREAKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table"}
_HIDDEN = {"script", "style", "noscript"}


class _TextCollector(HTMLParser):
    """Text of a page as a stream of tags: line breaks at block tags, nothing from scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _streamed_text(markup: str) -> str:
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return "".join(collector.parts)
