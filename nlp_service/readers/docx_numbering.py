"""Word list numbering ("1.", "a)", "-") that python-docx leaves out of ``paragraph.text``.

Notices number their sections and items with Word's automatic lists, and those labels are
what the structure layer needs ("a) Giao Sở Tài chính …" is item a of section 2). The labels
live in numbering.xml as per-level formats and templates; counters run per list instance
(w:num) and a level restarts when a shallower level advances, as Word does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

_W_VAL = qn("w:val")


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"


@dataclass
class Numbering:
    """Renders the label of each numbered paragraph in document order."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId → ilvl → level
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_document(cls, document: Any) -> Numbering:
        try:
            root = document.part.numbering_part.element
        except (KeyError, AttributeError, NotImplementedError):
            return cls()
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.findall(qn("w:abstractNum")):
            abstract[node.get(qn("w:abstractNumId"))] = {
                int(lvl.get(qn("w:ilvl"), "0")): _parse_level(lvl)
                for lvl in node.findall(qn("w:lvl"))
            }
        levels: dict[str, dict[int, _Level]] = {}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None:
                continue
            base = {k: _Level(**vars(v)) for k, v in abstract.get(ref.get(_W_VAL), {}).items()}
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    base[ilvl] = _parse_level(lvl)
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in base:
                    base[ilvl].start = int(start.get(_W_VAL, "1"))
            levels[num.get(qn("w:numId"))] = base
        return cls(levels)

    def label(self, paragraph_element: Any, style: Any = None) -> str:
        """The label of this paragraph ("" when it is not numbered); advances the counters.

        The numbering comes from the paragraph itself or else from its style ("List Number")
        or the styles that style is based on.
        """
        num_pr = _num_pr(paragraph_element)
        while num_pr is None and style is not None:
            num_pr = _num_pr(style.element)
            style = style.base_style
        if num_pr is None:
            return ""
        num_id_el, ilvl_el = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
        if num_id_el is None:
            return ""  # a paragraph may switch its style's numbering off with numId 0 only
        num_id = num_id_el.get(_W_VAL)
        ilvl = int(ilvl_el.get(_W_VAL, "0")) if ilvl_el is not None else 0
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = levels[ilvl].text
        for k in range(9):
            placeholder = f"%{k + 1}"
            if placeholder in text:
                lvl = levels.get(k, _Level())
                value = counters.get(k, lvl.start)
                text = text.replace(placeholder, _format(value, lvl.fmt))
        if levels[ilvl].fmt == "bullet":
            text = _bullet(text)
        return text if levels[ilvl].fmt != "none" else ""


def _num_pr(paragraph_element: Any) -> Any:
    ppr = paragraph_element.find(qn("w:pPr"))
    return None if ppr is None else ppr.find(qn("w:numPr"))


def _parse_level(lvl: Any) -> _Level:
    def val(tag: str, default: str) -> str:
        el = lvl.find(qn(tag))
        return el.get(_W_VAL, default) if el is not None else default

    return _Level(
        start=int(val("w:start", "1")),
        fmt=val("w:numFmt", "decimal"),
        text=val("w:lvlText", "%1."),
        suffix=val("w:suff", "tab"),
    )


def _roman(n: int) -> str:
    out = ""
    for value, digits in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out += digits
            n -= value
    return out


def _letters(n: int) -> str:
    # Word repeats the letter past z: aa, bb, …
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _bullet(text: str) -> str:
    """Symbol-font bullets are private-use code points; show them as a plain bullet."""
    if not text or any("\ue000" <= ch <= "\uf8ff" for ch in text) or text in ("o", "§"):
        return "•"
    return text
