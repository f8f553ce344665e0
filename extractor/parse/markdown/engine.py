"""The one markdown-it instance, built once per process, three exact fast paths, and deep nesting kept.

CommonMark + pipe tables + footnotes. About 30% of markdown-it's time on the
corpus went to link destinations and titles: its generic URL parse before
percent-encoding (`normalizeLink`) and its per-character scans of a
destination and a title (`parseLinkDestination`, `parseLinkTitle`). These are
replaced on this instance only, by code that gives the same result for every
input (tests/test_markdown_engine.py compares them with markdown-it's own on
the corpus and on generated strings); what the fast paths do not cover goes to
markdown-it's functions.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from urllib.parse import quote

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.common.utils import unescapeAll
from markdown_it.helpers import parseLinkDestination, parseLinkLabel, parseLinkTitle
from markdown_it.rules_block import StateBlock
from mdit_py_plugins.footnote import footnote_plugin

# Destinations whose parse by mdurl gives them back unchanged (no host, or this
# ASCII host followed by a path): normalizing them is percent-encoding alone.
_PLAIN_PREFIXES = ("../Page/", "https://zh.wikipedia.org/", "http://zh.wikipedia.org/")
# What mdurl.encode escapes: `%` not starting an escape, and every character
# outside its default safe set (ASCII letters, digits, `;/?:@&=+$,-_.!~*'()#`).
_UNSAFE = re.compile(r"%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9;/?:@&=+$,\-_.!~*'()#%]+")
_SURROGATE = re.compile("[\ud800-\udfff]")
# A run of destination characters that need no decision: not blank, control, `\`, `(` or `)`.
_DESTINATION_RUN = re.compile(r"[^\x00-\x20\x7f\\()]+")
_MAX_PAREN_DEPTH = 32  # markdown-it's limit
# Where a quoted title can end or escape: its closing quote or a backslash.
_TITLE_STOPS = {'"': re.compile(r'["\\]'), "'": re.compile(r"['\\]")}
# Quote and list marks opening a line (`> `, `- `, `1. `), as many as there are.
_CONTAINER_MARKS = re.compile(r"^(?:[ \t]*(?:>|[-+*]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*)+", re.M)


def normalize_link(url: str) -> str:
    """markdown-it's `normalizeLink`, without its generic URL parse for the
    destinations pandoc writes."""
    if url.startswith(_PLAIN_PREFIXES) and url.strip() == url and not _SURROGATE.search(url):
        return _UNSAFE.sub(_percent_encode, url)
    return normalizeLink(url)


def _percent_encode(match: re.Match[str]) -> str:
    return quote(match.group(), safe="")


class _Destination:
    __slots__ = ("ok", "pos", "str")

    def __init__(self, ok: bool = False, pos: int = 0, text: str = "") -> None:
        self.ok, self.pos, self.str = ok, pos, text


def parse_link_destination(string: str, pos: int, maximum: int) -> _Destination:
    """markdown-it's `parseLinkDestination`, jumping over ordinary characters
    with a regex; `<…>` destinations and a limit past the string go to it."""
    if string.startswith("<", pos) or maximum > len(string):
        return parseLinkDestination(string, pos, maximum)  # type: ignore[return-value]
    start, level = pos, 0
    while pos < maximum:
        run = _DESTINATION_RUN.match(string, pos, maximum)
        if run:
            pos = run.end()
            if pos >= maximum:
                break
        ch = string[pos]
        if ch <= " " or ch == "\x7f":
            break
        if ch == "\\" and pos + 1 < maximum:
            if string[pos + 1] == " ":
                break
            pos += 2
            continue
        if ch == "(":
            level += 1
            if level > _MAX_PAREN_DEPTH:
                return _Destination()
        elif ch == ")":
            if level == 0:
                break
            level -= 1
        pos += 1
    if start == pos or level != 0:
        return _Destination()
    return _Destination(True, pos, unescapeAll(string[start:pos]))


class _Title:
    __slots__ = ("can_continue", "marker", "ok", "pos", "str")

    def __init__(self, marker: int) -> None:
        self.ok, self.can_continue, self.pos, self.str, self.marker = False, False, 0, "", marker

    def __str__(self) -> str:
        return self.str


def parse_link_title(string: str, start: int, maximum: int, prev_state: object = None) -> _Title:
    """markdown-it's `parseLinkTitle`, finding the end of a quoted title with a
    regex; `(…)` titles, continued ones and a limit past the string go to it."""
    if prev_state is not None or start >= maximum or maximum > len(string) or string[start] not in _TITLE_STOPS:
        return parseLinkTitle(string, start, maximum, prev_state)  # type: ignore[arg-type,return-value]
    title = _Title(ord(string[start]))
    stops, pos = _TITLE_STOPS[string[start]], start + 1
    while (stop := stops.search(string, pos, maximum)) is not None:
        at = stop.start()
        if string[at] != "\\":
            title.ok, title.pos, title.str = True, at + 1, unescapeAll(string[start + 1 : at])
            return title
        pos = at + 2 if at + 1 < maximum else at + 1
    title.can_continue, title.str = True, unescapeAll(string[start + 1 : maximum])
    return title


def tokenize_blocks(state: StateBlock, start: int, end: int) -> None:
    """markdown-it's block tokenize, but past `maxNesting` (quotes and lists nested deeper than
    markdown-it recurses), where markdown-it drops the rest of the container ("not ordinary,
    we should not care about content"), its lines become one paragraph of plain text without
    their quote and list marks: a quote nested 1,000 deep (`> > > …`) keeps its words, in
    bounded time and recursion."""
    if state.level < state.md.options.maxNesting:
        _tokenize_blocks(state, start, end)
        return
    line = state.line = state.skipEmptyLines(start)
    if line >= end or state.sCount[line] < state.blkIndent:
        return  # nothing of this container here: markdown-it's termination
    content = _CONTAINER_MARKS.sub("", state.getLines(line, end, state.blkIndent, False)).strip()
    state.line = end
    state.push("paragraph_open", "p", 1).map = [line, end]
    inline = state.push("inline", "", 0)
    inline.content, inline.map, inline.children = content, [line, end], []
    state.push("paragraph_close", "p", -1)


MD = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
_tokenize_blocks = MD.block.tokenize
MD.block.tokenize = tokenize_blocks  # type: ignore[method-assign]  # nested calls: state.md.block.tokenize
MD.validateLink = lambda url: True  # nothing is rendered as HTML; keep `File:` gallery links
MD.normalizeLink = normalize_link  # type: ignore[method-assign]
MD.helpers = SimpleNamespace(  # type: ignore[assignment]
    parseLinkDestination=parse_link_destination,
    parseLinkLabel=parseLinkLabel,
    parseLinkTitle=parse_link_title,
)
