"""Single-article files: raw wikitext (`.wiki`) and the pandoc-markdown rendering (`.md`, `.txt`)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from ..errors import REASONS
from ..model import Page, Quarantine
from .encoding import EncodingProblem, decode_article

# File names that are identifiers, not page titles (the seed is 000_b6e711bf4e50eda6.txt).
_ID_LIKE = re.compile(r"^(?=.*\d)[0-9a-fA-F_\-]+$")


def read_wikitext(path: Path, shown: str) -> Iterator[Page | Quarantine]:
    yield from _read(path, shown, "wikitext")


def read_markdown(path: Path, shown: str) -> Iterator[Page | Quarantine]:
    yield from _read(path, shown, "pandoc-markdown")


def read_text(path: Path, shown: str) -> Iterator[Page | Quarantine]:
    """A `.txt` file: the pandoc-markdown rendering unless it reads as wikitext."""
    head = path.read_bytes()[:20000].decode("utf-8", "replace")
    markdown_signs = head.count("](") + head.count('"wikilink"')
    wikitext_signs = head.count("[[") + head.count("{{") + head.count("'''")
    fmt = "wikitext" if wikitext_signs > markdown_signs else "pandoc-markdown"
    yield from _read(path, shown, fmt)


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


def _read(path: Path, shown: str, fmt: str) -> Iterator[Page | Quarantine]:
    source = {"format": fmt, "path": shown}
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield _failure(source, path, "source.unreadable", str(exc))
        return
    try:
        markup = decode_article(data)
    except EncodingProblem as exc:
        yield _failure(source, path, exc.code, str(exc))
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


def _failure(source: dict, path: Path, code: str, detail: str) -> Quarantine:
    message = REASONS[code].format(detail=detail)
    return Quarantine(source, title_from_filename(path), None, "source", code, message)
