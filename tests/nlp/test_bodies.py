"""Body recognizer: the mention table, abbreviation expansion, canonical names, the scoring rule,
and smoke tests over the shared corpus (skipped when ../shared is absent)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from assertions import assert_contains, assert_mentions, assert_spans_consistent
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_service.nlp.abbreviations import canonical_body, expand, fold_tones, same_body
from nlp_service.nlp.bodies import BodyRecognizer, default_recognizer, document_era
from nlp_service.nlp.recognizer import Mention

TABLE = Path(__file__).with_name("body_mentions.yaml")
SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED = SHARED / "seeds" / "000_53af50e955ebb96f.txt"
CORPUS_MD = sorted((SHARED / "corpus" / "raw").glob("*/*.md"))

CASES: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def recognizer() -> BodyRecognizer:
    return BodyRecognizer()


def test_table_is_large_enough() -> None:
    assert sum(len(c["bodies"]) for c in CASES) >= 100
    assert sum(1 for c in CASES if not c["bodies"]) >= 10


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_body_mentions(recognizer: BodyRecognizer, case: dict[str, Any]) -> None:
    mentions = recognizer.analyze(case["text"])
    assert_mentions(case["text"], mentions, case["bodies"])


def test_mentions_carry_label_and_recognizer(recognizer: BodyRecognizer) -> None:
    (m,) = recognizer.analyze("Giao Sở Xây dựng chủ trì.")
    assert isinstance(m, Mention)
    assert (m.label, m.recognizer, m.explanation["rule"]) == ("BODY", "body", "department")
    assert m.to_entity()["normalized"] == "Sở Xây dựng"


def test_shared_head_explains_its_head(recognizer: BodyRecognizer) -> None:
    text = "Giao các sở: Tài chính, Xây dựng thực hiện."
    first, second = recognizer.analyze(text)
    assert first.explanation["rule"] == second.explanation["rule"] == "shared_head"
    start, end = first.explanation["head_span"]
    assert text[start:end].rstrip(": ") == "các sở"


def test_era_is_reported(recognizer: BodyRecognizer) -> None:
    old, new = recognizer.analyze("Sở Kế hoạch và Đầu tư bàn giao cho Sở Tài chính.")
    assert old.explanation["era"] == "before_2025_03"
    assert new.explanation["era"] == "any"
    (merged,) = recognizer.analyze("Sở Nông nghiệp và Môi trường chủ trì.")
    assert merged.explanation["era"] == "after_2025_03"


def test_known_place_raises_the_score(recognizer: BodyRecognizer) -> None:
    (known,) = recognizer.analyze("UBND huyện Hoài Đức thực hiện.")
    (unknown,) = recognizer.analyze("UBND huyện Zét Quá thực hiện.")
    assert known.explanation["known_place"] is True
    assert unknown.explanation["known_place"] is False
    assert known.score > unknown.score


def test_old_tone_spelling_keeps_offsets(recognizer: BodyRecognizer) -> None:
    text = "Uỷ ban nhân dân huyện Thuỷ Nguyên và Sở Văn hoá, Thể thao và Du lịch."
    mentions = recognizer.analyze(text)
    assert_spans_consistent(text, mentions)
    assert [m.normalized for m in mentions] == [
        "Ủy ban nhân dân huyện Thủy Nguyên",
        "Sở Văn hóa, Thể thao và Du lịch",
    ]


def test_empty_text(recognizer: BodyRecognizer) -> None:
    assert recognizer.analyze("") == []


# --- abbreviations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expanded"),
    [
        ("UBND TP Hà Nội", "Ủy ban nhân dân thành phố Hà Nội"),
        ("HĐND tỉnh", "Hội đồng nhân dân tỉnh"),
        ("UBMTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc tỉnh"),
        ("Đoàn ĐBQH tỉnh", "Đoàn đại biểu Quốc hội tỉnh"),
        ("TT HĐND huyện", "Thường trực Hội đồng nhân dân huyện"),
        ("UBND TT Phú Xuyên", "Ủy ban nhân dân thị trấn Phú Xuyên"),
        ("TTr HĐND tỉnh", "Thường trực Hội đồng nhân dân tỉnh"),
        ("TTr số 12", "Tờ trình số 12"),
        ("UBND TX Sơn Tây", "Ủy ban nhân dân thị xã Sơn Tây"),
        ("VP UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
        ("phát triển KT-XH", "phát triển kinh tế - xã hội"),
        ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
        ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
        ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
        ("Sở LĐTB&XH", "Sở Lao động - Thương binh và Xã hội"),
        ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
        ("Sở VHTT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở GTVT", "Sở Giao thông vận tải"),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
        ("Sở NN&MT", "Sở Nông nghiệp và Môi trường"),
        ("Trung tâm CNTT Tây Bắc", "Trung tâm Công nghệ thông tin Tây Bắc"),
        ("ứng dụng CNTT trong", "ứng dụng CNTT trong"),  # no unit before it: left alone
        ("Sở TP", "Sở Tư pháp"),
        ("Ban PC", "Ban Pháp chế"),
        ("Ban KT-NS", "Ban Kinh tế - Ngân sách"),
        ("Ban VH-XH", "Ban Văn hóa - Xã hội"),
        ("BQL khu kinh tế", "Ban Quản lý khu kinh tế"),
        ("BCĐ tỉnh", "Ban Chỉ đạo tỉnh"),
        ("CA tỉnh", "Công an tỉnh"),
        ("PCT UBND tỉnh", "Phó Chủ tịch Ủy ban nhân dân tỉnh"),
        ("TP. Đà Lạt", "thành phố Đà Lạt"),
        ("TP.HCM", "thành phố Hồ Chí Minh"),
        ("vốn NSNN cho GPMB", "vốn ngân sách nhà nước cho giải phóng mặt bằng"),
        ("số 12/TTr-UBND", "số 12/TTr-UBND"),  # inside a document number: left alone
        ("Chuyên đề CA", "Chuyên đề CA"),  # no unit after it: not Công an
    ],
)
def test_expand(raw: str, expanded: str) -> None:
    assert expand(raw) == expanded


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("UBND TP", "Ủy ban nhân dân thành phố"),
        ("Uỷ ban nhân dân Tỉnh Lâm Đồng", "Ủy ban nhân dân tỉnh Lâm Đồng"),
        ("Ủy Ban Nhân Dân huyện Hoài Đức", "Ủy ban nhân dân huyện Hoài Đức"),
        ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Ủy ban nhân dân tỉnh Lâm Đồng"),
        ("HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI", "Hội đồng nhân dân thành phố Hà Nội"),
        ("  Sở   TN&MT ,", "Sở Tài nguyên và Môi trường"),
        ("các sở, ban, ngành", "các sở, ban, ngành"),
        ("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Thường trực HĐND TP.", "Thường trực Hội đồng nhân dân thành phố"),
    ],
)
def test_canonical_body(raw: str, canonical: str) -> None:
    assert canonical_body(raw) == canonical


def test_fold_tones_keeps_length_and_spares_qu() -> None:
    text = "Uỷ ban hoà giải, thuỷ lợi, khoẻ mạnh, quý, quỳ, hoàn thành"
    folded = fold_tones(text)
    assert len(folded) == len(text)
    assert folded == "Ủy ban hòa giải, thủy lợi, khỏe mạnh, quý, quỳ, hoàn thành"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("UBND TP", "Ủy ban nhân dân thành phố", True),
        ("Sở TN&MT", "Sở Tài nguyên và Môi trường", True),
        ("các sở, ban, ngành", "sở, ban, ngành", True),
        (
            "Văn phòng UBND tỉnh",
            "Văn phòng Ủy ban nhân dân tỉnh (Trung tâm Phục vụ hành chính công)",
            True,
        ),
        ("Uỷ ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh", True),
        ("Thường trực HĐND TP", "Thường trực Hội đồng nhân dân thành phố Hà Nội", True),
        ("Sở Tài chính", "Sở Xây dựng", False),
        ("Sở Kế hoạch và Đầu tư", "Sở Tài chính", False),
        ("UBND huyện Hoài Đức", "UBND huyện Đan Phượng", False),
        ("Ban Pháp chế", "Ban Kinh tế - Ngân sách", False),
        ("", "Sở Tài chính", False),
    ],
)
def test_same_body(a: str, b: str, same: bool) -> None:
    assert same_body(a, b) is same
    assert same_body(b, a) is same


# --- the shared corpus and the seed -------------------------------------------------------------


@pytest.mark.corpus
def test_seed_bodies(recognizer: BodyRecognizer) -> None:
    if not SEED.exists():
        pytest.skip("shared seed absent")
    text = SEED.read_text(encoding="utf-8")
    mentions = recognizer.analyze(text)
    assert_spans_consistent(text, mentions)
    assert_contains(
        mentions,
        "Thường trực HĐND của 11 quận, huyện, thị xã",
        "Thường trực Hội đồng nhân dân của 11 quận, huyện, thị xã",
    )
    assert_contains(mentions, "Thường trực HĐND TP", "Thường trực Hội đồng nhân dân thành phố")
    assert_contains(mentions, "HĐND TP Hà Nội", "Hội đồng nhân dân thành phố Hà Nội")
    assert_contains(mentions, "các đơn vị", "các đơn vị")
    assert_contains(mentions, "HĐND huyện Hoài Đức")
    mttq = [m for m in mentions if m.text.startswith("Ủy ban MTTQ")]
    assert mttq and mttq[0].explanation["collective"]


@pytest.mark.corpus
@pytest.mark.parametrize("path", CORPUS_MD, ids=[p.name for p in CORPUS_MD])
def test_corpus_markdown(recognizer: BodyRecognizer, path: Path) -> None:
    """Every notice names at least one issuing council or committee; spans stay exact."""
    text = path.read_text(encoding="utf-8")
    mentions = recognizer.analyze(text)
    assert_spans_consistent(text, mentions)
    assert any(m.explanation["rule"] in {"admin", "gazetteer"} for m in mentions)
    assert all(m.normalized for m in mentions)


@pytest.mark.corpus
def test_speed(recognizer: BodyRecognizer) -> None:
    """Runs on every document: at least the speed of underthesea word_tokenize (~200k chars/s).

    The floor asserted here is a quarter of that, so a busy shared machine does not fail it.
    """
    texts = [p.read_text(encoding="utf-8") for p in CORPUS_MD]
    if not texts:
        pytest.skip("shared corpus absent")
    chars = sum(len(t) for t in texts)
    t0 = time.perf_counter()
    for t in texts:
        recognizer.analyze(t)
    rate = chars / (time.perf_counter() - t0)
    assert rate > 50_000, f"{rate:,.0f} chars/s"


@pytest.mark.parametrize(
    ("text", "era"),
    [
        ("UBND huyện Hoài Đức", "before_2025_07"),
        ("UBND thị xã Sơn Tây", "before_2025_07"),
        ("UBND đặc khu Phú Quốc", "after_2025_07"),
        ("UBND xã Bảo Lâm 2", "after_2025_07"),
        ("UBND tỉnh Bà Rịa - Vũng Tàu", "before_2025_07"),
        ("UBND các huyện, thị xã", "before_2025_07"),
        ("UBND các xã, phường, đặc khu", "after_2025_07"),
        ("Công an huyện Lạc Dương", "before_2025_07"),
        ("Sở Kế hoạch và Đầu tư", "before_2025_03"),
    ],
)
def test_body_tells_its_era(recognizer: BodyRecognizer, text: str, era: str) -> None:
    (m,) = recognizer.analyze(text + " thực hiện.")
    assert m.explanation["era"] == era


@pytest.mark.parametrize(
    ("text", "era"),
    [
        ("Giao Sở Kế hoạch và Đầu tư, UBND các huyện, thị xã thực hiện.", "before_reform"),
        ("Giao Sở Nông nghiệp và Môi trường, UBND các xã, phường, đặc khu.", "after_reform"),
        ("Giao Sở Tài chính thực hiện.", "unknown"),
    ],
)
def test_document_era(recognizer: BodyRecognizer, text: str, era: str) -> None:
    assert document_era(recognizer.analyze(text)) == era


def test_overlap_resolution_stays_linear(recognizer: BodyRecognizer) -> None:
    """Thousands of mentions in one text: the resolution must not be quadratic."""
    text = "Giao Sở Tài chính, UBND huyện Hoài Đức và các đơn vị liên quan thực hiện. " * 4000
    t0 = time.perf_counter()
    mentions = recognizer.analyze(text)
    assert len(mentions) == 12000
    assert time.perf_counter() - t0 < 20


_BODY_WORDS = st.sampled_from(
    [
        "UBND",
        "HĐND",
        "Sở",
        "Ban",
        "các",
        "tỉnh",
        "huyện",
        "xã",
        "Tài chính",
        "Lâm Đồng",
        "TT",
        "TP",
        "Văn phòng",
        "Chủ tịch",
        "(",
        ")",
        ":",
        ",",
        "-",
        "\n",
        " ",
        "và",
        "Hội",
        "Trung tâm",
        "Công an",
        "cấp",
        "Bảo Lâm 2",
        "1",
        "đặc khu",
        "ngành",
        "Uỷ ban",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_BODY_WORDS, st.text(max_size=4)), max_size=30))
def test_any_text_gives_consistent_spans(words: list[str]) -> None:
    """Fuzz: any mix of body words and noise gives exact, non-overlapping spans, no exception."""
    text = " ".join(words)
    mentions = default_recognizer().analyze(text)
    assert_spans_consistent(text, mentions)
    assert all(m.normalized for m in mentions)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fold_tones_preserves_length(text: str) -> None:
    assert len(fold_tones(text)) == len(text)
