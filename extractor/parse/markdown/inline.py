"""Inline tokens of pandoc markdown -> text, links, citations and spans.

A mixin of `parser._Walker`: one small handler per markdown-it inline token
type, found through the walker's dispatch dict. Page links are written with
the span cut to the true anchor (`..anchors`), so the glued tail pandoc added
to the label follows the link as plain text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

from markdown_it.token import Token

from ...model import Citation, ExternalLink, Link, Span, Template
from ..anchors import recover_anchor
from ..items import INVALID_LINK, category_name
from .links import LinkKind, classify
from .refs import CITATION
from .writer import PROTECT_CLOSE, PROTECT_OPEN, BracketWriter, Event

if TYPE_CHECKING:
    from ...model import Document

_STRAY_STARS = re.compile(r"\*{2,}")  # `**` that CommonMark could not pair (pandoc could)
_TEMPLATE = re.compile(r"\{\{([^{}]*)\}\}")
_SHOWN_TEMPLATES = {"〈": "〈", "〉": "〉", "!": "|", "=": "="}  # templates that print one character
_HTML_TAG = re.compile(r"^</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>$")
_KNOWN_TAGS = frozenset(
    "a abbr b big blockquote br center cite code div del em font i ins li ol p pre q ref references "
    "s small span strike strong sub sup table tbody td th thead tr tt u ul".split()
)
_SENTINELS = str.maketrans("", "", PROTECT_OPEN + PROTECT_CLOSE)


class InlineHandlers:
    """Inline handlers take (children, i) and return the next index; `_INLINE_HANDLERS`
    finds them by token type."""

    doc: Document
    w: BracketWriter
    labels: dict[str, dict[str, None]]
    sub: bool
    in_lead: bool
    in_strong: bool
    repaired: int

    def run_inline(self, children: list[Token]) -> None:
        i = 0
        while i < len(children):
            handler = _INLINE_HANDLERS.get(children[i].type)
            i = handler(self, children, i) if handler else i + 1

    def _text(self, children: list[Token], i: int) -> int:
        self._write_text(children[i].content)
        return i + 1

    def _write_text(self, s: str) -> None:
        """Text with citation marks and template residue taken out."""
        s = s.replace("ⓦ", "")
        if "{{" in s:
            s = _TEMPLATE.sub(self._template, s)
        if "**" in s:
            s = _STRAY_STARS.sub("", s)
        if "[" not in s:  # no citation mark
            self.w.text(s)
            return
        pos = 0
        for match in CITATION.finditer(s):
            self.w.text(s[pos : match.start()])
            self._cite(match.group(1) or match.group(2))
            pos = match.end()
        self.w.text(s[pos:])

    def _template(self, match: re.Match[str]) -> str:
        name = match.group(1).split("|", 1)[0].strip()
        self.doc.templates.append(Template(name, {}))
        return _SHOWN_TEMPLATES.get(name, "")

    def _cite(self, ref_id: str) -> None:
        self.w.point(lambda span: self.doc.citations.append(Citation(ref_id, span.start)))

    def _footnote_ref(self, children: list[Token], i: int) -> int:
        self._cite(str(children[i].meta.get("label", children[i].meta.get("id", ""))))
        return i + 1

    def _code_inline(self, children: list[Token], i: int) -> int:
        self.w.text(children[i].content)
        return i + 1

    def _softbreak(self, children: list[Token], i: int) -> int:
        """A hard-wrapped line: joined with nothing inside CJK text, else a space."""
        if join_with_space(self.w.last_char, _next_char(children, i + 1)):
            self.w.text(" ")
        return i + 1

    def _hardbreak(self, children: list[Token], i: int) -> int:
        self.w.line_break()
        return i + 1

    def _skip_one(self, children: list[Token], i: int) -> int:
        return i + 1

    def _strong(self, children: list[Token], i: int) -> int:
        """Bold terms of the lead are recorded: the first one names the page. Bold inside bold
        adds nothing (its text is the outer term's): its marks are skipped, so that emphasis
        nested a thousand deep costs no recursion."""
        if not self.in_lead or self.in_strong:
            return i + 1
        depth, j = 0, i
        while j < len(children):
            depth += {"strong_open": 1, "strong_close": -1}.get(children[j].type, 0)
            if depth == 0:
                break
            j += 1
        key = self.w.open(lambda span: span.end > span.start and self.doc.bold.append(span))
        self.in_strong = True
        self.run_inline(children[i + 1 : j])
        self.in_strong = False
        self.w.close(key)
        return j + 1

    def _html_inline(self, children: list[Token], i: int) -> int:
        """Known tags and comments show nothing; `<br>` breaks the line; an
        unknown 'tag' such as the `<T>` of `Lazy<T>` is text."""
        html = children[i].content
        match = _HTML_TAG.match(html.strip())
        if html.startswith("<!--"):
            return i + 1
        if match and match.group(1).lower() == "br":
            self.w.text(" ")
        elif not match or match.group(1).lower() not in _KNOWN_TAGS:
            self.w.text(html)
        return i + 1

    def _link(self, children: list[Token], i: int) -> int:
        tok = children[i]
        end = _link_end(children, i)
        label = children[i + 1 : end]
        kind = classify(str(tok.attrs.get("href", "")), str(tok.attrs.get("title", "") or ""))
        if tok.markup == "autolink":
            return self._autolink(children, i, end, kind.kind)
        if kind.kind == "page":
            if kind.title is None or not kind.title.is_article:  # `[x](_ "wikilink")`: no page title
                self.doc.warnings.append(INVALID_LINK)
                return self._section_link(children, i, end, label)
            return self._page_link(kind, end, label)
        handler = {
            "file": self._file_link,
            "category": self._category,
            "section": self._section_link,
            "interwiki": self._external,
            "external": self._external,
        }[kind.kind]
        return handler(children, i, end, label)

    def _page_link(self, kind: LinkKind, end: int, label: list[Token]) -> int:
        """Write the label, the link spanning only the recovered true anchor."""
        assert kind.title is not None
        target = kind.title.text
        self.w.capture()
        self.run_inline(label)
        events = self.w.release()
        text = _event_text(events)
        stripped = text.strip()
        peers = [p for p in self.labels.get(target, ()) if p != stripped]
        anchor = recover_anchor(text, target, peers)
        self.repaired += anchor.repaired(text)
        head, tail = split_events(events, anchor.length)

        def closed(span: Span) -> None:
            if span.end > span.start and not self.sub:
                self.doc.links.append(
                    Link(
                        target,
                        span.start,
                        span.end,
                        kind.raw,
                        kind.title.section if kind.title else None,
                        anchor.uncertain,
                    )
                )

        key = self.w.open(closed)
        self.w.replay(head)
        self.w.close(key)
        self.w.replay(tail)
        return end + 1

    def _section_link(self, children: list[Token], i: int, end: int, label: list[Token]) -> int:
        self.run_inline(label)
        return end + 1

    def _category(self, children: list[Token], i: int, end: int, label: list[Token]) -> int:
        """The label names the category (`[Category:X](…)`), else the destination (`[](Category:X)`)."""
        name = _plain(label) or classify(str(children[i].attrs.get("href", ""))).raw
        name = category_name(name.split(":", 1)[1] if ":" in name else name, self.doc.warnings)
        if name:
            self.doc.categories.append(name)
        return end + 1

    def _file_link(self, children: list[Token], i: int, end: int, label: list[Token]) -> int:
        """An image shows nothing; a caption pandoc left dangling up to a literal `]]` goes too,
        with the links it holds (the wikitext path drops a file link's caption the same way).
        The `]]` must close the caption: outside any link, before the next image or hard
        break, within `_CAPTION_LIMIT` characters of text."""
        depth, seen = 0, 0
        for j in range(end + 1, len(children)):
            tok = children[j]
            if tok.type == "hardbreak" or (tok.type == "link_open" and _is_file(tok)):
                break
            depth += (tok.type == "link_open") - (tok.type == "link_close")
            if tok.type != "text":
                continue
            if depth == 0 and "]]" in tok.content:
                self._write_text(tok.content.split("]]", 1)[1])
                return j + 1
            seen += len(tok.content)
            if seen > _CAPTION_LIMIT:
                break
        return end + 1

    def _external(self, children: list[Token], i: int, end: int, label: list[Token]) -> int:
        url = str(children[i].attrs.get("href", ""))
        key = self.w.open(
            lambda span: self.doc.external_links.append(ExternalLink(url, span.start, span.end))
        )
        self.run_inline(label)
        self.w.close(key)
        return end + 1

    def _autolink(self, children: list[Token], i: int, end: int, kind: str) -> int:
        """`<http://…>` is a bare URL (zero-width); `<File:…> name.jpg|caption`
        is a gallery line, skipped to the end of the line."""
        if kind == "file":
            j = end + 1
            while j < len(children) and children[j].type not in ("softbreak", "hardbreak"):
                j += 1
            return j + 1
        url = str(children[i].attrs.get("href", ""))
        self.w.point(lambda span: self.doc.external_links.append(ExternalLink(url, span.start, span.start)))
        return end + 1

    def _protected(self, span: Span) -> None:
        if span.end >= span.start >= 0:  # empty: `-{}-`, a phrase boundary for page rules
            self.doc.protected.append(span)


# Inline handlers by token type: functions, called with the walker.
_INLINE_HANDLERS: dict[str, Callable[[InlineHandlers, list[Token], int], int]] = {
    "text": InlineHandlers._text,
    "code_inline": InlineHandlers._code_inline,
    "softbreak": InlineHandlers._softbreak,
    "hardbreak": InlineHandlers._hardbreak,
    "link_open": InlineHandlers._link,
    "image": InlineHandlers._skip_one,
    "strong_open": InlineHandlers._strong,
    "html_inline": InlineHandlers._html_inline,
    "footnote_ref": InlineHandlers._footnote_ref,
}


_CAPTION_LIMIT = 500  # characters of a dangling image caption, at most


def _is_file(tok: Token) -> bool:
    return classify(str(tok.attrs.get("href", "")), str(tok.attrs.get("title", "") or "")).kind == "file"


def _plain(tokens: list[Token]) -> str:
    text = "".join(
        t.content if t.type in ("text", "code_inline") else " " if t.type == "softbreak" else ""
        for t in tokens
    )
    return text.replace("ⓦ", "").translate(_SENTINELS).strip()


def _link_end(children: list[Token], i: int) -> int:
    j = i + 1
    while j < len(children) and children[j].type != "link_close":
        j += 1
    return j


def join_with_space(prev: str, nxt: str) -> bool:
    """Pandoc wraps at blanks; in CJK text the blank was not really there."""
    return bool(prev and nxt) and not (_is_wide(prev) or _is_wide(nxt))


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F") or ch in "ⓦ"


def _next_char(children: list[Token], i: int) -> str:
    for j in range(i, len(children)):  # by index: a slice per line break copied the rest of the paragraph
        tok = children[j]
        if tok.type in ("text", "code_inline"):
            text = tok.content.replace("ⓦ", "").translate(_SENTINELS)
            if text:
                return text[0]
        elif tok.type in ("softbreak", "hardbreak"):
            return ""
    return ""


def _event_text(events: list[Event]) -> str:
    return "".join(str(v) for k, v in events if k == "t").translate(_SENTINELS)


def split_events(events: list[Event], k: int) -> tuple[list[Event], list[Event]]:
    """Cut an event list after `k` visible characters (sentinels do not count)."""
    head: list[Event] = []
    tail: list[Event] = []
    count = 0
    for kind, value in events:
        if kind != "t":
            (head if count < k or (count == k and kind == "c" and not tail) else tail).append((kind, value))
            continue
        s = str(value)
        cut = 0
        while cut < len(s) and count < k:
            if s[cut] not in (PROTECT_OPEN, PROTECT_CLOSE):
                count += 1
            cut += 1
        if s[:cut]:
            head.append(("t", s[:cut]))
        if s[cut:]:
            tail.append(("t", s[cut:]))
    return head, tail
