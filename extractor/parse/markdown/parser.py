"""Pandoc-markdown renderings of zh.wikipedia articles -> `Document`.

The markup is parsed by markdown-it (`engine`) and its token stream is walked
once; what a reader would see is written through a `BracketWriter` onto a
`TextBuilder`, the only source of offsets. Pandoc artefacts are undone on the
way: glued link labels (`..anchors`), the `ⓦ` link mark, empty brackets left
by dropped templates (`writer`), the reference list rendered as an ordered
list (`refs`), raw HTML tables (`tables`) and `-{…}-` conversion markup.
"""

from __future__ import annotations

import gc
import re
from collections import defaultdict
from collections.abc import Callable

from markdown_it.token import Token

from ...fields import EVERYTHING
from ...model import (
    Block,
    Document,
    Page,
    Reference,
    Section,
    Span,
    Table,
)
from ..items import trimmed
from ..textbuilder import TextBuilder
from .engine import MD
from .inline import InlineHandlers, _link_end, _plain
from .links import classify
from .refs import render_conversions, trailing_lists
from .tables import clean_cell, parse_html_table
from .writer import BracketWriter

_HEADER_NOTE = re.compile(r"本文内容由.*转换而来")


def parse_markdown(page: Page, variant: str = "zh-hans", needs: frozenset[str] = EVERYTHING) -> Document:
    """Parse one page; see the module docstring for what is undone and why. Every part is
    filled whatever `needs` says (the rendering's tables and notes are cheap to read).

    Python's cyclic garbage collector is paused meanwhile (~9% of the time): the
    tokens and the walker's state are small acyclic objects freed by reference
    counting, which collections triggered while they are made only traverse. A
    caller that turned the collector off keeps it off."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse(page, variant)
    finally:
        if was_enabled:
            gc.enable()


def _parse(page: Page, variant: str) -> Document:
    source = render_conversions(page.markup, variant)
    tokens = MD.parse(source)
    doc = Document(title=page.title or "", title_from=page.title_from, text="")
    walker = _Walker(doc, source.splitlines(), link_labels(tokens))
    walker.walk(tokens, trailing_lists(tokens))
    walker.finish()
    if not page.title:
        _title_from_bold(doc)
    return doc


def link_labels(tokens: list[Token]) -> dict[str, dict[str, None]]:
    """target -> the distinct labels of its page links (an ordered set), evidence
    for anchor recovery; distinct, so a target linked n times costs n, not n²."""
    labels: dict[str, dict[str, None]] = defaultdict(dict)
    for tok in tokens:
        children = tok.children or []
        for i, child in enumerate(children):
            if child.type == "link_open":
                kind = classify(str(child.attrs.get("href", "")), str(child.attrs.get("title", "") or ""))
                if kind.kind == "page" and kind.title:
                    labels[kind.title.text][_plain(children[i + 1 : _link_end(children, i)])] = None
    return labels


def _title_from_bold(doc: Document) -> None:
    for span in doc.bold:
        term = doc.text[span.start : span.end].strip()
        if term:
            doc.title, doc.title_from = term, "bold"
            return


class _Walker(InlineHandlers):
    """One pass over the token stream. Block handlers (`_BLOCK_HANDLERS`) take
    (tokens, i) and return the next index, so a handler can consume a whole construct."""

    def __init__(
        self, doc: Document, lines: list[str], labels: dict[str, dict[str, None]], sub: bool = False
    ) -> None:
        self.doc, self.lines, self.labels, self.sub = doc, lines, labels, sub
        self.tb = TextBuilder(doc.warnings)
        self.w = BracketWriter(self.tb, self._protected)
        self.in_lead = not sub
        self.in_strong = False
        self.list_depth = 0
        self.last_end = 0
        self.open_sections: list[Section] = []
        self.heading_spans: list[tuple[Section, Span]] = []
        self.repaired = 0
        self.ref_lists: set[int] = set()

    # -- driving ----------------------------------------------------------
    def walk(self, tokens: list[Token], ref_lists: set[int] = frozenset()) -> None:  # type: ignore[assignment]
        self.ref_lists = set(ref_lists)
        i = 0
        while i < len(tokens):
            handler = _BLOCK_HANDLERS.get(tokens[i].type)
            i = handler(self, tokens, i) if handler else i + 1

    def finish(self) -> None:
        self.w.flush()
        self.doc.text = self.tb.build()
        for link in self.doc.links:  # a link covers its label without edge blanks (`items.trimmed`)
            link.start, link.end = trimmed(self.doc.text, link.start, link.end)
        self.doc.links = [link for link in self.doc.links if link.start < link.end]
        self._close_sections(0)
        for section, span in self.heading_spans:
            section.title = self.doc.text[span.start : span.end]
        cited = {c.ref_id for c in self.doc.citations}
        self.doc.references = [r for r in self.doc.references if r.text or r.url or r.id in cited]

    # -- blocks -----------------------------------------------------------
    def _heading(self, tokens: list[Token], i: int) -> int:
        """A heading closes deeper sections and opens its own."""
        level = int(tokens[i].tag[1:])
        self.in_lead = False
        self.w.paragraph_break()
        self._close_sections(level)
        section = Section("", level, 0, 0)
        self.open_sections.append(section)
        self.doc.sections.append(section)

        def opened(span: Span) -> None:
            section.start, section.end = span.start, span.end
            self.heading_spans.append((section, span))
            self._add_block("heading", span)

        key = self.w.open(opened)
        self.run_inline(tokens[i + 1].children or [])
        self.w.flush()
        self.w.close(key)
        self.w.paragraph_break()
        return i + 3

    def _close_sections(self, level: int) -> None:
        while self.open_sections and self.open_sections[-1].level >= level:
            section = self.open_sections.pop()
            section.end = max(section.end, self.last_end)

    def _paragraph(self, tokens: list[Token], i: int) -> int:
        """A paragraph, or the text of a list item (each item on its own line)."""
        kind = "list_item" if self.list_depth else "paragraph"
        if self.list_depth:
            self.w.line_break()
        else:
            self.w.paragraph_break()
        key = self.w.open(lambda span: self._add_block(kind, span))
        self.run_inline(tokens[i + 1].children or [])
        self.w.flush()
        self.w.close(key)
        if not self.list_depth:
            self.w.paragraph_break()
        return i + 3

    def _add_block(self, kind: str, span: Span) -> None:
        if span.end > span.start:
            self.doc.blocks.append(Block(kind, span.start, span.end))
            self.last_end = max(self.last_end, span.end)

    def _list(self, tokens: list[Token], i: int) -> int:
        if not self.list_depth:
            self.w.paragraph_break()
        self.list_depth += 1
        return i + 1

    def _list_close(self, tokens: list[Token], i: int) -> int:
        self.list_depth -= 1
        if not self.list_depth:
            self.w.paragraph_break()
        return i + 1

    def _list_item(self, tokens: list[Token], i: int) -> int:
        self.w.line_break()
        return i + 1

    def _ordered_list(self, tokens: list[Token], i: int) -> int:
        """The trailing numbered list is the reference list, not body text."""
        if i not in self.ref_lists:
            return self._list(tokens, i)
        end = _matching(tokens, i)
        number = int(tokens[i].attrs.get("start", 1) or 1)
        j = i + 1
        while j < end:
            if tokens[j].type == "list_item_open":
                close = _matching(tokens, j)
                label = (tokens[j].info or "").strip()
                ref_id = label if label.isdigit() else str(number)
                self._add_reference(ref_id, tokens[j + 1 : close])
                number, j = int(ref_id) + 1, close
            j += 1
        return end + 1

    def _add_reference(self, ref_id: str, tokens: list[Token]) -> None:
        sub = self._sub_walk(tokens)
        text = re.sub(r"\s+", " ", sub.doc.text).strip()
        url = sub.doc.external_links[0].url if sub.doc.external_links else None
        title = None
        if sub.doc.external_links:
            link = sub.doc.external_links[0]
            title = sub.doc.text[link.start : link.end].strip() or None
        self.doc.references.append(Reference(ref_id, text, url, title))

    def _sub_walk(self, tokens: list[Token]) -> _Walker:
        sub = _Walker(Document("", "unknown", "", warnings=self.doc.warnings), self.lines, self.labels, sub=True)
        sub.walk(tokens)
        sub.finish()
        return sub

    def _footnotes(self, tokens: list[Token], i: int) -> int:
        """`[^n]: …` definitions become references."""
        end = _matching(tokens, i)
        j = i + 1
        while j < end:
            if tokens[j].type == "footnote_open":
                close = _matching(tokens, j)
                self._add_reference(str(tokens[j].meta.get("label", "")), tokens[j + 1 : close])
                j = close
            j += 1
        return end + 1

    def _html_block(self, tokens: list[Token], i: int) -> int:
        """`<table>` blocks become tables (consuming the source lines up to
        `</table>`); other raw HTML (comments, `<div>`, `<center>`) shows nothing."""
        tok = tokens[i]
        if not tok.content.lstrip().lower().startswith("<table") or not tok.map:
            return i + 1
        first = tok.map[0]
        last = first
        while last < len(self.lines) and "</table>" not in self.lines[last].lower():
            last += 1
        self.doc.tables.append(parse_html_table("\n".join(self.lines[first : last + 1])))
        j = i + 1
        while j < len(tokens) and (tokens[j].map is None or tokens[j].map[0] <= last or tokens[j].level > 0):
            if tokens[j].map is not None and tokens[j].map[0] > last and tokens[j].level == 0:
                break
            j += 1
        return j

    def _blockquote(self, tokens: list[Token], i: int) -> int:
        """The `> 本文内容由[…]转换而来。` note of the mirror is not article text."""
        end = _matching(tokens, i)
        inner = " ".join(t.content for t in tokens[i:end] if t.type == "inline")
        return end + 1 if _HEADER_NOTE.search(inner) else i + 1

    def _pipe_table(self, tokens: list[Token], i: int) -> int:
        """A pipe table: the `thead` row is the header, cells are clean text."""
        end = _matching(tokens, i)
        rows: list[list[str]] = []
        header: list[str] = []
        for tok in tokens[i:end]:
            if tok.type == "tr_open":
                rows.append([])
            elif tok.type == "inline" and rows:
                rows[-1].append(clean_cell(self._sub_inline_text(tok.children or [])))
            elif tok.type == "thead_close" and rows:
                header = rows.pop()
        if any(header) or any(any(row) for row in rows):  # not an image gallery
            self.doc.tables.append(Table(None, header, rows))
        return end + 1

    def _sub_inline_text(self, children: list[Token]) -> str:
        sub = _Walker(Document("", "unknown", "", warnings=self.doc.warnings), self.lines, self.labels, sub=True)
        sub.run_inline(children)
        sub.finish()
        return sub.doc.text

    def _code(self, tokens: list[Token], i: int) -> int:
        """Pandoc writes wiki `<pre>` as code; its lines are text a reader sees."""
        self.w.paragraph_break()
        for line in tokens[i].content.splitlines():
            self._write_text(line)
            self.w.line_break()
        self.w.paragraph_break()
        return i + 1


# Block handlers by token type: functions, called with the walker (one table
# per process, not one set of bound methods per walker).
_BLOCK_HANDLERS: dict[str, Callable[[_Walker, list[Token], int], int]] = {
    "heading_open": _Walker._heading,
    "paragraph_open": _Walker._paragraph,
    "bullet_list_open": _Walker._list,
    "ordered_list_open": _Walker._ordered_list,
    "list_item_open": _Walker._list_item,
    "bullet_list_close": _Walker._list_close,
    "ordered_list_close": _Walker._list_close,
    "html_block": _Walker._html_block,
    "blockquote_open": _Walker._blockquote,
    "table_open": _Walker._pipe_table,
    "footnote_block_open": _Walker._footnotes,
    "code_block": _Walker._code,
    "fence": _Walker._code,
}


def _matching(tokens: list[Token], i: int) -> int:
    """Index of the token closing the one opened at `i` (same nesting level)."""
    close = tokens[i].type.replace("_open", "_close")
    for j in range(i + 1, len(tokens)):
        if tokens[j].type == close and tokens[j].level == tokens[i].level:
            return j
    return len(tokens) - 1
