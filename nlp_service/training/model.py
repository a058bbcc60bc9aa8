"""Loading the trained task model and rescoring tasks with it.

The model is trained by ``nlp-service train`` (see :mod:`nlp_service.training.train`) and saved
twice: ``task_model.skops`` (the scikit-learn pipeline, loads without executing code) and
``task_model.weights.json`` (its weights, see :mod:`nlp_service.training.linear`), which is what
the pipeline scores with. When no artefact is installed the rules' own verdicts stand.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nlp_service.training.linear import LinearWeights

if TYPE_CHECKING:
    from nlp_service.nlp.findings import TaskFinding
    from nlp_service.text.compose import ComposedText
    from nlp_service.text.structure import Structure

MODEL_FILE = "task_model.skops"
WEIGHTS_FILE = "task_model.weights.json"
STRONG_RULE = 0.9  # rule scores at or above this: an explicit cue with its body
# Prefixes of the word-pair features (training prunes the rare ones): the clause's, its heading's,
# its top-level section's.
PAIR = "pair="
HEADING_PAIR = "heading pair="
SECTION_PAIR = "section pair="
WORD_PAIRS = (PAIR, HEADING_PAIR, SECTION_PAIR)
_SYLLABLE = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")


def models_dir() -> Path:
    """``NLP_SERVICE_MODELS`` or the repository's ``models/`` next to the package."""
    env = os.environ.get("NLP_SERVICE_MODELS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "models"


class TaskModel:
    """Wraps the fitted classifier: candidate features (built by the assembler) -> is-task."""

    def __init__(self, estimator: Any, threshold: float, veto: float = 0.0) -> None:
        self.estimator = estimator  # a fitted pipeline, or LinearWeights at run time
        self.threshold = threshold
        # A strong rule verdict (an explicit cue with its body) stands unless the model is
        # nearly sure it is wrong: the model has seen a few dozen documents, the rules encode
        # the grammar of every notice.
        self.veto = veto

    def probabilities(self, tasks: list[TaskFinding], st: Structure) -> list[float]:
        if not tasks:
            return []
        rows = model_rows(tasks, st)
        if isinstance(self.estimator, LinearWeights):
            return [self.estimator.probability(row) for row in rows]
        return [float(p) for p in self.estimator.predict_proba(rows)[:, 1]]

    def rescore(
        self, tasks: list[TaskFinding], ct: ComposedText, st: Structure
    ) -> list[TaskFinding]:
        """Keep the candidates the model believes in; its probability becomes the confidence."""
        probs = self.probabilities(tasks, st)
        kept: list[TaskFinding] = []
        for t, p in zip(tasks, probs, strict=True):
            t.explanation["rule_confidence"] = t.confidence
            t.explanation["model_probability"] = round(float(p), 4)
            if keeps(t, p, self.threshold, self.veto):
                t.confidence = float(max(p, self.threshold))
                if not t.assignees and t.subject:
                    # The rules found no verb they know after the clause's opening bodies
                    # ("Phòng Kinh tế dự thảo …"); the model says it is a task, so they act.
                    t.assignees = list(t.subject)
                    t.explanation["assignees_from"] = "subject (verb unknown to the rules)"
                kept.append(t)
        return kept


def _pairs(text: str) -> list[str]:
    words = [_DIGITS.sub("0", w) for w in _SYLLABLE.findall(text.lower())]
    return [f"{a} {b}" for a, b in pairwise(words)]


def _top_headings(st: Structure, offset: int) -> str:
    """The headings, without their labels, of the top-level sections ("I.", "Điều 3.", "PHẦN
    II") that hold ``offset`` below their heading line."""
    out = []
    for s in st.innermost(offset):
        if s.level <= 1 and s.start < offset:
            at = s.heading.find(s.label)
            out.append(s.heading[at + len(s.label) :] if at >= 0 else s.heading)
    return " ".join(out)


def model_rows(tasks: list[TaskFinding], st: Structure) -> list[dict[str, float | str]]:
    """The model's view of a document's candidates: the assembler's features, the clause's
    word pairs, those of the heading it sits under and those of its top-level section.

    Vietnamese words are mostly two syllables ("tổ chức", "báo cáo", "rà soát"), so adjacent
    syllable pairs are its words and their joints: what the clause is about, which the rules'
    cues do not say ("Xem xét báo cáo" of a supervision programme, "được thực hiện" of a
    regulation). The heading's pairs say what the section is for ("Kết quả đạt được", "Nhiệm
    vụ, giải pháp", "Tổ chức thực hiện"), which the rules' section kind only sorts into two.
    Numbers become 0, so dates and counts share their pairs. Added in the nineteenth session:
    out-of-fold office task F1 0.837 to 0.851 (clause pairs), 0.859 (and heading pairs).

    The nearest heading is often a numbered item ("1. Công tác tuyên truyền"); whether the part it
    sits in sets goals or assigns work is said by the top-level heading above it ("I. MỤC ĐÍCH,
    YÊU CẦU", "II. NỘI DUNG TUYÊN TRUYỀN", "III. TỔ CHỨC THỰC HIỆN"). Added in the twentieth
    session: out-of-fold F1 office 0.861 to 0.863, authored 0.972 to 0.974 (and up under each of
    three other fold assignments: office +0.002 to +0.005, authored +0.002 to +0.004). Only the
    top level: the headings of every enclosing section lost office F1 (0.850).
    """
    heading = ""
    rows: list[dict[str, float | str]] = [{} for _ in tasks]
    for i in sorted(range(len(tasks)), key=lambda i: tasks[i].start):
        t = tasks[i]
        row: dict[str, float | str] = dict(t.features)
        row.update((f"{PAIR}{p}", 1.0) for p in _pairs(t.text))
        if t.features.get("heading"):
            heading = t.text
        else:
            row.update((f"{HEADING_PAIR}{p}", 1.0) for p in _pairs(heading))
        row.update((f"{SECTION_PAIR}{p}", 1.0) for p in _pairs(_top_headings(st, t.start)))
        rows[i] = row
    return rows


def keeps(t: TaskFinding, probability: float, threshold: float, veto: float = 0.0) -> bool:
    """Whether a candidate stands as a task; training picks its threshold with the same rule."""
    if t.features.get("closing") or t.features.get("lead_in") or t.features.get("heading"):
        # A closing formula is never a task, and a heading or a lead-in is not one of its own:
        # its items are (ANNOTATION.md; on train and dev the model kept 3 of 137 lead-ins, none
        # of them a gold task).
        return False
    if t.features.get("heads_sections") and not (
        t.features.get("own_lead") or t.features.get("own_deadline")
    ):
        # A numbered line over numbered sub-items, with no body and no time of its own, is the
        # heading of their group however long it runs ("2.3. Nâng cao hiệu quả công tác quản lý
        # người nghiện, …" over "2.3.1.", "2.3.2."). On train and dev (rules' headings and
        # lead-ins aside): 51 such lines, none a gold task; the 2 gold tasks among the lines
        # over sub-items name their body. Out-of-fold office F1 0.863 -> 0.868.
        return False
    strong_rule = t.accepted and t.confidence >= STRONG_RULE
    return probability >= threshold or (strong_rule and probability >= veto)


@lru_cache(maxsize=1)
def load_task_model() -> TaskModel | None:
    """The run-time model: the exported weights and the decision settings of the artefact."""
    directory = models_dir()
    weights, meta = directory / WEIGHTS_FILE, directory / MODEL_FILE.replace(".skops", ".json")
    if not weights.exists() or not meta.exists():
        return None
    settings = json.loads(meta.read_text(encoding="utf-8"))
    return TaskModel(
        LinearWeights.load(weights), float(settings["threshold"]), float(settings.get("veto", 0.0))
    )
