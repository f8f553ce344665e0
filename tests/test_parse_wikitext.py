"""Tests for extractor.parse.wikitext.

Real-article tests read ../shared/corpus/wikitext/*.wiki (zh.wikipedia text,
CC BY-SA, see ../shared/corpus/SOURCES.md); the facts asserted were read from
those files. Tests marked "synthetic" use snippets written for the test.
"""

from __future__ import annotations

import json

import pytest
from _paths import CORPUS as _CORPUS  # noqa: E402

from extractor.model import Page
from extractor.parse.wikitext import parse_wikitext

CORPUS = _CORPUS / "wikitext"
PEER = _CORPUS / "peer" / "mwparserfromhell-tokenizer-inputs.jsonl"
RESIDUE = [
    "{{",
    "}}",
    "[[",
    "]]",
    "'''",
    "''",
    "<ref",
    "-{",
    "}-",
    "&nbsp;",
    "__TOC__",
    "__NOTOC__",
    "{|",
    "|}",
    "<!--",
    "（）",
    "（，）",
    "()",
    "（；）",
]
CORPUS_FILES = sorted(CORPUS.glob("*.wiki"))


def parse(markup: str, title: str | None = "X", variant: str = "zh-hans"):
    page = Page(
        markup=markup,
        format="wikitext",
        path="x.wiki",
        title=title,
        title_from="filename" if title else "unknown",
    )
    return parse_wikitext(page, variant)


def article(name: str, variant: str = "zh-hans"):
    return parse((CORPUS / f"{name}.wiki").read_text(encoding="utf-8"), name, variant)


def anchors(doc) -> list[tuple[str, str]]:
    return [(doc.text[link.start : link.end], link.target) for link in doc.links]


def assert_invariants(doc) -> None:
    text = doc.text
    n = len(text)
    for link in doc.links:
        assert 0 <= link.start < link.end <= n and text[link.start : link.end].strip()
    for section in doc.sections:
        assert 0 <= section.start <= section.end <= n
        assert text[section.start :].startswith(section.title)
    for block in doc.blocks:
        assert 0 <= block.start < block.end <= n
    for span in doc.bold + doc.protected:
        assert 0 <= span.start < span.end <= n
    for ext in doc.external_links:
        assert 0 <= ext.start <= ext.end <= n
    for citation in doc.citations:
        assert 0 <= citation.pos <= n
    assert "\ue000" not in text and "\ue001" not in text


# --- real articles -------------------------------------------------------------------


@pytest.fixture(scope="module")
def vatican():
    return article("梵蒂冈")


def test_vatican_lead_renders_lang_templates(vatican):
    assert vatican.text.startswith(
        "梵蒂岡城國（拉丁语：Status Civitatis Vaticanae；意大利语：Stato della Città del Vaticano）"
    )
    assert vatican.text[vatican.bold[0].start : vatican.bold[0].end] == "梵蒂岡城國"


def test_vatican_links(vatican):
    pairs = anchors(vatican)
    assert ("內陸", "内陆国家") in pairs
    link = next(link for link in vatican.links if vatican.text[link.start : link.end] == "國中國")
    assert (link.target, link.section, link.target_raw) == ("飛地", "國中國", "飛地#國中國")


def test_vatican_sections_and_categories(vatican):
    by_title = {s.title: s for s in vatican.sections}
    assert by_title["歷史"].level == 2 and by_title["行政制度"].level == 3
    outer, inner = by_title["政府結構"], by_title["行政中樞"]
    assert outer.start < inner.start and inner.end <= outer.end
    assert "城邦" in vatican.categories and "聖座世界遺產" in vatican.categories
    assert vatican.text[by_title["歷史"].start :].startswith("歷史\n")


def test_vatican_infobox_and_references(vatican):
    assert vatican.infobox.template == "Infobox country"
    assert vatican.infobox.fields["common_name"] == "梵蒂冈城"
    assert vatican.infobox.fields["capital"] == "梵蒂冈（城邦）"
    assert "conventional_long_name" not in vatican.text[:40]
    ref = next(
        r
        for r in vatican.references
        if r.url == "http://www.vaticanstate.va/EN/State_and_Government/StateDepartments/index.htm"
    )
    assert ref.title == "Internet portal of Vatican City State" and ref.publisher == "Vatican City State"
    assert any(c.ref_id == "factbook" for c in vatican.citations)
    ids = [r.id for r in vatican.references]
    assert len(ids) == len(set(ids))  # named references merged


def test_vatican_title_from_bold_when_no_title():
    doc = parse((CORPUS / "梵蒂冈.wiki").read_text(encoding="utf-8"), title=None)
    assert (doc.title, doc.title_from) == ("梵蒂岡城國", "bold")


def test_golden_horse_table():
    doc = article("第10屆金馬獎")
    table = doc.tables[0]
    assert table.header == ["", "得獎作品", "出品公司", "頒獎嘉賓", "引言人"]
    assert any("《秋決》" in row for row in table.rows)
    assert "得獎作品" not in doc.text  # tables are kept out of the text


def test_nakagami_birth_death_and_header_box():
    doc = article("中上健次")
    assert doc.text.startswith("中上健次（1946年8月2日—1992年8月12日），和歌山縣新宮市出生的男性小說家。")
    assert any(t.name == "Bd" and t.params["1"] == "1946年" for t in doc.templates)


def test_goujian_BD_adds_its_parentheses():
    """Template:BD is not Template:Bd: it writes the parentheses the article leaves out."""
    doc = article("勾践")
    assert doc.text.startswith("勾踐（？—前464年），又寫作句踐")
    assert parse("{{bd|1453年||1532年|catIdx=}}").text == "1453年—1532年"
    assert parse("甲{{BD|1453年||1532年}}乙").text == "甲（1453年—1532年）乙"
    assert parse("甲{{BD}}乙").text == "甲乙"


def test_nichia_nihongo_and_tsl():
    doc = article("日亞化學工業")
    assert doc.text.startswith(
        "日亞化學工業株式會社（日语：日亜化学工業株式会社，Nichia Kagaku Kōgyō Kabushiki-gaisha），"
    )
    assert ("科銳", "科銳") in anchors(doc)


def test_beautiful_mind_regional_title_is_protected():
    hans, tw = article("美丽心灵"), article("美丽心灵", "zh-tw")
    assert hans.text.startswith("《美丽心灵》（A Beautiful Mind）是一部美國電影")
    assert tw.text.startswith("《美麗境界》")
    assert [tw.text[s.start : s.end] for s in tw.protected][0] == "美麗境界"


def test_dotnet_sections_and_external_links():
    doc = article("_NET框架")
    assert ("版本", 2) in [(s.title, s.level) for s in doc.sections]
    assert any(
        e.url == "http://www.ecma-international.org/publications/standards/Ecma-335.htm"
        for e in doc.external_links
    )


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_corpus_residue_and_spans(path):
    doc = parse(path.read_text(encoding="utf-8"), path.stem)
    for residue in RESIDUE:
        assert residue not in doc.text, residue
    assert_invariants(doc)
    assert doc.text and doc.blocks


def test_tokenizer_fragments_never_crash():
    """mwparserfromhell's own tricky tokenizer inputs (526 fragments)."""
    rows = [json.loads(line) for line in PEER.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) > 500
    for row in rows:
        for title in (None, "X"):
            assert_invariants(parse(row["input"], title))


# --- synthetic snippets -------------------------------------------------------------


def test_synthetic_paragraphs_headings_lists():
    doc = parse("甲乙。\n丙丁。\n\n戊己。\n== 历史 ==\n导言：\n* 一\n* 二\n# 三\n后文。\n=== 小节 ===\n内容")
    assert doc.text == "甲乙。丙丁。\n\n戊己。\n\n历史\n\n导言：\n\n一\n二\n三\n\n后文。\n\n小节\n\n内容"
    kinds = [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks]
    assert ("heading", "历史") in kinds and ("list_item", "二") in kinds and ("paragraph", "后文。") in kinds
    history, sub = doc.sections
    assert (history.title, history.level, sub.title, sub.level) == ("历史", 2, "小节", 3)
    assert history.end == sub.end == len(doc.text)


def test_synthetic_links():
    doc = parse("[[A|甲]]、[[乙]]、[[Apple]]s、[[丙]]丁、[[:丁]]、[[#B|节]]、[[B_c#D|x]]、[[A (b)|]]")
    assert doc.text == "甲、乙、Apples、丙丁、丁、节、x、A"
    assert anchors(doc) == [
        ("甲", "A"),
        ("乙", "乙"),
        ("Apples", "Apple"),
        ("丙", "丙"),
        ("丁", "丁"),
        ("x", "B c"),
        ("A", "A (b)"),
    ]
    assert doc.links[5].section == "D"


def test_synthetic_files_categories_interlanguage():
    doc = parse("甲[[File:a.jpg|thumb|说明[[乙]]]]丙[[en:Foo]][[Category:太空組織|排序]][[:Category:丁]]")
    assert doc.text == "甲丙Category:丁"
    assert doc.categories == ["太空組織"] and doc.links == []


def test_synthetic_bold_italic_and_entities():
    doc = parse("'''甲'''和''乙''&nbsp;丙&amp;\n== H ==\n'''丁'''")
    assert doc.text == "甲和乙 丙&\n\nH\n\n丁"
    assert [doc.text[s.start : s.end] for s in doc.bold] == ["甲"]


def test_synthetic_lang_and_bracket_cleanup():
    doc = parse(
        "甲（{{lang-en|Asia-Pacific}}）乙（{{dead link}}）丙（，{{lang-ja|東京}}）丁（{{cn}}；{{fact}}）戊f()"
    )
    assert doc.text == "甲（英语：Asia-Pacific）乙丙（日语：東京）丁戊f()"
    assert parse("{{lang|en|Foo}} bar").text == "Foo bar"


def test_synthetic_dates_and_convert():
    doc = parse(
        "{{bd|1960年|5月3日|2020年|1月1日}}；{{birth date|1960|05|3}}；{{convert|100|km}}；"
        "{{convert|3|ft}}；{{convert|1|-|2|qq}}"
    )
    assert doc.text == "1960年5月3日—2020年1月1日；1960年5月3日；100公里；3英尺；1-2 qq"


def test_synthetic_link_helpers():
    doc = parse("{{link-en|约翰|John}}、{{le|玛丽|Mary|小玛}}、{{tsl|en|Cree Inc.|科銳}}")
    assert doc.text == "约翰、小玛、科銳"
    assert anchors(doc) == [("约翰", "约翰"), ("小玛", "玛丽"), ("科銳", "科銳")]


def test_synthetic_misc_templates():
    doc = parse(
        "{{nowrap|甲}}{{small|乙}}{{abbr|丙|全称}}{{flag|USA}}{{flagicon|USA}}{{!}}"
        "{{ruby|漢字|かんじ}}{{zh|s=计|t=計}}{{DEFAULTSORT:x}}{{#if:a|b}}__TOC__{{Navbox|x}}"
    )
    assert doc.text == "甲乙丙美国|漢字（かんじ）简体中文：计；繁体中文：計"
    names = [t.name for t in doc.templates]
    assert names == ["Nowrap", "Small", "Abbr", "Flag", "Flagicon", "!", "Ruby", "Zh", "Navbox"]
    assert doc.templates[-1].params == {"1": "x"}


def test_synthetic_quote_template():
    doc = parse("前文\n{{quote|名言在此|某人}}\n后文")
    assert doc.text == "前文\n\n名言在此\n——某人\n\n后文"


def test_synthetic_infobox_not_in_text():
    doc = parse(
        "{{Infobox person\n| name = [[甲]]\n| birth = {{birth date|1900|1|2}}\n| empty = \n}}\n'''甲'''是人。"
    )
    assert doc.text == "甲是人。"
    assert doc.infobox.template == "Infobox person"
    assert doc.infobox.fields == {"name": "甲", "birth": "1900年1月2日"}
    assert parse("{{城市信息框|名=乙}}乙").infobox.fields == {"名": "乙"}


def test_synthetic_references_and_citations():
    doc = parse(
        '甲<ref name="a">{{cite web|url=http://x.org/1|title=标题|date=2020-01-01|publisher=某社}}</ref>'
        "乙<ref>[http://y.org 网页]</ref>丙<ref name=a/>。{{r|a}}\n== 参考 ==\n{{reflist}}\n<references/>"
    )
    assert doc.text == "甲乙丙。\n\n参考"
    a, y = doc.references
    assert (a.id, a.url, a.title, a.date, a.publisher) == (
        "a",
        "http://x.org/1",
        "标题",
        "2020-01-01",
        "某社",
    )
    assert (y.url, y.title) == ("http://y.org", "网页")
    assert [(c.ref_id, c.pos) for c in doc.citations] == [("a", 1), (y.id, 2), ("a", 3), ("a", 4)]


def test_synthetic_named_ref_defined_later():
    doc = parse("甲<ref name=b/>乙<ref name=b>内容</ref>")
    assert [(r.id, r.text) for r in doc.references] == [("b", "内容")]


def test_synthetic_tables_kept_out():
    doc = parse(
        '前文\n{| class="wikitable"\n|+ 表题\n! 名 !! 值\n|-\n'
        '| [[甲]] || style="x" | 1\n|-\n| 乙 || 2\n|}\n后文'
    )
    assert doc.text == "前文\n\n后文"
    assert doc.tables[0].caption == "表题"
    assert doc.tables[0].header == ["名", "值"] and doc.tables[0].rows == [["甲", "1"], ["乙", "2"]]


def test_synthetic_html_tags():
    doc = parse(
        "甲<br>乙<sup>丙</sup><span>丁</span><!-- 注释 --><nowiki>[[戊]]</nowiki>"
        "<math>x^2</math><gallery>a.jpg|图</gallery><s>己</s><code>f()</code>"
    )
    assert doc.text == "甲\n乙丙丁[[戊]]己f()"  # nowiki text is literal


def test_synthetic_conversion_markup_protected():
    markup = "用-{zh-hans:[[计算机]];zh-hant:[[電腦]]}-和-{原文}-。-{H|zh-hans:甲;zh-hant:乙}-"
    hans, hant = parse(markup), parse(markup, variant="zh-hant")
    assert hans.text == "用计算机和原文。" and hant.text == "用電腦和原文。"
    # the trailing -{H|…}- shows nothing but stays a (empty) phrase boundary for page rules
    assert [hans.text[s.start : s.end] for s in hans.protected] == ["计算机", "原文", ""]
    assert anchors(hant) == [("電腦", "電腦")]
    assert parse("甲-{乙-{丙}-丁}-戊").text == "甲乙丙丁戊"
    assert parse("甲-{乙").text == "甲乙"


def test_synthetic_redirect_and_disambiguation():
    doc = parse("#REDIRECT [[目标_页#节]]")
    assert (doc.redirect, doc.text) == ("目标 页", "")
    assert parse("#重定向 [[甲]]").redirect == "甲"
    assert parse("#redirect:[[乙]]").redirect == "乙"
    assert parse("'''甲'''可以指：\n* [[甲 (a)]]\n{{disambig}}").is_disambiguation
    assert parse("{{消歧義|x}}").is_disambiguation and not parse("{{dablink|x}}").is_disambiguation


def test_synthetic_external_links():
    doc = parse("见[http://a.org 官网]和 http://b.org/x 以及[http://c.org]。")
    assert doc.text == "见官网和 http://b.org/x 以及。"
    got = [(e.url, doc.text[e.start : e.end]) for e in doc.external_links]
    assert got == [("http://a.org", "官网"), ("http://b.org/x", "http://b.org/x"), ("http://c.org", "")]


def test_synthetic_table_rows_from_templates_dropped():
    doc = parse("{{start box}}\n{{s-bef|甲}}\n|-\n!scope=col| 综合\n{{end box}}\n正文")
    assert doc.text == "正文"


def test_synthetic_comment_line_and_template_line():
    assert parse("甲\n<!-- c -->\n乙").text == "甲乙"
    assert parse("甲\n{{void}}\n乙").text == "甲\n\n乙"
    assert parse("one\ntwo").text == "one two"


def test_synthetic_malformed_input_does_not_crash():
    for markup in [
        "[[",
        "{{",
        "{{a|",
        "'''",
        "<ref>",
        "{|",
        "-{",
        "}-",
        "[[A|",
        "<ref name=x",
        "==",
        "*",
        "\n\n",
    ]:
        assert_invariants(parse(markup))
    with pytest.raises(ValueError):
        parse_wikitext(Page(markup=None, format="wikitext", path="x"))  # type: ignore[arg-type]


def test_foreign_text_in_lang_templates_is_not_script_converted():
    """Synthetic: zh.wikipedia's {{lang}} family protects the foreign text with -{ }-."""
    from extractor import process_page

    markup = "'''日俄關係'''（{{lang-ja|日露関係}}），{{lang|ja|関係}}、{{lang|zh-hant|關係}}。"
    record = process_page(Page(markup=markup, format="wikitext", path="x.wiki", title="日俄關係"))
    assert record["text"] == "日俄关系（日语：日露関係），関係、关系。"


def test_the_garbage_collector_is_as_the_caller_left_it():
    """The parse pauses Python's cyclic collector and gives it back as it found it (synthetic)."""
    import gc

    assert gc.isenabled()
    parse("甲[[乙]]{{lang|en|c}}")
    assert gc.isenabled()
    gc.disable()
    try:
        parse("甲[[乙]]")
        assert not gc.isenabled()
    finally:
        gc.enable()
