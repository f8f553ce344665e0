"""Page conversion rules as zh.wikipedia applies them: flags, NoteTA, groups, titles.

Synthetic snippets (labelled synthetic) go through `process_page` so that the
whole path is tested: parser -> rules -> conversion -> record. Corpus articles
are the real CC BY-SA pages of ../shared/corpus (see its SOURCES.md).
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from extractor import Options, Page, process_page
from extractor.model import Page as ModelPage
from extractor.normalize.cgroups import collect_groups, parse_lua_group
from extractor.normalize.opencc_dicts import VENDORED_DIR
from extractor.normalize.rules import collect_rules
from extractor.normalize.variant import convert_document
from extractor.parse import parser_for
from extractor.pipeline import process_page as process_with_groups
from extractor.runners.local import run
from extractor.sources.xml_dump import read_dump

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
from _paths import CORPUS  # noqa: E402
from make_dump import HEADER, page_xml  # noqa: E402

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")
HANS = ("zh-hans", "zh-cn", "zh-sg", "zh-my")
HANT = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")


def _record(markup: str, variant: str, title: str = "测试", groups=None) -> dict:
    """Synthetic page through the whole pipeline."""
    page = Page(markup=markup, format="wikitext", path="synthetic.wiki", title=title, sha256="0" * 64)
    record = (
        process_with_groups(page, Options(variant=variant), groups) if groups else process_page(page, Options(variant))
    )
    assert isinstance(record, dict), record
    return record


def _text(markup: str, variant: str) -> str:
    return _record(markup, variant)["text"]


# --- -{…}- forms, every variant ------------------------------------------------------

BIDI = "-{zh-hans:计算机; zh-hant:電腦;}-"
REGIONS = "-{zh-cn:大陆词; zh-tw:臺灣詞; zh-hk:香港詞; zh-sg:新加坡词; zh-mo:澳門詞; zh-my:大马词;}-"

SHOWN = [
    # (markup, {variant: text shown})
    (BIDI, {**dict.fromkeys(HANS, "计算机"), **dict.fromkeys(HANT, "電腦")}),
    (
        REGIONS,
        {
            "zh-hans": "大陆词",
            "zh-cn": "大陆词",
            "zh-sg": "新加坡词",
            "zh-my": "大马词",
            "zh-hant": "臺灣詞",
            "zh-tw": "臺灣詞",
            "zh-hk": "香港詞",
            "zh-mo": "澳門詞",
        },
    ),
    # ZhConverter fallbacks: zh-sg -> zh-my before zh-hans; zh-hk -> zh-mo before zh-hant
    (
        "-{zh-hans:简体词; zh-my:大马词; zh-hant:繁體詞; zh-mo:澳門詞;}-",
        {
            "zh-sg": "大马词",
            "zh-my": "大马词",
            "zh-cn": "简体词",
            "zh-hk": "澳門詞",
            "zh-mo": "澳門詞",
            "zh-tw": "繁體詞",
        },
    ),
    (
        "-{zh-cn:大陆词; zh-tw:臺灣詞;}-",
        {"zh-hans": "大陆词", "zh-sg": "大陆词", "zh-hk": "臺灣詞", "zh-mo": "臺灣詞"},
    ),
    ("-{R|zh-cn:计算机}-", dict.fromkeys(HANS + HANT, "zh-cn:计算机")),
    ("-{乾隆}-", dict.fromkeys(HANS + HANT, "乾隆")),  # no conversion at all (t2s would keep it, s2t too)
    ("-{D|zh-hans:计算机; zh-hant:電腦;}-", dict.fromkeys(HANS + HANT, "简体：计算机；繁體：電腦；")),
    ("-{D|電腦=>zh-cn:计算机;}-", dict.fromkeys(HANS + HANT, "電腦⇒大陆：计算机；")),
    ("-{N|zh-tw}-", dict.fromkeys(HANS + HANT, "臺灣")),
    ("-{H|zh-cn:甲; zh-tw:乙;}-", dict.fromkeys(HANS + HANT, "")),
    ("-{T|zh-cn:甲; zh-tw:乙;}-", dict.fromkeys(HANS + HANT, "")),
    ("-{A;D|zh-cn:甲; zh-tw:乙;}-", dict.fromkeys(HANS + HANT, "")),  # parseFlags: `+` is shown last
    # variant filter: converted to the reader's variant or its first listed fallback, else raw
    ("-{zh-hans|电脑}-", {"zh-hans": "电脑", "zh-cn": "电脑", "zh-tw": "电脑", "zh-hk": "电脑"}),
    ("-{zh-hant|电脑}-", {"zh-hant": "電腦", "zh-tw": "電腦", "zh-hk": "電腦", "zh-hans": "电脑"}),
]


@pytest.mark.parametrize("markup,expected", SHOWN, ids=[m for m, _ in SHOWN])
def test_markup_shows_what_mediawiki_shows(markup, expected):
    for variant, shown in expected.items():
        after = "后" if variant in HANS else "後"  # the text around is converted as usual
        assert _text(f"前{markup}后", variant) == f"前{shown}{after}", variant


@pytest.mark.parametrize("variant", HANS + HANT)
def test_a_rule_is_shown_and_applies_from_where_it_stands(variant):
    # MediaWiki converts left to right and merges a rule when it meets it (its parser test
    # "Explicit session-wise two-way language variant mapping (A flag and - flag)")
    text = _text("先用電腦，-{A|zh-hans:计算机; zh-hant:電腦;}-，再用计算机。", variant)
    if variant in HANS:
        assert text == "先用电脑，计算机，再用计算机。"  # before the rule: OpenCC's 电脑
    else:
        assert text == "先用電腦，電腦，再用電腦。"


def test_rule_scope_page_is_the_old_whole_page_behaviour():
    page = ModelPage(
        markup="先用電腦，-{A|zh-hans:计算机; zh-hant:電腦;}-，再用计算机。", format="wikitext", path="s.wiki"
    )
    doc = parser_for("wikitext")(page, "zh-cn")
    assert convert_document(doc, "zh-cn", doc.rules.configured(scope="page")).text == "先用计算机，计算机，再用计算机。"
    assert convert_document(doc, "zh-cn", doc.rules).text == "先用电脑，计算机，再用计算机。"


@pytest.mark.parametrize(
    "variant,expected",
    [
        ("zh-cn", "前文的计算机。后文的计算机。"),
        ("zh-hans", "前文的计算机。后文的电脑。"),  # zh-hans takes no zh-cn rule (ZhConverter's manual level)
        ("zh-tw", "前文的計算機。後文的電腦。"),  # before the rule: OpenCC's s2tw
        ("zh-hk", "前文的計算機。後文的電腦。"),  # zh-hk -> zh-mo -> zh-hant -> zh-tw
        ("zh-mo", "前文的計算機。後文的電腦。"),
    ],
)
def test_h_rule_shows_nothing_and_converts_the_text_after_it(variant, expected):
    assert _text("前文的计算机。-{H|zh-cn:计算机; zh-tw:電腦;}-後文的電腦。", variant) == expected


def test_script_variants_take_only_rules_that_name_them():
    """ZhConverter's manual levels: zh-hans / zh-hant take no bidirectional rule through the
    fallbacks (MediaWiki's parser test "Insert a conversion rule without output (zh-hans)"),
    but ours do take one naming them (`levels` "explicit"); zh takes none."""
    regional = "-{H|zh-cn:气气气;zh-hk:馬馬馬;zh-tw:電電電;}-馬马: 气气气, 馬馬馬, 電電電"
    assert _text(regional, "zh-hans") == "马马: 气气气, 马马马, 电电电"
    assert _text(regional, "zh-cn") == "马马: 气气气, 气气气, 气气气"
    assert _text(regional, "zh") == "馬马: 气气气, 馬馬馬, 電電電"
    assert _text("-{H|zh-hans:孙乾;zh-hant:孫乾;}-孫乾", "zh-hans") == "孙乾"
    assert _text("-{H|zh-hans:孙乾;zh-hant:孫乾;}-孫乾", "zh") == "孫乾"


@pytest.mark.parametrize(
    "variant,expected",
    [
        ("zh-cn", "电子计算机"),  # unidirectional: exactly that variant
        ("zh-hans", "电脑"),  # no fallback for unidirectional rules: OpenCC t2s
        ("zh-sg", "电脑"),
        ("zh-tw", "電腦"),
    ],
)
def test_unidirectional_rule_applies_to_its_variant_only(variant, expected):
    assert _text("-{H|電腦=>zh-cn:电子计算机;}-電腦", variant) == expected


def test_empty_block_breaks_a_phrase_for_rules():
    markup = "-{H|zh-cn:朝鲜; zh-tw:北韓;}-北韓和北-{}-韓"
    assert _text(markup, "zh-cn") == "朝鲜和北韩"
    assert _text(markup, "zh-tw") == "北韓和北韓"


def test_remove_rule_cancels_an_earlier_rule():
    markup = "-{H|zh-cn:计算机; zh-tw:電腦;}--{-|zh-cn:计算机; zh-tw:電腦;}-電腦"
    assert _text(markup, "zh-cn") == "电脑"  # OpenCC's, not the page's


def test_longest_rule_wins_and_rule_output_is_not_converted_again():
    markup = "-{H|zh-cn:网; zh-tw:網;}--{H|zh-cn:互联网; zh-tw:網際網路;}-網際網路"
    assert _text(markup, "zh-cn") == "互联网"
    record = _record("-{H|zh-hans:乾坤; zh-hant:乾坤;}-乾坤大挪移", "zh-hans")
    assert record["text"] == "乾坤大挪移"


@pytest.mark.parametrize(
    "variant,title",
    [
        ("zh-cn", "标题甲"),
        ("zh-hans", "标题甲"),
        ("zh-sg", "标题甲"),
        ("zh-tw", "標題乙"),
        ("zh-hant", "標題乙"),
        ("zh-hk", "標題乙"),
    ],
)
def test_t_rule_sets_the_title_and_shows_nothing(variant, title):
    record = _record("-{T|zh-cn:标题甲; zh-tw:標題乙;}-正文", variant, title="原標題")
    assert (record["title"], record["text"], record["source"]["title"]) == (title, "正文", "原標題")


def test_links_keep_exact_offsets_around_rule_outputs():
    record = _record("-{H|zh-cn:计算机; zh-tw:電腦;}-一台[[電腦]]和[[電腦科學|電腦學]]。", "zh-cn")
    assert record["text"] == "一台计算机和计算机学。"
    assert [record["text"][x["start"] : x["end"]] for x in record["links"]] == ["计算机", "计算机学"]
    assert [x["target"] for x in record["links"]] == ["计算机", "计算机科学"]


# --- {{NoteTA}} ------------------------------------------------------------------------

NOTETA = """{{noteTA
|T=zh-cn:标题甲;zh-tw:標題乙;
|1=zh-hans:内存;zh-hant:記憶體;
|2=軟體=>zh-cn:软件;
|G1=IT
|dt=说明文字
}}
記憶體與軟體"""


@pytest.mark.parametrize(
    "variant,title,text",
    [
        ("zh-cn", "标题甲", "内存与软件"),
        ("zh-hans", "标题甲", "内存与软体"),  # the unidirectional 2= is for zh-cn only
        ("zh-tw", "標題乙", "記憶體與軟體"),
        ("zh-hk", "標題乙", "記憶體與軟體"),
    ],
)
def test_noteta_title_and_local_rules(variant, title, text):
    record = _record(NOTETA, variant, title="記憶體")
    assert (record["title"], record["text"], record["unresolved_conversion_groups"]) == (title, text, ["IT"])


@pytest.mark.parametrize("name", ["NoteTA", "noteTA", "Noteta", "NOTETA"])
def test_noteta_name_is_case_insensitive(name):
    assert _text("{{" + name + "|1=zh-hans:内存;zh-hant:記憶體;}}記憶體", "zh-hans") == "内存"  # t2s: 记忆体


def test_noteta_inside_a_comment_is_not_a_rule():
    assert _text("<!-- {{noteTA|1=zh-hans:内存;zh-hant:記憶體;}} -->記憶體", "zh-hans") == "记忆体"
    assert _text("{{noteTA|1=zh-hans:内存;zh-hant:記憶體;}}記憶體", "zh-hans") == "内存"


# --- public conversion groups --------------------------------------------------------

GROUP_LUA = """local Item = require('Module:CGroup/core').Item;
-- synthetic group for tests; Item('註解', 'zh-cn:不要; zh-tw:不要;'),
return {
	name = 'Synthetic',
	description = 'synthetic test group',
	content = {
		{ type = 'text', text = 'zh-cn:标题; rule = 不是规则' },
		Item('memory', 'zh-cn:内存; zh-tw:記憶體;'),
		{ type = 'item', original = 'software', rule = "zh-cn:软件; zh-tw:軟體;" },
		Item(nil, [[zh-cn:硬盘; zh-tw:硬碟;]]),
	},
}"""


def test_lua_group_items_and_tables():
    rules = parse_lua_group(GROUP_LUA)
    # the reader's own text maps to itself too (zh-hans etc. filled from zh-cn): OpenCC keeps off it
    assert rules.table("zh-cn") == {
        "記憶體": "内存",
        "内存": "内存",
        "軟體": "软件",
        "软件": "软件",
        "硬碟": "硬盘",
        "硬盘": "硬盘",
    }
    assert rules.table("zh-tw")["内存"] == "記憶體" and rules.table("zh-hk")["软件"] == "軟體"


def test_groups_from_a_synthetic_dump_resolve_noteta(tmp_path):
    pages = [
        (1, "Module:CGroup/Synthetic", 828, GROUP_LUA),
        (2, "Template:CGroup/Synthetic", 10, "{{CItem|zh-cn:不用; zh-tw:軟體;}}"),  # the module wins
        (3, "Template:CGroup/Old", 10, "{{CGroup/header}}\n{{CItem|zh-cn:鼠标; zh-tw:滑鼠;|mouse}}"),
        (4, "MediaWiki:Conversiontable/zh-cn", 8, "-{\n 甲乙 => 丙丁 ; // synthetic\n}-"),
        (
            5,
            "测试",
            0,
            "{{NoteTA|G1=Synthetic|G2=old|G3=Missing|1=zh-cn:软体包;zh-tw:軟體包;}}記憶體、軟體包、硬碟、滑鼠、甲乙",
        ),
    ]
    dump = tmp_path / "synthetic.xml"
    dump.write_text(HEADER + "".join(page_xml(*p) for p in pages) + "</mediawiki>\n", encoding="utf-8")
    read = [p for p in read_dump(dump, "synthetic.xml") if isinstance(p, ModelPage)]
    groups = collect_groups(read)
    assert sorted(groups) == ["MediaWiki:Conversiontable/zh-cn", "Old", "Synthetic"]
    article = next(p for p in read if p.namespace == 0)
    # zh-hans: the groups' zh-cn / zh-tw rules do not reach it (ZhConverter's manual levels), OpenCC
    # t2s alone gives 记忆体、软体包、硬碟、滑鼠; zh-cn: the page rule 软体包 beats the group's 软件;
    # the zh-cn site table is for zh-cn only
    hans = process_with_groups(article, Options(variant="zh-hans"), groups)
    assert hans["text"] == "记忆体、软体包、硬碟、滑鼠、甲乙"
    assert hans["unresolved_conversion_groups"] == ["Missing"]
    assert process_with_groups(article, Options(variant="zh-cn"), groups)["text"] == "内存、软体包、硬盘、鼠标、丙丁"


def test_runner_counts_unresolved_groups_and_warns(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "测试.wiki").write_text("{{noteTA|G1=IT|G2=Physics}}'''测试'''是一个词。", encoding="utf-8")
    log = io.StringIO()
    counts = run([str(src)], tmp_path / "out", Options(), log=log).counts
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["warnings_by_code"] == {"normalize.unresolved_conversion_group": 2}
    assert counts.warnings_by_code["normalize.unresolved_conversion_group"] == 2
    assert "extractor: warnings: normalize.unresolved_conversion_group=2" in log.getvalue().splitlines()


# --- real articles ---------------------------------------------------------------------


def _corpus(name: str, variant: str) -> dict:
    path = CORPUS / ("wikitext" if name.endswith(".wiki") else "markdown") / name
    fmt = "wikitext" if name.endswith(".wiki") else "pandoc-markdown"
    stem = path.stem.replace("_", " ")
    title = "." + stem[1:] if path.stem.startswith("_") else stem
    record = process_page(Page(path.read_text(encoding="utf-8"), fmt, str(path), title, "filename"), Options(variant))
    assert isinstance(record, dict), record
    return record


@needs_corpus
@pytest.mark.parametrize(
    "variant,title",
    [
        ("zh-hans", "孙乾"),
        ("zh-cn", "孙乾"),
        ("zh-sg", "孙乾"),
        ("zh-tw", "孫乾"),
        ("zh-hk", "孫乾"),
    ],
)
def test_sun_qian_noteta_keeps_qian(variant, title):
    record = _corpus("孫乾.wiki", variant)
    assert record["title"] == title and record["source"]["title"] == "孫乾"
    assert title in record["text"] and "孙干" not in record["text"]


@needs_corpus
@pytest.mark.parametrize(
    "name,variant,present,absent",
    [
        ("_NET框架.wiki", "zh-tw", ["平臺獨立性", "Java程式語言", "創作者更新"], ["平台无关性"]),
        ("_NET框架.wiki", "zh-cn", ["平台无关性", "Java编程语言", "創意者更新"], ["平臺獨立性"]),
        ("美丽心灵.wiki", "zh-hk", ["尼殊"], ["納許", "纳什"]),
        ("美丽心灵.wiki", "zh-tw", ["納許"], ["尼殊", "納什"]),
        ("李·哈維·奧斯瓦爾德.wiki", "zh-tw", ["奧斯華", "記者會"], ["奧斯瓦爾德"]),
        ("李·哈維·奧斯瓦爾德.wiki", "zh-cn", ["奥斯瓦尔德", "新闻发布会"], ["奧斯華"]),
        ("箱根登山鐵道.wiki", "zh-tw", ["株式會社"], ["股份有限公司"]),
        ("鄞州区.wiki", "zh-cn", ["Yín"], ["丨ㄣˊ"]),
        ("鄞州区.wiki", "zh-mo", ["丨ㄣˊ"], []),
        ("赣江.wiki", "zh-hans", ["贑"], []),  # -{贑}-: never converted
        ("赣江.md", "zh-hant", ["贑"], []),
        ("氮循环.wiki", "zh-hk", ["水華"], ["優養化"]),
        ("氮循环.wiki", "zh-tw", ["症候群", "優養化"], ["综合征"]),
    ],
)
def test_corpus_articles_follow_their_rules(name, variant, present, absent):
    text = _corpus(name, variant)["text"]
    assert all(w in text for w in present), [w for w in present if w not in text]
    assert not any(w in text for w in absent), [w for w in absent if w in text]


@needs_corpus
@pytest.mark.parametrize("variant,title", [("zh-hans", "美丽心灵"), ("zh-tw", "美麗境界"), ("zh-mo", "有你終生美麗")])
def test_corpus_t_rule_titles(variant, title):
    assert _corpus("美丽心灵.wiki", variant)["title"] == title


@needs_corpus
@pytest.mark.parametrize("variant,opening", [("zh-hans", "**.NET框架**"), ("zh-hant", "**.NET")])
def test_markdown_keeps_its_conversion_markup_semantics(variant, opening):
    record = _corpus("_NET框架.md", variant)
    assert record["text"].startswith(opening.strip("*"))
    assert "-{" not in record["text"] and "}-" not in record["text"]


def _only_chars(name: str) -> set[str]:
    """Characters OpenCC maps away and gives as no one's form: `說` (TS), `说` (ST).

    t2s and s2t are not idempotent on their own output (乾縣 -> 乾县 -> 干县,
    說明了 -> 說明瞭), so "still Traditional" is judged per character."""
    keys, values = set(), set()
    path = VENDORED_DIR / "dictionary" / name  # the data the product converts with
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        key, _, forms = line.partition("\t")
        keys.add(key)
        values.update(forms.split())
    return keys - values


@needs_corpus
def test_whole_corpus_is_converted_outside_protected_text_and_has_no_markup():
    """Every corpus page in zh-hans and zh-hant (both formats): no Traditional-only
    character outside protected spans and rule outputs (no Simplified-only one in
    zh-hant), and no `-{` or `}-` left in the text."""
    wrong = {"zh-hans": _only_chars("TSCharacters.txt"), "zh-hant": _only_chars("STCharacters.txt")}
    found = []
    for fmt, folder, pattern in (("wikitext", "wikitext", "*.wiki"), ("pandoc-markdown", "markdown", "*.md")):
        for path in sorted((CORPUS / folder).glob(pattern)):
            page = Page(path.read_text(encoding="utf-8"), fmt, str(path), path.stem)
            rules = collect_rules(page.markup, fmt)
            for variant in wrong:
                doc = convert_document(parser_for(fmt)(page, variant), variant, rules)
                found += _leftovers(doc, wrong[variant], f"{path.name} {variant}")
    assert found == []


def _leftovers(doc, wrong: set[str], where: str) -> list[str]:
    kept = bytearray(len(doc.text))
    for span in doc.protected:
        kept[span.start : span.end] = b"\1" * (span.end - span.start)
    bad = [f"{where}: {c!r} at {i}" for i, c in enumerate(doc.text) if c in wrong and not kept[i]]
    return bad + [f"{where}: markup residue" for mark in ("-{", "}-") if mark in doc.text]


def test_runner_prepass_resolves_groups_from_the_same_dump(tmp_path, monkeypatch):
    """End to end: the title-index pre-pass keeps the dump's CGroup pages, and every worker
    resolves NoteTA `G` parameters from them (synthetic dump)."""
    monkeypatch.setenv("EXTRACTOR_CACHE", str(tmp_path / "cache"))
    pages = [
        (1, "Module:CGroup/Synthetic", 828, GROUP_LUA),
        (2, "测试", 0, "{{NoteTA|G1=Synthetic|G2=Missing}}'''测试'''：記憶體、硬碟。"),
    ]
    dump = tmp_path / "synthetic-pages-articles.xml"
    dump.write_text(HEADER + "".join(page_xml(*p) for p in pages) + "</mediawiki>\n", encoding="utf-8")
    for workers in (1, 2):
        out = tmp_path / f"out{workers}"
        counts = run([str(dump)], out, Options(variant="zh-cn", workers=workers), log=io.StringIO()).counts
        (record,) = [json.loads(x) for x in (out / "articles-00000.jsonl").read_text(encoding="utf-8").splitlines()]
        assert record["text"] == "测试：内存、硬盘。"
        assert record["unresolved_conversion_groups"] == ["Missing"]
        assert counts.skipped_by_reason == {"namespace": 1}


def test_resolved_link_targets_follow_the_page_rules(tmp_path, monkeypatch):
    """Synthetic dump: a link resolved through the title index is converted with the page's
    NoteTA rules too (孫乾 -> 孙乾 in zh-hans, not OpenCC's 孙干)."""
    monkeypatch.setenv("EXTRACTOR_CACHE", str(tmp_path / "cache"))
    pages = [
        (1, "孫乾", 0, "'''孫乾'''，字公祐。"),
        (2, "测试", 0, "{{NoteTA|1=zh-hans:孙乾;zh-hant:孫乾;}}'''测试'''：[[孫乾]]。"),
    ]
    dump = tmp_path / "rules-pages-articles.xml"
    dump.write_text(HEADER + "".join(page_xml(*p) for p in pages) + "</mediawiki>\n", encoding="utf-8")
    run([str(dump)], tmp_path / "out", Options(), log=io.StringIO())
    records = [
        json.loads(x) for x in (tmp_path / "out" / "articles-00000.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    linker = next(r for r in records if r["title"] == "测试")
    assert [(link["target"], link["exists"]) for link in linker["links"]] == [("孙乾", True)]
    assert linker["text"] == "测试：孙乾。"


# --- MediaWiki's parser-test forms, through the pipeline (synthetic; see test_peer_langconv) ---


def test_nested_blocks_render_from_the_inside_out():
    markup = (
        "Nested: -{zh-hans:Hi -{zh-cn:China;zh-sg:Singapore;}-;"
        "zh-hant:Hello -{zh-tw:Taiwan;zh-hk:H-{ong}- K-{}-ong;}-;}-!"
    )
    assert _text(markup, "zh-hk") == "Nested: Hello Hong Kong!"
    assert _text(markup, "zh-sg") == "Nested: Hi Singapore!"


def test_variant_filter_converts_with_the_rules_before_it():
    markup = "-{H|zh-cn:气气气;zh-hk:馬馬馬;zh-tw:電電電;}-甲：-{zh;zh-cn;zh-hk|气气气, 馬馬馬, 電電電}-"
    assert _text(markup, "zh-hans") == "甲：气气气, 气气气, 气气气"  # zh-hans -> its listed fallback zh-cn
    assert _text(markup, "zh-tw") == "甲：馬馬馬, 馬馬馬, 馬馬馬"  # zh-tw -> zh-hant -> zh-hk


def test_remove_rule_applies_to_the_text_after_it_and_removes_a_builtin_pair():
    markup = "-{H|zh-cn:气气气;zh-tw:電電電;}-甲：電電電\n\n-{-|zh-cn:气气气;zh-tw:電電電;}-乙：電電電"
    assert _text(markup, "zh-cn") == "甲：气气气\n\n乙：电电电"
    assert _text("-{-|zh-hans:二极管; zh-hant:二極體}-二極體", "zh-cn") == "二极体"  # not OpenCC's 二极管


def test_colon_inside_a_block_does_not_end_a_definition_term():
    assert _text(";-{zh-cn:AAA;zh-tw:BBB}-\n;-{R|foo:bar}-", "zh-cn") == "AAA\nfoo:bar"
    assert _text(";-{zh-cn:AAA -{zh-hans|foo:bar}- -{R|bat:baz}-}-:def", "zh-cn") == "AAA foo:bar bat:baz\ndef"


@pytest.mark.parametrize("variant", ["zh-hans", "zh-tw"])
def test_pre_and_code_are_not_converted_unless_markup_splits_them(variant):
    assert _text("<pre>氣气</pre>\n<code>氣气</code>", variant) == "氣气\n\n氣气"
    forced = "气气" if variant == "zh-hans" else "氣氣"
    assert _text("<code>氣-{}-气</code>", variant) == forced


@pytest.mark.parametrize("word", ["__NOCONTENTCONVERT__", "__NOCC__"])
def test_no_content_convert_leaves_the_text_as_written(word):
    record = _record(f"{word}\n氣 气 -{{H|zh-cn:气;zh-tw:電}}-气\n\n== 气 ==\n[[气]]", "zh-tw")
    assert record["text"] == "氣 气 气\n\n气\n\n气"
    assert [x["target"] for x in record["links"]] == ["气"]


def test_positional_rules_keep_every_span_exact():
    markup = "[[電腦]]在前。-{A|zh-cn:计算机; zh-tw:電腦;}-，[[電腦科學|電腦學]]\n\n== 電腦 ==\n電腦"
    record = _record(markup, "zh-cn")
    text = record["text"]
    assert text == "电脑在前。计算机，计算机学\n\n计算机\n\n计算机"
    assert [text[x["start"] : x["end"]] for x in record["links"]] == ["电脑", "计算机学"]
    assert [x["target"] for x in record["links"]] == ["电脑", "计算机科学"]  # each where it stands
    assert [(s["title"], text[s["start"] : s["start"] + 3]) for s in record["sections"]] == [("计算机", "计算机")]


@pytest.mark.parametrize("word", ["__NOTITLECONVERT__", "__NOTC__"])
def test_no_title_convert_keeps_the_title_only(word):
    record = _record(f"{word}氣", "zh-hans", title="氣")
    assert (record["title"], record["text"]) == ("氣", "气")


SCOPED = "'''甲'''在前面写了悉尼。\n\n-{H|zh-cn:悉尼;zh-tw:雪梨;zh-hk:悉尼}-\n\n后面又写了悉尼。"


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (Options(variant="zh-tw"), "甲在前面寫了悉尼。\n\n後面又寫了雪梨。"),  # MediaWiki: from where it stands
        (Options(variant="zh-tw", rule_scope="page"), "甲在前面寫了雪梨。\n\n後面又寫了雪梨。"),
        (Options(variant="zh-hant"), "甲在前面寫了悉尼。\n\n後面又寫了悉尼。"),  # zh-hant: unidirectional
        (Options(variant="zh-hant", rule_levels="all"), "甲在前面寫了悉尼。\n\n後面又寫了雪梨。"),
    ],
)
def test_rule_scope_and_levels_are_the_users_choice(options, expected):
    page = Page(SCOPED, "wikitext", "scope.wiki", title="甲", title_from="filename", sha256="0" * 64)
    record = process_page(page, options.replace(fields=()))
    assert record["text"] == expected
    shown = options.to_dict()
    assert ("rule_scope" in shown) == (options.rule_scope != "position")
    assert ("rule_levels" in shown) == (options.rule_levels != "explicit")


def test_unknown_rule_scope_is_refused():
    with pytest.raises(ValueError, match="unknown rule scope 'everywhere'"):
        Options(rule_scope="everywhere")
