"""Reference lists and language-conversion markup in pandoc markdown.

Pandoc renders `<references />` as a plain ordered list at the very end of
the page (after the category links), `1.  《方苞集》，卷17`, and in the
footnote flavour as `[^1]: …` definitions. Both are the page's references,
not body text. The citation marks pointing at them are `\\[1\\]` (text `[1]`
once unescaped) and `[^1]`.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from ...normalize.langconv import MAX_DEPTH, render
from .writer import PROTECT_CLOSE, PROTECT_OPEN

CITATION = re.compile(r"\[(\d{1,3})\]|\[\^([^\]\s]+)\]")
_TEMPLATE_ONLY = re.compile(r"^(?:\s|\{\{[^{}]*\}\})*$")
_DELIMITER = re.compile(r"-\{|\}-")  # `-{ }-` as a left-to-right scan pairs them


def trailing_lists(tokens: list[Token]) -> set[int]:
    """Indices of top-level ordered lists followed only by category links,
    template residue, raw HTML and other such lists: the rendered references."""
    found: set[int] = set()
    tail_ok = True
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        if tok.level != 0 or tok.type.endswith("_close"):
            continue
        if tok.type == "ordered_list_open" and tail_ok:
            found.add(i)
        elif tok.type == "paragraph_open":
            tail_ok &= _is_residue(tokens[i + 1])
        elif tok.type in ("html_block", "hr", "footnote_block_open"):
            continue
        elif tok.type in ("ordered_list_open",):
            continue
        else:
            tail_ok = False
    return found


def _is_residue(inline: Token) -> bool:
    """A paragraph of category links and `{{-}}` only."""
    children = inline.children or []
    depth = 0
    for child in children:
        if child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            if "Category:" not in href and "Category%3A" not in href:
                return False
            depth += 1
        elif child.type == "link_close":
            depth -= 1
        elif child.type == "text" and not depth and not _TEMPLATE_ONLY.match(child.content):
            return False
    return True


def render_conversions(markup: str, variant: str, depth: int = 0) -> str:
    """Replace each balanced `-{…}-` by what a reader of `variant` sees,
    wrapped in sentinels that become a protected span while writing. Inner blocks
    are rendered first, MAX_DEPTH levels deep: deeper markup stays as written, as
    MediaWiki shows it past its own depth (each level is one linear scan)."""
    if depth >= MAX_DEPTH:
        return markup
    out: list[str] = []
    i = 0
    while True:
        start = markup.find("-{", i)
        if start < 0:
            out.append(markup[i:])
            return "".join(out)
        end = _matching_close(markup, start)
        if end < 0:
            out.append(markup[i:])
            return "".join(out)
        out.append(markup[i:start])
        inner = render_conversions(markup[start + 2 : end], variant, depth + 1)
        shown = render(inner.replace(PROTECT_OPEN, "").replace(PROTECT_CLOSE, ""), variant)
        out.append(f"{PROTECT_OPEN}{shown}{PROTECT_CLOSE}")  # even empty: a phrase boundary for rules
        i = end + 2


def _matching_close(s: str, start: int) -> int:
    """Index of the `}-` that closes the `-{` at `start`, or -1."""
    depth = 0
    for m in _DELIMITER.finditer(s, start):
        depth += 1 if m.group() == "-{" else -1
        if depth == 0:
            return m.start()
    return -1
