"""The command line: extract (JSON, JSONL, bad input), deadline and schema.

Every bad input gets one line on stderr and its documented exit code (README: 3 empty,
4 unsupported, 5 corrupt, 6 encrypted, 7 too large, 8 not Vietnamese; 2 for a path that
cannot be read), and no traceback ever reaches the user.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from nlp_service.cli import app
from tests.readers.conftest import docx_bytes, pdf_bytes

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()

NOTICE = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
Số: 24/TB-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lâm Đồng, ngày 12 tháng 9 năm 2018
THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về tiến độ giải phóng mặt bằng
Ngày 10/9/2018, Chủ tịch UBND tỉnh chủ trì cuộc họp về tiến độ giải phóng mặt bằng các dự án.
Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát danh mục dự án, báo cáo UBND tỉnh \
trước ngày 15/10/2018.
Nơi nhận:
- Sở Tài chính;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""

ENGLISH = (
    "Minutes of the steering committee. The committee reviewed the land clearance schedule "
    "and asked the finance department to report on the list of projects before the middle of "
    "October, with the help of the construction department and the district offices.\n"
) * 3


def invoke(*args: str | Path) -> Result:
    result = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


@pytest.fixture
def notice_txt(tmp_path: Path) -> Path:
    path = tmp_path / "thong-bao 24.txt"
    path.write_text(NOTICE, encoding="utf-8")
    return path


@pytest.fixture
def notice_docx(tmp_path: Path) -> Path:
    path = tmp_path / "notice.docx"
    path.write_bytes(docx_bytes())
    return path


# --- extract ------------------------------------------------------------------------------


def test_extract_text_notice_prints_one_json_object(notice_txt: Path) -> None:
    result = invoke("extract", notice_txt)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"]["filename"] == "thong-bao 24.txt"
    assert data["kind"] == "official"
    doc = data["document"]
    assert doc["doc_type"] == "TB"
    assert doc["number"] == "24/TB-UBND"
    assert doc["issue_date"] == "2018-09-12"
    assert doc["subject"].startswith("Kết luận của Chủ tịch UBND tỉnh")
    assert data["text"].startswith("ỦY BAN NHÂN DÂN")
    assert isinstance(data["tasks"], list)
    assert result.stderr == ""


def test_extract_docx_built_with_python_docx(notice_docx: Path) -> None:
    result = invoke("extract", "--no-text", notice_docx)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"]["filename"] == "notice.docx"
    assert "text" not in data
    assert data["document"]["number"] == "24/TB-UBND"
    assert data["document"]["issuer"]["raw"] == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"


def test_extract_jsonl_one_line_per_file(notice_txt: Path, notice_docx: Path) -> None:
    result = invoke("extract", "--format", "jsonl", notice_txt, notice_docx)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    names = [json.loads(line)["source"]["filename"] for line in lines]
    assert names == [notice_txt.name, notice_docx.name]


def test_a_bad_file_does_not_stop_the_others(notice_txt: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = invoke("extract", "-f", "jsonl", empty, notice_txt)
    assert result.exit_code == 3
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr.count("\n") == 1


# --- bad input: one test each -------------------------------------------------------------


def _bad(path: Path, code: int, *fragments: str) -> None:
    result = invoke("extract", path)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    line = result.stderr.strip()
    assert line.startswith("error [") and str(path) in line
    assert "\n" not in line
    for fragment in fragments:
        assert fragment in line


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    _bad(path, 3, "[empty_input]", "empty")


def test_image_without_text(tmp_path: Path) -> None:
    """A PNG sent as a notice: OCR reads it when tesseract is there (a blank page has no
    text: exit 3), otherwise it is an unsupported image (exit 4)."""
    from PIL import Image

    from nlp_service.readers.ocr import tesseract_available

    path = tmp_path / "scan.pdf"  # the extension lies; the bytes are a PNG
    buf = io.BytesIO()
    Image.new("RGB", (120, 160), "white").save(buf, "PNG")
    path.write_bytes(buf.getvalue())
    if tesseract_available():
        _bad(path, 3, "[empty_input]", "no text")
    else:
        _bad(path, 4, "[unsupported_format]", "image")


def test_zip(tmp_path: Path) -> None:
    path = tmp_path / "notice.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("thong-bao.txt", NOTICE)
    path.write_bytes(buf.getvalue())
    _bad(path, 4, "[unsupported_format]", "zip")


def test_truncated_pdf(tmp_path: Path) -> None:
    data = pdf_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    _bad(path, 5, "[corrupt_file]", "PDF")


def test_truncated_docx(tmp_path: Path) -> None:
    data = docx_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    _bad(path, 5, "[corrupt_file]", "DOCX")


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(pdf_bytes(encrypt="bí mật"))
    _bad(path, 6, "[encrypted_file]", "password")


def test_200_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as fh:
        fh.write(b"%PDF-1.7\n")
        fh.truncate(200 * 2**20)  # sparse: nothing is written to disk
    _bad(path, 7, "[file_too_large]", "200.0 MB")


def test_english_text(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    _bad(path, 8, "[not_vietnamese]", "Vietnamese")


def test_missing_path(tmp_path: Path) -> None:
    _bad(tmp_path / "nowhere.pdf", 2, "[not_found]", "no such file")


def test_directory_is_not_a_notice(tmp_path: Path) -> None:
    _bad(tmp_path, 2, "[not_a_file]")


def test_internal_error_is_one_line(notice_txt: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import nlp_service.pipeline

    def broken(data: bytes, filename: str) -> None:
        raise RuntimeError("boom")

    monkeypatch.delenv("NLP_SERVICE_DEBUG", raising=False)
    monkeypatch.setattr(nlp_service.pipeline, "process", broken)
    _bad(notice_txt, 1, "[internal]", "RuntimeError: boom")


# --- deadline and schema ------------------------------------------------------------------


def test_deadline_command() -> None:
    result = invoke("deadline", "trước ngày 15/10/2018", "--issued", "2018-09-12")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert len(found) == 1
    assert found[0]["type"] == "before"
    assert found[0]["date"] == "2018-10-15"
    assert found[0]["raw"] == "trước ngày 15/10/2018"


def test_deadline_year_less_phrase_uses_the_issue_year() -> None:
    result = invoke("deadline", "trước ngày 10/2", "--issued", "2024-01-18")
    found = json.loads(result.stdout)
    assert found[0]["date"] == "2024-02-10"


@pytest.mark.parametrize("issued", ["2018-13-12", "12/09/2018", "hôm qua"])
def test_deadline_bad_issued_date(issued: str) -> None:
    result = invoke("deadline", "trước ngày 15/10/2018", "--issued", issued)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--issued" in result.stderr and issued in result.stderr


def test_schema_prints_the_committed_schema() -> None:
    result = invoke("schema")
    assert result.exit_code == 0
    assert result.stdout == (REPO / "docs" / "schema" / "v1.json").read_text(encoding="utf-8")


def test_schema_out_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "v1.json"
    result = invoke("schema", "--out", out)
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == (REPO / "docs" / "schema" / "v1.json").read_text(
        encoding="utf-8"
    )


# --- the installed console script ---------------------------------------------------------


def test_console_script_in_a_real_process(notice_txt: Path, tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "nlp-service"
    if not script.exists():
        pytest.skip("the nlp-service console script is not installed in this environment")
    missing = tmp_path / "missing.txt"
    env = {k: v for k, v in os.environ.items() if k != "NLP_SERVICE_DEBUG"}
    proc = subprocess.run(
        [str(script), "extract", "--format", "jsonl", str(notice_txt), str(missing)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert data["source"]["filename"] == notice_txt.name
    assert data["document"]["number"] == "24/TB-UBND"
    assert proc.stderr.strip() == f"error [not_found] {missing}: no such file"


def test_json_is_utf8_whatever_the_locale() -> None:
    """A shell whose stdout is ASCII (LANG=C, cron) still gets the Vietnamese JSON."""
    script = Path(sys.executable).parent / "nlp-service"
    if not script.exists():
        pytest.skip("the nlp-service console script is not installed in this environment")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    proc = subprocess.run(
        [str(script), "deadline", "trước ngày 15/10/2018", "--issued", "2018-09-12"],
        capture_output=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    found = json.loads(proc.stdout.decode("utf-8"))
    assert found[0]["raw"] == "trước ngày 15/10/2018"


def test_cross_validate_needs_two_folds_at_least() -> None:
    result = invoke("cross-validate", "--folds", "1")
    assert result.exit_code == 2
    assert "--folds" in result.stderr
