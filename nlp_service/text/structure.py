"""Document structure of an NĐ 30/2020 notice: header fields, body bounds, sections, addressees.

The format is regular enough for rules: a two-column header (issuing body and "Số: …" on the
left; Quốc hiệu, Tiêu ngữ and "<place>, ngày … tháng … năm …" on the right), the tên loại and
trích yếu, the body, then "Nơi nhận:" and the signature block. Readers that know the layout
(PDF, DOCX) mark header lines; for plain text the same fields are found in the first lines.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

import yaml

from nlp_service.text import letters
from nlp_service.text.compose import CELL_SEPARATOR, PARAGRAPH_OPENER, ComposedText, Line

_RULE_LINE = re.compile(r"^[\s_\-–—=.*]+$")
# "Số:" / "SỐ" as a header writes it; a lower-case "số" is prose ("Báo cáo số 40/BC-HĐND ngày …"
# in the body cites another document).
_NUMBER_LINE = re.compile(r"(?:^|\s)(?:Số|SỐ)\s*(?::|\s)\s*(?P<num>[^\s,;]*(?:\s*/\s*[^\s,;]+)*)")
_NUMBER_VALUE = re.compile(
    r"^(?P<n>\d{1,6})?(?:/(?P<year>\d{4}))?/(?P<code>[A-ZĐa-zđ0-9&.\-]+)(?:/(?P<tail>[A-ZĐ0-9\-]+))?$"
)
_GARBLED_NUMBER = re.compile(r"^(?=[^/]*\d)(?P<n>[^/\s]{1,6})/(?P<code>[A-ZĐ][A-ZĐ0-9&.\-]+)$")
# The number slot of a scan whose handwritten or stamped digits OCR could not read ("Số: 3 49/
# C04-P6", "Số: Ở32/QĐÐ-TTg", "Số: 70 0 7/2024/QĐ-UBND"): what it read, and the printed code.
_NUMBER_SLOT = re.compile(
    r"(?:^|\s)(?:Số|SỐ)\s*:?\s*(?P<slot>[^/\n:]{1,8}?)\s*/\s*"
    r"(?P<code>(?:\d{4}/)?[A-ZĐÐ][A-Za-zĐđÐ0-9&.\-]*(?:/[A-ZĐ0-9\-]+)?)"
)
_PARTY_NUMBER = re.compile(r"^(?P<n>\d{1,6})-(?P<code>[A-ZĐa-z]+)/(?P<tail>[A-ZĐ0-9\-]+)$")
_DATE_LINE = re.compile(
    r"(?P<place>[A-ZĐ][\wÀ-ỹ.\- ]{1,40}?)\s*,\s*ngày\s*(?P<d>\d{1,2})?\s*(?:[./]|\s)*"
    r"tháng\s*(?P<m>\d{1,2})?\s*(?:[./]|\s)*năm\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_LEGAL_BASIS = re.compile(r"^\s*(?:Căn\s+cứ|Xét|Thực\s+hiện|Theo\s+đề\s+nghị)\s")
_STAMPED_DATE_LINE = re.compile(
    r"(?P<place>[A-ZĐ][\wÀ-ỹ.\- ]{1,40}?)\s*,\s*ngày\s*[^\n]{1,10}?\s*"
    r"tháng\s*(?:(?P<m>\d{1,2})\s*|[^\n]{0,6}?)năm\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
# "Hà Nội, tháng 10 năm 2025": OCR dropped "ngày" with the handwritten day after it.
_MONTH_DATE_LINE = re.compile(
    r"(?P<place>[A-ZĐ][\wÀ-ỹ.\- ]{1,40}?)\s*,\s*tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_SUBJECT_VV = re.compile(r"^\s*(?:V/v|Về\s+việc)\b", re.IGNORECASE)
_KINH_GUI = re.compile(r"^\s*Kính\s+gửi\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_NOI_NHAN = re.compile(r"^\s*Nơi\s+nhận\s*:?", re.IGNORECASE)
_SIGN_TITLE = re.compile(
    r"^\s*(?:TM\.|KT\.|TL\.|TUQ\.|Q\.|CHỦ\s+TỊCH|PHÓ\s+CHỦ\s+TỊCH|GIÁM\s+ĐỐC|PHÓ\s+GIÁM\s+ĐỐC|"
    r"CHÁNH\s+VĂN\s+PHÒNG|PHÓ\s+CHÁNH\s+VĂN\s+PHÒNG|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|TRƯỞNG\s+BAN|"
    r"PHÓ\s+TRƯỞNG\s+BAN|CỤC\s+TRƯỞNG|PHÓ\s+CỤC\s+TRƯỞNG|THỦ\s+TRƯỞNG|BÍ\s+THƯ|"
    r"TRƯỞNG\s+ĐOÀN|THƯỜNG\s+TRỰC)",
)
_PERSON_NAME = re.compile(
    r"^(?:(?:Đ/c|Ông|Bà)\s+)?(?P<name>[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4})$"
)
_TRAILING_NAME = re.compile(
    r"(?:^|\s)(?P<name>[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4})\s*$"
)
_NOT_AN_ISSUER = re.compile(
    r"^(?:KHÓA|KHOÁ|KỲ\s+HỌP|QUYẾT\s+NGHỊ|QUYẾT\s+ĐỊNH\s*:|CỘNG\s+HÒA|CỘNG\s+HOÀ|ĐỘC\s+LẬP)", re.I
)
_NAME_START = re.compile(
    r"^(?:[ỦU][YỶ]\s+BAN|UBND|HỘI\s+ĐỒNG|HĐND|SỞ|BỘ|BAN|VĂN\s+PHÒNG|TỔNG\s+CỤC|CỤC|CHI\s+CỤC|"
    r"TRUNG\s+TÂM|CÔNG\s+AN|THƯỜNG\s+TRỰC|ĐOÀN|PHÒNG|VỤ|THANH\s+TRA|KHO\s+BẠC|BẢO\s+HIỂM|"
    r"TỈNH\s+ỦY|THÀNH\s+ỦY|HUYỆN\s+ỦY|ĐẢNG\s+ỦY|ĐẢNG\s+BỘ|MẶT\s+TRẬN|BCĐ|CHÍNH\s+PHỦ|"
    r"THỦ\s+TƯỚNG|TRƯỜNG|BỆNH\s+VIỆN|VIỆN|TÒA\s+ÁN|TOÀ\s+ÁN|HỘI|LIÊN\s+ĐOÀN|ĐÀI|BÁO|"
    r"CÔNG\s+TY|TỔNG\s+CÔNG\s+TY|BỘ\s+CHỈ\s+HUY|BAN\s+CHỈ\s+HUY|CHỦ\s+TỊCH|TỔ)\b",
    re.I,
)
# The unit words that open a place name in a header ("TỈNH LÂM ĐỒNG", "THÀNH PHỐ HÀ NỘI").
_PLACE_UNIT = r"(?:TỈNH|THÀNH\s+PHỐ|TP\.?|HUYỆN|QUẬN|THỊ\s+XÃ|XÃ|PHƯỜNG|THỊ\s+TRẤN|ĐẶC\s+KHU)"
_PLACE_OF_PARENT = re.compile(rf"\b{_PLACE_UNIT}\s+\S.*$", re.I)
_COUNCIL_OR_COMMITTEE = r"(?:HỘI\s+ĐỒNG\s+NHÂN\s+DÂN|[ỦU][YỶ]\s+BAN\s+NHÂN\s+DÂN)"
_ENACTING_BODY = re.compile(rf"^{_COUNCIL_OR_COMMITTEE}\b")
# "Nghị quyết này đã được Hội đồng nhân dân tỉnh … thông qua ngày 13 tháng 7 năm 2017": the
# date a council resolution is passed is its date.
_PASSED_ON = re.compile(
    r"thông\s+qua\s+ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", re.I
)
_PLACE_WORDS = re.compile(rf"^{_PLACE_UNIT}\b", re.IGNORECASE)
_HEADING = re.compile(
    r"^(?P<label>(?:PHẦN|Phần|CHƯƠNG|Chương|MỤC|Mục)\s+[IVXLC\d]+|Điều\s+\d+|"
    r"[IVXLC]{1,6}(?=[.)])|\d{1,2}(?:\.\d{1,2}){0,3}(?=[.)]\s)|[a-zđ](?=\)\s)|"
    r"[a-zđ]\d?(?=\.\s))[.)]?\s*"
)


@dataclass
class Section:
    """A numbered division of the body ("II.", "1.", "a)", "Điều 2."), with its heading text."""

    label: str
    level: int
    start: int  # offset of the heading line
    end: int  # offset where the next section of the same or a higher level starts
    heading: str  # text of the heading line
    line_end: int  # end of the heading line


@dataclass
class Addressee:
    text: str
    start: int
    end: int


@dataclass
class DocFields:
    doc_type: str | None = None
    number: str | None = None
    issuer_raw: str | None = None
    issue_date: date | None = None
    place: str | None = None
    subject: str | None = None
    signer_name: str | None = None
    signer_title: str | None = None
    recipients: list[str] = field(default_factory=list)
    urgency: str | None = None


@dataclass
class Structure:
    fields: DocFields
    body_start: int
    body_end: int
    sections: list[Section]
    addressees: list[Addressee]
    header_end: int  # offset after the header and the title/subject lines
    anchor_date: date | None = None  # issue date, or the first day a draft's header allows
    annex_start: int | None = None  # an attached regulation / appendix after the signature
    # (year, month or None) of a date line whose day is left blank ("ngày   tháng 11 năm 2025").
    blank_date: tuple[int, int | None] | None = None
    # (what OCR read of an unreadable number, the printed code): "4H09", "BCA-C04".
    number_slot: tuple[str, str] | None = None
    # The date line's day was written over the blank and came out garbled: its month may be too.
    handwritten_day: bool = False

    def date_from_signatures(self, signed_on: list[date]) -> date | None:
        """The issue date of an e-signed notice whose date line was left for the stamp.

        The last signature agreeing with the year (and month) the line does give: the office
        that numbers and dates the notice signs after the signer.
        """
        if self.fields.issue_date is not None or self.blank_date is None:
            return None
        year, month = self.blank_date
        fits = [d for d in signed_on if d.year == year and (month is None or d.month == month)]
        if not fits and month is not None and self.handwritten_day:
            # "ngày lé tháng 3 năm 2025" over a handwritten "16 tháng 9": the month was written by
            # the same hand as the day and came out as garbled; the year is printed. (A typed
            # month the signatures miss is left alone.)
            fits = [d for d in signed_on if d.year == year]
        return max(fits) if fits else None

    def in_body(self, offset: int) -> bool:
        """Operative text: the body, or an annex that is part of the document (ANNOTATION.md)."""
        if self.body_start <= offset < self.body_end:
            return True
        return self.annex_start is not None and offset >= self.annex_start

    def section_path(self, offset: int) -> str | None:
        """The dotted label of the innermost sections around ``offset``, e.g. "II.2.b"."""
        labels = [s.label for s in self.sections if s.start <= offset < s.end]
        return ".".join(labels) if labels else None

    def innermost(self, offset: int) -> list[Section]:
        return [s for s in self.sections if s.start <= offset < s.end]


@lru_cache(maxsize=1)
def _doc_type_data() -> dict[str, object]:
    with (
        resources.files("nlp_service.text.data")
        .joinpath("doc_types.yaml")
        .open(encoding="utf-8") as fh
    ):
        data: dict[str, object] = yaml.safe_load(fh)
    return data


def _type_names() -> list[tuple[str, str]]:
    names = _doc_type_data()["names"]
    assert isinstance(names, dict)
    return sorted(names.items(), key=lambda kv: -len(kv[0]))


@lru_cache(maxsize=1)
def _type_bases() -> list[tuple[str, str]]:
    """(type name in base letters, code), longest first: titles are matched accent-blind."""
    return [(letters.base_letters(name), code) for name, code in _type_names()]


def _codes() -> set[str]:
    codes = _doc_type_data()["codes"]
    assert isinstance(codes, list)
    return {str(c).upper() for c in codes}


def _strip_header_noise(text: str) -> str:
    text = letters.remove(letters.TIEU_NGU, letters.remove(letters.QUOC_HIEU, text))
    text = _DATE_LINE.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip(" -_–—")


def parse_number(value: str) -> tuple[str | None, str | None]:
    """("24/TB-HĐND") -> (number, type code); a blank draft number gives (None, code)."""
    value = re.sub(r"\s+", "", value).strip(".;,")
    if not value:
        return None, None
    codes = _codes()
    m = _NUMBER_VALUE.match(value)
    if m:
        code = _known_code(m.group("code").split("-")[0].upper(), codes)
        number = value if m.group("n") else None
        if code is None and m.group("code"):
            code = "CV"  # công văn: the number carries the issuer, no type code
        return number, _canonical_code(code)
    m = _PARTY_NUMBER.match(value)
    if m:
        return value, _canonical_code(_known_code(m.group("code").upper(), codes))
    m = _GARBLED_NUMBER.match(value)
    if m:
        # A handwritten number OCR'd into letters ("4H09/BCA-C04"): the number is unreadable,
        # the printed code after it still tells the type ("12a/QĐ-UBND" is a real number).
        code = _known_code(m.group("code").split("-")[0].upper(), codes) or "CV"
        number = value if re.fullmatch(r"\d{1,5}[a-z]", m.group("n")) else None
        return number, _canonical_code(code)
    return None, None


def _known_code(code: str, codes: set[str]) -> str | None:
    """A type code, also when typed or OCR'd without its Đ ("QD" for QĐ, "CD" for CĐ).

    Folding is only a fallback: "DA" (dự án) is a code of its own and stays one.
    """
    if code in codes:
        return code
    folded = [c for c in codes if c.replace("Đ", "D") == code]
    return folded[0] if len(folded) == 1 else None


def _canonical_code(code: str | None) -> str | None:
    if code is None:
        return None
    for known in _doc_type_data()["codes"]:  # type: ignore[attr-defined]
        if str(known).upper() == code.upper():
            return str(known)
    return code


def _title_type(line: str) -> str | None:
    """The type code of a title line ("KẾ HOẠCH …"), its accents compared as letters only: OCR
    misreads them on scans ("QUYÉT ĐỊNH", "GIÁY MỜI"), and no two type names differ by accents
    alone."""
    upper = letters.base_letters(line.strip().upper())
    for base, code in _type_bases():
        if upper == base or (upper.startswith(base + " ") and len(upper) < len(base) + 60):
            return code
    return None


def _title_in_header_column(ct: ComposedText, head_lines: list[Line]) -> str | None:
    """The type name of a scan whose centred title the OCR's column split put in a header column.

    Only a line that is the type name alone and comes after the date line counts: nothing in the
    header columns above the date is ever a title.
    """
    dated = False
    for ln in head_lines:
        if ln.kind not in ("header_left", "header_right"):
            continue
        t = ct.line_text(ln).strip()
        if _DATE_LINE.search(t):
            dated = True
            continue
        if dated and _is_caps(t):
            upper = letters.base_letters(t.upper())
            code = next((c for base, c in _type_bases() if upper == base), None)
            if code:
                return code
    return None


def _place(raw: str) -> str | None:
    """ "Số: /UBND-NCKS Bình Thuận" merged lines leave codes before the place: drop them."""
    tokens = _strip_header_noise(raw).split()
    has_lower = any(any(c.islower() for c in t) for t in tokens)
    while tokens and has_lower and (not any(c.islower() for c in tokens[0]) or "/" in tokens[0]):
        tokens.pop(0)
    return " ".join(tokens) or None


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _issuer_from_lines(lines: list[str]) -> str | None:
    """The issuing body from the left header lines (parent body first, issuer last)."""
    parts = [p for p in (_strip_header_noise(x) for x in lines) if p and not _RULE_LINE.match(p)]
    parts = [p for p in parts if not re.match(r"^Số\b", p, re.IGNORECASE)]
    parts = [p for p in parts if not _NOT_AN_ISSUER.match(p)]
    if not parts:
        return None
    # Join lines that continue one name ("ỦY BAN NHÂN DÂN" / "TỈNH BÌNH THUẬN", "CỤC CẢNH SÁT
    # ĐIỀU TRA" / "TỘI PHẠM VỀ MA TÚY", "TRUNG TÂM XÚC TIẾN ĐẦU TƯ," / "THƯƠNG MẠI VÀ DU LỊCH"):
    # a new name starts only with a body's head noun.
    names: list[str] = []
    for p in parts:
        if names and (
            _PLACE_WORDS.match(p) or not _NAME_START.match(p) or names[-1].endswith((",", "-"))
        ):
            names[-1] = names[-1] + " " + p
        else:
            names.append(p)
    issuer = names[-1]
    has_place = re.search(r"\b(?:TỈNH|THÀNH\s+PHỐ|HUYỆN|XÃ|PHƯỜNG|QUẬN)\b", issuer, re.I)
    if len(names) >= 2 and not has_place:
        parent = names[-2]
        if re.match(r"^(?:VĂN\s+PHÒNG|THƯỜNG\s+TRỰC|BAN\b)", issuer, re.I):
            # A sub-unit names its parent: "UBND TỈNH LÂM ĐỒNG" / "VĂN PHÒNG".
            issuer = f"{issuer} {parent}"
        elif place := _PLACE_OF_PARENT.search(parent):
            # "UBND TỈNH LÂM ĐỒNG" / "SỞ NỘI VỤ": the department of that province.
            issuer = f"{issuer} {place.group(0)}"
    return issuer


_ENACTING_TAIL = re.compile(
    rf"(?<!CỦA )(?<!VỀ )\b(?P<body>{_COUNCIL_OR_COMMITTEE}\s+{_PLACE_UNIT}"
    r"\s+[^\W\d]+(?:\s+[^\W\d]+){0,3})$"
)


def _authority_issuer(head_texts: list[str]) -> str | None:
    """The enacting body a resolution or decision names under its title ("HỘI ĐỒNG NHÂN DÂN
    TỈNH GIA LAI" / "KHÓA XI, KỲ HỌP THỨ BA"), for documents whose header lost its left column."""
    for t in head_texts:
        if re.match(r"^\s*Căn\s+cứ\b", t):
            break
        stripped = t.strip()
        if _ENACTING_BODY.match(stripped) and _is_caps(stripped) and _PLACE_OF_PARENT.search(t):
            return stripped
        # "… GIAI ĐOẠN 2011 - 2016 HỘI ĐỒNG NHÂN DÂN TỈNH THỪA THIÊN HUẾ": the title's last
        # line and the enacting body read as one wrapped paragraph.
        tail = _ENACTING_TAIL.search(stripped)
        if tail and _is_caps(stripped) and _PLACE_OF_PARENT.search(tail.group("body")):
            return tail.group("body")
    return None


_ATTACHED_TO = re.compile(
    r"kèm\s+theo\s+(?P<kind>[^\W\d][^\d]{1,40}?)\s+số\s*:?\s*(?P<num>\d+[\w/.\-Đđ]*)", re.I
)


def _number_from_annex(text: str, annex_start: int, doc_type: str | None) -> str | None:
    """The document's own number as its annex quotes it, when the header lost it.

    "(Ban hành kèm theo Nghị quyết số 08/NQ-HĐND ngày 14 tháng 7 năm 2017 …)": an exported
    resolution whose header table came out empty still names itself at its annex. Only a number
    of the document's own type counts ("kèm theo Quyết định số …" under a Nghị quyết is another).
    """
    m = _ATTACHED_TO.search(text, annex_start, min(len(text), annex_start + 600))
    if m is None or doc_type is None:
        return None
    number, code = parse_number(m.group("num"))
    kind = _title_type(m.group("kind").upper())
    return number if code == doc_type and kind in (None, doc_type) else None


def _find_header_lines(ct: ComposedText) -> tuple[list[Line], list[Line]]:
    left = [ln for ln in ct.lines if ln.kind == "header_left"]
    right = [ln for ln in ct.lines if ln.kind == "header_right"]
    return left, right


def _line_texts(ct: ComposedText, lines: list[Line]) -> list[str]:
    out: list[str] = []
    for ln in lines:
        if ln.kind == "table_row" and ln.cells:
            out.extend(ct.text[a:b] for a, b in ln.cells)
        else:
            out.append(ct.line_text(ln))
    return out


def _sections(ct: ComposedText, start: int, end: int) -> list[Section]:
    found: list[Section] = []
    for ln in ct.lines:
        if ln.start < start or ln.start >= end or ln.kind == "table_row":
            continue
        text = ct.line_text(ln)
        m = _HEADING.match(text)
        if not m:
            continue
        label = m.group("label").strip()
        level = _level(label)
        if level is None:
            continue
        found.append(Section(label, level, ln.start, end, text, ln.end))
    # A section ends where the next one of the same or a higher (smaller) level starts.
    for i, sec in enumerate(found):
        for nxt in found[i + 1 :]:
            if nxt.level <= sec.level:
                sec.end = nxt.start
                break
    return found


def _level(label: str) -> int | None:
    if re.match(r"^(?:PHẦN|Phần|CHƯƠNG|Chương)\b", label):
        return 0
    if re.match(r"^(?:MỤC|Mục)\b", label):
        return 1
    if label.startswith("Điều"):
        return 1
    if re.fullmatch(r"[IVXLC]{1,6}", label):
        return 1
    if re.fullmatch(r"\d{1,2}", label):
        return 2
    if re.fullmatch(r"\d{1,2}(?:\.\d{1,2}){1,3}", label):
        return 2 + label.count(".")
    if re.fullmatch(r"[a-zđ]\d?", label):
        return 6
    return None


def analyse(ct: ComposedText) -> Structure:
    """Find the header fields, the body bounds, the sections and the addressees."""
    text = ct.text
    fields = DocFields()
    anchor: date | None = None
    blank_date: tuple[int, int | None] | None = None
    handwritten_day = False
    left, _right = _find_header_lines(ct)
    lines = ct.lines
    head_lines = lines[:40]
    head_texts = _line_texts(ct, head_lines)

    # Urgency marks stand alone near the top ("HỎA TỐC", "KHẨN").
    marks = _doc_type_data()["urgency"]
    assert isinstance(marks, dict)
    for t in head_texts[:15]:
        label = marks.get(re.sub(r"\s+", " ", t.strip(" .*").upper()))
        if label:
            fields.urgency = str(label)
            break

    # Number and type code.
    code_from_number: str | None = None
    number_line_idx: int | None = None
    for i, t in enumerate(head_texts):
        m = _NUMBER_LINE.search(t)
        if m and re.search(r"/", m.group("num") or ""):
            fields.number, code_from_number = parse_number(m.group("num"))
            number_line_idx = i
            break
    number_slot = _number_slot(head_texts) if fields.number is None else None

    # Issue date and place (never from the legal bases: "Xét Tờ trình số 02/TTr-HĐND, ngày 30
    # tháng 6 năm 2017 …" dates the proposal, not the resolution).
    for t in head_texts:
        if _LEGAL_BASIS.match(t):
            continue
        m = _DATE_LINE.search(t)
        g = None if m else _STAMPED_DATE_LINE.search(t) or _MONTH_DATE_LINE.match(t.strip())
        if g is not None:
            # "Hà Nội, ngày đ{ tháng năm 2025", "ngày 3 12 0 tháng 12 năm 2024": the day was
            # stamped or handwritten over the blank and came out garbled; the year (and a clean
            # month) still date the notice, and an e-signed file's signatures give the day.
            year = int(g.group("y"))
            month = int(g.group("m")) if g.group("m") and 1 <= int(g.group("m")) <= 12 else None
            fields.place = _place(g.group("place"))
            blank_date = (year, month)
            handwritten_day = True
            anchor = date(year, month or 1, 1)
            break
        if m:
            fields.place = _place(m.group("place"))
            year = int(m.group("y"))
            try:
                if m.group("d") and m.group("m"):
                    fields.issue_date = date(year, int(m.group("m")), int(m.group("d")))
                # A draft ("ngày   tháng 4 năm 2026") still dates the document for year-less
                # deadlines: the first day it can have been issued.
                anchor = fields.issue_date or date(year, int(m.group("m") or 1), 1)
                if fields.issue_date is None:
                    blank_date = (year, int(m.group("m")) if m.group("m") else None)
            except ValueError:
                fields.issue_date = None
            break

    # Issuer: the left column before "Số:".
    if left:
        left_texts = _line_texts(ct, left)
        cut = next(
            (i for i, t in enumerate(left_texts) if re.match(r"^\s*Số\b", t, re.I)), len(left_texts)
        )
        fields.issuer_raw = _issuer_from_lines(left_texts[:cut])
    elif number_line_idx is not None:
        before = head_texts[:number_line_idx]
        before = [t for t in before if _is_caps(_strip_header_noise(t) or "x")]
        fields.issuer_raw = _issuer_from_lines(before[-3:])
    if fields.issuer_raw is None:
        fields.issuer_raw = _authority_issuer(head_texts)

    # Title (tên loại), subject (trích yếu / V/v).
    title_idx: int | None = None
    header_end = 0
    for i, ln in enumerate(head_lines):
        if ln.kind in ("header_left", "header_right"):
            header_end = ln.end
            continue
        t = ct.line_text(ln)
        code = _title_type(t) if _is_caps(t) else None
        if code:
            fields.doc_type = code
            title_idx = i
            header_end = ln.end
            break
    if title_idx is None:
        fields.doc_type = _title_in_header_column(ct, head_lines) or fields.doc_type
    subject_parts: list[str] = []
    if title_idx is not None:
        for ln in head_lines[title_idx + 1 : title_idx + 1 + _SUBJECT_MAX_LINES]:
            t = ct.line_text(ln)
            if _RULE_LINE.match(t):
                header_end = ln.end  # the rule under the trích yếu closes the header
                break
            if not _continues_subject(t, subject_parts):
                break
            subject_parts.append(t)
            header_end = ln.end
    for idx, ln in enumerate(head_lines):
        t = ct.line_text(ln)
        if ln.kind == "header_left" and not subject_parts:
            vv = re.search(r"(?:^|\s)(V/v\s.*)$", t)
            if vv:
                subject_parts.append(vv.group(1).strip())
                for nxt in head_lines[idx + 1 :]:
                    if nxt.kind != "header_left":
                        break
                    subject_parts.append(ct.line_text(nxt))
                if fields.doc_type is None:
                    fields.doc_type = "CV"
                continue
        if ln.kind == "table_row" and ln.cells:
            cell_texts = [ct.text[a:b] for a, b in ln.cells]
        else:
            cell_texts = [t]
        for ct_text in cell_texts:
            vv = re.search(r"(?:^|\s)(V/v\s.*)$", ct_text)
            if vv and not subject_parts:
                subject_parts.append(vv.group(1).strip())
                header_end = max(header_end, ln.end)
                if fields.doc_type is None:
                    fields.doc_type = "CV"
    if subject_parts:
        fields.subject = re.sub(r"\s+", " ", " ".join(subject_parts)).strip(" -_")
    if fields.doc_type is None or (code_from_number and code_from_number != "CV"):
        # The type code printed in the number wins over a title read from the page: an OCR'd
        # title can be scrambled ("NGHỊ ĐỊNH" lost, "QUY ĐỊNH CHUNG" of Chương I taken for it);
        # on the gold corpus the two never disagree when the code names a type.
        fields.doc_type = code_from_number

    # Addressees ("Kính gửi: A; B" or a list of "- A;" lines after it).
    addressees: list[Addressee] = []
    for idx, ln in enumerate(lines[:60]):
        t = ct.line_text(ln)
        m = _KINH_GUI.match(t)
        if not m:
            continue
        rest_start = ln.start + m.start("rest")
        rest = m.group("rest")
        if rest.strip():
            addressees.extend(_split_addressees(rest, rest_start))
        last = ln
        for nxt in lines[idx + 1 : idx + 25]:
            nt = ct.line_text(nxt)
            if re.match(r"^\s*[-–+•]\s*\S", nt) and len(nt) < 200:
                addressees.extend(_split_addressees(nt, nxt.start))
                last = nxt
            else:
                break
        header_end = max(header_end, last.end)
        break
    fields.recipients = [a.text for a in addressees]

    # Body end: "Nơi nhận:" or the signature block.
    body_end = len(text)
    for ln in lines:
        if ln.start <= header_end:
            continue
        t = ct.line_text(ln)
        first_cell = t.split(CELL_SEPARATOR)[0]
        if _NOI_NHAN.match(first_cell) or _NOI_NHAN.match(t):
            body_end = ln.start
            break
    _signature(ct, body_end, fields)
    annex_start = _annex_start(ct, body_end)
    for r in _noi_nhan(ct, body_end, annex_start):
        if r not in fields.recipients:
            fields.recipients.append(r)

    if fields.number is None:
        # Where the annex starts: found, or after the body's closing "./." when an export lost
        # the signature block that would mark it.
        after = annex_start if annex_start is not None else text.rfind("./.") + 1 or None
        if after is not None:
            fields.number = _number_from_annex(text, after, fields.doc_type)
    if fields.issue_date is None and fields.doc_type == "NQ":
        passed = list(_PASSED_ON.finditer(text, 0, body_end))
        if passed:
            m = passed[-1]
            with contextlib.suppress(ValueError):
                fields.issue_date = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
                anchor = anchor or fields.issue_date
    body_start = header_end + 1 if header_end else 0
    sections = _sections(ct, body_start, body_end)
    if annex_start is not None:
        sections += _sections(ct, annex_start, len(text))
    return Structure(
        fields,
        body_start,
        body_end,
        sections,
        addressees,
        header_end,
        anchor,
        annex_start,
        blank_date,
        number_slot,
        handwritten_day,
    )


def _number_slot(head_texts: list[str]) -> tuple[str, str] | None:
    """What OCR read of a number it could not read, and the printed code after it."""
    for t in head_texts:
        m = _NUMBER_SLOT.search(t)
        if m and re.search(r"\S", m.group("slot")):
            code = re.sub(r"Đ{2,}", "Đ", m.group("code").replace("Ð", "Đ"))
            return m.group("slot").strip(), code
    return None


_ANNEX_TITLE = re.compile(
    r"^(?:QUY\s+ĐỊNH|QUY\s+CHẾ|PHỤ\s+LỤC|KẾ\s+HOẠCH|DANH\s+MỤC|HƯỚNG\s+DẪN|CHƯƠNG\s+TRÌNH|"
    r"ĐỀ\s+ÁN|PHƯƠNG\s+ÁN|BẢNG|BIỂU|Chương\s+[IVX\d]+|CHƯƠNG\s+[IVX\d]+|Phụ\s+lục)\b"
)


# Words that make a line an assignment sentence rather than the name of the document.
_DIRECTIVE_CUE = re.compile(
    r"\b(?:giao|yêu\s+cầu|đề\s+nghị|chỉ\s+đạo|có\s+trách\s+nhiệm|khẩn\s+trương|phân\s+công|"
    r"thông\s+báo\s+(?:như\s+sau|ý\s+kiến|kết\s+luận))\b",
    re.IGNORECASE,
)
# A caps line naming the authority that issues a resolution ("HỘI ĐỒNG NHÂN DÂN TỈNH …",
# "KHÓA XI, KỲ HỌP THỨ BA") follows the trích yếu of an NQ/QĐ: it is not part of it.
_AUTHORITY_LINE = re.compile(
    r"^\s*(?:HỘI\s+ĐỒNG\s+NHÂN\s+DÂN|[ỦU][YỶ]\s+BAN\s+NHÂN\s+DÂN|THƯỜNG\s+TRỰC|CHỦ\s+TỊCH|"
    r"BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|TRƯỞNG\s+BAN|BAN\s+THƯỜNG\s+VỤ|BAN\s+CHẤP\s+HÀNH|GIÁM\s+ĐỐC|"
    r"KHÓA\s+[IVXLC]+|KHOÁ\s+[IVXLC]+|KỲ\s+HỌP)\b"
)
# A line ending in one of these is unfinished: the next line carries the name on.
_CONNECTIVE_END = re.compile(
    r"(?:,|-|–|\b(?:của|và|với|cho|tại|về|trên|đối\s+với|theo|thuộc|giữa|năm|CỦA|VÀ|VỚI|CHO|"
    r"TẠI|VỀ|TRÊN|ĐỐI\s+VỚI|THEO|THUỘC|NĂM))\s*$"
)
_SUBJECT_MAX_LINES = 4
_SUBJECT_MAX_LINE = 400  # a trích yếu line that runs on (DOCX paragraphs are not wrapped)
_SUBJECT_PLAIN_LINE = 200  # a capitalised line that merely follows one: longer is body text


def _continues_subject(line: str, parts: list[str]) -> bool:
    """Whether ``line`` (after the tên loại) still belongs to the trích yếu.

    The trích yếu continues the title: all-caps lines, or one or two lines that do not end the
    way a body sentence does. Without a "____" rule under it (plain text, some DOCX), the first
    body paragraph follows directly, so a line that opens like a body paragraph ("Căn cứ",
    "Ngày …,", "Thực hiện", "Để …"), is a numbered item, is a sentence carrying a directive cue,
    names the issuing authority of a resolution, or is too long for a title ends it. A line
    that the previous one leaves unfinished ("…, " / "… của" / a lower-case start) carries on.
    """
    t = line.strip()
    if not t or _KINH_GUI.match(t) or _RULE_LINE.match(t) or _HEADING.match(t):
        return False
    if letters.spans(letters.QUOC_HIEU, t) or _NOI_NHAN.match(t) or len(t) > _SUBJECT_MAX_LINE:
        return False
    previous = parts[-1].rstrip() if parts else ""
    if previous.endswith((".", ":", ";")):
        return False
    carried = bool(previous) and (bool(_CONNECTIVE_END.search(previous)) or t[:1].islower())
    if _is_caps(t):
        # "KẾT LUẬN CỦA …" under "THÔNG BÁO": capitals continue the title (bounded length).
        if parts and not carried and _AUTHORITY_LINE.match(t):
            return False
        return len(" ".join(parts)) + len(t) <= _SUBJECT_MAX_LINE
    if PARAGRAPH_OPENER.match(t):
        return False
    if t.endswith((".", ":", ";")) and (_DIRECTIVE_CUE.search(t) or len(t) > 120 or t[-1] == ":"):
        return False
    if carried:
        return True
    if parts:
        # A capitalised second line that the first did not leave open: a short continuation
        # of a sentence-case trích yếu, never a sentence with an assignment in it.
        if _DIRECTIVE_CUE.search(t) or len(t) > _SUBJECT_PLAIN_LINE:
            return False
        return len(" ".join(parts)) + len(t) <= _SUBJECT_MAX_LINE
    return True


def _annex_start(ct: ComposedText, body_end: int) -> int | None:
    """Where an attached regulation or appendix starts after "Nơi nhận" and the signature."""
    if body_end >= len(ct.text):
        return None
    after = [ln for ln in ct.lines if ln.start >= body_end]
    for i, ln in enumerate(after):
        t = ct.line_text(ln).strip()
        if i == 0 or ln.kind == "table_row":
            # "Nơi nhận" and the signature block come first; they may be one table row (a Word
            # signature table), so the annex title can be the very next line.
            continue
        if _ANNEX_TITLE.match(t) and (_is_caps(t[:20]) or t.startswith(("Chương", "Phụ lục"))):
            rest = sum(x.end - x.start for x in after[i:])
            if rest > 300:
                return ln.start
    return None


def _split_addressees(rest: str, offset: int) -> list[Addressee]:
    out: list[Addressee] = []
    for m in re.finditer(r"[^;.]+", rest):
        piece = m.group(0)
        stripped = piece.strip(" -–+•\t,")
        if len(stripped) < 3 or not any(ch.isalpha() for ch in stripped):
            continue  # "Kính gửi: ………………": a blank left to fill in, nobody addressed
        s = offset + m.start() + piece.index(stripped)
        out.append(Addressee(stripped, s, s + len(stripped)))
    return out


def _noi_nhan(ct: ComposedText, body_end: int, annex_start: int | None) -> list[str]:
    out: list[str] = []
    for ln in ct.lines:
        if ln.start < body_end:
            continue
        if annex_start is not None and ln.start >= annex_start:
            break
        t = ct.line_text(ln).split(CELL_SEPARATOR)[0]
        m = re.match(r"^\s*[-–+•]\s*(?P<r>.+?)\s*[;.,]?\s*$", t)
        if not m:
            continue
        for r in _recipient_pieces(m.group("r")):
            if re.match(r"^(?:Như\s+trên|Lưu\b)", r, re.I) or len(r) < 3:
                continue
            out.append(r)
    return out


def _recipient_pieces(line: str) -> list[str]:
    """Recipients on one Nơi nhận line, without a signature fragment glued on.

    "VP Thành ủy; Đoàn ĐBQH" is two recipients, "Các sở, ngành: TC; XD; NN&MT" one (a head
    with its list), "Đ/c Bí thư; (để báo cáo)" one with its note; plain text glues the
    signature column on ("UBND huyện; CHỦ TỊCH", "Thanh tra huyện; Nguyễn Văn Thạnh"): the
    recipients end there.
    """
    pieces = line.split(";")
    kept = [pieces[0].strip(" -–+•,.")]
    for piece in pieces[1:]:
        q = piece.strip(" -–+•,.")
        if not any(c.isalpha() for c in q):
            continue
        if (_SIGN_TITLE.match(q) and _is_caps(q)) or _PERSON_NAME.match(q):
            break
        if ":" in pieces[0] or q.startswith("("):
            kept[-1] = f"{kept[-1]}; {q}"
        else:
            kept.append(q)
    return [k for k in kept if k]


_GLUED_SIGNATURE = re.compile(r"^\s*(?:Nơi\s+nhận\s*:?|[-–+•][^;]*;)\s*(?P<rest>\S.*)$", re.I)


def _signature_column(line: str) -> str:
    """The signature-column part of a line after the body.

    Plain text has no columns: "Nơi nhận: TM. ỦY BAN NHÂN DÂN" and "- Sở Tài chính; CHỦ TỊCH"
    carry the signature block after the recipients column's own text.
    """
    m = _GLUED_SIGNATURE.match(line)
    return m.group("rest") if m else line


def _signature(ct: ComposedText, body_end: int, fields: DocFields) -> None:
    """Signer's name and title from the lines after the body (cells of a signature table too)."""
    texts: list[str] = []
    for ln in ct.lines:
        if ln.end < body_end:
            continue
        if ln.kind == "table_row" and ln.cells:
            # The signature is the last column of a "Nơi nhận | signature" table.
            a, b = ln.cells[-1]
            texts.append(ct.text[a:b])
        else:
            texts.append(_signature_column(ct.line_text(ln)))
    if not texts:  # no "Nơi nhận": look at the last lines of the document
        texts = [ct.line_text(ln) for ln in ct.lines[-12:]]
    title: list[str] = []
    for t in texts:
        t = t.strip()
        if not t:
            continue
        if _SIGN_TITLE.match(t) and _is_caps(t):
            title.append(t)
            continue
        m = _PERSON_NAME.match(t)
        if m and title:
            fields.signer_name = m.group("name")
            fields.signer_title = " ".join(title)
            return
        # A signature cell read as one line: "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Minh".
        m2 = _TRAILING_NAME.search(t)
        if m2 and _SIGN_TITLE.match(t):
            fields.signer_name = m2.group("name")
            fields.signer_title = t[: m2.start()].strip()
            return
    if title:
        fields.signer_title = " ".join(title)
