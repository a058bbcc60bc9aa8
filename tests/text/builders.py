"""Small notices the text-layer tests write themselves (never copied from ../shared)."""

from __future__ import annotations

from nlp_service.text.compose import ComposedText, compose
from nlp_service.types import Block, BlockKind, RawDocument

LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 24/TB-UBND"]
RIGHT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Lâm Đồng, ngày 12 tháng 9 năm 2018",
]


def raw(*items: str | Block, wrapped: bool = False) -> RawDocument:
    """A reader's output: strings become paragraph blocks, blocks are kept as they are."""
    blocks = [b if isinstance(b, Block) else Block(b) for b in items]
    return RawDocument(blocks=blocks, media_type="text/plain", wrapped=wrapped)


def composed(*items: str | Block, wrapped: bool = False) -> ComposedText:
    return compose(raw(*items, wrapped=wrapped))


def column(kind: BlockKind, lines: list[str]) -> list[Block]:
    return [Block(line, kind=kind) for line in lines]


def table(rows: list[list[str]], index: int = 0) -> list[Block]:
    return [
        Block("", kind="table_row", cells=cells, table=index, row=i) for i, cells in enumerate(rows)
    ]


def header(left: list[str] | None = None, right: list[str] | None = None) -> list[Block]:
    """A two-column NĐ 30 header as a PDF reader reports it: left and right lines interleaved."""
    left = LEFT if left is None else left
    right = RIGHT if right is None else right
    out: list[Block] = []
    for i in range(max(len(left), len(right))):
        if i < len(left):
            out.append(Block(left[i], kind="header_left"))
        if i < len(right):
            out.append(Block(right[i], kind="header_right"))
    return out


def plain_notice(
    *body: str, title: str = "THÔNG BÁO", subject: list[str] | None = None
) -> list[str]:
    """A notice as plain text lines: header lines, title, trích yếu, body (no rule lines)."""
    subject = (
        ["Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về tiến độ giải phóng mặt bằng"]
        if subject is None
        else subject
    )
    return [*LEFT, *RIGHT, title, *subject, *body]
