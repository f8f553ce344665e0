"""Other projects' language-conversion tests, run as ours (peer data in tests/fixtures/peer).

MediaWiki (`mediawiki-langconv/`, GPL-2.0-or-later, see its SOURCES.md):
- `langParserTests*.txt`: MediaWiki's own parser tests. Only tests whose options
  say `language=zh` are read; each variant of `htmlVariantLanguage=` (a comma list
  is one case per variant, BCP 47 codes are mapped to MediaWiki's: `zh-Hant-TW` ->
  `zh-tw`; no such option: `zh`, the content language, no conversion) is one case.
  The expectation is the `!! html/php` section (the legacy parser's rendering)
  reduced to text (`html_to_text`): the editsection links of headings are dropped,
  tags are stripped, entities unescaped; then both sides are compared with all
  whitespace collapsed to single spaces and trimmed (our text has paragraph breaks
  where the HTML has `<p>` elements, and the HTML keeps the source's newlines).
- `zh_table_cases.json`: ZhConverter's table cases (input, output per variant).

zhconv (`zhconv/`) and zhconv-rs (`zhconv-rs/`), MIT: their documented
`convert`/`convert_for_mw` (`zhconv`/`zhconv_mw`) examples.

Every case is one parametrized test. A case out of scope is classified by an
explicit rule (`out_of_scope`) and reported as a skip with that rule's reason
(never silently dropped); a case where the project differs on purpose, or where
OpenCC's dictionaries differ from MediaWiki's ZhConversion tables (the markup
handling checked by hand), is a strict xfail with its reason.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from extractor import Options, Page, process_page

PEER = Path(__file__).resolve().parent / "fixtures" / "peer"
MW = PEER / "mediawiki-langconv"
PARSER_TEST_FILES = ("langParserTests.txt", "langParserTests2.txt")

# BCP 47 tags of htmlVariantLanguage -> MediaWiki's variant codes (LanguageCode::bcp47ToInternal
# for zh: the script subtag is dropped when a region is given).
_BCP47 = {
    "zh": "zh",
    "zh-hans": "zh-hans",
    "zh-hant": "zh-hant",
    "zh-hans-cn": "zh-cn",
    "zh-hans-sg": "zh-sg",
    "zh-hans-my": "zh-my",
    "zh-hant-tw": "zh-tw",
    "zh-hant-hk": "zh-hk",
    "zh-hant-mo": "zh-mo",
}


# --- the parser-test file format ----------------------------------------------------------


@dataclass
class ParserTest:
    """One `!! test … !! end` block: its name, line, raw options and sections by name."""

    name: str
    line: int
    options_raw: str = ""
    sections: dict[str, str] = field(default_factory=dict)

    @property
    def options(self) -> dict[str, str | bool]:
        return parse_options(self.options_raw)


def parse_parser_tests(text: str) -> list[ParserTest]:
    """The `!! test` blocks of a MediaWiki parser-test file (tests/parser/*.txt).

    A block is `!! test` then the name, then sections (`!! options`, `!! config`,
    `!! wikitext`, `!! html/php`, `!! html/parsoid`, …), each running to the next
    `!! ` line, up to `!! end`. `!! article … !! endarticle` blocks and the file's
    own `!! options … !! end` header are not tests and are passed over.
    """
    tests: list[ParserTest] = []
    current: ParserTest | None = None
    section: str | None = None
    body: list[str] = []
    in_other = False

    def close_section():
        if current is not None and section is not None:
            content = "\n".join(body)
            if section == "test":
                current.name = content.strip()
            elif section == "options":
                current.options_raw = content.strip()
            else:
                current.sections[section] = content

    for number, line in enumerate(text.split("\n"), 1):
        header = re.match(r"^!!\s*(\S+)\s*$", line)
        if header is None:
            body.append(line)
            continue
        name = header.group(1).lower()
        if current is None:
            if name == "test":
                current, section, body, in_other = ParserTest("", number), "test", [], False
            elif name in ("end", "endarticle", "endhooks", "endfunctionhooks"):
                in_other = False
            else:
                in_other = True  # article, hooks, the file's options header: not a test
            continue
        close_section()
        if name == "end":
            tests.append(current)
            current, section, body = None, None, []
        else:
            section, body = name, []
    del in_other
    return tests


_OPTION = re.compile(r"\s*([\w-]+)(?:\s*=\s*)?")


def parse_options(raw: str) -> dict[str, str | bool]:
    """`language=zh htmlVariantLanguage=zh-Hant-TW cat parsoid={…}` -> {name: value or True}
    (values: a word, a "quoted string", [[a title]] or a balanced {…} / […] JSON value)."""
    out: dict[str, str | bool] = {}
    i = 0
    while i < len(raw):
        m = _OPTION.match(raw, i)
        if m is None or not m.group(1):
            i += 1
            continue
        name, i = m.group(1).lower(), m.end()
        if "=" not in m.group(0):
            out[name] = True
            continue
        if raw.startswith("[[", i):
            end = raw.find("]]", i)
            end = len(raw) if end < 0 else end + 2
        elif raw[i : i + 1] in "{[" and raw[i : i + 1]:
            depth, end = 0, i
            while end < len(raw):
                depth += {"{": 1, "[": 1, "}": -1, "]": -1}.get(raw[end], 0)
                end += 1
                if depth == 0:
                    break
        elif raw[i : i + 1] == '"':
            end = raw.find('"', i + 1)
            end = len(raw) if end < 0 else end + 1
        else:
            end = i
            while end < len(raw) and not raw[end].isspace():
                end += 1
        out[name] = raw[i:end]
        i = end
    return out


def test_variants(test: ParserTest) -> list[str]:
    """The reader variants of a test: `htmlVariantLanguage`, each of a comma list, as our codes."""
    raw = test.options.get("htmlvariantlanguage")
    if not isinstance(raw, str):
        return ["zh"]
    return [_BCP47.get(v.strip().lower(), v.strip().lower()) for v in raw.split(",") if v.strip()]


test_variants.__test__ = False  # a helper, not a test


_EDITSECTION = re.compile(r'<span class="mw-editsection">.*?</span></span>', re.S)
_TAG = re.compile(r"<[^<>]*>")
_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.I)


def html_to_text(markup: str) -> str:
    """The legacy parser's HTML as text: editsection links dropped, tags stripped, entities
    unescaped, whitespace collapsed (see the module's docstring)."""
    markup = _EDITSECTION.sub("", markup)
    return squash(html.unescape(_TAG.sub(" " if "<table" in markup else "", markup)))


def split_tables(markup: str) -> tuple[str, str]:
    """(the HTML outside its outermost <table>s, the HTML of those tables): a record keeps
    tables out of its text, in its `tables` field."""
    outside, tables = [], []
    depth = pos = 0
    for m in _TABLE_TAG.finditer(markup):
        if not m.group(1):
            if depth == 0:
                outside.append(markup[pos : m.start()])
                pos = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                tables.append(markup[pos : m.end()])
                pos = m.end()
    (tables if depth else outside).append(markup[pos:])
    return "".join(outside), " ".join(tables)


def squash(text: str) -> str:
    return " ".join(text.split())


def render_record(wikitext: str, variant: str, title: str = "Parser test") -> dict:
    page = Page(markup=wikitext, format="wikitext", path="peer.wiki", title=title, sha256="0" * 64)
    record = process_page(page, Options(variant=variant))
    assert isinstance(record, dict), record
    return record


def render_page(wikitext: str, variant: str, title: str = "Parser test") -> str:
    return render_record(wikitext, variant, title)["text"]


def table_words(record: dict) -> list[str]:
    """The words of a record's table cells (captions, headers, rows), sorted."""
    cells = []
    for table in record.get("tables") or []:
        cells += [table.get("caption") or "", *table["header"], *(c for row in table["rows"] for c in row)]
    return sorted(" ".join(cells).split())


# --- MediaWiki's parser tests -------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    wikitext: str
    variant: str
    expected: str  # html_to_text of the html/php section outside its tables
    table_words: tuple[str, ...]  # the words of its tables, sorted (compared with the record's tables)
    test: str  # the parser test's name
    where: str  # file:line


def parser_test_articles(text: str) -> set[str]:
    """Titles of the `!! article` pages a parser-test file defines (its templates: `Template:1x`)."""
    return {m.group(1).strip() for m in re.finditer(r"^!!\s*article\s*\n(.*)$", text, re.M)}


def mediawiki_tests() -> list[tuple[str, ParserTest, set[str]]]:
    """(file name, test, the file's article titles) for every `language=zh` test."""
    found = []
    for name in PARSER_TEST_FILES:
        text = (MW / name).read_text(encoding="utf-8")
        articles = parser_test_articles(text)
        for test in parse_parser_tests(text):
            if test.options.get("language") == "zh":
                found.append((name, test, articles))
    return found


def _no_php(test: ParserTest, variant: str, articles: set[str]) -> bool:
    return "html/php" not in test.sections


def _markup_only(test: ParserTest, variant: str, articles: set[str]) -> bool:
    return test.name.startswith(MARKUP_ONLY)


_CALL = re.compile(r"\{\{\s*([^{}|]+?)\s*[|}]")


def _test_templates(test: ParserTest, variant: str, articles: set[str]) -> bool:
    names = {m.group(1) for m in _CALL.finditer(test.sections.get("wikitext", ""))}
    return any(f"Template:{n}" in articles or f"Template:{n[:1].upper()}{n[1:]}" in articles for n in names)


def _unknown_variant(test: ParserTest, variant: str, articles: set[str]) -> bool:
    from extractor.normalize.langconv import VARIANTS

    return variant not in VARIANTS


# Tests whose point is HTML markup or attributes of the legacy parser's output, which a plain-text
# record does not hold (title="…" conversion, unbalanced HTML as the parser repairs it, a <figure>).
MARKUP_ONLY = (
    "Recursive conversion of alt and title attrs",  # converts a title="" attribute
    "HTML markups with conversion syntax in attribs",  # -{X}- inside a title="" attribute
    "Language converter markup with block content",  # unbalanced <span>/<div> as the parser nests them
    "T153135: Unclosed markup in definition list",  # unbalanced <b> as the parser nests it
    "Langconvert tag",  # <langconvert>, a tag of Extension:LanguageConverter's test setup, not zh.wikipedia's
    "Two-way rules with images",  # a thumbnail's caption: media are not text here
)

# Out of scope, by explicit rule: (rule, reason, predicate). The first rule that matches classifies
# a case; each is reported as a skip with its reason (test_mediawiki_out_of_scope), none is dropped.
OUT_OF_SCOPE = (
    ("serialization", "no !! html/php section: a Parsoid serialization test (html2wt, wt2wt, selser)", _no_php),
    ("html-markup", "the point is HTML markup or attributes, which a plain-text record does not hold", _markup_only),
    ("test-templates", "calls a template that only the test file defines (!! article Template:…)", _test_templates),
    ("variant", "the reader variant is not one of ours", _unknown_variant),
)

# Cases the project renders differently on purpose (strict xfail: a fix must update this list).
KNOWN_DIFFERENCES = {
    "Language converter: output gets cut off unexpectedly (T7757)": (
        "an unmatched `}-` is dropped (MediaWiki shows it): no conversion markup reaches a record's "
        "text (tests/test_corpus_invariants.py)"
    ),
}


def out_of_scope(test: ParserTest, variant: str, articles: set[str]) -> tuple[str, str] | None:
    for rule, reason, applies in OUT_OF_SCOPE:
        if applies(test, variant, articles):
            return rule, reason
    return None


def mediawiki_cases() -> tuple[list[Case], list[tuple[str, str, str]]]:
    """(applicable cases, [(id, rule, reason)] of the cases out of scope)."""
    cases, skipped = [], []
    for name, test, articles in mediawiki_tests():
        for variant in test_variants(test):
            cid = f"{name.removesuffix('.txt')}:{test.line}:{variant}:{test.name[:50]}"
            why = out_of_scope(test, variant, articles)
            if why is not None:
                skipped.append((cid, *why))
                continue
            outside, tables = split_tables(test.sections["html/php"])
            words = tuple(sorted(html_to_text(tables).split()))
            cases.append(
                Case(
                    cid,
                    test.sections["wikitext"],
                    variant,
                    html_to_text(outside),
                    words,
                    test.name,
                    f"{name}:{test.line}",
                )
            )
    return cases, skipped


MW_CASES, MW_SKIPPED = mediawiki_cases()


def _marks(case: Case):
    reason = KNOWN_DIFFERENCES.get(case.test)
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=_marks(c)) for c in MW_CASES])
def test_mediawiki_parser_test(case: Case):
    record = render_record(case.wikitext, case.variant)
    assert squash(record["text"]) == case.expected
    assert tuple(table_words(record)) == case.table_words


@pytest.mark.parametrize("cid,rule,reason", MW_SKIPPED, ids=[s[0] for s in MW_SKIPPED])
def test_mediawiki_out_of_scope(cid, rule, reason):
    pytest.skip(f"out of scope ({rule}): {reason}")


def test_parser_test_reader():
    """The reader finds every zh test of the files, each with the sections it needs."""
    tests = mediawiki_tests()
    assert len(tests) == 123
    assert all(t.sections.get("wikitext") is not None for _, t, _ in tests)
    assert len(MW_CASES) + len(MW_SKIPPED) == sum(len(test_variants(t)) for _, t, _ in tests)
    assert parse_options('language=zh htmlVariantLanguage=zh-Hant-TW cat parsoid={"a": [1, 2]}') == {
        "language": "zh",
        "htmlvariantlanguage": "zh-Hant-TW",
        "cat": True,
        "parsoid": '{"a": [1, 2]}',
    }
    assert html_to_text("<p>a &amp; b\n</p><p>c</p>") == "a & b c"


# --- ZhConverter's table cases (zh_table_cases.json) --------------------------------------

# OpenCC's dictionaries are not MediaWiki's ZhConversion tables: a case that differs only there
# (its input has no markup: checked by hand) is a dictionary difference, counted apart. Not strict:
# the dictionaries are being extended (normalize/opencc_dicts.py), a case may start to pass.
TABLE_DICTIONARY = {
    ("zh-cn specific", "zh-cn"): "ZhConversion's zh-cn table has 仲介→中介; OpenCC's t2s keeps 仲介",
    ("zh-cn specific", "zh-my"): "ZhConversion's zh-my falls back to zh-cn's 仲介→中介; OpenCC keeps 仲介",
    ("zh-cn specific", "zh-sg"): "ZhConversion's zh-sg falls back to zh-cn's 仲介→中介; OpenCC keeps 仲介",
    ("zh-hk specific", "zh-hant"): "ZhConversion's zh-hant writes 裡 (中文裡); OpenCC's s2t writes 裏",
    ("zh-tw overrides zh-hant", "zh-tw"): "ZhConversion's zh-tw writes 帳; OpenCC's s2tw writes 賬",
    ("zh-hk overrides zh-hant", "zh-hant"): "ZhConversion's zh-hant writes 一地裡; OpenCC's s2t writes 一地裏",
}


def table_cases() -> list:
    data = json.loads((MW / "zh_table_cases.json").read_text(encoding="utf-8"))
    params = []
    for case in data["cases"]:
        for variant, expected in case["output"].items():
            reason = TABLE_DICTIONARY.get((case["title"], variant))
            marks = [pytest.mark.xfail(strict=False, reason=f"dictionary difference: {reason}")] if reason else []
            params.append(pytest.param(case["input"], variant, expected, id=f"{case['title']}:{variant}", marks=marks))
    return params


@pytest.mark.parametrize("text,variant,expected", table_cases())
def test_zh_table_case(text, variant, expected):
    assert render_page(text, variant) == expected


# --- zhconv and zhconv-rs documented examples ---------------------------------------------

ZHCONV_FOLDERS = ("zhconv", "zhconv-rs")

# Out of scope, by rule: zhconv's convert_for_mw reads plain text with -{ }- markup, not wikitext.
ZHCONV_OUT_OF_SCOPE = {
    ("zhconv", 321): "the input is other wikitext ({{template}}, &gt;) that zhconv passes through as plain text "
    "and a wikitext pipeline renders (a template call shows nothing, an entity its character)",
}
# Cases run with the whole-page rule scope, the peer's documented semantics (zhconv-rs: "global
# rules apply to the whole text"); MediaWiki, and our default, apply a rule from where it stands.
ZHCONV_PAGE_SCOPE = {("zhconv-rs", 53)}
ZHCONV_DIFFERENCES = {
    ("zhconv", 315): "the input is cut short inside -{…}-: zhconv closes the block at the end of the text, "
    "MediaWiki shows the unclosed `-{` and converts the rest; we drop the unmatched `-{` and convert the rest",
}
ZHCONV_DICTIONARY = {
    ("zhconv", 11): "OpenCC's s2twp has 内存→記憶體 (an IT phrase); ZhConversion's zh-tw keeps 人體內存在 (its 人体内)",
    (
        "zhconv",
        18,
    ): "OpenCC's s2twp has 联系→聯絡; ZhConversion's zh-tw writes 聯繫 (the -{…}- block is right: 資訊工程)",
    ("zhconv", 317): "ZhConversion's zh-tw turns “ ” into 「 」; OpenCC keeps the quotes (the nested -{…}- are right)",
}


def zhconv_cases() -> list:
    params = []
    for folder in ZHCONV_FOLDERS:
        for case in json.loads((PEER / folder / "cases.json").read_text(encoding="utf-8"))["cases"]:
            key = (folder, case["line"])
            marks = []
            if key in ZHCONV_OUT_OF_SCOPE:
                marks = [pytest.mark.skip(reason=f"out of scope: {ZHCONV_OUT_OF_SCOPE[key]}")]
            elif key in ZHCONV_DIFFERENCES:
                marks = [pytest.mark.xfail(strict=True, reason=ZHCONV_DIFFERENCES[key])]
            elif key in ZHCONV_DICTIONARY:
                marks = [pytest.mark.xfail(strict=False, reason=f"dictionary difference: {ZHCONV_DICTIONARY[key]}")]
            scope = "page" if key in ZHCONV_PAGE_SCOPE else "position"
            cid = f"{folder}:{case['line']}:{case['function']}:{case['variant']}"
            params.append(pytest.param(case["input"], case["variant"], case["expected"], scope, id=cid, marks=marks))
    return params


def render_with_scope(wikitext: str, variant: str, scope: str) -> str:
    """The page's text with the rules' scope chosen (the parse and conversion stages of process_page)."""
    from extractor.normalize.variant import convert_document
    from extractor.parse import parser_for

    page = Page(markup=wikitext, format="wikitext", path="peer.wiki", title="Peer", sha256="0" * 64)
    doc = parser_for("wikitext")(page, variant)
    return convert_document(doc, variant, doc.rules.configured(scope=scope)).text


@pytest.mark.parametrize("text,variant,expected,scope", zhconv_cases())
def test_zhconv_example(text, variant, expected, scope):
    got = render_page(text, variant) if scope == "position" else render_with_scope(text, variant, scope)
    assert squash(got) == squash(expected)


def test_rule_scope_position_against_page():
    """MediaWiki's parser test "Explicit session-wise two-way language variant mapping": a rule
    converts the text after it (the default); scope "page" also the text before it."""
    markup = "Taiwan is not China.\n\nBut -{A|zh:China; zh-tw:Taiwan}- is China."
    assert squash(render_with_scope(markup, "zh-tw", "position")) == "Taiwan is not China. But Taiwan is Taiwan."
    assert squash(render_with_scope(markup, "zh-tw", "page")) == "Taiwan is not Taiwan. But Taiwan is Taiwan."
