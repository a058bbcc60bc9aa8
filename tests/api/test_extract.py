from __future__ import annotations

from apitest import assert_error, tag
from fastapi.testclient import TestClient
from service_notices import notice_pdf

from nlp_service.schemas import Result


def test_extract_returns_contract_and_stores_nothing(client: TestClient) -> None:
    before = client.get("/v1/documents").json()["total"]
    r = client.post("/v1/extract", files={"file": ("tb.pdf", notice_pdf(tag(), pages=2))})
    assert r.status_code == 200, r.text
    result = Result.model_validate(r.json())
    assert result.source.media_type == "application/pdf" and result.source.pages == 2
    assert result.tasks and result.text
    assert client.get("/v1/documents").json()["total"] == before


def test_extract_errors(client: TestClient) -> None:
    assert_error(client.post("/v1/extract", files={"file": ("x.bin", b"\x00\x01\x02" * 50)}), 415)
    assert_error(client.post("/v1/extract", files={"file": ("x.txt", b"")}), 422, "empty_input")
    assert_error(client.post("/v1/extract", files={"file": ("x.pdf", b"%PDF-1.7\n broken")}), 422)
    assert_error(client.post("/v1/extract"), 422, "validation_error")
