"""Contract-v1 records flattened into three tables: documents, tasks and assignees.

Analysts load archives into pandas, DuckDB or a spreadsheet, where nested JSON is awkward;
one row per document, per task and per assignee (joined on ``sha256`` and ``task_id``) is what
they ask for. The Parquet sink writes these rows and ``stats`` reads them back, from Parquet or
from JSON records, through the same functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pyarrow as pa

DOCUMENTS = pa.schema(
    [
        ("sha256", pa.string()),
        ("filename", pa.string()),
        ("media_type", pa.string()),
        ("size", pa.int64()),
        ("pages", pa.int32()),
        ("ocr", pa.bool_()),
        ("kind", pa.string()),
        ("doc_type", pa.string()),
        ("number", pa.string()),
        ("issuer", pa.string()),
        ("issuer_raw", pa.string()),
        ("issue_date", pa.date32()),
        ("place", pa.string()),
        ("subject", pa.string()),
        ("signer_name", pa.string()),
        ("signer_title", pa.string()),
        ("recipients", pa.list_(pa.string())),
        ("urgency", pa.string()),
        ("n_tasks", pa.int32()),
        ("warnings", pa.list_(pa.string())),
        ("schema_version", pa.string()),
        ("text", pa.string()),
    ]
)

TASKS = pa.schema(
    [
        ("sha256", pa.string()),
        ("task_id", pa.string()),
        ("task_index", pa.int32()),
        ("text", pa.string()),
        ("span_start", pa.int32()),
        ("span_end", pa.int32()),
        ("page", pa.int32()),
        ("section", pa.string()),
        ("directive", pa.string()),
        ("confidence", pa.float64()),
        ("deadline_type", pa.string()),
        ("deadline_date", pa.date32()),
        ("deadline_start", pa.date32()),
        ("deadline_raw", pa.string()),
        ("deadline_time", pa.string()),
        ("deadline_rrule", pa.string()),
        ("deadline_amount", pa.int32()),
        ("deadline_unit", pa.string()),
        ("deadline_anchor", pa.string()),
        ("deadline_event", pa.string()),
    ]
)

ASSIGNEES = pa.schema(
    [
        ("sha256", pa.string()),
        ("task_id", pa.string()),
        ("name", pa.string()),
        ("raw", pa.string()),
        ("role", pa.string()),
        ("span_start", pa.int32()),
        ("span_end", pa.int32()),
    ]
)

SCHEMAS: dict[str, pa.Schema] = {"documents": DOCUMENTS, "tasks": TASKS, "assignees": ASSIGNEES}


@dataclass
class Rows:
    """The rows of some records, one list per table."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    tasks: list[dict[str, Any]] = field(default_factory=list)
    assignees: list[dict[str, Any]] = field(default_factory=list)

    def extend(self, other: Rows) -> None:
        self.documents.extend(other.documents)
        self.tasks.extend(other.tasks)
        self.assignees.extend(other.assignees)

    def table(self, name: str) -> pa.Table:
        rows: list[dict[str, Any]] = getattr(self, name)
        return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


def flatten(record: dict[str, Any]) -> Rows:
    """One contract-v1 record (``Result.model_dump(mode="json")``) as table rows."""
    src = record["source"]
    sha = src["sha256"]
    doc = record.get("document") or {}
    issuer = doc.get("issuer") or {}
    signer = doc.get("signer") or {}
    tasks = record.get("tasks") or []
    rows = Rows()
    rows.documents.append(
        {
            "sha256": sha,
            "filename": src.get("filename"),
            "media_type": src.get("media_type"),
            "size": src.get("size"),
            "pages": src.get("pages"),
            "ocr": src.get("ocr"),
            "kind": record.get("kind"),
            "doc_type": doc.get("doc_type"),
            "number": doc.get("number"),
            "issuer": issuer.get("name"),
            "issuer_raw": issuer.get("raw"),
            "issue_date": iso_date(doc.get("issue_date")),
            "place": doc.get("place"),
            "subject": doc.get("subject"),
            "signer_name": signer.get("name"),
            "signer_title": signer.get("title"),
            "recipients": list(doc.get("recipients") or []),
            "urgency": doc.get("urgency"),
            "n_tasks": len(tasks),
            "warnings": list(record.get("warnings") or []),
            "schema_version": record.get("schema_version"),
            "text": record.get("text"),
        }
    )
    for index, task in enumerate(tasks):
        span = task.get("span") or (None, None)
        dl = task.get("deadline") or {}
        rows.tasks.append(
            {
                "sha256": sha,
                "task_id": task["id"],
                "task_index": index,
                "text": task.get("text"),
                "span_start": span[0],
                "span_end": span[1],
                "page": task.get("page"),
                "section": task.get("section"),
                "directive": task.get("directive"),
                "confidence": task.get("confidence"),
                "deadline_type": dl.get("type"),
                "deadline_date": iso_date(dl.get("date")),
                "deadline_start": iso_date(dl.get("start")),
                "deadline_raw": dl.get("raw"),
                "deadline_time": dl.get("time"),
                "deadline_rrule": dl.get("rrule"),
                "deadline_amount": dl.get("amount"),
                "deadline_unit": dl.get("unit"),
                "deadline_anchor": dl.get("anchor"),
                "deadline_event": dl.get("event"),
            }
        )
        for a in task.get("assignees") or []:
            aspan = a.get("span") or (None, None)
            rows.assignees.append(
                {
                    "sha256": sha,
                    "task_id": task["id"],
                    "name": a.get("name"),
                    "raw": a.get("raw"),
                    "role": a.get("role"),
                    "span_start": aspan[0],
                    "span_end": aspan[1],
                }
            )
    return rows


def iso_date(value: Any) -> date | None:
    """An ISO date string as a date; None for missing or malformed values."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
