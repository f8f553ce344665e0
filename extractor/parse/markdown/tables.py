"""Raw HTML `<table>` blocks (pandoc writes them for tables with spans) as data.

Cells hold HTML: `<p>`, `<br />`, `<a title="wikilink">` links whose label
may carry the `ⓦ` mark, image links (`title="fig:…"`, dropped like any
caption). The result is clean cell text; tables never reach `Document.text`.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ...model import Table

_BLANKS = re.compile(r"\s+")


class _TableParser(HTMLParser):
    """Collects caption, header cells and rows of the first table it sees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.caption: str | None = None
        self.rows: list[tuple[bool, list[str]]] = []  # (all cells are <th>, cells)
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._row_th = True
        self._in_caption = False
        self._caption: list[str] = []
        self._skip = 0  # inside an image link
        self._depth = 0  # nested tables are flattened into their cell

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "table":
            self._depth += 1
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr" and self._depth == 1:
            self._row, self._row_th = [], True
        elif tag in ("td", "th") and self._depth == 1 and self._row is not None:
            self._cell = []
            self._row_th &= tag == "th"
        elif tag == "a" and (attr.get("title") or "").startswith("fig:"):
            self._skip += 1
        elif tag in ("br", "p", "li") and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._depth -= 1
        elif tag == "caption":
            self._in_caption = False
            self.caption = clean_cell("".join(self._caption)) or None
        elif tag in ("td", "th") and self._depth == 1 and self._cell is not None and self._row is not None:
            self._row.append(clean_cell("".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._depth == 1 and self._row is not None:
            self.rows.append((self._row_th, self._row))
            self._row = None
        elif tag == "a" and self._skip:
            self._skip -= 1

    def parse_html_declaration(self, i: int) -> int:
        """A malformed `<![…` (`<table\\n<![(`): CPython's `_markupbase._scan_name` raises
        AssertionError (3.11 does); its `<![` is text, and parsing goes on after it."""
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            self.handle_data(self.rawdata[i : i + 3])
            return i + 3

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_caption:
            self._caption.append(data)
        elif self._cell is not None:
            self._cell.append(data)


def clean_cell(s: str) -> str:
    """Cell text: link marks gone, blanks collapsed (hard wraps are blanks in HTML)."""
    return _BLANKS.sub(" ", s.replace("ⓦ", "")).strip()


def parse_html_table(html: str) -> Table:
    """`<table>…</table>` -> Table; leading all-`<th>` rows form the header."""
    parser = _TableParser()
    parser.feed(html)
    parser.close()
    rows = parser.rows
    header: list[str] = []
    if rows and rows[0][0]:
        header = rows[0][1]
        rows = rows[1:]
    return Table(parser.caption, header, [cells for _, cells in rows])
