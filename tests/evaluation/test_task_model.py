"""The exported weights score exactly like the skops model they come from."""

from __future__ import annotations

import pytest

from nlp_service.training.linear import LinearWeights
from nlp_service.training.model import MODEL_FILE, WEIGHTS_FILE, models_dir
from nlp_service.training.persist import load


def test_weights_reproduce_the_skops_probabilities() -> None:
    if not (models_dir() / MODEL_FILE).exists():
        pytest.skip("no trained model in models/")
    model = load(models_dir() / MODEL_FILE)
    weights = LinearWeights.load(models_dir() / WEIGHTS_FILE)
    rows: list[dict[str, float | str]] = [
        {
            "rule": "directive cue with its body",
            "rule_score": 0.92,
            "cue_assign": 1.0,
            "w0": "giao",
        },
        {"rule": "no rule", "rule_score": 0.0, "assessment": 1.0, "w01": "trong năm", "level": 5.0},
        {"rule": "task table row", "in_table": 1.0, "n_words": 12.0, "w0": "unseen-token"},
        {"rule": "no rule", "pair=rà soát": 1.0, "pair=xem xét": 1.0, "pair=unseen pair": 1.0},
        {"heading pair=nhiệm vụ": 1.0, "heading pair=kết quả": 1.0, "pair=báo cáo": 1.0},
        {"section pair=tổ chức": 1.0, "section pair=mục đích": 1.0, "pair=nâng cao": 1.0},
        {},
    ]
    expected = model.estimator.predict_proba(rows)[:, 1]
    for row, p in zip(rows, expected, strict=True):
        assert weights.probability(row) == pytest.approx(float(p), abs=1e-9)


def test_closings_headings_and_lead_ins_are_never_kept() -> None:
    from nlp_service.nlp.findings import TaskFinding
    from nlp_service.training.model import STRONG_RULE, load_task_model

    model = load_task_model()
    if model is None:
        pytest.skip("no trained model in models/")
    strong: dict[str, float | str] = {
        "rule": "directive cue with its body",
        "rule_score": 0.92,
        "cue_assign": 1.0,
        "own_lead": 1.0,
        "action": 1.0,
        "w0": "giao",
        # Its neighbours, as in a notice's list of assignments.
        "prev_accepted": 1.0,
        "next_accepted": 1.0,
        "run_accepted": 1.0,
        "run_size": 3.0,
        "doc_accepted": 0.6,
        "doc_type": "TB",
    }

    def task(**extra: float) -> TaskFinding:
        t = TaskFinding(0, 10, "Giao Sở Tài chính", None, None, None, [], None, 0.92)
        t.features = {**strong, **extra}
        return t

    plain, closing = task(), task(closing=1.0)
    lead_in, heading = task(lead_in=1.0), task(heading=1.0)
    # Without the hard rule all four would stand, whatever the model's probability: an explicit
    # cue with its body is a strong rule (the veto is 0).
    assert model.veto == 0.0
    assert all(t.accepted and t.confidence >= STRONG_RULE for t in (closing, lead_in, heading))
    from nlp_service.text.structure import DocFields, Structure

    st = Structure(DocFields(), 0, 10, [], [], 0)  # a body with no numbered sections
    kept = model.rescore([plain, closing, lead_in, heading], None, st)  # type: ignore[arg-type]
    assert kept == [plain]


def test_the_threshold_is_the_middle_of_the_near_best_band() -> None:
    import numpy as np

    from nlp_service.training.train import pick_threshold

    thresholds = np.arange(0.2, 0.81, 0.02)
    # A flat plateau from 0.34 to 0.62 with a tiny spike at its left end: the spike's argmax
    # (0.36) is not what we want, the middle of the plateau is.
    scores = np.where((thresholds > 0.33) & (thresholds < 0.63), 0.836, 0.80)
    scores[np.argmin(abs(thresholds - 0.36))] = 0.838
    assert pick_threshold(thresholds, scores) == pytest.approx(0.48, abs=0.021)
    # A clear peak is still found.
    peaked = 0.9 - abs(thresholds - 0.66)
    assert pick_threshold(thresholds, peaked) == pytest.approx(0.66, abs=0.021)


def test_thresholds_are_scored_as_the_evaluation_scores_tasks() -> None:
    """Two clauses overlapping one gold task are one match and one spurious task at the task
    level (clause-level F1 would count both as right); a heading never stands."""
    from pathlib import Path

    import numpy as np

    from nlp_service.evaluation.gold import GoldDocument, GoldTask
    from nlp_service.evaluation.scoring import Prediction, PredTask, match_candidates
    from nlp_service.nlp.findings import TaskFinding
    from nlp_service.training.train import DocumentCandidates, _task_f1

    text = "Giao Sở Tài chính rà soát dự toán năm 2026. Sở Tài chính rà soát dự toán năm 2026."
    task = GoldTask("rà soát dự toán năm 2026", [], [], None)
    gold = GoldDocument(Path("x.gold.json"), "x", "official", {}, [task])
    spans = [(0, 43), (44, len(text)), (0, 17)]
    cands = []
    for i, (a, b) in enumerate(spans):
        t = TaskFinding(a, b, text[a:b], None, None, None, [], None, 0.5)
        t.features = {"heading": 1.0} if i == 2 else {}
        cands.append(t)
    pred = Prediction(text, {}, [PredTask(c.text, (c.start, c.end), [], [], None) for c in cands])
    doc = DocumentCandidates(1, cands, [0, 1, 2], match_candidates(pred, gold), None)
    probs = np.array([0.9, 0.6, 0.99])
    assert _task_f1([doc], probs, 0.7) == pytest.approx(1.0)  # one kept, one matched
    assert _task_f1([doc], probs, 0.5) == pytest.approx(2 * 0.5 * 1 / 1.5)  # a duplicate


def test_candidates_of_real_documents_weigh_more() -> None:
    """Each candidate carries its document's weight into the fit: the same rows give another
    model when the real document's rows weigh more (the weights reach the classifier)."""
    from pathlib import Path

    from nlp_service.evaluation.gold import GoldDocument
    from nlp_service.training.train import REAL_WEIGHT, Dataset, fit

    assert GoldDocument(Path("g"), "authored/kh-x.docx", "official", {}, []).authored
    assert not GoldDocument(Path("g"), "vpubnd49__VBAI/kh-x.docx", "official", {}, []).authored
    assert REAL_WEIGHT > 1.0
    rows = [{"cue": 1.0}, {"cue": 1.0}, {"cue": 0.0}, {"cue": 1.0}, {"cue": 0.0}]
    labels = [1, 0, 0, 1, 1]

    def coefficient(weights: list[float]) -> float:
        data = Dataset(rows=rows, labels=labels, groups=["a"] * 5, weights=weights)
        return float(fit(data).named_steps["classifier"].coef_[0][0])

    even = coefficient([1.0] * 5)
    assert coefficient([1.0, REAL_WEIGHT, 1.0, 1.0, 1.0]) < even  # the negative row counts more
    assert coefficient([1.0, 1.0, 1.0, REAL_WEIGHT, 1.0]) > even


def test_the_model_reads_word_pairs_of_the_clause_its_heading_and_its_section() -> None:
    from nlp_service.nlp.findings import TaskFinding
    from nlp_service.text.structure import DocFields, Section, Structure
    from nlp_service.training.model import model_rows

    def cand(start: int, text: str, **features: float | str) -> TaskFinding:
        t = TaskFinding(start, start + len(text), text, None, None, None, [], None, 0.5)
        t.features = dict(features)
        return t

    sections = [
        Section("III", 1, 20, 300, "III. TỔ CHỨC THỰC HIỆN", 42),
        Section("1", 2, 45, 300, "1. Nhiệm vụ năm 2026", 65),
    ]
    st = Structure(DocFields(), 0, 300, sections, [], 0)
    heading = cand(45, "1. Nhiệm vụ năm 2026", heading=1.0)
    task = cand(70, "Rà soát, báo cáo trước ngày 15/12/2025.", w0="rà")
    first = cand(0, "Năm 2025 đã hoàn thành.")  # before any heading or section
    rows = model_rows([task, heading, first], st)
    named = dict(zip(("task", "heading", "first"), rows, strict=True))

    def keys(row: str, prefix: str) -> set[str]:
        return {k.removeprefix(prefix) for k in named[row] if k.startswith(prefix)}

    assert named["task"]["w0"] == "rà"  # the assembler's features stand
    clause = {"rà soát", "soát báo", "báo cáo", "cáo trước", "trước ngày", "ngày 0", "0 0"}
    assert keys("task", "pair=") == clause
    assert keys("task", "heading pair=") == {"0 nhiệm", "nhiệm vụ", "vụ năm", "năm 0"}
    # The top-level section's heading without its label; the level-2 item is the heading's.
    assert keys("task", "section pair=") == {"tổ chức", "chức thực", "thực hiện"}
    assert not keys("first", "heading pair=") and not keys("first", "section pair=")
    assert not keys("heading", "heading pair=")
    assert task.features == {"w0": "rà"}  # the candidate itself is untouched


def test_word_pairs_of_a_single_document_do_not_reach_the_model() -> None:
    from nlp_service.training.train import Dataset, fit

    rows: list[dict[str, float | str]] = [
        {"pair=xem xét": 1.0, "pair=dự án hồ": 1.0},
        {"pair=xem xét": 1.0},
        {"pair=rà soát": 1.0, "pair=dự án hồ": 1.0},
        {"pair=rà soát": 1.0, "heading pair=kết quả": 1.0},
    ]
    data = Dataset(rows=rows, labels=[0, 0, 1, 1], groups=["a", "b", "a", "b"], weights=[1.0] * 4)
    vocabulary = fit(data).named_steps["features"].vocabulary_
    assert set(vocabulary) == {"pair=xem xét", "pair=rà soát"}  # "dự án hồ": document a only
