"""Press reports about a notice: tell them from notices, drop crawl noise, name the notice.

A crawled news article carries lines that are not the article: stray letters, time stamps
("17:34 | 12/09/2018"), ASCII slug lines of related articles ("tiep tuc nang cao chat luong …"
glued to the related title), photo captions under an image, the byline and "Nguồn: …".
They must not become tasks, so they are dropped before the text is composed; the reported
notice's number and issuer ("HĐND TP Hà Nội vừa ban hành Thông báo số 24/TB-HĐND") fill
``document``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from nlp_service.types import Block, RawDocument

_TIMESTAMP = re.compile(r"^\s*\d{1,2}:\d{2}(?:\s*(?:\||-|,)\s*\d{1,2}/\d{1,2}/\d{4})?\s*$")
_DATE_STAMP = re.compile(
    r"^\s*(?:(?:Thứ\s+\w+|Chủ\s+nhật),?\s*)?\d{1,2}/\d{1,2}/\d{4}(?:\s*[|,-]?\s*\d{1,2}:\d{2})?"
    r"(?:\s*\(?GMT[+\d:]*\)?)?\s*$",
    re.IGNORECASE,
)
_SOURCE = re.compile(r"^\s*(?:Nguồn|Theo)\s*:?\s*\S{0,60}\s*$", re.IGNORECASE)
# The agency tag opening the lead: "(BĐN)", "(Báo Lâm Đồng) - ", "(Cổng TTĐT tỉnh) – ", "LĐ - ".
# "(Báo Lâm Đồng) - ": a newspaper or portal naming itself, a report on its own.
_NAMED_TAG = r"\((?:Báo|Cổng|Đài|TTXVN|Chinhphu|Trang)\b[^()\n]{0,40}\)\s*[-–—]"
_AGENCY_TAG = re.compile(
    r"^\s*(?:\((?:[A-ZĐ][A-Za-zĐđ.]{1,12})\)\s*[-–—]?"
    rf"|{_NAMED_TAG}"
    r"|[A-ZĐ]{2,5}(?:\.VN)?\s+[-–—]"
    # a place dateline: "ĐÀ LẠT - ", "BẢO LỘC – "
    r"|[A-ZĐÀ-Ỹ]{2,}(?:\s+[A-ZĐÀ-Ỹ]{2,}){0,2}\s+[-–—](?=\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]))\s*"
)
_NAMED_AGENCY = re.compile(rf"^\s*{_NAMED_TAG}")
# A caption: its own line ("Ảnh: …", "(Ảnh: …)") or one ending in its credit ("Đồng chí X phát
# biểu tại hội nghị. Ảnh: Minh Đạo").
_PHOTO = re.compile(
    r"^\s*(?:Ảnh|Hình|Photo)\s*:|\((?:Ảnh|Ảnh minh họa)\s*:?[^)]*\)\s*$"
    r"|[.!]\s*(?:Ảnh|Ảnh minh họa)\s*:\s*[^.:;\n]{2,40}$",
    re.I,
)
# A report's dateline: "Chiều 4/3, …", "Sáng nay (12/3), …" (a notice dates itself in its header).
_DATELINE = re.compile(
    r"^\s*(?:(?:Sáng|Chiều|Tối|Trưa)\s+(?:nay\s+)?(?:ngày\s+)?\(?\d{1,2}[/.]\d{1,2}(?:/\d{4})?\)?"
    r"|Ngày\s+\d{1,2}/\d{1,2}/\d{4})\s*,"
)
_REPORTED = re.compile(
    r"(?P<issuer>(?:Thường\s+trực\s+)?(?:HĐND|UBND|Hội\s+đồng\s+nhân\s+dân|Ủy\s+ban\s+nhân\s+dân|"
    r"Uỷ\s+ban\s+nhân\s+dân|Văn\s+phòng|Sở|Bộ|Thủ\s+tướng)[^.,;()\n]{0,60}?)\s+"
    r"(?:vừa\s+|đã\s+)?(?:ban\s+hành|có|gửi|công\s+bố|phát\s+hành|ký)\s+"
    r"(?P<type>Thông\s+báo(?:\s+kết\s+luận)?|Kế\s+hoạch|Công\s+văn|Nghị\s+quyết|Quyết\s+định|"
    r"Chỉ\s+thị|Công\s+điện|Văn\s+bản|Báo\s+cáo)\s+(?:số\s+)?(?P<number>\d{1,6}(?:/\d{4})?/[A-ZĐ]"
    r"[A-ZĐa-z0-9\-]*)",
)
# A report on a conclusion the council's standing committee is yet to issue, with no number:
# "… sẽ được Thường trực HĐND tỉnh ban hành thành thông báo gửi UBND tỉnh".
_ANNOUNCED = re.compile(
    r"(?P<issuer>Thường\s+trực\s+(?:HĐND|Hội\s+đồng\s+nhân\s+dân)[^.,;()\n]{0,40}?)\s+"
    r"(?:vừa\s+|đã\s+|sẽ\s+)?ban\s+hành\s+(?:thành\s+)?(?P<type>[Tt]hông\s+báo(?:\s+kết\s+luận)?)"
    r"(?!\s+số)"
)
# The same body with its place, as the article names it first ("Thường trực HĐND tỉnh Quảng Trị").
_NAMED_COUNCIL = re.compile(
    r"Thường\s+trực\s+(?:HĐND|Hội\s+đồng\s+nhân\s+dân)\s+(?:tỉnh|thành\s+phố|TP\.?|huyện|quận|"
    r"thị\s+xã|xã|phường|đặc\s+khu)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){1,3}"
)
_TYPE_CODES = {
    "thông báo": "TB",
    "thông báo kết luận": "TB",
    "kế hoạch": "KH",
    "công văn": "CV",
    "nghị quyết": "NQ",
    "quyết định": "QĐ",
    "chỉ thị": "CT",
    "công điện": "CĐ",
    "báo cáo": "BC",
}
_NOTICE_HEADER = re.compile(r"C[ỘO]NG\s+H[ÒO]A\s+X[ÃA]\s+H[ỘO]I|^\s*Số\s*:", re.I | re.M)


@dataclass
class PressReport:
    number: str | None = None
    issuer_raw: str | None = None
    doc_type: str | None = None
    dropped: list[str] = field(default_factory=list)
    # The article's own date (its time stamp): not the notice's issue date, but the year a
    # year-less "trước ngày 15/12" of the report falls in (ANNOTATION.md: the document's dates).
    published: date | None = None
    # The notice's own date where the article states it ("Ngày 10/10/2018, Thường trực HĐND tỉnh
    # đã ban hành Thông báo số 96/TB-HĐND …", "Thông báo số 96/TB-HĐND ngày 10/10/2018").
    issued: date | None = None


def _ascii_ratio_words(text: str) -> float:
    """Share of words with no Vietnamese letters: slug lines are diacritic-free lowercase."""
    words = re.findall(r"[^\W\d_]+", text)
    if not words:
        return 0.0
    plain = sum(1 for w in words if w.isascii() and w.islower())
    return plain / len(words)


def _slug_prefix(text: str) -> int:
    """Length of a leading run of diacritic-free lowercase words (a related-article slug)."""
    m = re.match(r"^(?:[a-z0-9]+\s+){5,}", text)
    return m.end() if m else 0


def looks_like_press(raw: RawDocument) -> bool:
    text = "\n".join(b.text for b in raw.blocks[:80])
    if _NOTICE_HEADER.search(text[:3000]):
        return False
    signals = 0
    lines = [b.text for b in raw.blocks[:80]]
    signals += any(_TIMESTAMP.match(t) or _DATE_STAMP.match(t) for t in lines)
    signals += any(_AGENCY_TAG.match(t) for t in lines)
    signals += any(_NAMED_AGENCY.match(t) for t in lines[:6])
    signals += any(_DATELINE.match(_AGENCY_TAG.sub("", t, count=1)) for t in lines[:6])
    signals += any(_PHOTO.search(t) for t in lines)
    signals += any(_SOURCE.match(t) for t in lines[-10:])
    signals += any(_slug_prefix(t) for t in lines)
    signals += bool(_REPORTED.search(unicodedata.normalize("NFC", text)))
    return signals >= 2


_STAMP_DAY = re.compile(r"(?<!\d)(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?!\d)")


def _stamp_date(line: str) -> date | None:
    return _day_of(_STAMP_DAY.search(line))


def _day_of(m: re.Match[str] | None) -> date | None:
    """The calendar day of a match with groups d, m, y; None when there is none or no such day."""
    if m is None:
        return None
    try:
        return date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None


_DATE_BEFORE = re.compile(
    r"(?:^|[.\n])\s*Ngày\s+(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})\s*,\s*[^.\n]*$"
)
_DATE_AFTER = re.compile(
    r"\s+ngày\s+(?P<d>\d{1,2})(?:[/.-]|\s+tháng\s+)(?P<m>\d{1,2})(?:[/.-]|\s+năm\s+)(?P<y>\d{4})"
)


def _notice_date(text: str, start: int, end: int) -> date | None:
    """The date the article gives the reported notice: opening its sentence or right after the
    notice's number; never the article's time stamp (dropped before this is read)."""
    return _day_of(
        _DATE_AFTER.match(text, end) or _DATE_BEFORE.search(text, max(0, start - 200), start)
    )


def clean_press(raw: RawDocument) -> tuple[RawDocument, PressReport]:
    """Drop crawl noise blocks; find the reported notice."""
    report = PressReport()
    kept: list[Block] = []
    after_slug = False
    for i, b in enumerate(raw.blocks):
        t = b.text.strip()
        drop = None
        if len(t) <= 2 and t.isalpha():
            drop = "stray letter"
        elif _TIMESTAMP.match(t) or _DATE_STAMP.match(t):
            drop = "time stamp"
            report.published = report.published or _stamp_date(t)
        elif _SOURCE.match(t):
            drop = "source tag"
        elif _slug_prefix(t) or (_ascii_ratio_words(t) > 0.8 and len(t.split()) >= 4):
            drop = "related-article slug"
        elif _PHOTO.search(t) or (
            after_slug and len(t) < 220 and not t.endswith((":", ";")) and i + 1 < len(raw.blocks)
        ):
            drop = "photo caption"
        elif i >= len(raw.blocks) - 3 and re.fullmatch(
            r"(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\s*){2,4}(?:\s*\([^)]*\))?", t
        ):
            drop = "byline"
        bare_slug = bool(_slug_prefix(t + " ")) and _slug_prefix(t + " ") >= len(t)
        after_slug = bare_slug
        if drop:
            report.dropped.append(f"{drop}: {t[:60]}")
            continue
        text = _AGENCY_TAG.sub("", b.text) if _AGENCY_TAG.match(b.text) else b.text
        kept.append(
            Block(text=text, page=b.page, kind=b.kind, cells=b.cells, table=b.table, row=b.row)
        )
    text = unicodedata.normalize("NFC", "\n".join(k.text for k in kept))
    m = _REPORTED.search(text)
    if m:
        report.number = m.group("number")
        report.issuer_raw = m.group("issuer").strip()
        report.doc_type = _TYPE_CODES.get(re.sub(r"\s+", " ", m.group("type").lower()))
        report.issued = _notice_date(m.string, m.start(), m.end())
    elif a := _ANNOUNCED.search(text):
        report.doc_type = "TB"
        named = _NAMED_COUNCIL.search(text)
        report.issuer_raw = named.group(0) if named else a.group("issuer").strip()
    cleaned = RawDocument(
        blocks=kept,
        media_type=raw.media_type,
        pages=raw.pages,
        wrapped=raw.wrapped,
        ocr=raw.ocr,
        warnings=list(raw.warnings),
        html_title=raw.html_title,
    )
    return cleaned, report
