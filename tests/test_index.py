"""The title index: redirects (both keywords, any case, chains, cycles), disambiguation, links resolved.

The dump is built from real articles in raw/wikitext (see raw/SOURCES.md) plus
synthetic redirect and disambiguation pages, labelled synthetic in the dump.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.extract.links import Resolver
from extractor.index import TitleIndex, ensure_index, write_redirects
from extractor.index_build import build_index, page_row
from extractor.model import Page
from extractor.normalize.opencc_backend import converter
from extractor.options import Options
from extractor.pipeline import process_page

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
from make_dump import HEADER, page_xml  # noqa: E402

ARTICLES = ["中上健次.wiki", "孫乾.wiki", "赣江.wiki", "鄞州区.wiki"]
LINKER = "[[中上健治]]、[[贛江|赣江水]]、[[公祐]]、[[孙氏]]、[[并不存在的条目]]、[[环甲]]、[[鄞州區]]。中上健次写作。孫乾出仕。"
# (title, namespace, wikitext): synthetic pages
SYNTHETIC = [
    ("中上健治", 0, "#REDIRECT [[中上健次]]"),
    ("贛江", 0, "#重定向 [[赣江]]"),
    ("孙乾", 0, "#redirect [[孫乾]]"),
    ("公祐", 0, "#Redirect[[孙乾]]"),  # a chain of two: 公祐 -> 孙乾 -> 孫乾
    ("孙 (消歧义)", 0, "'''孙'''可以指：\n* [[孫乾]]\n* [[孙权]]\n{{消歧義}}"),
    ("孙氏", 0, "#REDIRECT [[孙 (消歧义)]]"),
    ("无处", 0, "#REDIRECT [[并不存在的条目]]"),
    ("环甲", 0, "#REDIRECT [[环乙]]"),
    ("环乙", 0, "#重定向 [[环甲]]"),
    ("链接测试", 0, LINKER),
    ("Template:消歧義", 10, "{{dab}} synthetic template page"),
]


def build(tmp: Path) -> Path:
    pages = [(p.stem, 0, p.read_text(encoding="utf-8")) for p in (ROOT / "raw" / "wikitext" / a for a in ARTICLES)]
    body = "".join(page_xml(i, t, ns, text) for i, (t, ns, text) in enumerate(pages + SYNTHETIC, 1))
    dump = tmp / "test-pages-articles.xml"
    dump.write_text(HEADER + body + "</mediawiki>\n", encoding="utf-8")
    return dump


@pytest.fixture(scope="module")
def dump(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("dump"))


@pytest.fixture(scope="module")
def index(dump) -> TitleIndex:
    return TitleIndex(build_index(dump, dump.with_suffix(".sqlite")))


RESOLVE = [  # title asked, final page (None: missing), redirect_from
    ("中上健治", "中上健次", "中上健治"),
    ("贛江", "赣江", "贛江"),
    ("孙乾", "孫乾", "孙乾"),
    ("公祐", "孫乾", "公祐"),
    ("孙氏", "孙 (消歧义)", "孙氏"),
    ("无处", None, "无处"),
    ("环甲", None, "环甲"),
    ("并不存在的条目", None, None),
    ("鄞州區", "鄞州区", None),  # script-folded lookup
    ("孫乾", "孫乾", None),
]


@pytest.mark.parametrize("asked,final,redirect_from", RESOLVE, ids=[r[0] for r in RESOLVE])
def test_resolve(index, asked, final, redirect_from):
    found = index.resolve(asked)
    assert (found.page.title if found.page else None, found.redirect_from) == (final, redirect_from)


def test_page_facts(index):
    assert index.lookup("孙 (消歧义)").disambig is True
    assert index.lookup("孫乾").disambig is False
    assert index.lookup("鄞州区").infobox == "Infobox China County"
    assert "蜀漢政治人物" in index.lookup("孫乾").categories
    assert index.lookup("Template:消歧義").ns == 10
    assert index.redirects_to("孫乾") == ("孙乾",)
    assert index.count() == len(ARTICLES) + len(SYNTHETIC)


@pytest.mark.parametrize(
    "markup,redirect",
    [
        ("#REDIRECT [[甲]]", "甲"),
        ("#redirect[[甲#节]]", "甲"),
        ("  #重定向 [[甲]]", "甲"),
        ("#ReDiReCt: [[甲|x]]", "甲"),
        ("正文 #REDIRECT [[甲]]", None),
    ],
)
def test_redirect_keywords(markup, redirect):
    assert page_row(Page(markup, "wikitext", "x", title="乙", page_id="1")).redirect == redirect


def test_redirect_table(index, tmp_path):
    out = tmp_path / "redirects.jsonl"
    assert write_redirects(index, out) == 8
    rows = {r["from"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert rows["公祐"] == {"from": "公祐", "to": "孙乾", "final": "孫乾"}
    assert rows["环乙"]["final"] is None and rows["无处"]["final"] is None


def test_links_resolved_in_the_pipeline(index):
    page = Page(LINKER, "wikitext", "x.xml", title="链接测试", title_from="dump", page_id="99", dump="x.xml")
    record = process_page(page, Options(), index=index)
    assert isinstance(record, dict), record
    got = [(lk["target_raw"], lk["target"], lk["redirect_from"], lk["exists"]) for lk in record["links"]]
    sun_qian = converter("zh-hans")("孫乾")  # the final title as the output variant writes it
    assert got == [
        ("中上健治", "中上健次", "中上健治", True),
        ("贛江", "赣江", "赣江", True),  # redirect_from in the output variant
        ("公祐", sun_qian, "公祐", True),
        ("孙氏", "孙 (消歧义)", "孙氏", True),
        ("并不存在的条目", "并不存在的条目", None, False),
        ("环甲", "环甲", "环甲", False),
        ("鄞州區", "鄞州区", None, True),
    ]
    entities = {e["name"]: e for e in record["entities"]}
    assert entities["中上健次"]["type"] == "PERSON"
    unlinked = [record["text"][m["start"] : m["end"]] for m in entities["中上健次"]["mentions"] if not m["linked"]]
    assert unlinked == ["中上健次"]  # found by the page title the redirect led to
    assert entities["鄞州区"]["type"] == "GPE" and entities["鄞州区"]["type_source"] == "infobox"
    assert entities[sun_qian]["type"] == "PERSON" and entities[sun_qian]["type_source"] == "category"
    assert entities["孙 (消歧义)"]["type"] is None  # a disambiguation page is no one thing


def test_without_index_exists_is_null():
    page = Page("[[甲乙]]", "wikitext", "a.wiki", title="测试", title_from="filename", sha256="0" * 64)
    (link,) = process_page(page, Options())["links"]
    assert (link["exists"], link["redirect_from"]) == (None, None)


def test_index_reused_until_the_dump_changes(dump, tmp_path):
    first = ensure_index(dump, tmp_path)
    stamp = first.stat().st_mtime_ns
    assert ensure_index(dump, tmp_path) == first and first.stat().st_mtime_ns == stamp
    changed = tmp_path / "changed.xml"
    changed.write_text(dump.read_text(encoding="utf-8").replace("孙氏", "孙家"), encoding="utf-8")
    assert ensure_index(changed, tmp_path) != first


def test_cli_index_and_run(dump, tmp_path, monkeypatch):
    monkeypatch.setenv("EXTRACTOR_CACHE", str(tmp_path / "cache"))
    assert (
        main(["index", str(dump), "--out", str(tmp_path / "t.sqlite"), "--redirects", str(tmp_path / "r.jsonl")]) == 0
    )
    assert TitleIndex(tmp_path / "t.sqlite").count() == len(ARTICLES) + len(SYNTHETIC)
    assert len((tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()) == 8
    assert main(["run", str(dump), "--out", str(tmp_path / "out"), "--workers", "2"]) == 0
    assert (tmp_path / "out" / "redirects.jsonl").read_text(encoding="utf-8") == (tmp_path / "r.jsonl").read_text(
        encoding="utf-8"
    )
    records = [
        json.loads(line) for line in (tmp_path / "out" / "articles-00000.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    linker = next(r for r in records if r["title"] == "链接测试")
    assert [lk["exists"] for lk in linker["links"]] == [True, True, True, True, False, False, True]


def test_resolver_redirect_names(index):
    resolver = Resolver(index, converter("zh-hans"))
    assert resolver.redirect_names("孙乾") == [converter("zh-hans")("孙乾")]
    assert resolver.page("贛江").title == "赣江"
