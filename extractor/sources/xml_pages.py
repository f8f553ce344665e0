"""MediaWiki export XML, fed as bytes, into pages (each `<page>` element built by page_element).

The sequential reader (xml_dump) feeds a whole dump; the multistream reader
feeds one bz2 stream at a time, whose pages it wraps in a synthetic root
(`fragment=True`). Memory stays flat: each `<page>` is cleared once read and
the root forgets it.

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

Hostile input. The parser refuses any DTD (safe_xml): `source.forbidden_xml`, and
nothing of the input is read. A page longer than `max_page` bytes (a bz2 bomb of
zeros in a `<text>`) is given up when it reaches the bound: `source.page_too_large`,
its bytes are skipped as a damaged page's are, never held, and reading goes on at
the next `<page>`; as much data outside any page ends the input (`malformed_xml`).
So memory is a few times `max_page` at most, whatever the input.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..model import Page, Quarantine
from .damage import MAX_PAGE_BYTES, last_read, lost
from .page_element import Siteinfo, build_page, local_name, namespaces_of, root_tag, text_of
from .safe_xml import Forbidden, pull_parser, refused_at, refused_what

Item = Page | Quarantine
_PAGE = b"<page>"
_END = b"</mediawiki>"
_RESUME = re.compile(rb"<page>|</mediawiki>")
_TITLE = re.compile(rb"<title>([^<]*)</title>")
_ID = re.compile(rb"<id>\s*(\d+)\s*</id>")
_FEED = 1 << 20  # bytes handed to the parser at a time: the page bound is checked this often
_PEEK = 1 << 16  # a skipped page's title and id are looked for in its first bytes
_TRIM_AT = 1 << 20  # forgotten bytes are dropped in batches of at least this many


class _NestedPage(Exception):
    """A `<page>` opened inside another: the outer page lost its `</page>`."""


@dataclass
class _Skip:
    """Pages given up from the `<page>` at byte `first` on: `error` found at byte `at`; their bytes
    are passed over up to the next `<page>` (or `</mediawiki>`), searched for from `search` on."""

    code: str  # source.damaged_page | source.page_too_large
    first: int
    at: int
    error: str
    search: int
    pages: list[tuple[int, str | None, str | None]] | None = None  # (start, title, id), once looked for


class PageReader:
    """Feed XML bytes in order (`feed`), then `close()`; both yield pages and Quarantines.

    `place` formats a byte offset of the fed data for messages ("byte {} of the file").
    `max_page`: the bound on one page's bytes (and on data outside any page).
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
        max_page: int = MAX_PAGE_BYTES,
    ) -> None:
        self.shown, self.dump, self.place, self.max_page = shown, dump, place, max_page
        self.siteinfo = siteinfo or Siteinfo()
        self.last = last  # the last page read well (also from an earlier reader, for messages)
        self.fed = 0  # bytes fed so far
        self.root_closed = False  # the data itself closed the root element
        self._buf = bytearray()  # fed bytes from `_buf_start` on (from the line of the oldest unfinished page)
        self._buf_start = 0
        self._buf_line = 1  # the parser's line number at `_buf_start`
        self._starts: deque[int] = deque()  # offsets of the `<page>` tags whose page has not ended
        self._scanned = 0  # `<page>` tags are searched from here on
        self._skip: _Skip | None = None
        self._stopped = False
        self._start_parser(0, fragment)

    def feed(self, data: bytes) -> Iterator[Item]:
        for at in range(0, len(data), _FEED):
            yield from self._feed(data[at : at + _FEED] if len(data) > _FEED else data)

    def close(self, *, partial: bool = False) -> Iterator[Item]:
        """The end of the data. `partial`: the data is a part of a dump (a bz2 stream), not its end:
        an unclosed root is closed here, and damage that runs to the end costs only its pages."""
        if self._stopped:
            return
        if self._skip:
            yield from self._skipped(self.fed)
            if not partial:
                yield self._lost("source.truncated", f"the data ends at {self._at(self.fed)} before another page")
            return
        try:
            if partial and not self.root_closed:
                self._parser.feed(_END)
            self._parser.close()
            yield from self._events()
        except (ET.ParseError, _NestedPage) as exc:
            inside = f"inside the page at {self._at(self._starts[0])}" if self._starts else "outside any page"
            title, page_id = self._peek(self._starts[0] if self._starts else self.fed, self.fed)
            detail = f"the XML ends at {self._at(self.fed)}, {inside} ({exc}); {last_read(self.last)}"
            yield lost(self.shown, "source.truncated", detail, title=title, page_id=page_id)
        except Forbidden as exc:
            yield self._refused(exc)

    def unfinished(self) -> tuple[str | None, str | None]:
        """Title and id of the page being read when the data stopped, as far as they were read."""
        return self._peek(self._starts[0], self.fed) if self._starts else (None, None)

    # ------------------------------------------------------------ parsing

    def _feed(self, data: bytes) -> Iterator[Item]:
        if self._stopped:
            return
        self._buf += data
        self.fed += len(data)
        while not self._stopped:
            if self._skip:
                resume = self._resume_point()
                if resume is None:
                    break
                yield from self._skipped(resume)
                self._start_parser(resume, True)
                data = bytes(self._buf[resume - self._buf_start :])
            self._scan()
            yield from self._parse(data)
            if not self._skip:
                break
        self._trim()

    def _parse(self, data: bytes) -> Iterator[Item]:
        """Feeds the parser; damage starts a skip, a refused declaration stops the input."""
        try:
            self._parser.feed(data)
            yield from self._events()
            yield from self._bound()
        except (ET.ParseError, _NestedPage) as exc:
            yield from self._damaged(exc)
        except Forbidden as exc:
            yield self._refused(exc)

    def _start_parser(self, at: int, fragment: bool) -> None:
        """A new parser for the bytes from offset `at` on (a fragment: wrapped in the dump's root)."""
        self._parser, self._xml = pull_parser()
        self._parser_at = at
        self._root: ET.Element | None = None
        self._in_page = False
        self._outside = at  # the parser has been outside any page since this offset (when not in one)
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
            tag = local_name(elem.tag)
            if event == "start":
                if self._root is None:
                    self._root = elem
                    if not self._fragment:
                        self.siteinfo = replace(self.siteinfo, root=root_tag(elem.tag))
                elif tag == "page":
                    if self._in_page:
                        raise _NestedPage("a <page> opened inside another page (a </page> is missing)")
                    self._in_page = True
            elif tag == "page":
                yield self._page(elem)
                elem.clear()
                self._root.clear()
            elif tag == "siteinfo":
                self.siteinfo = replace(self.siteinfo, namespaces=namespaces_of(elem))
            elif elem is self._root:
                self.root_closed = True

    def _page(self, elem: ET.Element) -> Item:
        self._in_page = False
        self._outside = self.fed
        start = self._starts.popleft() if self._starts else None
        if start is not None and self._too_long(start):
            title, page_id = text_of(elem.find("./{*}title")), text_of(elem.find("./{*}id"))
            detail = f"{self._too_large(start)}; {last_read(self.last)}"
            return lost(self.shown, "source.page_too_large", detail, title=title, page_id=page_id)
        where = f"the page at {self._at(start)}" if start is not None else "a page"
        item = build_page(elem, self.shown, self.dump, self.siteinfo, where=where)
        if isinstance(item, Page):
            self.last = item
        return item

    # ------------------------------------------------------------ bounds

    def _too_long(self, start: int) -> bool:
        """Whether the page that starts at `start` and has just ended is past the bound (it ended
        within the bytes fed last: the bound is checked between feeds, `_bound`)."""
        if self.fed - start <= self.max_page:
            return False
        at = start - self._buf_start
        return self._buf.find(b"</page>", at, at + self.max_page) < 0

    def _too_large(self, start: int) -> str:
        return f"the page at {self._at(start)} is larger than {self.max_page} bytes, the bound on one page"

    def _bound(self) -> Iterator[Item]:
        """A page past `max_page` bytes is given up unread (skipped to the next page); as much
        data outside any page is no dump: the input ends."""
        if self._in_page:
            first = self._starts[0] if self._starts else self._outside
            if self.fed - first > self.max_page:
                self._begin_skip("source.page_too_large", first, first + self.max_page, "")
        elif self.fed - self._outside > self.max_page:
            self._stopped = True
            detail = (
                f"more than {self.max_page} bytes outside any page from {self._at(self._outside)} on: "
                f"not a MediaWiki dump; {last_read(self.last)}; the rest is not read"
            )
            yield lost(self.shown, "source.malformed_xml", detail)

    def _refused(self, exc: Exception) -> Quarantine:
        """A DTD (or entity) declaration: the input is refused whole (safe_xml)."""
        self._stopped = True
        at = self._parser_at + max(refused_at(self._xml) - len(self.siteinfo.root.encode()) * self._fragment, 0)
        start = self._buf.rfind(b"<!DOCTYPE", 0, max(at - self._buf_start, 0))
        at = self._buf_start + start if start >= 0 else at
        return lost(self.shown, "source.forbidden_xml", f"{refused_what(exc)} at {self._at(at)}; no page of it is read")

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
        """Forgets the bytes before the line of the oldest unfinished page (or, skipping, the bytes searched)."""
        if self._skip:
            self._trim_skipped()
            return
        while self._starts and self.fed - self._starts[0] > self.max_page:  # a stray `<page>`: never a page
            self._starts.popleft()
        keep = self._starts[0] if self._starts else self.fed
        if keep - self._buf_start < _TRIM_AT:
            return
        cut = self._buf.rfind(b"\n", 0, keep - self._buf_start)
        if cut >= 0:
            self._buf_line += self._buf.count(b"\n", 0, cut + 1)
            del self._buf[: cut + 1]
            self._buf_start += cut + 1

    def _trim_skipped(self) -> None:
        """While pages are skipped, only the bytes not yet searched are kept (a new parser starts
        at the next page, so lines need not be counted): a skipped page is never held whole."""
        skip = self._skip
        if skip.search - self._buf_start < _TRIM_AT:
            return
        if skip.pages is None:
            skip.pages = self._skipped_pages(skip, self.fed)
        del self._buf[: skip.search - self._buf_start]
        self._buf_start = skip.search

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
        self._begin_skip("source.damaged_page", first, at, str(exc))

    def _begin_skip(self, code: str, first: int, at: int, error: str) -> None:
        self._skip = _Skip(code, first, at, error, search=max(at, first + 1))
        self._parser, self._xml = pull_parser()  # the old one's partial page is dropped now
        self._root = None

    def _resume_point(self) -> int | None:
        """The next `<page>` (or `</mediawiki>`) after the damage, if it has been fed."""
        skip = self._skip
        found = _RESUME.search(self._buf, skip.search - self._buf_start)
        if found is None:
            skip.search = max(skip.search, self.fed - len(_END) + 1)
            return None
        return self._buf_start + found.start()

    def _skipped(self, resume: int) -> Iterator[Item]:
        """One Quarantine for each page from the skipped one up to `resume`."""
        skip, self._skip = self._skip, None
        pages = skip.pages if skip.pages is not None else self._skipped_pages(skip, resume)
        for start, title, page_id in pages:
            if skip.code == "source.page_too_large":
                head = f"{self._too_large(start)}; it is skipped unread"
            else:
                head = f"{skip.error}, at {self._at(skip.at)}; the page at {self._at(start)} is skipped"
            detail = f"{head}; {last_read(self.last)}; reading resumes at {self._at(resume)}"
            yield lost(self.shown, skip.code, detail, title=title, page_id=page_id)

    def _skipped_pages(self, skip: _Skip, end: int) -> list[tuple[int, str | None, str | None]]:
        """(start, title, id) of every page skipped: the `<page>` tags from `first` on, before `end`."""
        starts = [start for start in self._starts if skip.first <= start < end] or [skip.first]
        ends = [*starts[1:], end]
        return [(start, *self._peek(start, min(stop, start + _PEEK))) for start, stop in zip(starts, ends, strict=True)]

    def _peek(self, start: int, end: int) -> tuple[str | None, str | None]:
        """Title and page id found in the raw bytes of a damaged page, if they survived."""
        raw = bytes(self._buf[max(start - self._buf_start, 0) : max(end - self._buf_start, 0)])
        title, page_id = _TITLE.search(raw), _ID.search(raw)
        text = html.unescape(title.group(1).decode("utf-8", "replace")) if title else None
        return text, page_id.group(1).decode() if page_id else None

    def _lost(self, code: str, where: str) -> Quarantine:
        return lost(self.shown, code, f"{where}; {last_read(self.last)}")
