"""Deep markup, the offset contract, control characters and bad items (synthetic inputs).

- Nesting past a parser's depth degrades to text, as MediaWiki shows it past its own limits,
  in bounded time: never `internal.bug` (RecursionError) and never a quadratic blow-up.
- Every entity mention covers exactly one of the entity's names or aliases: link spans are
  trimmed to their label (`[[f|r\u3000]]` covers `r`).
- Control characters never reach the text; each one removed is a `parse.control_character`
  warning, counted in the manifest.
- One bad item (an empty category, a link to no title, a template parameter holding a control
  character) is dropped with a warning; the record is written.
"""

from __future__ import annotations

import io
import json
import time
from collections import Counter

import pytest

from extractor import Options, Page, process_page
from extractor.model import Quarantine
from extractor.normalize.rules import collect_rules
from extractor.parse.markdown import parse_markdown
from extractor.parse.wikitext import parse_wikitext
from extractor.record import warnings_of
from extractor.runners.base import PageWork
from extractor.runners.local import run
from extractor.validate import span_problems

WORD = "内词"
BOUND = 5.0  # seconds a deep page may take (they take well under one)
NOTETA_BOUND = 2.0


@pytest.fixture(scope="module", autouse=True)
def _warm():
    """Load the converter tables and jieba once, so that the bounds time the page alone."""
    process_page(Page(markup="[[中国]]是一个国家。2005年。", format="wikitext", path="warm.wiki", title="热身"))


def _timed(markup: str, fmt: str = "wikitext") -> tuple[dict, float]:
    path = "deep.wiki" if fmt == "wikitext" else "deep.md"
    start = time.perf_counter()
    result = process_page(Page(markup=markup, format=fmt, path=path, title="深"))
    elapsed = time.perf_counter() - start
    assert not isinstance(result, Quarantine), result.message
    assert span_problems(result) == []
    return result, elapsed


def _links_in_links(depth: int) -> str:
    return "".join(f"[[a{i}|" for i in range(depth)) + WORD + "]]" * depth


# name -> (markup, format, where the inner word must be: "text" | "tables" | None for nowhere required)
DEEP = {
    "conversion_1000": ("-{" * 1000 + WORD + "}-" * 1000, "wikitext", "text"),
    "conversion_10000": ("-{" * 10000 + WORD + "}-" * 10000, "wikitext", "text"),
    "conversion_unclosed_1000": ("-{" * 1000 + WORD, "wikitext", "text"),
    "conversion_unclosed_10000": ("-{" * 10000 + WORD, "wikitext", "text"),
    "conversion_rules_10000": ("-{zh-hans:" * 10000 + WORD + "}-" * 10000, "wikitext", "text"),
    "conversion_markdown_1000": ("-{" * 1000 + WORD + "}-" * 1000, "pandoc-markdown", "text"),
    "conversion_markdown_10000": ("-{" * 10000 + WORD + "}-" * 10000, "pandoc-markdown", "text"),
    # `{{{{…}}}}`: braces nested as templates and arguments named by templates; MediaWiki shows an
    # "Expansion depth limit exceeded" error there, nothing of the name
    "braces_800": ("{{" * 800 + WORD + "}}" * 800, "wikitext", None),
    "braces_10000": ("{{" * 10000 + WORD + "}}" * 10000, "wikitext", None),
    "arguments_500": ("{{{" * 500 + WORD + "}}}" * 500, "wikitext", None),
    "arguments_10000": ("{{{" * 10000 + WORD + "}}}" * 10000, "wikitext", None),
    "argument_defaults_500": ("{{{a|" * 500 + WORD + "}}}" * 500, "wikitext", "text"),
    "argument_defaults_10000": ("{{{a|" * 10000 + WORD + "}}}" * 10000, "wikitext", "text"),
    "links_in_links_300": (_links_in_links(300), "wikitext", "text"),
    "links_in_links_10000": (_links_in_links(10000), "wikitext", "text"),
    "tables_in_tables_200": ("{|\n|" * 200 + WORD + "\n" + "|}\n" * 200, "wikitext", "tables"),
    "tables_in_tables_10000": ("{|\n|" * 10000 + WORD + "\n" + "|}\n" * 10000, "wikitext", "tables"),
    "bold_in_bold_10000": ("<b>" * 10000 + WORD + "</b>" * 10000, "wikitext", "text"),
    "quote_1000": ("> " * 1000 + WORD, "pandoc-markdown", "text"),
    "quote_10000": ("> " * 10000 + WORD, "pandoc-markdown", "text"),
    "list_1000": ("- " * 1000 + WORD, "pandoc-markdown", "text"),
    "list_10000": ("- " * 10000 + WORD, "pandoc-markdown", "text"),
    "indented_list_1000": (
        "".join("  " * i + "- a\n" for i in range(1000)) + "  " * 1000 + "- " + WORD,
        "pandoc-markdown",
        "text",
    ),
    "markdown_links_300": ("[" * 300 + WORD + "](x)" * 300, "pandoc-markdown", "text"),
    # found by fuzzing (benchmarks/fuzz.py): strong emphasis nested ~500 deep in the lead
    "emphasis_1000": ("*" * 1000 + WORD + "*" * 1000, "pandoc-markdown", "text"),
    "emphasis_20000": ("*" * 20000 + WORD + "*" * 20000, "pandoc-markdown", "text"),
}


@pytest.mark.parametrize("name", list(DEEP))
def test_deep_markup_is_a_valid_record_in_bounded_time(name):
    markup, fmt, where = DEEP[name]
    record, elapsed = _timed(markup, fmt)
    assert elapsed < BOUND, f"{name}: {elapsed:.1f}s"
    if where == "text":
        assert WORD in record["text"]
    elif where == "tables":  # a table's text is kept out of the text, as data
        assert any(WORD in cell for table in record["tables"] for row in table["rows"] for cell in row)


def test_nesting_within_the_limits_is_unchanged():
    record, _ = _timed("{{lang|en|" * 20 + WORD + "}}" * 20)
    assert record["text"] == WORD
    record, _ = _timed("> " * 15 + WORD, "pandoc-markdown")
    assert record["text"] == WORD
    record, _ = _timed("-{zh-hans:甲;zh-hant:乙}-" + "-{" * 3 + WORD + "}-" * 3)
    assert record["text"] == "甲" + WORD


def test_past_the_depth_a_quote_or_list_keeps_its_words_without_its_marks():
    record, _ = _timed("> " * 50 + WORD + "\n\n后文", "pandoc-markdown")
    assert record["text"] == WORD + "\n\n后文"
    record, _ = _timed("- " * 50 + WORD, "pandoc-markdown")
    assert record["text"] == WORD


def test_unclosed_conversion_openers_are_dropped_and_later_blocks_still_render():
    record, _ = _timed("-{" * 20 + "甲-{zh-hans:乙;zh-hant:丙}-丁")
    assert record["text"] == "甲乙丁"


@pytest.mark.parametrize("repeats", [2500, 10000])
def test_many_unclosed_noteta_take_linear_time(repeats):
    markup = "{{NoteTA|G1=IT" * repeats + WORD
    start = time.perf_counter()
    rules = collect_rules(markup)
    record, _ = _timed(markup)
    elapsed = time.perf_counter() - start
    assert elapsed < NOTETA_BOUND, f"{repeats}: {elapsed:.1f}s"
    assert rules.groups == ()  # an unclosed NoteTA is no call
    assert record["text"].endswith(WORD)


def test_a_closed_noteta_among_unclosed_ones_is_read():
    rules = collect_rules("{{NoteTA|G1=A" * 50 + "{{NoteTA|G1=IT|1=zh-hans:甲;zh-hant:乙}}" + "{{{NoteTA|G2=B}}")
    assert rules.groups == ("IT", "B")
    assert len(rules.entries) == 1


# --- the offset contract ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "fmt"),
    [
        ("甲乙[[f|r\u3000]]丙丁，[[g|\u3000s\u200f]]。[[h| t ]]", "wikitext"),
        ('甲乙[r\u3000](f "wikilink")丙丁，[\u3000s\u200f](g "wikilink")。[ t ](h "wikilink")', "pandoc-markdown"),
    ],
)
def test_a_link_span_is_its_trimmed_label_and_an_alias_of_its_entity(markup, fmt):
    record, _ = _timed(markup, fmt)
    text = record["text"]
    assert [(link["target"], text[link["start"] : link["end"]]) for link in record["links"]] == [
        ("F", "r"),
        ("G", "s"),
        ("H", "t"),
    ]
    for entity in record["entities"]:
        names = {entity["name"], *entity["aliases"]}
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] in names
    assert {e["name"]: e["aliases"] for e in record["entities"] if e["mentions"]} == {
        "F": ["r"],
        "G": ["s"],
        "H": ["t"],
    }


@pytest.mark.parametrize(
    ("markup", "fmt", "text"),
    [
        ("甲乙[[f|\u200b]]丙丁", "wikitext", "甲乙\u200b丙丁"),
        ('甲乙[\u3000](f "wikilink")丙丁', "pandoc-markdown", "甲乙\u3000丙丁"),
    ],
)
def test_a_label_of_blanks_or_invisible_characters_is_no_link(markup, fmt, text):
    record, _ = _timed(markup, fmt)
    assert record["links"] == [] and record["text"] == text


# --- control characters --------------------------------------------------------------------------

CONTROLS = "\x00\x1b\x85\x7f\ufffe"


@pytest.mark.parametrize(
    ("markup", "fmt"),
    [
        (f"甲{CONTROLS[0]}乙{CONTROLS[1]}丙{CONTROLS[2]}丁{CONTROLS[3]}戊{CONTROLS[4]}己\u200f庚", "wikitext"),
        (f"甲{CONTROLS[0]}乙{CONTROLS[1]}丙{CONTROLS[2]}丁{CONTROLS[3]}戊{CONTROLS[4]}己\u200f庚", "pandoc-markdown"),
    ],
)
def test_control_characters_are_removed_from_the_text_and_counted(markup, fmt):
    record, _ = _timed(markup, fmt)
    assert record["text"] == "甲乙丙丁戊己\u200f庚"  # a bidi mark is text
    assert warnings_of(record) == ("parse.control_character",) * 5
    routed = PageWork(Options()).route(record)
    assert routed.warnings == ("parse.control_character",) * 5
    assert "\\u0000" not in routed.data.decode("utf-8")


@pytest.mark.parametrize("parse", [parse_wikitext, parse_markdown])
def test_a_lone_surrogate_never_reaches_the_text(parse):
    """Readers decode strictly and the pipeline refuses a page holding one (`source.decode`);
    one that reaches a parser all the same is removed from the text and counted."""
    fmt = "wikitext" if parse is parse_wikitext else "pandoc-markdown"
    doc = parse(Page(markup="甲\ud800乙 [[丙\udfff]]", format=fmt, path="x", title="T"))
    assert "\ud800" not in doc.text and "\udfff" not in doc.text
    assert doc.text.startswith("甲乙")
    assert Counter(doc.warnings)["parse.control_character"] == 2


def test_a_nul_does_not_end_the_page():
    record, _ = _timed("甲\x00乙[[丙]]丁")
    assert record["text"] == "甲乙丙丁" and [link["target"] for link in record["links"]] == ["丙"]


def test_titles_and_categories_lose_bidi_marks_the_text_keeps_them():
    record, _ = _timed("'''\u200f甲乙\u200e'''是\u200f[[丙\u200f|丙]]。[[Category:\u200f丁]]")
    assert record["text"] == "\u200f甲乙\u200e是\u200f丙。"
    assert [link["target"] for link in record["links"]] == ["丙"]
    assert record["categories"] == ["丁"]


# --- one bad item costs that item ---------------------------------------------------------------

BAD_ITEMS = [
    ("[[Category:]]甲乙[[Category:丙]]", "wikitext", {"parse.invalid_category": 1}, ["丙"]),
    ("[[Category: \u200f ]]甲乙", "wikitext", {"parse.invalid_category": 1}, []),
    ("[[Category:丙\x1b]]甲乙", "wikitext", {"parse.invalid_category": 1}, []),
    ("甲乙\n\n[](Category:)\n[](Category:丙)", "pandoc-markdown", {"parse.invalid_category": 1}, ["丙"]),
    ("甲乙\n\n[ ](Category: )", "pandoc-markdown", {"parse.invalid_category": 1}, []),
]


@pytest.mark.parametrize(("markup", "fmt", "warnings", "categories"), BAD_ITEMS)
def test_a_bad_category_is_dropped_with_a_warning(markup, fmt, warnings, categories):
    record, _ = _timed(markup, fmt)
    assert record["categories"] == categories
    assert Counter(warnings_of(record)) == warnings


@pytest.mark.parametrize("target", ["_", ":", "../Page/_.md", "https://zh.wikipedia.org/wiki/_", "a%01b"])
def test_a_markdown_link_to_no_title_is_plain_text_with_a_warning(target):
    record, _ = _timed(f'甲乙[丙]({target} "wikilink")丁', "pandoc-markdown")
    assert record["text"] == "甲乙丙丁" and record["links"] == []
    assert warnings_of(record) == ("parse.invalid_link",)


def test_a_template_parameter_holding_a_control_character_is_dropped():
    record, _ = _timed("{{某模板|a\x1b=b|c=d|e=f\x7f}}甲乙")
    assert [t["params"] for t in record["templates"]] == [{"c": "d"}]
    assert warnings_of(record) == ("parse.invalid_template_parameter",) * 2


def test_the_run_counts_the_warnings_in_its_manifest(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "甲.wiki").write_text("'''甲'''\x1b是[[乙]]。[[Category:]]", encoding="utf-8")
    (src / "丙.md").write_text("丙\x1b\x1b是丁。\n\n[](Category:)\n", encoding="utf-8")
    counts = run([str(src)], tmp_path / "out", Options(), log=io.StringIO()).counts
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    expected = {"parse.control_character": 3, "parse.invalid_category": 2}
    assert manifest["counts"]["warnings_by_code"] == expected
    assert dict(counts.warnings_by_code) == expected
    assert manifest["counts"]["records_written"] == 2 and manifest["counts"]["quarantined"] == 0


def test_every_warning_code_is_declared_once():
    from extractor.errors import WARNINGS
    from extractor.normalize.rules import UNRESOLVED_GROUP
    from extractor.parse.items import INVALID_CATEGORY, INVALID_LINK, INVALID_PARAMETER
    from extractor.parse.textbuilder import CONTROL_CHARACTER

    used = {UNRESOLVED_GROUP, CONTROL_CHARACTER, INVALID_CATEGORY, INVALID_LINK, INVALID_PARAMETER}
    assert used == set(WARNINGS)


def test_a_template_in_a_deep_table_attribute_is_read_as_text():
    """found by fuzzing (test_fuzz_corpus, seed 31676), synthetic: a `{|` whose attributes hold a
    template, past the nesting limit, left the flat reader's closing marks out of step with its
    open nodes (IndexError, quarantined as internal.bug)."""
    markup = "{" * 119 + "\n{|{{a}}\n|" + "}" * 120
    record = process_page(Page(markup, "wikitext", "deep.wiki", title="深", title_from="filename"), Options())
    assert isinstance(record, dict), record
    assert "{{a}}" not in record["text"] and "table" not in record["text"]
