"""Markup -> Document: one parser per input format, chosen by `Page.format`.

The Document a parser returns carries the page's own conversion rules
(`Document.rules`: `-{H|…}-`, `{{NoteTA}}`…), read here once from the markup, so
that normalization reads the Document only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..fields import EVERYTHING
from ..model import Document, Page
from ..normalize.rules import collect_rules
from .items import title_text

Parser = Callable[..., Document]


def parser_for(fmt: str) -> Parser:
    parse = _parser(fmt)

    def parse_page(page: Page, variant: str = "zh-hans", needs: frozenset[str] = EVERYTHING) -> Document:
        """`needs`: the optional record fields to fill (`fields.parser_needs`); others may stay empty.
        A NUL is read as U+0001: it would end mwparserfromhell's C string (the rest of the page
        lost) and markdown-it makes it U+FFFD; TextBuilder removes and counts that control."""
        if "\x00" in page.markup:
            page = replace(page, markup=page.markup.replace("\x00", "\x01"))
        doc = parse(page, variant, needs)
        doc.title = title_text(doc.title)
        if doc.rules is None:  # the wikitext parser sets them, with where each rule stands
            doc.rules = collect_rules(page.markup, page.format)
        return doc

    return parse_page


def _parser(fmt: str) -> Parser:
    if fmt == "wikitext":
        from .wikitext import parse_wikitext

        return parse_wikitext
    if fmt == "pandoc-markdown":
        from .markdown import parse_markdown

        return parse_markdown
    raise ValueError(f"no parser for format {fmt!r}")
