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
yields one `source.damaged_stream` Quarantine per page the index lists there
(the index is read again for those, on damage only), and reading goes on at the
next stream. Data that ends early is `source.truncated`.
"""

from __future__ import annotations

import bz2
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..model import Page, Quarantine
from .damage import last_read, lost
from .xml_pages import PageReader, Siteinfo

RANGE_PAGES = 100  # pages per range: one of MediaWiki's 100-page streams (small ranges keep workers evenly loaded)
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
    return _ranges(path, shown, index, groups, siteinfo)


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
        header = _one_stream(file)
        file.seek(offsets[0])
        first = _one_stream(file)
    if not header.lstrip().startswith((b"<mediawiki", b"<?xml")) or not first.lstrip().startswith(b"<page>"):
        return None, f"the streams at offsets 0 and {offsets[0]} are not the dump's header and first pages"
    reader = PageReader(shown=str(path), dump=path.name)
    list(reader.feed(header))
    list(reader.close(partial=True))
    return reader.siteinfo, None


def _one_stream(file: IO[bytes]) -> bytes:
    """The bz2 stream at the file's position, decompressed (EOFError if it is cut short)."""
    decompressor, out = bz2.BZ2Decompressor(), []
    while not decompressor.eof:
        chunk = file.read(_READ)
        if not chunk:
            raise EOFError("the bz2 stream ends before its end-of-stream marker")
        out.append(decompressor.decompress(chunk))
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


def _read_streams(part: ByteRange, data: bytes) -> Iterator[Item]:
    pos, last, closed = 0, None, False
    while pos < len(data):
        at = part.start + pos
        decompressor = bz2.BZ2Decompressor()
        try:
            xml = decompressor.decompress(memoryview(data)[pos:])
        except OSError as exc:
            resume = next((s for s in part.streams if s > at), part.end)
            yield from _damaged_stream(part, at, resume, str(exc), last)
            pos = resume - part.start
            continue
        if not decompressor.eof:
            detail = (
                f"the bz2 stream at compressed byte {at} ends at compressed byte {part.start + len(data)} "
                f"before its end-of-stream marker; {last_read(last)}; the rest of the input is lost"
            )
            yield lost(part.shown, "source.truncated", detail)
            return
        reader = PageReader(
            shown=part.shown,
            dump=Path(part.path).name,
            siteinfo=part.siteinfo,
            fragment=at != 0,
            place=f"byte {{}} of the XML in the bz2 stream at compressed byte {at}",
            last=last,
        )
        yield from reader.feed(xml)
        closed = closed or reader.root_closed
        yield from reader.close(partial=True)
        last, pos = reader.last, len(data) - len(decompressor.unused_data)
    if part.last and not closed:
        detail = f"the file ends at compressed byte {part.end} without </mediawiki>; {last_read(last)}"
        yield lost(part.shown, "source.truncated", detail)


def _damaged_stream(part: ByteRange, at: int, resume: int, error: str, last: Page | None) -> Iterator[Item]:
    """One Quarantine per page the index lists in the damaged stream (one for the stream if it lists none)."""
    where = (
        f"the bz2 stream at compressed bytes {at} to {resume} ({error}); {last_read(last)}; "
        f"reading resumes at compressed byte {resume}"
    )
    listed = _listed(Path(part.index), at)
    for page_id, title in listed:
        yield lost(
            part.shown,
            "source.damaged_stream",
            f"{where}; the index lists this page there",
            title=title,
            page_id=page_id,
        )
    if not listed:
        yield lost(part.shown, "source.damaged_stream", f"{where}; the index lists no page there")


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
