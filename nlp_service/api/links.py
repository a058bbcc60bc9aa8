"""OpenAPI links: which id in an answer feeds which next call.

Clients generated from the schema, and schemathesis' stateful phase, follow them from an upload
to the document, its file and its tasks.
"""

from __future__ import annotations

DOCUMENT_OPS = (
    "get_document",
    "get_original",
    "review_document",
    "add_task",
    "delete_document",
)
TASK_OPS = ("get_task", "patch_task")


def links(param: str, expression: str, operations: tuple[str, ...]) -> dict[str, object]:
    return {
        "".join(p.title() for p in op.split("_")): {
            "operationId": op,
            "parameters": {param: expression},
        }
        for op in operations
    }
