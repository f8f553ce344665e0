"""MediaWiki XML export dumps (`.xml`, `.xml.bz2`, `.xml.gz`), streamed page by page, in order.

Namespace, redirect and revision come from the XML elements, not from
regexes on the text (page_element builds the pages). Memory stays bounded, so a
20 GB dump reads in constant space, and a bz2 bomb (a page of a gigabyte of
zeros in a kilobyte of .bz2) is skipped as too large without being held. A
`.bz2` is decompressed by a thread of its own (bz2_stream); a multistream dump
with its index is also cut into byte ranges that workers read on their own
(multistream), with the same pages.

Damage (see damage.py): a damaged page is skipped and reading goes on; data
that ends early or cannot be decompressed ends the input with one Quarantine
that names the input, the byte offset (of the file for `.xml`; compressed for
`.bz2` / `.gz`, with the XML bytes read so far) and the last page read well.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from ..model import Page, Quarantine
from .bz2_stream import Bz2Stream
from .damage import MAX_PAGE_BYTES, InputDamage, last_read, lost
from .xml_pages import PageReader

_BUFFER = 1 << 16


def read_dump(path: Path, shown: str, *, max_page: int = MAX_PAGE_BYTES) -> Iterator[Page | Quarantine]:
    """`max_page`: the bound on one page's bytes (a larger page is skipped unread, xml_pages)."""
    compressed = path.name.lower().endswith((".bz2", ".gz"))
    place = "byte {} of the decompressed XML" if compressed else "byte {} of the file"
    reader = PageReader(shown=shown, dump=path.name, place=place, max_page=max_page)
    chunks = _chunks(path)
    try:
        for chunk in chunks:
            yield from reader.feed(chunk)
        yield from reader.close()
    except InputDamage as exc:
        code = "source.truncated" if exc.truncated else "source.unreadable"
        title, page_id = reader.unfinished()
        detail = (
            f"{exc.reason} at {exc.where}, after {reader.fed} bytes of XML; {last_read(reader.last)}; "
            "the rest of the input is lost"
        )
        yield lost(shown, code, detail, title=title, page_id=page_id)
    except OSError as exc:
        yield lost(shown, "source.unreadable", f"{exc}; {last_read(reader.last)}; the rest of the input is lost")
    finally:
        chunks.close()


def _chunks(path: Path) -> Iterator[bytes]:
    """The dump's XML bytes in order; compressed damage raises InputDamage."""
    name = path.name.lower()
    if name.endswith(".bz2"):
        with Bz2Stream(path) as stream:
            yield from iter(partial(stream.read, _BUFFER), b"")
    elif name.endswith(".gz"):
        yield from _gzip_chunks(path)
    else:
        with open(path, "rb") as file:
            yield from iter(partial(file.read, _BUFFER), b"")


def _gzip_chunks(path: Path) -> Iterator[bytes]:
    """A `.gz` file's bytes (all its members). zlib works in this thread: gzip dumps are rare."""
    with open(path, "rb") as raw, gzip.GzipFile(fileobj=raw) as unpacked:
        while True:
            try:
                chunk = unpacked.read(_BUFFER)
            except EOFError as exc:
                where = f"compressed byte {raw.tell()}, the end of the file"
                raise InputDamage(str(exc), truncated=True, where=where) from exc
            except (OSError, zlib.error) as exc:
                where = f"compressed byte {raw.tell()} (the .gz bytes read so far)"
                raise InputDamage(str(exc), truncated=False, where=where) from exc
            if not chunk:
                return
            yield chunk
