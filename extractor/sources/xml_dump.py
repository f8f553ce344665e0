"""MediaWiki XML export dumps (`.xml`, `.xml.bz2`), streamed page by page.

Namespace, redirect and revision come from the XML elements, not from
regexes on the text. Memory stays bounded: each `<page>` element is cleared
once read, and the root forgets it, so a 20 GB dump reads in constant space.
A malformed file yields the pages before the damage, then one Quarantine.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import REASONS
from ..model import Page, Quarantine
from .bz2_stream import Bz2Stream

_BUFFER = 1 << 16


def read_dump(path: Path, shown: str) -> Iterator[Page | Quarantine]:
    last_title: str | None = None
    try:
        with _open(path) as stream:
            for page in _pages(stream, shown, path.name):
                last_title = page.title
                yield page
    except ET.ParseError as exc:
        yield _failure(shown, last_title, "source.malformed_xml", f"{exc} (after page {last_title!r})")
    except (OSError, EOFError) as exc:
        yield _failure(shown, last_title, "source.unreadable", str(exc))


def _open(path: Path) -> IO[bytes]:
    """The dump's XML bytes: a .bz2 is decompressed by a thread of its own (see bz2_stream)."""
    if path.name.endswith(".bz2"):
        return io.BufferedReader(Bz2Stream(path), _BUFFER)
    return open(path, "rb")


def _pages(stream: IO[bytes], shown: str, dump: str) -> Iterator[Page]:
    events = ET.iterparse(stream, events=("start", "end"))
    _, root = next(events)
    for event, elem in events:
        if event == "end" and _local(elem.tag) == "page":
            yield _page(elem, shown, dump)
            elem.clear()
            root.clear()


def _page(elem: ET.Element, shown: str, dump: str) -> Page:
    fields = {_local(child.tag): child for child in elem}
    revision = {_local(child.tag): child for child in fields.get("revision", ())}
    redirect = fields.get("redirect")
    return Page(
        markup=_text(revision.get("text")) or "",
        format="wikitext",
        path=shown,
        title=_text(fields.get("title")),
        title_from="dump",
        page_id=_text(fields.get("id")),
        revision_id=_text(revision.get("id")),
        timestamp=_text(revision.get("timestamp")),
        namespace=int(_text(fields.get("ns")) or 0),
        dump=dump,
        redirect=redirect.get("title") if redirect is not None else None,
    )


def _text(elem: ET.Element | None) -> str | None:
    return elem.text if elem is not None else None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _failure(shown: str, title: str | None, code: str, detail: str) -> Quarantine:
    source = {"format": "wikitext", "path": shown}
    return Quarantine(source, title, None, "source", code, REASONS[code].format(detail=detail))
