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


@pytest.mark.parametrize(
    "inner,variant,seen",
    [
        ("zh:China;zh-Hant-TW:Taiwan", "zh-tw", "Taiwan"),  # BCP 47 tags are variant codes (validateVariant)
        ("zh-Hans-CN:大陆;zh-Hant-HK:香港", "zh-hk", "香港"),
        ("zh-Hant-TW;|text", "zh-tw", "text"),  # in a variant filter too
        ("zh-hant:;\nzh-cn:", "zh-tw", ""),  # empty texts: the author shows nothing (zhconv's answer)
        ("zh-hans:;zh-hant:（註）", "zh-cn", ""),
        ("zh-hans:;zh-hant:（註）", "zh-hk", "（註）"),
        ("N|en", "zh-cn", "English"),  # another language's own name (LanguageNameUtils)
        ("N|sr-Cyrl", "zh-cn", "српски (ћирилица)"),
        ("D;N|zh-tw", "zh-cn", "臺灣"),  # parseFlags: N excludes the others
        (" H  |all variants", "zh-tw", ""),
    ],
)
def test_mediawiki_parser_test_forms(inner, variant, seen):
    assert render(inner, variant) == seen


def test_empty_texts_are_no_table_entries():
    from extractor.normalize.rules import ConvRule

    rule = ConvRule.from_markup(parse_markup("H|zh-cn:foo;zh-tw:;"))
    assert rule.table("zh-tw") == {}  # MediaWiki T53551: `$to !== ''`, no `'' => foo` pair
    assert all("" not in rule.table(code) for code in ("zh-cn", "zh-hans", "zh-tw", "zh-hk"))


def test_a_nested_blocks_bar_is_not_the_flag_separator():
    # the outer block's text as the inner one leaves it unrendered (the parser renders inside out)
    markup = parse_markup("zh-cn:AAA -{zh-hans|foo:bar}-")
    assert markup.flags == ("S",) and markup.variants == {"zh-cn": "AAA -{zh-hans|foo:bar}-"}
