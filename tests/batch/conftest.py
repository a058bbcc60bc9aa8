"""Fixtures for batch tests: small, distinct Vietnamese notices written as text files.

Every notice differs in its number, bodies and deadline, so each has its own sha256 and the
resume logic is exercised on real pipeline output (the pipeline is never mocked).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nlp_service import schemas

_BODIES = [
    "Sở Tài chính",
    "Sở Nội vụ",
    "Sở Xây dựng",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Nông nghiệp và Môi trường",
    "Công an tỉnh",
    "Sở Tư pháp",
]


def notice_text(i: int) -> str:
    lead = _BODIES[i % len(_BODIES)]
    support = _BODIES[(i + 3) % len(_BODIES)]
    day, month = 1 + i % 27, 1 + i % 12
    return (
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\n"
        f"Số: {100 + i}/TB-UBND\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        f"Lâm Đồng, ngày {day} tháng {month} năm 2025\n\n"
        "THÔNG BÁO\n"
        f"Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp số {i}\n\n"
        f"1. Giao {lead} chủ trì, phối hợp với {support} rà soát, tổng hợp kinh phí thực "
        f"hiện các dự án đầu tư công, báo cáo Ủy ban nhân dân tỉnh trước ngày "
        f"{day}/{month}/2026.\n"
        f"2. Đề nghị {support} khẩn trương hoàn thiện hồ sơ trình Ủy ban nhân dân tỉnh "
        f"trong tháng {month}/2026.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"
        "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nNguyễn Văn An\n"
    )


@pytest.fixture
def make_notices(tmp_path: Path) -> Callable[[int], Path]:
    """``make_notices(n)`` writes n distinct notices into a fresh folder and returns it."""
    counter = iter(range(1000))

    def make(n: int, start: int = 0) -> Path:
        folder = tmp_path / f"in{next(counter)}"
        folder.mkdir()
        for i in range(start, start + n):
            (folder / f"tb-{i:03d}.txt").write_text(notice_text(i), encoding="utf-8")
        return folder

    return make


Task = tuple[str, list[tuple[str, str]], str | None, str | None]  # text, [(body, role)], type, date


def build_record(
    sha: str,
    *,
    filename: str = "x.txt",
    doc_type: str | None = "TB",
    issuer: str | None = "Ủy ban nhân dân tỉnh Lâm Đồng",
    issue_date: str | None = "2025-03-01",
    tasks: list[Task] | None = None,
) -> dict[str, Any]:
    """A valid contract-v1 record (validated by the pydantic models) with chosen content."""
    text = "THÔNG BÁO\n" + "\n".join(t[0] for t in tasks or [])
    result = schemas.Result(
        source=schemas.Source(
            filename=filename, media_type="text/plain", sha256=sha, size=len(text), pages=1
        ),
        document=schemas.DocumentFields(
            doc_type=doc_type,
            issuer=schemas.Issuer(name=issuer, raw=issuer) if issuer else None,
            issue_date=issue_date,
        ),
        tasks=[
            schemas.Task(
                id=f"{sha[:8]}-{i}",
                text=t[0],
                span=(0, len(t[0])),
                assignees=[schemas.Assignee(name=b, raw=b, role=r) for b, r in t[1]],  # type: ignore[arg-type]
                deadline=schemas.Deadline(type=t[2], date=t[3], raw="…") if t[2] else None,  # type: ignore[arg-type]
                confidence=0.9,
            )
            for i, t in enumerate(tasks or [])
        ],
        text=text,
    )
    return result.model_dump(mode="json")


@pytest.fixture
def record() -> Callable[..., dict[str, Any]]:
    return build_record
