"""Markup -> Document: one parser per input format, chosen by `Page.format`."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Document, Page

Parser = Callable[[Page, str], Document]


def parser_for(fmt: str) -> Parser:
    if fmt == "wikitext":
        from .wikitext import parse_wikitext

        return parse_wikitext
    if fmt == "pandoc-markdown":
        from .markdown import parse_markdown

        return parse_markdown
    raise ValueError(f"no parser for format {fmt!r}")
