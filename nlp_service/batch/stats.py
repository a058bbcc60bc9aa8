"""``nlp-service stats DEST``: what an archive contains and what is overdue.

Counts documents by type, issuer and year, tasks per responsible body (as lead and as
support) and tasks whose dated deadline has passed. "Today" is a parameter so that a report
can be reproduced for a given day and tests do not depend on the clock. Overdue only means the
deadline has passed: the archive does not know whether the work was done.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from nlp_service.batch.sinks import iter_records, read_tables
from nlp_service.batch.tables import Rows, flatten, iso_date

# Deadline types whose date is a single point the work is due by; recurring duties and
# standing ("thường xuyên") duties are never overdue as a whole.
_DUE_TYPES = frozenset({"on", "before", "by", "within_period", "relative", "event"})
UNKNOWN = "(unknown)"


@dataclass
class BodyCounts:
    lead: int = 0
    support: int = 0
    overdue: int = 0

    @property
    def tasks(self) -> int:
        return self.lead + self.support


@dataclass
class Stats:
    today: date
    documents: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    by_issuer: Counter[str] = field(default_factory=Counter)
    by_year: Counter[str] = field(default_factory=Counter)
    tasks: int = 0
    dated: int = 0
    overdue: int = 0
    unassigned: int = 0
    bodies: dict[str, BodyCounts] = field(default_factory=dict)
    _overdue_tasks: set[tuple[str, str]] = field(default_factory=set, repr=False)
    _assigned_tasks: set[tuple[str, str]] = field(default_factory=set, repr=False)

    def add(self, rows: Rows) -> None:
        """Rows in table order: all task rows of a document before its assignee rows."""
        for d in rows.documents:
            self.documents += 1
            self.by_type[d.get("doc_type") or UNKNOWN] += 1
            self.by_issuer[d.get("issuer") or UNKNOWN] += 1
            day = iso_date(d.get("issue_date"))
            self.by_year[str(day.year) if day else UNKNOWN] += 1
        for t in rows.tasks:
            self.tasks += 1
            due = iso_date(t.get("deadline_date"))
            if due is not None and t.get("deadline_type") in _DUE_TYPES:
                self.dated += 1
                if due < self.today:
                    self.overdue += 1
                    self._overdue_tasks.add((t["sha256"], t["task_id"]))
        for a in rows.assignees:
            key = (a["sha256"], a["task_id"])
            self._assigned_tasks.add(key)
            body = self.bodies.setdefault(a.get("name") or UNKNOWN, BodyCounts())
            if a.get("role") == "support":
                body.support += 1
            else:
                body.lead += 1
            if key in self._overdue_tasks:
                body.overdue += 1

    def finish(self) -> Stats:
        self.unassigned = self.tasks - len(self._assigned_tasks)
        return self

    def to_dict(self) -> dict[str, Any]:
        bodies = sorted(self.bodies.items(), key=lambda kv: (-kv[1].tasks, kv[0]))
        return {
            "today": self.today.isoformat(),
            "documents": self.documents,
            "by_type": dict(self.by_type.most_common()),
            "by_issuer": dict(self.by_issuer.most_common()),
            "by_year": dict(sorted(self.by_year.items())),
            "tasks": self.tasks,
            "tasks_with_dated_deadline": self.dated,
            "overdue": self.overdue,
            "unassigned": self.unassigned,
            "tasks_per_body": {
                name: {"lead": c.lead, "support": c.support, "overdue": c.overdue}
                for name, c in bodies
            },
        }


def compute_stats(dest: Path, today: date) -> Stats:
    """Statistics of a batch output (JSONL, Parquet directory or directory of JSON)."""
    if not dest.exists():
        raise FileNotFoundError(f"'{dest}' does not exist.")
    stats = Stats(today)
    if dest.is_dir() and (dest / "documents").is_dir():
        _add_parquet(stats, dest)
    else:
        for record in iter_records(dest):
            stats.add(flatten(record))
    return stats.finish()


def _add_parquet(stats: Stats, root: Path) -> None:
    wanted = {
        "documents": ["doc_type", "issuer", "issue_date"],
        "tasks": ["sha256", "task_id", "deadline_type", "deadline_date"],
        "assignees": ["sha256", "task_id", "name", "role"],
    }
    for name, columns in wanted.items():
        for table in read_tables(root, name, columns):
            rows = Rows()
            getattr(rows, name).extend(table.to_pylist())
            stats.add(rows)


def render(stats: Stats, top: int = 20) -> str:
    """A plain-text report for the terminal."""
    lines = [
        f"Statistics as of {stats.today.isoformat()}",
        f"documents   {stats.documents}",
        f"tasks       {stats.tasks}  (dated deadline: {stats.dated}, overdue: {stats.overdue}, "
        f"no responsible body: {stats.unassigned})",
    ]

    def table(title: str, counts: list[tuple[str, int]]) -> None:
        lines.append("")
        lines.append(title)
        width = max((len(k) for k, _ in counts), default=0)
        lines.extend(f"  {k.ljust(width)}  {v:>6}" for k, v in counts)

    table("documents by type", stats.by_type.most_common())
    table(f"documents by issuer (top {top})", stats.by_issuer.most_common(top))
    table("documents by year", sorted(stats.by_year.items()))
    bodies = sorted(stats.bodies.items(), key=lambda kv: (-kv[1].tasks, kv[0]))[:top]
    lines.append("")
    lines.append(f"tasks per body (top {top})")
    width = max((len(k) for k, _ in bodies), default=4)
    lines.append(f"  {'body'.ljust(width)}  {'lead':>6}  {'support':>7}  {'overdue':>7}")
    lines.extend(
        f"  {k.ljust(width)}  {c.lead:>6}  {c.support:>7}  {c.overdue:>7}" for k, c in bodies
    )
    return "\n".join(lines) + "\n"
