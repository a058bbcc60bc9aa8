"""CLI commands of the evaluation and training side: ``evaluate``, ``train``, ``cross-validate``,
``model-card``, ``split``."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class Split(StrEnum):
    train = "train"
    dev = "dev"
    test = "test"
    all = "all"


def register(app: typer.Typer) -> None:
    @app.command()
    def evaluate(
        split: Annotated[Split, typer.Option(help="Gold split to score.")] = Split.dev,
        baseline: Annotated[
            bool, typer.Option(help="Also score the NER+dateparser baseline.")
        ] = True,
        json_out: Annotated[
            Path | None, typer.Option("--json", help="Write the report as JSON.")
        ] = None,
        as_scan: Annotated[
            bool,
            typer.Option(
                "--as-scan",
                help="Score the split's PDFs rendered to images and read back by OCR.",
            ),
        ] = False,
    ) -> None:
        """Score the pipeline against the gold corpus (task P/R/F1, lead, deadline, fields)."""
        from nlp_service.evaluation.runner import evaluate as run
        from nlp_service.evaluation.runner import format_report

        report = run(
            None if split is Split.all else split.value, with_baseline=baseline, as_scan=as_scan
        )
        if not report.documents and not report.failures:
            typer.echo(
                "error [no_gold]: no gold documents with a readable source in this split", err=True
            )
            raise typer.Exit(2)
        typer.echo(format_report(report))
        if json_out:
            json_out.write_text(
                json.dumps(report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
            )

    @app.command()
    def train(
        out: Annotated[
            Path | None, typer.Option(help="Models directory (default: models/).")
        ] = None,
    ) -> None:
        """Rebuild the task model from corpus/ (train split) reproducibly."""
        from nlp_service.training.train import train as run

        summary = run(out)
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=2))

    @app.command("cross-validate")
    def cross_validate_cmd(
        folds: Annotated[int, typer.Option(min=2, help="Folds, grouped by document.")] = 10,
        json_out: Annotated[
            Path | None, typer.Option("--json", help="Write the scores as JSON.")
        ] = None,
    ) -> None:
        """Task F1 of the detector over train and dev, each document scored unseen, by origin."""
        from nlp_service.training.crossval import cross_validate

        scores = cross_validate(folds=folds)
        typer.echo("threshold  origin    gold  predicted  matched  task_f1")
        for s in scores:
            typer.echo(
                f"{s.threshold:9.2f}  {s.origin:<8}  {s.gold:4d}  {s.predicted:9d}"
                f"  {s.matched:7d}  {s.f1:7.4f}"
            )
        if json_out:
            json_out.write_text(json.dumps([s.to_dict() for s in scores], indent=2))

    @app.command("model-card")
    def model_card(
        out: Annotated[
            Path | None, typer.Option(help="Models directory (default: models/).")
        ] = None,
    ) -> None:
        """Evaluate dev and test and write models/README.md and models/metrics.json."""
        from nlp_service.evaluation.card import write_card

        metrics = write_card(out)
        typer.echo(json.dumps({k: metrics[k] for k in ("dev", "test")}, indent=2))

    @app.command("split")
    def split_cmd() -> None:
        """Record a train/dev/test split for new gold files (existing entries never move)."""
        from nlp_service.evaluation.gold import all_gold, write_splits

        splits = write_splits(all_gold())
        counts: dict[str, int] = {}
        for s in splits.values():
            counts[s] = counts.get(s, 0) + 1
        typer.echo(json.dumps(counts))
