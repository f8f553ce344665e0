"""MediaWiki export XML, fed as bytes, into pages: the one place `<page>` elements become `Page` values.

The sequential reader (xml_dump) feeds a whole dump; the multistream reader
feeds one bz2 stream at a time, whose pages it wraps in a synthetic root
(`fragment=True`). Export schemas 0.10 and 0.11 alike: elements are matched
by local name. Memory stays flat: each `<page>` is cleared once read and the
root forgets it.

Offsets. The reader notes where every `<page>` tag starts (MediaWiki writes
the tag as exactly `<page>`, and text is escaped, so those bytes are never
content) and keeps the bytes from the line of the oldest unfinished page on,
so that expat's (line, column) of an error becomes a byte offset.

Recovery. Damage inside a page (an invalid character reference such as
`&#1;`, invalid UTF-8, a broken or missing tag) costs that page only: one
`source.damaged_page` Quarantine per page skipped, then a new parser starts at
the next `<page>` (or `</mediawiki>`) and reading goes on. Damage outside any
page (the header, between pages) ends the input: `source.malformed_xml`. Data
that ends inside the document: `source.truncated`. (A `</page>` that is missing
is seen only at the next `<page>`, which then nests: that is damage too.)
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..model import Page, Quarantine
from .damage import last_read, lost

Item = Page | Quarantine
_PAGE = b"<page>"
_RESUME = re.compile(rb"<page>|</mediawiki>")
_TITLE = re.compile(rb"<title>([^<]*)</title>")
_ID = re.compile(rb"<id>\s*(\d+)\s*</id>")
_KEEP_MAX = 64 << 20  # bytes kept for one unfinished page at most (MediaWiki caps a page's text at 2 MiB)
_TRIM_AT = 1 << 20  # forgotten bytes are dropped in batches of at least this many
_LOCAL: dict[str, str] = {}


@dataclass(frozen=True)
class Siteinfo:
    """What every page of a dump shares: the root start tag (for fragments) and `<siteinfo><namespaces>`."""

    root: str = "<mediawiki>"
    namespaces: tuple[tuple[int, str], ...] = ()  # (key, name); the main namespace has name ""

    def namespace_of(self, title: str | None) -> int:
        """A title's namespace from its prefix (for very old exports without `<ns>`)."""
        prefix, colon, _ = (title or "").partition(":")
        wanted = prefix.strip().replace("_", " ").casefold()
        for key, name in self.namespaces if colon else ():
            if name and name.casefold() == wanted:
                return key
        return 0


class _NestedPage(Exception):
    """A `<page>` opened inside another: the outer page lost its `</page>`."""


class PageReader:
    """Feed XML bytes in order (`feed`), then `close()`; both yield pages and Quarantines.

    `place` formats a byte offset of the fed data for messages ("byte {} of the file").
    """

    def __init__(
        self,
        *,
        shown: str,
        dump: str,
        siteinfo: Siteinfo | None = None,
        fragment: bool = False,
        place: str = "byte {}",
        last: Page | None = None,
    ) -> None:
        self.shown, self.dump, self.place = shown, dump, place
        self.siteinfo = siteinfo or Siteinfo()
        self.last = last  # the last page read well (also from an earlier reader, for messages)
        self.fed = 0  # bytes fed so far
        self.root_closed = False  # the data itself closed the root element
        self._buf = bytearray()  # fed bytes from `_buf_start` on (from the line of the oldest unfinished page)
        self._buf_start = 0
        self._buf_line = 1  # the parser's line number at `_buf_start`
        self._starts: deque[int] = deque()  # offsets of the `<page>` tags whose page has not ended
        self._scanned = 0  # `<page>` tags are searched from here on
        self._skipping: tuple[int, int, str] | None = None  # (damaged page, error offset, error)
        self._stopped = False
        self._start_parser(0, fragment)

    def feed(self, data: bytes) -> Iterator[Item]:
        if self._stopped:
            return
        self._buf += data
        self.fed += len(data)
        pending: bytes | None = data
        while pending is not None and not self._stopped:
            if self._skipping:
                resume = self._resume_point()
                if resume is None:
                    break
                yield from self._skipped(resume)
                self._start_parser(resume, True)
                pending = bytes(self._buf[resume - self._buf_start :])
            self._scan()
            try:
                self._parser.feed(pending)
                pending = None
                yield from self._events()
            except (ET.ParseError, _NestedPage) as exc:
                yield from self._damaged(exc)
                pending = b""
        self._trim()

    def close(self, *, partial: bool = False) -> Iterator[Item]:
        """The end of the data. `partial`: the data is a part of a dump (a bz2 stream), not its end:
        an unclosed root is closed here, and damage that runs to the end costs only its pages."""
        if self._stopped:
            return
        if self._skipping:
            yield from self._skipped(self.fed)
            if not partial:
                yield self._lost("source.truncated", f"the data ends at {self._at(self.fed)} before another page")
            return
        try:
            if partial and not self.root_closed:
                self._parser.feed(b"</mediawiki>")
            self._parser.close()
            yield from self._events()
        except (ET.ParseError, _NestedPage) as exc:
            inside = f"inside the page at {self._at(self._starts[0])}" if self._starts else "outside any page"
            title, page_id = self._peek(self._starts[0] if self._starts else self.fed, self.fed)
            detail = f"the XML ends at {self._at(self.fed)}, {inside} ({exc}); {last_read(self.last)}"
            yield lost(self.shown, "source.truncated", detail, title=title, page_id=page_id)

    def unfinished(self) -> tuple[str | None, str | None]:
        """Title and id of the page being read when the data stopped, as far as they were read."""
        return self._peek(self._starts[0], self.fed) if self._starts else (None, None)

    # ------------------------------------------------------------ parsing

    def _start_parser(self, at: int, fragment: bool) -> None:
        """A new parser for the bytes from offset `at` on (a fragment: wrapped in the dump's root)."""
        self._parser = ET.XMLPullParser(events=("start", "end"))
        self._root: ET.Element | None = None
        self._in_page = False
        self._fragment = fragment
        self._prefix_chars = len(self.siteinfo.root) if fragment else 0
        if fragment:
            self._parser.feed(self.siteinfo.root.encode())
        if at > self._buf_start:
            del self._buf[: at - self._buf_start]
            self._buf_start = at
        self._buf_line = 1
        self._starts = deque(start for start in self._starts if start >= at)

    def _events(self) -> Iterator[Item]:
        for event, elem in self._parser.read_events():
            tag = _LOCAL.get(elem.tag) or _local(elem.tag)
            if event == "start":
                if self._root is None:
                    self._root = elem
                    if not self._fragment:
                        self.siteinfo = replace(self.siteinfo, root=_root_tag(elem.tag))
                elif tag == "page":
                    if self._in_page:
                        raise _NestedPage("a <page> opened inside another page (a </page> is missing)")
                    self._in_page = True
            elif tag == "page":
                self._in_page = False
                if self._starts:
                    self._starts.popleft()
                self.last = build_page(elem, self.shown, self.dump, self.siteinfo)
                yield self.last
                elem.clear()
                self._root.clear()
            elif tag == "siteinfo":
                self.siteinfo = replace(self.siteinfo, namespaces=_namespaces(elem))
            elif elem is self._root:
                self.root_closed = True

    # ------------------------------------------------------------ offsets

    def _scan(self) -> None:
        """Notes the `<page>` tags in bytes not yet searched."""
        buf, base = self._buf, self._buf_start
        found = buf.find(_PAGE, max(self._scanned, base) - base)
        while found >= 0:
            self._starts.append(base + found)
            found = buf.find(_PAGE, found + len(_PAGE))
        self._scanned = max(self.fed - len(_PAGE) + 1, base)

    def _trim(self) -> None:
        """Forgets the bytes before the line of the oldest unfinished page (or damaged one)."""
        while self._starts and self.fed - self._starts[0] > _KEEP_MAX:  # a stray `<page>`: never a page
            self._starts.popleft()
        keep = self._starts[0] if self._starts else self.fed
        if self._skipping:
            keep = min(keep, self._skipping[0])
        if keep - self._buf_start < _TRIM_AT:
            return
        cut = self._buf.rfind(b"\n", 0, keep - self._buf_start)
        if cut >= 0:
            self._buf_line += self._buf.count(b"\n", 0, cut + 1)
            del self._buf[: cut + 1]
            self._buf_start += cut + 1

    def _offset_of(self, exc: Exception) -> int:
        """The byte offset of a parse error (the nested `<page>` for a missing `</page>`)."""
        if isinstance(exc, _NestedPage):
            return self._starts[1] if len(self._starts) > 1 else self.fed
        line, column = exc.position
        if line < self._buf_line:
            return self._buf_start  # that line is forgotten: the oldest byte kept
        at = 0
        for _ in range(line - self._buf_line):
            at = self._buf.find(b"\n", at) + 1
            if at == 0:
                return self.fed
        column = max(column - (self._prefix_chars if line == 1 else 0), 0)
        head = bytes(self._buf[at : at + 4 * column + 4]).decode("utf-8", "replace")[:column]
        return self._buf_start + at + len(head.encode())

    def _at(self, offset: int) -> str:
        return self.place.format(offset)

    # ------------------------------------------------------------ damage

    def _damaged(self, exc: Exception) -> Iterator[Item]:
        at = self._offset_of(exc)
        first = self._starts[0] if self._starts else None
        if first is None or first > at:
            self._stopped = True
            detail = f"{exc}, at {self._at(at)}, outside any page; {last_read(self.last)}; the rest is not read"
            yield lost(self.shown, "source.malformed_xml", detail)
            return
        self._skipping = (first, at, str(exc))
        yield from ()

    def _resume_point(self) -> int | None:
        """The next `<page>` (or `</mediawiki>`) after the damage, if it has been fed."""
        first, at, _ = self._skipping
        found = _RESUME.search(self._buf, max(at, first + 1) - self._buf_start)
        return None if found is None else self._buf_start + found.start()

    def _skipped(self, resume: int) -> Iterator[Item]:
        """One Quarantine for each page from the damaged one up to `resume`."""
        first, at, error = self._skipping
        self._skipping = None
        starts = [start for start in self._starts if first <= start < resume] or [first]
        ends = [*starts[1:], resume]
        for start, end in zip(starts, ends, strict=True):
            title, page_id = self._peek(start, end)
            detail = (
                f"{error}, at {self._at(at)}; the page at {self._at(start)} is skipped; "
                f"{last_read(self.last)}; reading resumes at {self._at(resume)}"
            )
            yield lost(self.shown, "source.damaged_page", detail, title=title, page_id=page_id)

    def _peek(self, start: int, end: int) -> tuple[str | None, str | None]:
        """Title and page id found in the raw bytes of a damaged page, if they survived."""
        raw = bytes(self._buf[max(start - self._buf_start, 0) : max(end - self._buf_start, 0)])
        title, page_id = _TITLE.search(raw), _ID.search(raw)
        text = html.unescape(title.group(1).decode("utf-8", "replace")) if title else None
        return text, page_id.group(1).decode() if page_id else None

    def _lost(self, code: str, where: str) -> Quarantine:
        return lost(self.shown, code, f"{where}; {last_read(self.last)}")


def build_page(elem: ET.Element, shown: str, dump: str, siteinfo: Siteinfo) -> Page:
    fields = {_LOCAL.get(child.tag) or _local(child.tag): child for child in elem}
    revision = {_LOCAL.get(child.tag) or _local(child.tag): child for child in fields.get("revision", ())}
    redirect = fields.get("redirect")
    title = _text(fields.get("title"))
    ns = _text(fields.get("ns"))
    return Page(
        markup=_text(revision.get("text")) or "",
        format="wikitext",
        path=shown,
        title=title,
        title_from="dump",
        page_id=_text(fields.get("id")),
        revision_id=_text(revision.get("id")),
        timestamp=_text(revision.get("timestamp")),
        namespace=int(ns) if ns and ns.strip() else siteinfo.namespace_of(title),
        dump=dump,
        redirect=redirect.get("title") if redirect is not None else None,
    )


def _namespaces(siteinfo: ET.Element) -> tuple[tuple[int, str], ...]:
    return tuple(
        (int(elem.get("key", "0")), (elem.text or "").strip())
        for elem in siteinfo.iter()
        if _local(elem.tag) == "namespace"
    )


def _root_tag(tag: str) -> str:
    """The root start tag a fragment is wrapped in: the same element name and XML namespace."""
    if tag.startswith("{"):
        uri, name = tag[1:].split("}", 1)
        return f'<{name} xmlns="{html.escape(uri)}">'
    return f"<{tag}>"


def _text(elem: ET.Element | None) -> str | None:
    return elem.text if elem is not None else None


def _local(tag: str) -> str:
    name = tag.rsplit("}", 1)[-1]
    if len(_LOCAL) < 256:  # the export schema's few tag names; a damaged file cannot grow the cache
        _LOCAL[tag] = name
    return name
