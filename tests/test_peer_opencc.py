"""OpenCC's own test cases (tests/fixtures/peer/opencc/testcases.json, Apache-2.0, see SOURCES.md
and LICENSE.md there) for the configs extractor's variants use, converted the way the product
converts: fastcc (opencc-python-reimplemented's matching) with OpenCC's current data, vendored in
extractor/data/opencc/. Each (case, config) asserts OpenCC's exact answer.

What still fails is the matching, not the data (OpenCC 1.4.2 itself passes every case); each is
listed in KNOWN with its reason and runs as a strict xfail. With the reimplementation's own
(older) data 140 of the 339 pass (`test_pass_rate`)."""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path

import pytest

from extractor.normalize import fastcc, opencc_backend
from extractor.normalize.opencc_dicts import REIMPLEMENTATION, VENDORED, VENDORED_DIR, load_chain

FIXTURE = Path(__file__).parent / "fixtures" / "peer" / "opencc" / "testcases.json"
CONFIGS = sorted({c for c in opencc_backend.CONFIGS.values() if c})  # s2hk s2t s2twp t2s tw2sp

# Reasons the product's matching gives another answer than OpenCC's.
SEPARATOR = (
    "the key holds '-', one of the reimplementation's separators: the text is split there before "
    "matching, so the key never matches (OpenCC does not split)"
)
SEGMENTATION = (
    "OpenCC segments first (mmseg with the phrase dictionary) and matches forward within a segment; "
    "the reimplementation matches the longest key anywhere in the text"
)
KNOWN = {
    # 几周围 (3 characters) is longer than 茶几: 茶几周围 -> 茶幾周圍, OpenCC (forward) 茶几周圍
    ("case_067_s2x", "s2t"): SEGMENTATION,
    # OpenCC's segments 畫/素藉/由 and 圖/示覆/蓋 hide TWPhrasesRev's 畫素 and 圖示 (its answer
    # is marked [sic] upstream); here 畫素 -> 像素 and 圖示 -> 圖標 match
    ("BYVoid_OpenCC_Issue_475_tw2sp", "tw2sp"): SEGMENTATION,
    # 低级别 segments as 低/级别 in OpenCC; here TWPhrases' 低級 -> 低階 matches across them
    ("nk2028_opencc-js_Issue_37", "s2twp"): SEGMENTATION,
    ("western_classical_musicians_tw2sp", "tw2sp"): SEPARATOR + " (林姆斯基-高沙可夫)",
    ("western_classical_musicians_s2twp", "s2twp"): SEPARATOR + " (里姆斯基-科萨科夫)",
    ("fortune_500_company_names_tw_s2twp", "s2twp"): SEPARATOR + " (伯克希尔-哈撒韦)",
}


@cache
def cases() -> list[tuple[str, str, str, str]]:
    """(id, config, input, expected) for the configs the variants use. Upstream's file has trailing
    commas (see SOURCES.md): they are dropped before parsing (none occurs inside a string)."""
    text = FIXTURE.read_text(encoding="utf-8")
    data = json.loads(re.sub(r",(\s*[\]}])", r"\1", text))
    return [
        (case["id"], config, case["input"], case["expected"][config])
        for case in data["cases"]
        for config in CONFIGS
        if config in case["expected"]
    ]


def params():
    for case_id, config, text, expected in cases():
        reason = KNOWN.get((case_id, config))
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        yield pytest.param(config, text, expected, id=f"{case_id}-{config}", marks=marks)


@pytest.mark.parametrize(("config", "text", "expected"), list(params()))
def test_opencc_case(config, text, expected):
    assert fastcc.converter(config)(text) == expected


def test_known_failures_are_cases():
    ids = {(case_id, config) for case_id, config, _, _ in cases()}
    assert set(KNOWN) <= ids
    assert len(cases()) == 339  # when written: 232 cases, 543 triples over 16 configs, 339 for ours


def test_pass_rate():
    """The vendored data pass at least 95 %; the reimplementation's own data, for comparison, 140."""

    def passed(source: str) -> int:
        return sum(fastcc.converter(config, source)(text) == expected for _, config, text, expected in cases())

    assert passed(VENDORED) == len(cases()) - len(KNOWN) >= 0.95 * len(cases())
    assert passed(REIMPLEMENTATION) == 140


def test_vendored_files_match_their_sources_md():
    """Each vendored file is the one scripts/vendor_opencc.py recorded (sha256 prefix in SOURCES.md)."""
    sources = (VENDORED_DIR / "SOURCES.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([^`]+)` \| .* \| `([0-9a-f]{16})` \|$", sources, re.M))
    on_disk = {
        str(p.relative_to(VENDORED_DIR)) for p in VENDORED_DIR.rglob("*") if p.is_file() and p.name != "SOURCES.md"
    }
    assert set(rows) == on_disk
    for relative, prefix in rows.items():
        assert hashlib.sha256((VENDORED_DIR / relative).read_bytes()).hexdigest()[:16] == prefix, relative


def test_vendored_chains():
    """OpenCC's current configs in fastcc's shape: normalization first, a union group one merged
    dictionary, the tofu-risk dictionary included."""
    normalization = (("CJK_Compatibility_Ideographs.txt",),)
    st = (("STPhrases.txt", "STPhrases_GeneratedFromRegionalPhrases.txt"), ("STCharacters.txt",))
    ts = (("TSPhrases.txt",), ("TSCharactersExt.txt",), ("TSCharacters.txt",))
    assert load_chain("t2s") == [normalization, ts]
    assert load_chain("s2t") == [normalization, st]
    assert load_chain("s2twp") == [
        normalization,
        st,
        (("TWPhrases.txt",), ("TWVariantsPhrases.txt",), ("TWVariants.txt",)),
    ]
    assert load_chain("tw2sp") == [
        normalization,
        (("TWPhrasesRev.txt",), ("TWVariantsRevPhrases.txt",), ("TWVariantsRev.txt",)),
        ts,
    ]
    assert load_chain("s2hk") == [normalization, st, (("HKVariantsPhrases.txt",), ("HKVariants.txt",))]


@pytest.mark.parametrize(
    ("config", "text", "expected"),
    [
        ("t2s", "楊聯陞", "杨联陞"),  # the brief's example: old data 杨联升
        ("s2twp", "演算法", "演算法"),  # old data 演演算法
        ("t2s", "\uf900", "岂"),  # normalization: U+F900 (compatibility) -> 豈 -> 岂
        ("s2t", "\uf900", "豈"),
    ],
)
def test_examples(config, text, expected):
    assert fastcc.converter(config)(text) == expected
