"""The committed JSON Schema must be the one the pydantic models generate."""

from __future__ import annotations

import json
from pathlib import Path

from nlp_service.schemas import SCHEMA_VERSION, Result, json_schema_text

COMMITTED = Path(__file__).resolve().parents[1] / "docs" / "schema" / "v1.json"


def test_committed_schema_is_current() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == json_schema_text(), (
        "docs/schema/v1.json is stale: run `nlp-service schema --out docs/schema/v1.json`"
    )


def test_schema_names_the_contract_fields() -> None:
    schema = json.loads(json_schema_text())
    assert set(schema["required"]) >= {"source", "text"}
    for name in ("schema_version", "source", "kind", "document", "tasks", "entities", "warnings"):
        assert name in schema["properties"]
    assert SCHEMA_VERSION == "1.0"


def test_result_refuses_unknown_fields() -> None:
    import pydantic
    import pytest

    with pytest.raises(pydantic.ValidationError):
        Result.model_validate({"source": {}, "text": "", "surprise": 1})
