"""`-{...}-` markup as a reader of each variant sees it (MediaWiki's semantics)."""

import pytest

from extractor.normalize.langconv import parse_markup, render

CASES = [
    # (inner markup, variant, what the reader sees)
    ("计算机", "zh-hant", "计算机"),  # -{text}-: never converted
    ("zh-hans:计算机; zh-hant:電腦;", "zh-hans", "计算机"),
    ("zh-hans:计算机; zh-hant:電腦;", "zh-cn", "计算机"),  # zh-cn falls back to zh-hans
    ("zh-hans:计算机; zh-hant:電腦;", "zh-tw", "電腦"),
    ("zh-hans:计算机; zh-hant:電腦;", "zh-hk", "電腦"),
    ("zh-cn:计算机; zh-tw:電腦; zh-hk:電腦", "zh-hans", "计算机"),  # zh-hans falls back to zh-cn
    ("zh-cn:计算机; zh-tw:電腦;", "zh-mo", "電腦"),  # zh-mo -> zh-hk -> zh-hant -> zh-tw
    ("zh-cn:新西兰; zh-sg:纽西兰;", "zh-my", "纽西兰"),  # zh-my -> zh-sg
    ("H|zh-cn:计算机; zh-tw:電腦;", "zh-tw", ""),  # page-wide rule: shows nothing
    ("T|zh-cn:标题; zh-tw:標題;", "zh-cn", ""),
    ("-|zh-cn:计算机; zh-tw:電腦;", "zh-cn", ""),
    ("A|zh-cn:计算机; zh-tw:電腦;", "zh-tw", "電腦"),
    ("R|zh-cn:计算机", "zh-tw", "zh-cn:计算机"),  # raw
    ("zh-hant;zh-tw|只給繁體讀者", "zh-tw", "只給繁體讀者"),
    ("zh-hant;zh-tw|只給繁體讀者", "zh-hans", "只給繁體讀者"),  # ConverterRule::parse: unlisted -> raw
    ("", "zh-hans", ""),
    ("zh:美丽心灵;zh-tw:美麗境界;", "zh-hans", "美丽心灵"),  # plain `zh:` is the last resort
    ("zh:美丽心灵;zh-tw:美麗境界;", "zh-tw", "美麗境界"),  # 北-{}-韓: an empty block shows nothing
    ("zh-hans:**.NET框架**（英語：.NET Framework）;zh-hant:**.NET\nFramework**", "zh-hant", "**.NET\nFramework**"),
]


@pytest.mark.parametrize("inner,variant,seen", CASES, ids=[f"{c[1]}:{c[0][:20]}" for c in CASES])
def test_reader_sees(inner, variant, seen):
    assert render(inner, variant) == seen


def test_unidirectional_part_is_not_a_bidirectional_rule():
    markup = parse_markup("乾隆=>zh-cn:干隆; zh-hans:计算机; zh-hant:電腦")
    assert markup.variants == {"zh-hans": "计算机", "zh-hant": "電腦"}


def test_text_before_a_pipe_is_dropped_like_invalid_flags():
    # ConverterRule::parseFlags: the text after the first `|` is the rule, whatever precedes it
    assert render("Ctrl|Alt", "zh-tw") == "Alt"
    assert render("[[甲|乙]]", "zh-tw") == "[[甲|乙]]"  # a link's pipe is not the flag separator
