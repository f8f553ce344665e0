"""Mutations of real corpus articles, shared by tests/test_fuzz_corpus.py and benchmarks/fuzz.py.

A mutation is plain data (a tuple), so hypothesis can draw and shrink it and a failing input can be
written down and replayed: `("delete", at, length)`, `("duplicate", at, length, to)`,
`("swap", at, length, other, other_length)`, `("insert", at, fragment)`, `("truncate", at)`.
Positions are taken modulo the length of the text at the time, so any integer is valid.
A fragment is a string or a generator spec (`make_fragment`): nesting hundreds deep, giant tables,
long runs, random code points. The articles are CC BY-SA Wikipedia text (raw/, ../shared/corpus);
every fragment and every mutated page is synthetic.
"""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

from _paths import CORPUS, ROOT

from extractor.errors import REASONS
from extractor.model import Page, Quarantine, Skip
from extractor.sinks.jsonl import dumps
from extractor.sources.files import title_from_filename
from extractor.validate import problems

FORMATS = {".wiki": "wikitext", ".md": "pandoc-markdown"}

FRAGMENTS = [
    # links, templates, arguments, conversion markup: unbalanced, nested, empty
    "[[", "]]", "[[北京", "[[北京|", "[[|]]", "[[]]", "[[a|[[b]]]]", "[[Category:", "[[Category:]]",
    "[[File:a.jpg|thumb|[[北京]]|", "[[:zh:", "{{", "}}", "{{{", "}}}", "{{{1|", "{{}}", "{{|}}", "{{lang|en|",
    "{{NoteTA|G1=IT|1=zh-hans:软件;zh-hant:軟體;", "{{NoteTA|", "{{Infobox person|name=|birth_date={{", "-{", "}-",
    "-{}-", "-{H|zh-hans:计算机;zh-hant:電腦;}-", "-{zh-hans:a;zh-hant:", "-{A|", "-{R|}-", "-{T|}-", ";zh-tw:",
    # tables
    "{|", "|}", "|-", "!", "||", "!!", "{|\n|", "\n|}\n", "\n{| class=wikitable\n! a !! b\n|-\n| [[x]] || ",
    # HTML and references, broken
    "<ref>", "</ref>", '<ref name="a"/>', "<ref name=a>", "<ref name=>", "<references/>", "<references>",
    "<div>", "</div>", "</span>", "<b", "<i>x</b>", "<br", "<!--", "-->", "<nowiki>", "</nowiki>", "<math>",
    "<pre>", "<table><tr><td>", "</td></tr>", "<ref>{{cite web|url=http://a.org|date=2005年", '<span style="',
    # characters: control, bidi, invisible, surrogates, odd references
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\r", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\ufffe",
    "\u202e", "\u202d", "\u202c", "\u200f", "\u200e", "\u2066", "\u2069", "\u200b", "\u200d", "\u00ad", "\u3000",
    "\ud800", "\udfff", "\udbff\udc00", "&#1;", "&#0;", "&#x7f;", "&#xD800;", "&#xdfff;", "&#1114112;", "&#x110000;",
    "&#99999999999999999999;", "&#x;", "&#;", "&amp;", "&nbsp;", "&bogus;", "&lt;ref&gt;", "&#91;&#91;",
    # mixed scripts and combining marks
    "日本語のテキスト", "한국어", "العربية", "עברית", "Ελληνικά", "кириллица", "ไทย", "𠀀𪚥", "e\u0301\u0302",
    "👨\u200d👩\u200d👧", "ａｂｃ１２３", "Ⅻ", "〇",
    # pandoc-markdown
    "](", "[^1]", "[^1]: ", "ⓦ", '"wikilink")', "](北京 \"wikilink\")", "[北京](", "`", "```", "> ", "    ",
    "| --- |", "\n|---|---|\n", "* ", "1. ", "# ", "\\[1\\]", "**", "_", "<http://", "![](", "\n-----\n",
    # wikitext lines and switches
    "\n==", "==\n", "\n= =\n", "''", "'''", "'''''", "\n* ", "\n# ", "\n; a : b", "~~~~", "__NOTOC__",
    "#REDIRECT [[北京]]", "[http://", "[http://example.org 标签", "http://example.org/[[x]]", "[//a.org]",
    # dates, for the date finder
    "2005年10月1日", "公元前221年", "康熙十年", "二〇〇五年", "同年", "次年", "1月32日", "9999999999年",
    "民國前1年", "0年", "1990年代", "二十世纪", "年", "月", "日",
]  # fmt: skip

# generator specs: ("nest", opener, closer, depth, closed), ("table", rows, cols, cell), ("repeat", unit, n)
NESTS = [("{{a|", "}}"), ("{{", "}}"), ("{{{", "}}}"), ("-{", "}-"), ("-{zh-hans:", ";zh-hant:x}-"),
         ("[[a|", "]]"), ("[[", "]]"), ("<div>", "</div>"), ("<ref>", "</ref>"), ("{|\n|", "\n|}"),
         ("'''", "'''"), ("[", "]"), ("(", ")"), ("（", "）"), ("{{NoteTA|G1=IT|", "}}")]  # fmt: skip
UNITS = ["[", "]", "{", "}", "|", "'", "=", "-{", "}-", "\n", "&", "<", "*", "#", ":", "年", "、", "[[北京]]、",
         "{{NoteTA|G1=IT|", "<ref>", "</ref>", "|}", "\u202e", "\x00", "\ud800", "&#1;", "ⓦ"]  # fmt: skip
CELLS = ["x", "[[北京]]", "{{a}}"]
CODEPOINT_RANGES = [(0, 0x7F), (0x80, 0x24F), (0x300, 0x36F), (0x590, 0x6FF), (0x2000, 0x206F), (0x3000, 0x30FF),
                    (0x4E00, 0x9FFF), (0xD800, 0xDFFF), (0xE000, 0xF8FF), (0xFE00, 0xFFFF), (0x1F300, 0x1F6FF),
                    (0x20000, 0x2A6DF), (0xE0000, 0xE007F)]  # fmt: skip


def make_fragment(spec) -> str:
    """A fragment from a string or a generator spec."""
    if isinstance(spec, str):
        return spec
    kind, *args = spec
    if kind == "nest":
        opener, closer, depth, closed = args
        return opener * depth + "x" + (closer * depth if closed else "")
    if kind == "table":
        rows, cols, cell = args
        row = "|-\n| " + " || ".join([cell] * cols) + "\n"
        return "\n{| class=wikitable\n! " + " !! ".join(["h"] * cols) + "\n" + row * rows + "|}\n"
    if kind == "repeat":
        unit, n = args
        return unit * n
    if kind == "codepoints":
        return "".join(map(chr, args[0]))
    raise ValueError(f"unknown fragment spec {spec!r}")


def apply(text: str, mutations) -> str:
    """`text` with each mutation applied in turn (positions modulo the current length)."""
    for op, *args in mutations:
        at = args[0] % (len(text) + 1)
        if op == "delete":
            text = text[:at] + text[at + args[1] :]
        elif op == "duplicate":
            piece = text[at : at + args[1]]
            to = args[2] % (len(text) + 1)
            text = text[:to] + piece + text[to:]
        elif op == "swap":
            text = _swap(text, at, args[1], args[2] % (len(text) + 1), args[3])
        elif op == "insert":
            text = text[:at] + make_fragment(args[1]) + text[at:]
        elif op == "truncate":
            text = text[:at]
        else:
            raise ValueError(f"unknown mutation {op!r}")
    return text


def _swap(text: str, a: int, alen: int, b: int, blen: int) -> str:
    if b < a:
        a, alen, b, blen = b, blen, a, alen
    alen = min(alen, b - a)  # the slices do not overlap
    first, second = text[a : a + alen], text[b : b + blen]
    return text[:a] + second + text[a + alen : b] + first + text[b + len(second) :]


@cache
def corpus() -> tuple[tuple[str, str, str, str | None], ...]:
    """Every article of raw/ and ../shared/corpus once (same text, first path): (name, format, markup, title)."""
    folders = [ROOT / "raw" / "wikitext", ROOT / "raw" / "markdown", CORPUS / "wikitext", CORPUS / "markdown"]
    seen: set[str] = set()
    articles = []
    for folder in folders:
        for path in sorted(folder.glob("*")) if folder.is_dir() else ():
            if path.suffix not in FORMATS:
                continue
            markup = path.read_text(encoding="utf-8")
            if markup not in seen:
                seen.add(markup)
                articles.append((_shown(path), FORMATS[path.suffix], markup, title_from_filename(path)))
    return tuple(articles)


def _shown(path: Path) -> str:
    for base in (ROOT, CORPUS.parent):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return path.name


def page_of(name: str, fmt: str, markup: str, title: str | None) -> Page:
    return Page(markup=markup, format=fmt, path=name, title=title, title_from="filename" if title else "unknown")


def violation(result, fields) -> str | None:
    """What is wrong with `process_page`'s outcome, or None: a record must have no `problems` (schema,
    spans, dates' text, mentions covering a name or alias) and encode as the sink writes it (UTF-8
    JSON), a Quarantine a declared code other than `internal.bug`, a Skip a known reason."""
    if isinstance(result, dict):
        found = problems(result, fields=fields)
        if found:
            return "invalid record: " + "; ".join(found[:5])
        try:
            dumps(result)
        except TypeError as exc:  # orjson.JSONEncodeError: a lone surrogate, a value JSON cannot hold
            return f"unwritable record: {exc}"
        return None
    if isinstance(result, Quarantine):
        if result.code not in REASONS or result.code == "internal.bug":
            return f"quarantine {result.code}: {result.message}"
        return None
    if isinstance(result, Skip):
        return None if result.reason in ("redirect", "namespace") else f"skip {result.reason!r}"
    return f"unexpected outcome {type(result).__name__}"


def random_fragment(rng: random.Random):
    """A fragment spec drawn by the seeded loop (benchmarks/fuzz.py), as the test's strategy draws them."""
    roll = rng.random()
    if roll < 0.6:
        return rng.choice(FRAGMENTS)
    if roll < 0.75:
        opener, closer = rng.choice(NESTS)
        return ("nest", opener, closer, rng.choice([2, 10, 50, 100, 300, 1000, 3000]), rng.random() < 0.5)
    if roll < 0.82:
        return ("table", rng.choice([1, 10, 200, 2000]), rng.choice([1, 5, 50]), rng.choice(CELLS))
    if roll < 0.9:
        return ("repeat", rng.choice(UNITS), rng.choice([2, 10, 100, 1000, 10000]))
    low, high = rng.choice(CODEPOINT_RANGES)
    return ("codepoints", tuple(rng.randint(low, high) for _ in range(rng.randint(1, 30))))


def random_mutations(rng: random.Random) -> list[tuple]:
    """One to five mutations, positions anywhere, slices mostly short."""

    def length() -> int:
        return rng.choice([1, 2, 5, 20, 100, 1000, 10000])

    def position() -> int:
        return rng.randrange(1 << 20)

    makers = {
        "delete": lambda: ("delete", position(), length()),
        "duplicate": lambda: ("duplicate", position(), length(), position()),
        "swap": lambda: ("swap", position(), length(), position(), length()),
        "insert": lambda: ("insert", position(), random_fragment(rng)),
        "truncate": lambda: ("truncate", position()),
    }
    weights = {"delete": 2, "duplicate": 2, "swap": 2, "insert": 6, "truncate": 1}
    ops = rng.choices(list(weights), weights=list(weights.values()), k=rng.randint(1, 5))
    return [makers[op]() for op in ops]
