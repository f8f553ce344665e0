"""Wiki tables (`{| … |}`) and HTML tables as data, kept out of the text.

mwparserfromhell gives a table as Tag nodes: `tr` rows holding `td` / `th`
cells, cells before the first `|-` directly under the table (an implicit first
row), and no caption tag (`|+ Cap` comes out as a `td` whose text starts with
`+`). A first row made only of `th` cells is the header.
"""

from __future__ import annotations

from collections.abc import Callable

from ...model import Table
from .nodes import Tag

CELL_TAGS = ("td", "th")


def parse_table(node: Tag, plain: Callable) -> Table:
    """Read a table node; `plain` renders a cell's wikicode to clean text."""
    caption: str | None = None
    rows: list[list[tuple[str, bool]]] = []
    loose: list[tuple[str, bool]] = []  # cells before the first row marker
    for child in node.contents.nodes if node.contents is not None else ():
        if not isinstance(child, Tag):
            continue
        tag = str(child.tag).strip().lower()
        if tag == "caption":
            caption = _cell_text(plain(child.contents)) or caption
        elif tag in CELL_TAGS:
            text = plain(child.contents) if child.contents is not None else ""
            if not rows and not loose and tag == "td" and child.wiki_markup == "|" and text.startswith("+"):
                caption = _cell_text(text[1:]) or None
                continue
            loose.append((_cell_text(text), tag == "th"))
        elif tag == "tr":
            if loose and not rows:
                rows.append(loose)
                loose = []
            rows.append(_row(child, plain))
    if loose:
        rows.insert(0, loose) if not rows else rows.append(loose)
    rows = [row for row in rows if row]
    header: list[str] = []
    if rows and all(is_th for _, is_th in rows[0]):
        header = [text for text, _ in rows.pop(0)]
    return Table(caption, header, [[text for text, _ in row] for row in rows])


def _row(node: Tag, plain: Callable) -> list[tuple[str, bool]]:
    cells = []
    for child in node.contents.nodes if node.contents is not None else ():
        if isinstance(child, Tag) and str(child.tag).strip().lower() in CELL_TAGS:
            text = plain(child.contents) if child.contents is not None else ""
            cells.append((_cell_text(text), str(child.tag).strip().lower() == "th"))
    return cells


def _cell_text(text: str) -> str:
    return " ".join(text.split("\n")).strip()
