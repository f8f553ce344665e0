"""Items of a Document checked where a parser builds them: a bad item is left out, not the record.

The schema (schemas/record.schema.json) holds every item to its shape, and one item that broke
it (an empty category, `[](Category:)`) used to send the whole page to quarantine as
`schema.invalid`. Each parser builds categories, links and template parameters through these
checks instead: an item that cannot be valid is dropped (or, for a link, kept as plain text)
and its warning code (errors.WARNINGS) is appended to `Document.warnings`, which the run counts.

A link's span is its label without blanks or invisible characters at the edges
(`[[f|r\u3000]]` covers `r`), so that the text it covers is the anchor an entity takes as a
name (`extract.entities`, which strips names the same way).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from ..titles import BIDI
from .textbuilder import CONTROLS

INVALID_CATEGORY = "parse.invalid_category"
INVALID_LINK = "parse.invalid_link"
INVALID_PARAMETER = "parse.invalid_template_parameter"


def category_name(raw: str, warnings: list[str]) -> str | None:
    """The name of a category as written after `Category:`, trimmed and without bidi marks;
    None, with a warning, when no name is left or it holds a control character."""
    name = BIDI.sub("", raw).strip()
    if name and not CONTROLS.search(name):
        return name
    warnings.append(INVALID_CATEGORY)
    return None


def title_text(title: str) -> str:
    """A page title as the record gives it: without bidi marks (MediaWiki's TitleParser strips
    them) and control characters (which it refuses)."""
    return CONTROLS.sub("", BIDI.sub("", title)) if not title.isprintable() else title


def template_params(pairs: Iterable[tuple[str, str]], warnings: list[str]) -> dict[str, str]:
    """Parameters by name (a repeated name keeps its last value), without those whose name or
    value holds a control character (one warning each): no saved wiki page has one."""
    params: dict[str, str] = {}
    for name, value in pairs:
        if CONTROLS.search(name) or CONTROLS.search(value):
            warnings.append(INVALID_PARAMETER)
        else:
            params[name] = value
    return params


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """`[start, end)` without blanks, controls and format characters (bidi marks, zero widths)
    at its edges; an unplaced span (start < 0) as it is."""
    if start < 0:
        return start, end
    while start < end and _is_edge(text[start]):
        start += 1
    while end > start and _is_edge(text[end - 1]):
        end -= 1
    return start, end


def _is_edge(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")
