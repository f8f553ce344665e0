"""Multistream dumps read by byte ranges, each range by a worker on its own.

MediaWiki publishes `…-pages-articles-multistream.xml.bz2` with
`…-pages-articles-multistream-index.txt.bz2` beside it: lines
`offset:page_id:title`, where each distinct offset starts an independent bz2
stream of up to 100 pages. The first stream (offset 0, not in the index) holds
`<mediawiki …><siteinfo>…</siteinfo>`, the last one `</mediawiki>`.
`plan_ranges` cuts the file into `ByteRange`s of about `RANGE_PAGES` pages
(whole streams; the first range starts at 0, the last ends at the end of the
file). A range's `read()` seeks, reads its bytes, decompresses them stream by
stream and parses each stream's pages in the dump's root (xml_pages, the same
code as the sequential reader), so the pages are exactly those `read_dump` gives.

The index is read streaming and only the stream offsets are kept (zhwiki's has
~1.4M lines). It must match the file: offsets increasing, inside the file,
each the start of a bz2 stream (`BZh…1AY&SY`), the first one holding `<page>`s
and offset 0 the dump's header. Otherwise (or with no index) `plan_ranges`
returns None after logging a warning, and the dump is read sequentially.

Damage in a range costs only its stream: a stream that cannot be decompressed
yields one `source.damaged_stream` Quarantine per page the index lists there and
not already read (the index is read again for those, on damage only), and reading
goes on at the next stream. Data that ends early is `source.truncated`.

Memory is bounded whatever the compression ratio: a stream is decompressed
`CHUNK` bytes at a time into the page reader (whose page bound skips a bz2 bomb
unread), the planning checks read only the head of a stream, and a range larger
than `RANGE_MAX` compressed bytes (an index that lists too few streams) makes the
dump read sequentially instead.
"""

from __future__ import annotations

import bz2
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..errors import INPUT_LOST
from ..model import Page, Quarantine
from .damage import MAX_PAGE_BYTES, last_read, lost
from .page_element import Siteinfo
from .xml_pages import PageReader

RANGE_PAGES = 100  # pages per range: one of MediaWiki's 100-page streams (small ranges keep workers evenly loaded)
RANGE_MAX = 256 << 20  # compressed bytes a worker reads at once at most (a range is one 100-page stream)
CHUNK = 1 << 20  # decompressed bytes handed to the page reader at a time
_HEADER_MAX = 16 << 20  # the header stream (`<siteinfo>`: a few KB) is read whole up to this size
_STREAM = re.compile(rb"BZh[1-9]1AY&SY")  # a bz2 stream's header and its first block's magic
_READ = 1 << 16
log = logging.getLogger(__name__)

Item = Page | Quarantine


@dataclass(frozen=True)
class ByteRange:
    """Whole bz2 streams of a multistream dump, bytes [start, end): a split a worker reads on its own."""

    path: str
    shown: str
    start: int
    end: int
    streams: tuple[int, ...]  # where its streams start, as far as known (reading resumes there after damage)
    siteinfo: Siteinfo
    index: str  # read again only to name the pages of a damaged stream
    last: bool  # the range ends the file: its data must close </mediawiki>
    max_page: int = MAX_PAGE_BYTES  # the bound on one page's bytes (xml_pages)

    def read(self) -> Iterator[Item]:
        with open(self.path, "rb") as file:
            file.seek(self.start)
            data = file.read(self.end - self.start)
        yield from _read_streams(self, data)


def index_of(path: Path) -> Path | None:
    """Where a multistream dump's index would be: `-index.txt.bz2` in place of `.xml.bz2`."""
    if not path.name.endswith(".xml.bz2"):
        return None
    return path.with_name(path.name[: -len(".xml.bz2")] + "-index.txt.bz2")


def plan_ranges(path: Path, shown: str) -> list[ByteRange] | None:
    """The dump's byte ranges, in file order; None (with a warning) when there is no index or it does not match."""
    index = index_of(path)
    if index is None or not index.exists():
        if "multistream" in path.name:
            log.warning("%s: no index %s beside it; the dump is read sequentially", shown, index and index.name)
        return None
    try:
        groups = _groups(index)
        siteinfo, problem = _check(path, [offset for group in groups for offset in group])
    except (OSError, EOFError, ValueError) as exc:
        siteinfo, problem = None, f"{index.name} cannot be read ({exc})"
    if problem:
        log.warning("%s: %s; the index does not match the dump, which is read sequentially", shown, problem)
        return None
    ranges = _ranges(path, shown, index, groups, siteinfo)
    largest = max(ranges, key=lambda part: part.end - part.start)
    if largest.end - largest.start > RANGE_MAX:
        problem = f"the range at compressed byte {largest.start} is {largest.end - largest.start} bytes"
        log.warning("%s: %s (the index lists too few streams); the dump is read sequentially", shown, problem)
        return None
    return ranges


def _groups(index: Path) -> list[list[int]]:
    """Stream offsets from the index, grouped into runs of about RANGE_PAGES pages (titles are not kept)."""
    groups: list[list[int]] = []
    pages, previous = 0, -1
    with bz2.open(index, "rb") as lines:
        for line in lines:
            offset = int(line[: line.index(b":")])
            if offset != previous:
                if offset < previous:
                    raise ValueError(f"offset {offset} comes after {previous}: the index is not in file order")
                if not groups or pages >= RANGE_PAGES:
                    groups.append([])
                    pages = 0
                groups[-1].append(offset)
                previous = offset
            pages += 1
    return groups


def _check(path: Path, offsets: list[int]) -> tuple[Siteinfo | None, str | None]:
    """The dump's siteinfo, or what makes the index wrong for this file."""
    size = path.stat().st_size
    if not offsets:
        return None, "the index lists no page"
    with open(path, "rb") as file:
        for offset in offsets:
            file.seek(offset)
            if offset >= size or not _STREAM.match(file.read(10)):
                return None, f"index offset {offset} is not the start of a bz2 stream in the file ({size} bytes)"
        file.seek(0)
        header = _stream_head(file, _HEADER_MAX)
        file.seek(offsets[0])
        first = _stream_head(file, _READ)
    if not header.lstrip().startswith((b"<mediawiki", b"<?xml")) or not first.lstrip().startswith(b"<page>"):
        return None, f"the streams at offsets 0 and {offsets[0]} are not the dump's header and first pages"
    if len(header) >= _HEADER_MAX:
        return None, f"the header stream holds more than {_HEADER_MAX} bytes"
    reader = PageReader(shown=str(path), dump=path.name)
    items = (*reader.feed(header), *reader.close(partial=True))
    refused = [item.code for item in items if isinstance(item, Quarantine) and item.code in INPUT_LOST]
    if refused:  # the sequential reader says why, in errors.jsonl
        return None, f"the header stream cannot be read ({refused[0]})"
    return reader.siteinfo, None


def _stream_head(file: IO[bytes], limit: int) -> bytes:
    """The bz2 stream at the file's position, decompressed up to `limit` bytes (EOFError if it is cut short)."""
    decompressor, out, size = bz2.BZ2Decompressor(), [], 0
    while not decompressor.eof and size < limit:
        chunk = file.read(_READ) if decompressor.needs_input else b""
        if decompressor.needs_input and not chunk:
            raise EOFError("the bz2 stream ends before its end-of-stream marker")
        out.append(decompressor.decompress(chunk, limit - size))
        size += len(out[-1])
    return b"".join(out)


def _ranges(path: Path, shown: str, index: Path, groups: list[list[int]], siteinfo: Siteinfo) -> list[ByteRange]:
    size = path.stat().st_size
    ranges = []
    for n, group in enumerate(groups):
        start = 0 if n == 0 else group[0]
        end = groups[n + 1][0] if n + 1 < len(groups) else size
        streams = tuple(sorted({start, *group}))
        ranges.append(ByteRange(str(path), shown, start, end, streams, siteinfo, str(index), end == size))
    return ranges


# ---------------------------------------------------------------- reading a range


@dataclass
class _Stream:
    """One bz2 stream of a range, decompressed `CHUNK` bytes at a time into its page reader."""

    reader: PageReader
    decompressor: bz2.BZ2Decompressor = field(default_factory=bz2.BZ2Decompressor)
    read_ids: set[str] = field(default_factory=set)  # pages yielded: not counted again if the stream is damaged
    error: str | None = None  # the stream cannot be decompressed from some point on
    used: int = 0  # compressed bytes of the stream

    def read(self, data: memoryview) -> Iterator[Item]:
        """The pages of the stream at the start of `data` (compressed input is given `_READ` bytes at a
        time, so that what follows the stream is never copied)."""
        given = 0
        while not (self.decompressor.eof or self.error):
            piece = data[given : given + _READ] if self.decompressor.needs_input else b""
            if self.decompressor.needs_input and not piece:
                break  # the data ends inside the stream
            given += len(piece)
            try:
                xml = self.decompressor.decompress(piece, CHUNK)
            except OSError as exc:
                self.error = str(exc)
                break
            for item in self.reader.feed(xml):
                if item.page_id:
                    self.read_ids.add(item.page_id)
                yield item
        self.used = given - len(self.decompressor.unused_data)


def _read_streams(part: ByteRange, data: bytes) -> Iterator[Item]:
    pos, last, closed = 0, None, False
    while pos < len(data):
        at = part.start + pos
        stream = _Stream(_stream_reader(part, at, last))
        yield from stream.read(memoryview(data)[pos:])
        last = stream.reader.last
        if stream.error is not None:
            resume = next((s for s in part.streams if s > at), part.end)
            yield from _damaged_stream(part, at, resume, stream.error, last, stream.read_ids)
            pos = resume - part.start
            continue
        if not stream.decompressor.eof:
            detail = (
                f"the bz2 stream at compressed byte {at} ends at compressed byte {part.start + len(data)} "
                f"before its end-of-stream marker; {last_read(last)}; the rest of the input is lost"
            )
            yield lost(part.shown, "source.truncated", detail)
            return
        closed = closed or stream.reader.root_closed
        yield from stream.reader.close(partial=True)
        last, pos = stream.reader.last, pos + stream.used
    if part.last and not closed:
        detail = f"the file ends at compressed byte {part.end} without </mediawiki>; {last_read(last)}"
        yield lost(part.shown, "source.truncated", detail)


def _stream_reader(part: ByteRange, at: int, last: Page | None) -> PageReader:
    return PageReader(
        shown=part.shown,
        dump=Path(part.path).name,
        siteinfo=part.siteinfo,
        fragment=at != 0,
        place=f"byte {{}} of the XML in the bz2 stream at compressed byte {at}",
        last=last,
        max_page=part.max_page,
    )


def _damaged_stream(
    part: ByteRange, at: int, resume: int, error: str, last: Page | None, read_ids: set[str]
) -> Iterator[Item]:
    """One Quarantine per page the index lists in the damaged stream and not read before the damage
    (one for the stream if there is none)."""
    where = (
        f"the bz2 stream at compressed bytes {at} to {resume} ({error}); {last_read(last)}; "
        f"reading resumes at compressed byte {resume}"
    )
    listed = _listed(Path(part.index), at)
    unread = [(page_id, title) for page_id, title in listed if page_id not in read_ids]
    for page_id, title in unread:
        yield lost(
            part.shown,
            "source.damaged_stream",
            f"{where}; the index lists this page there",
            title=title,
            page_id=page_id,
        )
    if not unread:
        said = "every page the index lists there was read before it" if listed else "the index lists no page there"
        yield lost(part.shown, "source.damaged_stream", f"{where}; {said}")


def _listed(index: Path, offset: int) -> list[tuple[str, str]]:
    """(page id, title) of the pages the index lists at `offset` (at most 100: one stream's)."""
    found: list[tuple[str, str]] = []
    prefix = b"%d:" % offset
    try:
        with bz2.open(index, "rb") as lines:
            for line in lines:
                if line.startswith(prefix):
                    _, page_id, title = line.rstrip(b"\n").decode("utf-8", "replace").split(":", 2)
                    found.append((page_id, title))
                elif found:
                    break
    except (OSError, EOFError, ValueError):
        pass  # the stream's Quarantine still says where the damage is
    return found
