"""Run stress rows through the real pipeline and print what disagrees (see README.md here)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from nlp_service.pipeline import analyse_bytes
from tests.nlp.test_directive_sentences import _agrees, _fold, _roles, build_document


def _problems(row: dict[str, Any], *, raw: bool, rules: bool) -> list[str]:
    doc = row["snippet"] if raw else build_document(row)
    result = analyse_bytes(doc.encode(), "snippet.txt", segment=False, use_model=not rules).result
    out = []
    for want in row.get("tasks") or []:
        holders = [t for t in result.tasks if _fold(want["quote"]) in _fold(t.text)]
        if not holders:
            out.append(f"MISSING {want['quote']!r}")
            continue
        if not any(_agrees(t, want) for t in holders):
            got = "; ".join(f"lead={_roles(t, 'lead')} sup={_roles(t, 'support')}" for t in holders)
            out.append(
                f"BODIES {want['quote']!r} want lead={want['lead']} sup={want['support']}; {got}"
            )
        if "deadline" in want:
            wd = want["deadline"]
            expected = (wd["type"], wd.get("date")) if wd else None
            got_d = [(t.deadline.type, t.deadline.date) if t.deadline else None for t in holders]
            if expected not in got_d:
                out.append(f"DEADLINE {want['quote']!r} want {expected} got {got_d}")
    if not row.get("tasks") and not row.get("not_task") and result.tasks:
        out.append("SPURIOUS " + "; ".join(repr(t.text[:80]) for t in result.tasks))
    for part in row.get("not_task") or []:
        start = result.text.find(part)
        if start < 0:
            continue  # dropped by cleaning (a caption, a byline): no task either
        end = start + len(part)
        over = [t for t in result.tasks if t.span[0] < end and t.span[1] > start]
        if over:
            out.append(f"SPURIOUS {part[:60]!r}: " + "; ".join(repr(t.text[:60]) for t in over))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--raw", action="store_true", help="each snippet is a whole document")
    parser.add_argument("--rules", action="store_true", help="the rules without the task model")
    parser.add_argument("--only", default="", help="run the rows whose id contains this")
    args = parser.parse_args()
    rows = yaml.safe_load(args.file.read_text(encoding="utf-8"))["rows"]
    ok = 0
    chosen = [r for r in rows if args.only in r["id"]]
    for row in chosen:
        problems = _problems(row, raw=args.raw, rules=args.rules)
        if problems:
            print(f"--- {row['id']}")
            for p in problems:
                print("   ", p)
        else:
            ok += 1
    print(f"rows ok {ok}/{len(chosen)}")


if __name__ == "__main__":
    main()
