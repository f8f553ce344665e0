"""parse_markdown on the seed, on the pandoc-markdown corpus, and on synthetic edge cases."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from _paths import CORPUS as _CORPUS  # noqa: E402
from _paths import SEED  # noqa: E402

from extractor.model import Document, Page
from extractor.parse.anchors import recover_anchor
from extractor.parse.markdown import parse_markdown

CORPUS = _CORPUS / "markdown"
CORPUS_FILES = sorted(CORPUS.glob("*.md"))

# Every page link of the seed, in order, as (target, true anchor). The `缩写`
# link sits in `（，[缩写]：）`, a bracket emptied by dropped templates, and
# goes with it.
SEED_LINKS = [
    ("亚太地区", "亚太地区"),
    ("联合国成员国", "联合国成员国"),
    ("政府", "政府"),
    ("国际组织", "国际组织"),
    ("中国", "中国"),
    ("北京", "北京"),
    ("组织", "组织"),
    ("宗旨", "宗旨"),
    ("空间", "空间"),
    ("科学", "科学"),
    ("技术", "技术"),
    ("外层空间", "外层空间"),
    ("泰国", "泰国"),
    ("曼谷", "曼谷"),
    ("澳大利亚", "澳大利亚"),
    ("孟加拉", "孟加拉"),
    ("中国", "中国"),
    ("印尼", "印尼"),
    ("韩国", "韩国"),
    ("蒙古", "蒙古"),
    ("巴基斯坦", "巴基斯坦"),
    ("俄罗斯", "俄罗斯"),
    ("斯里兰卡", "斯里兰卡"),
    ("泰国", "泰国"),
    ("吉隆坡", "吉隆坡"),
    ("曼谷", "曼谷"),
    ("菲律宾", "菲律宾"),
    ("联合国", "联合国"),
    ("观察员", "观察员"),
    ("秘鲁", "秘鲁"),
    ("土耳其", "土耳其"),
    ("巴林", "巴林"),
    ("灾害", "灾害"),
    ("环境保护", "环境保护"),
    ("卫星", "卫星"),
    ("通信", "通信"),
    ("导航定位", "导航定位"),
]

RESIDUE = [
    "](",
    '"wikilink"',
    "ⓦ",
    "**",
    "\\[",
    "[^",
    "<!--",
    "fig:",
    "\\(",
    "{{",
    "}}",
    "-{",
    "}-",
    "\u2e00",
    "\u2e01",
]
EMPTY_BRACKETS = re.compile(r"[（(][\s，,；;、]*[）)]")


def page(markup: str, title: str | None = None) -> Page:
    title_from = "filename" if title else "unknown"
    return Page(markup=markup, format="pandoc-markdown", path="x.md", title=title, title_from=title_from)


def title_of(path: Path) -> str:
    """Corpus file names are page titles (`_` for a blank; `_NET框架` is `.NET框架`)."""
    return ".NET框架" if path.stem == "_NET框架" else path.stem.replace("_", " ")


@cache
def corpus_doc(name: str) -> Document:
    path = CORPUS / f"{name}.md"
    return parse_markdown(page(path.read_text(encoding="utf-8"), title_of(path)))


@pytest.fixture(scope="module")
def seed() -> Document:
    return parse_markdown(page(SEED.read_text(encoding="utf-8")))


def anchors(doc: Document) -> list[tuple[str, str]]:
    return [(link.target, doc.text[link.start : link.end]) for link in doc.links]


# -- the seed ------------------------------------------------------------------
def test_seed_links_and_true_anchors(seed: Document) -> None:
    assert anchors(seed) == SEED_LINKS
    assert not any(link.anchor_uncertain for link in seed.links)


def test_seed_glued_text_follows_the_link(seed: Document) -> None:
    text = seed.text
    assert "1994年于泰国曼谷举行亚太空间技术应用多边合作会议" in text
    assert "曼谷分别举办了章程讨论预备会议" in text
    bangkok = [link for link in seed.links if link.target == "曼谷"][0]
    assert text[bangkok.end : bangkok.end + 2] == "举行"


def test_seed_title_from_the_lead_bold_term(seed: Document) -> None:
    assert (seed.title, seed.title_from) == ("亚太太空合作组织", "bold")
    assert [seed.text[s.start : s.end] for s in seed.bold] == ["亚太太空合作组织"]


def test_seed_categories_as_written(seed: Document) -> None:
    assert seed.categories == ["太空組織", "亚洲国家政府间组织"]


def test_seed_text_is_clean(seed: Document) -> None:
    assert seed.text.startswith(
        "亚太太空合作组织是由亚太地区联合国成员国组成的政府间国际组织，总部设于中国北京"
    )
    assert (
        "（Asia-Pacific Conference on Multilateral Cooperation in Space Technology and Applications）"
        in seed.text
    )
    for residue in RESIDUE + ["（", "Category"]:
        assert residue not in seed.text.split("发展历程")[0], residue
    assert "\n\n发展历程\n\n" in seed.text


def test_seed_sections_blocks_and_list_items(seed: Document) -> None:
    assert [(s.title, s.level) for s in seed.sections] == [
        ("发展历程", 2),
        ("亚太空间技术应用多边合作会议", 2),
        ("合作内容", 2),
        ("参考文献", 2),
    ]
    for section in seed.sections:
        assert seed.text[section.start :].startswith(section.title)
    assert "\n第1次会议，泰国，1994年1月\n第2次会议" in seed.text
    items = [b for b in seed.blocks if b.kind == "list_item"]
    assert seed.text[items[0].start : items[0].end].startswith("2003年8月，组织秘书处")


def test_seed_source_list_is_text_with_its_external_link(seed: Document) -> None:
    assert "朱里静：《论亚太空间合作组织的法律人格》" in seed.text
    (ext,) = seed.external_links
    assert ext.url == "http://www.apmcsta.org"
    assert seed.text[ext.start : ext.end].startswith("Asia-Pacific Conference")
    assert seed.references == [] and [t.name for t in seed.templates] == ["-"]


# -- the corpus ----------------------------------------------------------------
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_corpus_text_has_no_residue_and_exact_anchors(path: Path) -> None:
    doc = corpus_doc(path.stem)
    for residue in RESIDUE:
        assert residue not in doc.text, residue
    assert not EMPTY_BRACKETS.search(doc.text), EMPTY_BRACKETS.search(doc.text)
    assert "转换而来" not in doc.text
    for link in doc.links:
        anchor = doc.text[link.start : link.end]
        assert anchor and anchor == anchor.strip(), link
    for span in doc.bold:
        assert 0 <= span.start < span.end <= len(doc.text)
    for span in doc.protected:  # empty ones are `-{}-`: phrase boundaries for page rules
        assert 0 <= span.start <= span.end <= len(doc.text)
    for citation in doc.citations:
        assert 0 <= citation.pos <= len(doc.text)


def test_numbered_reference_list_is_not_body_text() -> None:
    doc = corpus_doc("方苞")
    assert doc.references[0].id == "1" and doc.references[0].text == "《方苞集．台拱岡墓碣》，卷17"
    assert "台拱岡墓碣" not in doc.text
    assert [c.ref_id for c in doc.citations][:3] == ["1", "2", "3"]
    first = doc.citations[0]
    assert doc.text[: first.pos].endswith("稍長治經書、古文")  # `\[1\]` removed there
    assert "“方苞學問，天下莫不聞”" in doc.text and "[1]" not in doc.text


def test_footnote_definitions_become_references() -> None:
    doc = corpus_doc("_NET框架")
    refs = {r.id: r for r in doc.references}
    assert refs["19"].url == "https://msdn.microsoft.com/en-us/library/8z6watww(v=vs.110).aspx"
    assert refs["2"].title == "存档副本" and "GotDotNet: API Changes" in refs["2"].text
    assert refs["3"].text == ""  # empty, but `[^3]` points at it
    assert "Announcing Open Source" not in doc.text


def test_conversion_markup_is_rendered_and_protected() -> None:
    doc = corpus_doc("_NET框架")
    assert doc.text.startswith(".NET框架（英語：.NET Framework）是由微軟開發")
    assert [doc.text[s.start : s.end] for s in doc.protected] == [".NET框架（英語：.NET Framework）"]
    hant = parse_markdown(page((CORPUS / "_NET框架.md").read_text(encoding="utf-8")), "zh-hant")
    assert hant.text.startswith(".NET Framework是由微軟開發")
    assert hant.title == ".NET Framework" and hant.title_from == "bold"


def test_html_table_cells_are_clean_and_out_of_text() -> None:
    doc = corpus_doc("_NET框架")
    versions = doc.tables[0]
    assert versions.caption == ".NET框架版本歷史一覽"
    assert versions.header[:3] == ["版本", "公共語言執行時", "發佈時間"]
    assert ["1.0", "1.0", "2002年2月13日", ".NET", ""] in versions.rows
    assert "2002年2月13日" not in doc.text


def test_pipe_table() -> None:
    doc = corpus_doc("DragonFly_BSD")
    (table,) = doc.tables
    assert table.header == ["版本", "發佈日期"] and table.rows[0] == ["1.0", "2004年7月12日"]
    assert "2004年7月12日" not in doc.text


def test_glued_piped_link_is_split_and_marked_uncertain() -> None:
    doc = corpus_doc("_NET框架")
    cross = [link for link in doc.links if link.target == "跨平臺"][0]
    assert doc.text[cross.start : cross.end] == "平臺獨立性" and cross.anchor_uncertain
    assert doc.text[cross.end] == "和"
    dna = [link for link in doc.links if link.target == "Windows DNA"][0]
    assert doc.text[dna.start : dna.end] == "Windows DNA" and not dna.anchor_uncertain


def test_hard_wraps_join_by_script() -> None:
    doc = corpus_doc("_NET框架")
    assert "（agile software development）" in doc.text
    assert "完全開放.NET Framework的原始碼" in doc.text


def test_header_note_and_gallery_lines_are_dropped() -> None:
    assert corpus_doc("方苞").text.startswith("方苞，字靈皋")
    assert "File:" not in corpus_doc("寿县").text


# -- synthetic edge cases -----------------------------------------------------
def test_synthetic_bracket_cleanup() -> None:
    doc = parse_markdown(page("**甲**（，英語：X）乙（）丙（，）丁(；)戊（A，）"))
    assert doc.text == "甲（英語：X）乙丙丁戊（A）"


def test_synthetic_link_in_dropped_bracket_is_not_recorded() -> None:
    doc = parse_markdown(page('甲（[缩写](../Page/缩写.md "wikilink")：）乙'))
    assert doc.text == "甲乙" and doc.links == []


def test_synthetic_escaped_target_and_section_links() -> None:
    md = '用[PHP](../Page/PHP_\\(程式語言\\).md "wikilink")和[下文](../Page/#歷史.md "wikilink")及[外](http://example.org)。'
    doc = parse_markdown(page(md, "T"))
    assert anchors(doc) == [("PHP (程式語言)", "PHP")]
    assert doc.text == "用PHP和下文及外。"
    assert doc.external_links[0].url == "http://example.org"


def test_synthetic_traditional_label_simplified_title() -> None:
    doc = parse_markdown(page('[戰國時代之後](https://zh.wikipedia.org/wiki/战国时代 "wikilink")'))
    assert anchors(doc) == [("战国时代", "戰國時代")] and not doc.links[0].anchor_uncertain


def test_synthetic_short_piped_label_is_uncertain() -> None:
    wiki = "https://zh.wikipedia.org/wiki/"
    doc = parse_markdown(page(f'[晋ⓦ]({wiki}晉朝 "wikilink")[郭璞ⓦ]({wiki}郭璞 "wikilink")注'))
    assert anchors(doc) == [("晉朝", "晋"), ("郭璞", "郭璞")]
    assert [link.anchor_uncertain for link in doc.links] == [True, False]


def test_synthetic_empty_numbered_item_kept_only_when_cited() -> None:
    category = '[Category:X](https://zh.wikipedia.org/wiki/Category:X "wikilink")'
    md = f"正文\\[1\\]\\[2\\]。\n\n1.  來源甲\n2.  \n3.  \n\n{category}\n"
    doc = parse_markdown(page(md, "T"))
    assert [(r.id, r.text) for r in doc.references] == [("1", "來源甲"), ("2", "")]
    assert doc.text == "正文。" and doc.categories == ["X"]


def test_synthetic_anchor_recovery_rules() -> None:
    assert recover_anchor("Windows DNA之後的新開發平臺", "Windows DNA").length == 11
    assert recover_anchor("windows_dna之後", "Windows DNA").length == 11
    assert recover_anchor("PHP語言", "PHP (程式語言)").length == 3  # disambiguation suffix ignored
    assert recover_anchor("C#", "C＃").uncertain is False  # ends in a non-letter: nothing glued
    guess = recover_anchor("平臺獨立性和", "跨平臺")
    assert (guess.length, guess.uncertain) == (5, True)


def test_synthetic_title_with_a_two_character_lower_case() -> None:
    """`İ` lower-cases to two characters (`i̇`); offsets still count the label's own characters."""
    assert recover_anchor("İstanbul大学", "İstanbul").length == 8
    link = '[{}](../Page/İstanbul.md "wikilink")'
    doc = parse_markdown(page(link.format("İstanbul") + "与" + link.format("İstanbul大学")))
    assert anchors(doc) == [("İstanbul", "İstanbul"), ("İstanbul", "İstanbul")]
    assert doc.text == "İstanbul与İstanbul大学"


@pytest.mark.parametrize(
    ("name", "caption", "follows"),
    [
        ("北賽普勒斯", "伦敦办事处", "北塞浦路斯佔有的部分被称为北尼科西亚。\n\n歷史"),
        ("尼科西亚", "希腊国旗", "自治市\n\n政治上由市長管理"),
        ("紀貫之", "明治時代）", None),
    ],
)
def test_image_caption_with_links_goes_with_its_image(name: str, caption: str, follows: str | None) -> None:
    """Pandoc leaves `[[File:…|thumb|caption with [[links]]]]` as an image link, the caption's
    links and a literal `]]`: the whole caption is dropped, as the wikitext path drops it."""
    doc = corpus_doc(name)
    assert "]]" not in doc.text
    assert caption not in doc.text
    assert not any(doc.text[link.start : link.end] == caption for link in doc.links)
    if follows is not None:
        assert follows in doc.text


def test_dangling_caption_end_must_close_the_caption() -> None:
    """A `]]` inside a later link's label, or after the next image, is not this caption's end."""
    doc = parse_markdown(page('[a.jpg](File:a.jpg "fig:a.jpg")甲[乙\\]\\]](../Page/乙.md "wikilink")丙'))
    assert doc.text == "甲乙]]丙"
    doc = parse_markdown(page('[a.jpg](File:a.jpg "fig:a.jpg")甲[b.jpg](File:b.jpg "fig:b.jpg")乙]]丙'))
    assert doc.text == "甲丙"
