"""TCVN3 (ABC) and VNI mojibake → Unicode, detected only when it makes text Vietnamese."""

from __future__ import annotations

import pytest

from nlp_service.readers import read
from nlp_service.text.encodings import convert_legacy, detect_legacy

CASES = [
    ("tcvn3", "Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("tcvn3", "§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("tcvn3", "CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    (
        "tcvn3",
        "UBND tØnh L©m §ång giao Së Tµi chÝnh chñ tr×",
        "UBND tỉnh Lâm Đồng giao Sở Tài chính chủ trì",
    ),
    ("vni", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("vni", "Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("vni", "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    (
        "vni",
        "UÛy ban nhaân daân tænh giao Sôû Taøi chính chuû trì, phoái hôïp vôùi caùc ngaønh",
        "Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì, phối hợp với các ngành",
    ),
]


@pytest.mark.parametrize(("encoding", "legacy", "unicode"), CASES)
def test_detect_and_convert(encoding: str, legacy: str, unicode: str) -> None:
    assert detect_legacy(legacy) == encoding
    assert convert_legacy(legacy, encoding) == unicode


@pytest.mark.parametrize(
    "text",
    [
        "Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì, phối hợp với các sở",
        "Cộng hoà xã hội chủ nghĩa Việt Nam; toà án nhân dân tỉnh",  # old-style "oà"
        "The committee met on Monday to review the progress of the projects.",
    ],
)
def test_unicode_and_english_are_left_alone(text: str) -> None:
    assert detect_legacy(text) is None


def test_reader_converts_legacy_text_file() -> None:
    legacy = "\n".join(c[1] for c in CASES if c[0] == "tcvn3") + "\n"
    doc = read(legacy.encode("utf-8"), "cu.txt")
    assert doc.blocks[0].text == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert any("TCVN3" in w for w in doc.warnings)
