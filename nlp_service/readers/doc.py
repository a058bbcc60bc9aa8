"""Legacy Word (.doc) via Debian's antiword.

antiword is fast (~5 ms per notice) and robust; ``-w 0`` writes each paragraph on one line.
Tables come out as ``|cell|cell|`` lines, one line per visual line of the row, so the header
table is split into its two columns and other tables become ``table_row`` blocks.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile

from nlp_service.errors import (
    CorruptFileError,
    EncryptedFileError,
    ProcessingTimeoutError,
    UnsupportedFormatError,
)
from nlp_service.readers._util import clean, is_addressee, is_header_right
from nlp_service.readers.limits import ReadLimits
from nlp_service.readers.sniff import DOC
from nlp_service.types import Block, RawDocument

_TABLE_LINE = re.compile(r"^\s*\|.*\|\s*-?\s*$")


def run_antiword(data: bytes, timeout: float) -> str:
    exe = shutil.which("antiword")
    if exe is None:
        raise UnsupportedFormatError(
            "Reading .doc files needs the 'antiword' program (apt-get install antiword)."
        )
    with tempfile.NamedTemporaryFile(suffix=".doc", delete=False) as handle:
        handle.write(data)
        path = handle.name
    try:
        proc = subprocess.run(
            [exe, "-w", "0", "-m", "UTF-8.txt", path],
            capture_output=True,
            timeout=timeout,
            check=False,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
        )
    except subprocess.TimeoutExpired as exc:
        raise ProcessingTimeoutError(f"Reading the .doc file took over {timeout:.0f} s.") from exc
    finally:
        os.unlink(path)
    err = proc.stderr.decode("utf-8", "replace").strip()
    if proc.returncode != 0:
        low = err.lower()
        if "encrypt" in low or "password" in low:
            raise EncryptedFileError("The .doc file is password-protected; remove it first.")
        raise CorruptFileError(f"The .doc file cannot be read: {err or 'antiword failed'}")
    return proc.stdout.decode("utf-8", "replace")


def _cells(line: str) -> list[str]:
    inner = line.strip().rstrip("-").strip()
    return [clean(c) for c in inner.strip("|").split("|")]


_COLUMN_GAP = re.compile(r"\t|\s{3,}")
_ANCHOR = re.compile(r"C[ỘO]NG\s+H[ÒO]A|CỘNG HOÀ", re.IGNORECASE)
_DATE = re.compile(r"ng[àa]y\b.*\bth[áa]ng\b", re.IGNORECASE)


def split_spaced_header(lines: list[str]) -> tuple[list[Block], int]:
    """Header typed with tabs/spaces instead of a table (antiword shows it as aligned text).

    Returns the header blocks and how many lines they used; ([], 0) when the first lines do
    not hold a "CỘNG HÒA …" line. A line splits at the last wide gap after which the rest is a
    right-column text (Quốc hiệu, Tiêu ngữ, "…, ngày … tháng …"); the "V/v …" lines that follow
    the date belong to the left column.
    """
    content = [i for i, ln in enumerate(lines) if ln.strip()][:12]
    if not content or _TABLE_LINE.match(lines[content[0]]):
        return [], 0
    if not any(_ANCHOR.search(lines[i]) for i in content):
        return [], 0
    left: list[Block] = []
    right: list[Block] = []
    end = 0
    saw_date = False
    in_subject = False
    for i, raw in enumerate(lines):
        if i > content[-1] + 1 and not saw_date:
            return [], 0
        stripped = raw.strip().strip("|").strip()  # stray cell bars around text boxes
        if not any(ch.isalnum() for ch in stripped):
            if in_subject:
                end = i
                break
            continue
        if saw_date:
            if stripped.lower().startswith("v/v") or in_subject:
                in_subject = True
                left.append(Block(clean(stripped), kind="header_left"))
                end = i + 1
                continue
            end = i
            break
        left_part, right_part = _split_columns(stripped)
        if left_part:
            left.append(Block(left_part, kind="header_left"))
        if right_part:
            right.append(Block(right_part, kind="header_right"))
        if _DATE.search(stripped):
            saw_date = True
        end = i + 1
    if not right:
        return [], 0
    return left + right, end


def _split_columns(line: str) -> tuple[str, str]:
    gaps = list(_COLUMN_GAP.finditer(line))
    for gap in reversed(gaps):
        rest = line[gap.end() :]
        if is_header_right(rest) and not is_header_right(line[: gap.start()]):
            return clean(line[: gap.start()]), clean(rest)
    if is_header_right(line):
        return "", clean(line)
    return clean(line), ""


def parse_antiword(text: str) -> list[Block]:
    blocks: list[Block] = []
    lines = text.splitlines()
    header, i = split_spaced_header(lines)
    blocks.extend(header)
    table_index = 0
    header_done = bool(header)
    seen_paragraphs = 0
    while i < len(lines):
        if _TABLE_LINE.match(lines[i]):
            rows = []
            while i < len(lines) and _TABLE_LINE.match(lines[i]):
                rows.append(_cells(lines[i]))
                i += 1
            if not header_done and seen_paragraphs < 8 and _is_header(rows):
                blocks.extend(_header_blocks(rows))
                header_done = True
            elif header_done and seen_paragraphs == 0 and rows[0][0].lower().startswith("v/v"):
                # the trích yếu in its own table under the header's left column
                subject = [Block(c, kind="header_left") for row in rows for c in row if c]
                first_right = next(
                    (k for k, b in enumerate(blocks) if b.kind == "header_right"), len(blocks)
                )
                blocks[first_right:first_right] = subject
            else:
                blocks.extend(_table_blocks(rows, table_index))
                table_index += 1
            continue
        text = clean(lines[i].replace("\f", " "))
        if text:
            blocks.append(Block(text))
            seen_paragraphs += 1
        i += 1
    return blocks


def _is_header(rows: list[list[str]]) -> bool:
    texts = [c for row in rows[:6] for c in row]
    return any(is_header_right(t) for t in texts) or any(t.startswith("Số") for t in texts)


def _header_blocks(rows: list[list[str]]) -> list[Block]:
    split_at = None
    for row in rows:
        for index, cell in enumerate(row):
            if is_header_right(cell):
                split_at = index if split_at is None else min(split_at, index)
    split_at = split_at or 1
    end = next((k for k, row in enumerate(rows) if any(is_addressee(c) for c in row)), len(rows))
    head, tail = rows[:end], rows[end:]
    left = [Block(c, kind="header_left") for row in head for c in row[:split_at] if _text(c)]
    right = [Block(c, kind="header_right") for row in head for c in row[split_at:] if _text(c)]
    after = [Block(c) for row in tail for c in row if c]  # "Kính gửi" rows: body paragraphs
    return left + right + after


def _text(cell: str) -> bool:
    """A cell with letters or digits (not a lone "." or a rule of underscores)."""
    return any(ch.isalnum() for ch in cell)


def _table_blocks(rows: list[list[str]], table_index: int) -> list[Block]:
    blocks = []
    for row_index, cells in enumerate(rows):
        if not any(cells):
            continue
        text = " | ".join(c for c in cells if c)
        blocks.append(Block(text, kind="table_row", cells=cells, table=table_index, row=row_index))
    return blocks


def read_doc(data: bytes, limits: ReadLimits) -> RawDocument:
    text = run_antiword(data, limits.subprocess_timeout_s)
    return RawDocument(parse_antiword(text), DOC, wrapped=False)
