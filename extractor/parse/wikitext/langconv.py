"""Resolve `-{ ... }-` language-conversion markup before wikitext is parsed.

mwparserfromhell does not know `-{ }-`: it lands inside Text nodes and may span
several nodes (`-{zh-hans:[[计算机]];zh-hant:[[電腦]]}-`). So the markup string
is rewritten first: each balanced `-{inner}-` becomes what a reader of the
variant sees (`langconv.render`, itself wikitext), wrapped in private-use
sentinels that the walker turns into a protected span (text the author chose
for the variant, which OpenCC must not convert later).

Nested blocks are rendered from the inside out, as LanguageConverter::recursiveConvertRule
does: an inner block's rendering becomes part of its container's text before the
container is parsed (`-{zh-hant:Hello -{zh-hk:H-{ong}- Kong;zh-tw:Taiwan}-;}-`).

A top-level block that adds or removes page rules (`-{H|…}-`, `-{A|…}-`, `-{-|…}-`)
also carries an anchor right after its opening sentinel: one private-use character of
plane 15 (`ANCHOR_BASE` + its number) that the walker takes out of the text and
records as the text offset where the block landed; `resolve_with_anchors` returns the
markup offset of each numbered block, so that the page's rules apply from there on
(`normalize.rules.collect_rules`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ...mediawiki import CLOSE, LOOSE, OPEN, UNCLOSED, conversion_tokens
from ...normalize.langconv import MAX_DEPTH, display, parse_markup
from ...normalize.opencc_backend import converter
from ...normalize.rules import rules_in_order, table_before
from ...normalize.variant import Phrases, convert_string
from .output import SENTINEL_CLOSE, SENTINEL_OPEN

ANCHOR_BASE = 0xF0000  # plane 15 private use: U+F0000 … U+FFFFD, one per rule block
ANCHOR_COUNT = 0xFFFFD - ANCHOR_BASE + 1  # blocks past this many carry no anchor (from the next one on)


def is_anchor(piece: str) -> bool:
    return len(piece) == 1 and ANCHOR_BASE <= ord(piece) < ANCHOR_BASE + ANCHOR_COUNT


def resolve_conversions(markup: str, variant: str, depth: int = 0) -> str:
    """`markup` with every balanced `-{...}-` replaced by its rendering between sentinels
    (without anchors; `depth` is kept for callers, unused)."""
    return resolve_with_anchors(markup, variant, anchors=False)[0]


def resolve_with_anchors(markup: str, variant: str, anchors: bool = True) -> tuple[str, list[int]]:
    """(markup with every balanced `-{...}-` replaced by its rendering, markup offsets of the
    anchored blocks by number).

    Blocks nested deeper than MAX_DEPTH stay as written (MediaWiki stops at its own depth,
    LanguageConverter::$mMaxDepth, and shows the rest as text). An unmatched `-{` or `}-` is
    dropped: a reader never sees it (MediaWiki shows it). One pass over the delimiters
    (`conversion_tokens`), whatever the nesting or the number of unclosed openers.
    """
    if "-{" not in markup and "}-" not in markup:
        return markup, []
    top: list[str] = []
    stack: list[tuple[int, list[str]]] = []  # (offset of the opener, pieces of its inside)
    placed: list[int] = []
    filters = _FilterConverter(markup)
    pos = 0
    deeper = 0  # open blocks below MAX_DEPTH levels: kept as written, inside their container's text
    for at, role in conversion_tokens(markup):
        pieces = stack[-1][1] if stack else top
        if deeper:
            deeper += {OPEN: 1, CLOSE: -1}.get(role, 0)  # their delimiters stay in the text
        elif role == UNCLOSED or (role == LOOSE and not stack and _is_stray_close(markup, at)):
            pieces.append(markup[pos:at])
            pos = at + 2
        elif role == OPEN and len(stack) >= MAX_DEPTH:
            deeper = 1
        elif role == OPEN:
            pieces.append(markup[pos:at])
            pos = at + 2
            stack.append((at, []))
        elif role == CLOSE:
            start, inner = stack.pop()
            inner.append(markup[pos:at])
            pos = at + 2
            text = "".join(inner)
            parsed = parse_markup(text)
            shown = display(parsed, variant, filters.at(start) if parsed.only_in else None)
            if stack:
                stack[-1][1].append(shown)
                continue
            if ":" in shown and _TERM_LINE.match(markup, markup.rfind("\n", 0, start) + 1):
                shown = _escape_colons(shown)
            anchor = ""
            if anchors and ("+" in parsed.flags or "-" in parsed.flags) and len(placed) < ANCHOR_COUNT:
                anchor = chr(ANCHOR_BASE + len(placed))
                placed.append(start)
            top.append(SENTINEL_OPEN + anchor + shown + SENTINEL_CLOSE)  # even empty: `北-{}-韓` is a boundary
    top.append(markup[pos:])  # every OPEN has its CLOSE (conversion_tokens): the stack is empty
    return "".join(top), placed


class _FilterConverter:
    """`-{zh-hans;zh-cn|text}-` converts its text to a listed variant as the page would there:
    the page's rules that stand before the block (and NoteTA's), then the tables."""

    def __init__(self, markup: str) -> None:
        self.markup = markup
        self.found: list | None = None

    def at(self, offset: int) -> Callable[[str, str], str]:
        def convert(text: str, code: str) -> str:
            if self.found is None:
                self.found = rules_in_order(self.markup)
            phrases = Phrases.of(table_before(self.found, offset, code), converter(code))
            return convert_string(text, converter(code), phrases)

        return convert


_TERM_LINE = re.compile(r"[*#:;]*;")  # a definition-list term line: `;term:definition`


def _escape_colons(shown: str) -> str:
    """A block's colons as `&#58;` outside links and templates: a colon inside `-{ }-` does not end
    a `;term` (MediaWiki's BlockLevelPass::findColonNoLinks skips -{ }-; T153135)."""
    out: list[str] = []
    depth = 0
    for piece in _BRACKETS.split(shown):
        if piece in ("[[", "{{"):
            depth += 1
        elif piece in ("]]", "}}") and depth:
            depth -= 1
        elif not depth:
            piece = piece.replace(":", "&#58;")
        out.append(piece)
    return "".join(out)


_BRACKETS = re.compile(r"(\[\[|\]\]|\{\{|\}\})")


def _is_stray_close(markup: str, at: int) -> bool:
    """A `}-` with no opener is residue unless it ends a template (`{{x}}-y`)."""
    return not (at > 0 and markup[at - 1] == "}")
