"""Single-article files: raw wikitext (`.wiki`) and the pandoc-markdown rendering (`.md`, `.txt`).

A file is read only up to the bound on one page (`max_page`, damage.MAX_PAGE_BYTES): a larger
one (or a device that never ends) is `source.page_too_large`, never read whole. An empty file, or
one of whitespace only, is `source.no_text`, not an empty record.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from ..errors import REASONS
from ..model import Page, Quarantine
from .damage import MAX_PAGE_BYTES
from .encoding import EncodingProblem, decode_article

# File names that are identifiers, not page titles (the seed is 000_b6e711bf4e50eda6.txt).
_ID_LIKE = re.compile(r"^(?=.*\d)[0-9a-fA-F_\-]+$")


def read_wikitext(path: Path, shown: str, *, max_page: int = MAX_PAGE_BYTES) -> Iterator[Page | Quarantine]:
    yield from _read(path, shown, "wikitext", max_page)


def read_markdown(path: Path, shown: str, *, max_page: int = MAX_PAGE_BYTES) -> Iterator[Page | Quarantine]:
    yield from _read(path, shown, "pandoc-markdown", max_page)


def read_text(path: Path, shown: str, *, max_page: int = MAX_PAGE_BYTES) -> Iterator[Page | Quarantine]:
    """A `.txt` file: the pandoc-markdown rendering unless it reads as wikitext."""
    yield from _read(path, shown, None, max_page)


def title_from_filename(path: Path) -> str | None:
    """The page title a file name stands for, or None when it is an identifier.

    Mirrors of zh.wikipedia write a title's spaces as `_` and cannot start a
    file name with `.` (hidden files), so they write `.NET框架` as `_NET框架`:
    MediaWiki titles never start with `_`, so a leading `_` is read as `.`.
    """
    stem = unquote(path.stem)
    if not stem or _ID_LIKE.match(stem):
        return None
    if stem.startswith("_"):
        stem = "." + stem[1:]
    return stem.replace("_", " ").strip() or None


def _read(path: Path, shown: str, fmt: str | None, max_page: int) -> Iterator[Page | Quarantine]:
    """`fmt` None: told from the bytes (a `.txt` file)."""
    source = {"format": fmt or "pandoc-markdown", "path": shown}
    try:
        data = _bounded_read(path, max_page)
    except OSError as exc:
        yield _failure(source, path, "source.unreadable", str(exc))
        return
    if data is None:
        detail = f"{shown}: the file is larger than {max_page} bytes, the bound on one page; it is not read"
        yield _failure(source, path, "source.page_too_large", detail)
        return
    source["format"] = fmt = fmt or _sniff(data)
    try:
        markup = decode_article(data)
    except EncodingProblem as exc:
        yield _failure(source, path, exc.code, str(exc))
        return
    if not markup or markup.isspace():
        said = "is empty (0 bytes)" if not data else "holds only whitespace"
        yield _failure(source, path, "source.no_text", f"{shown}: the file {said}")
        return
    title = title_from_filename(path)
    yield Page(
        markup=markup,
        format=fmt,
        path=shown,
        title=title,
        title_from="filename" if title else "unknown",
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _bounded_read(path: Path, limit: int) -> bytes | None:
    """The file's bytes, or None when there are more than `limit` (at most `limit` + 1 bytes are
    read: a file that grows, a pipe or a device is bounded too)."""
    with open(path, "rb") as file:
        if os.fstat(file.fileno()).st_size > limit:
            return None
        data = file.read(limit + 1)
    return data if len(data) <= limit else None


def _sniff(data: bytes) -> str:
    """A `.txt` file's format: wikitext when its head has more wikitext signs than markdown ones."""
    head = data[:20000].decode("utf-8", "replace")
    markdown_signs = head.count("](") + head.count('"wikilink"')
    wikitext_signs = head.count("[[") + head.count("{{") + head.count("'''")
    return "wikitext" if wikitext_signs > markdown_signs else "pandoc-markdown"


def _failure(source: dict, path: Path, code: str, detail: str) -> Quarantine:
    message = REASONS[code].format(detail=detail)
    return Quarantine(source, title_from_filename(path), None, "source", code, message)
