"""The title index pre-pass: one streaming read of a run's inputs into an SQLite file.

The inputs are dumps, article files, or both (a folder of `.md` or `.wiki` files
is a wiki too). Every page (all namespaces) becomes one row: id (0 for a file),
namespace, normalized title, its script-folded key, redirect target and
fragment, disambiguation flag, first infobox template and categories. The facts
come from regexes on the raw markup (`FACTS`, one function per page format), not
from the parser: the pre-pass must be cheap next to the full run
(benchmarks/index_speed.py measures it).

An index knows its `scope`: `wiki` when a dump is among its inputs (the dump is
the wiki: a page it lacks does not exist; article files beside it add pages),
`sample` when the inputs are article files only (a page it lacks may exist
elsewhere: links to it keep `exists` null).

What makes a file a whole index (`index.index_defect` checks it before a cached
index is reused):
- it is written under a name of its own builder (host and process id: two runs
  building the same index never share a file), flushed to disk, and renamed over
  the final name in one step (`os.replace`). A second builder finishing later
  replaces the first's file with an identical one; a reader that has the old file
  open keeps reading it (POSIX: the open handle keeps the old inode);
- its rows, indexes and meta are one transaction, the meta last: `meta.pages`,
  the row count, is the completion mark;
- `seal_index` then writes the sha256 of its bytes beside it (`….sqlite.sha256`,
  in `sha256sum` format).
A builder that dies leaves its `….partial` file; `remove_stale_partials` removes
it once its process is gone.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

from .mediawiki import DISAMBIG_CALL, INFOBOX, INFOBOX_WORDS, markdown_redirect_target, redirect_target, template_name
from .model import Page
from .normalize.cgroups import MEDIAWIKI_NS, MODULE_NS, TEMPLATE_NS
from .sinks.manifest import file_sha256, sha256_now
from .sources import format_for, reader_for
from .titles import fold, normalize_title

# 2: conversion-group pages kept in `groups`; 3: meta `pages`, the completion mark; 4: article files, meta `scope`;
# 5: `fold` keys from OpenCC 1.4.2's characters (extractor/data/opencc)
INDEX_VERSION = "5"
WIKI, SAMPLE = "wiki", "sample"  # meta `scope`: a dump among the inputs / article files only
_BATCH = 5000
SEAL_SUFFIX = ".sha256"  # the sidecar holding the index file's sha256
STALE_AFTER = 24 * 3600  # s: a partial file untouched this long belongs to no running builder
GROUP_NAMESPACES = (MEDIAWIKI_NS, TEMPLATE_NS, MODULE_NS)
_TEMPLATE = re.compile(r"\{\{\s*([^{}|\n<]+?)\s*(?=\||\}\}|\n)")
_CATEGORY = re.compile(r"\[\[\s*(?:category|分类|分類|cat)\s*:\s*([^\]|\n]+)", re.I)
# Pandoc's rendering: `[Category:X](https://zh.wikipedia.org/wiki/Category:X "wikilink")`.
_MD_CATEGORY = re.compile(r"\[\s*(?:category|分类|分類)\s*:\s*([^\]\n]+?)\s*\]\(", re.I)

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE groups (title TEXT, ns INTEGER, markup TEXT);
CREATE TABLE pages (
    id INTEGER, ns INTEGER, title TEXT, fold TEXT, redirect TEXT, fragment TEXT,
    disambig INTEGER, infobox TEXT, categories TEXT
);
"""
INDEXES = (
    "CREATE INDEX pages_title ON pages (title)",
    "CREATE INDEX pages_fold ON pages (fold)",
    "CREATE INDEX pages_redirect ON pages (redirect)",
)


@dataclass(frozen=True)
class Row:
    id: int
    ns: int
    title: str
    fold: str
    redirect: str | None
    fragment: str | None
    disambig: int
    infobox: str | None
    categories: str  # newline-separated, in page order

    def values(self) -> tuple:
        return (self.id, self.ns, self.title, self.fold, self.redirect, self.fragment,
                self.disambig, self.infobox, self.categories)


def file_key(path: Path) -> str:
    """sha256 of the dump's bytes: the index is reused only for the very same file."""
    return file_sha256(path)


def inputs_key(files: Iterable[Path]) -> str:
    """What an index of `files` (a run's input files, in run order) is reused for. One dump: the
    sha256 of its bytes (`file_key`). Several inputs or article files: the sha256 of a listing of
    every file, a dump by its bytes' sha256, an article file by its path, size and mtime (stat
    only: a folder of hundreds of thousands of files is listed in seconds, and an edited file
    changes its mtime). `files` is read once, as it comes: never held whole."""
    digest = hashlib.sha256()
    count, first = 0, None
    for path in files:
        count, first = count + 1, first or path
        if _is_dump(path):
            line = f"dump\t{path.resolve()}\t{file_key(path)}\n"
        else:
            stat = path.stat()
            line = f"file\t{path.resolve()}\t{stat.st_size}\t{stat.st_mtime_ns}\n"
        digest.update(line.encode("utf-8", "surrogateescape"))
    return file_key(first) if count == 1 and _is_dump(first) else digest.hexdigest()


def build_index(
    inputs: Path | Iterable[Path], out: Path, key: str | None = None, on_page: Callable[[], object] | None = None
) -> Path:
    """Scan every page of `inputs` (a dump, or a run's input files: an iterable that can be read
    more than once, such as `sources.InputFiles`, so that a folder's listing is never held whole)
    once and write the index to `out` (atomically); returns `out`. `on_page` is called for every
    page read (progress). A failed build removes its partial file."""
    files = [inputs] if isinstance(inputs, Path) else inputs
    key = key or inputs_key(files)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = partial_path(out)
    tmp.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(tmp)) as db:
            _fill(db, _pages(_read_all(files), on_page), key, files)
        replace_durably(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out


def _read_all(files: Iterable[Path]) -> Iterator[Page | object]:
    for path in files:
        read = reader_for(path)
        if read is not None:
            yield from read(path, str(path))


def _is_dump(path: Path) -> bool:
    fmt = format_for(path)
    return fmt is not None and fmt.is_dump


def _fill(db: sqlite3.Connection, pages: Iterable[Page], key: str, files: Iterable[Path]) -> None:
    """Rows, indexes and meta in one transaction (sqlite3 opens it at the first INSERT and keeps
    it over CREATE INDEX), the meta last: its `pages` count marks the file complete."""
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    count = _insert_pages(db, pages)
    for statement in INDEXES:
        db.execute(statement)
    number, size, name, dump = 0, 0, "", False
    for path in files:  # read again, as it comes
        number, size, name, dump = number + 1, size + path.stat().st_size, path.name, dump or _is_dump(path)
    meta = {
        "version": INDEX_VERSION,
        "sha256": key,
        "dump": name if number == 1 else f"{number} files",
        "bytes": str(size),
        "pages": str(count),
        "scope": WIKI if dump else SAMPLE,
    }
    db.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
    db.commit()


def _insert_pages(db: sqlite3.Connection, pages: Iterable[Page]) -> int:
    """Every page's row, in batches (conversion-group pages also whole); returns the row count."""
    batch: list[tuple] = []
    count = 0
    for page in pages:
        batch.append(page_row(page).values())
        count += 1
        if is_group_page(page):
            db.execute("INSERT INTO groups VALUES (?,?,?)", (page.title, page.namespace, page.markup))
        if len(batch) >= _BATCH:
            db.executemany("INSERT INTO pages VALUES (?,?,?,?,?,?,?,?,?)", batch)
            batch.clear()
    db.executemany("INSERT INTO pages VALUES (?,?,?,?,?,?,?,?,?)", batch)
    return count


def partial_path(out: Path) -> Path:
    """The name `out` is written under until complete, its builder's own: `<name>.<host>.<pid>.partial`."""
    return out.with_name(f"{out.name}.{socket.gethostname()}.{os.getpid()}.partial")


def replace_durably(tmp: Path, out: Path) -> None:
    """Flush `tmp` to disk, then rename it over `out` in one step: after a crash `out` is the old
    file or the new one, whole. The folder's own flush is best effort (not every file system has it)."""
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, out)
    with suppress(OSError):
        folder = os.open(out.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def remove_stale_partials(folder: Path, max_age: float = STALE_AFTER) -> list[Path]:
    """Remove the `titles-*.partial` files in `folder` that no running builder owns; returns them.
    A name carrying this host's name is judged by its process id (gone: stale); any file untouched
    for `max_age` s is stale too, which is the only test for builders on other hosts sharing the
    folder. Best effort: a file that cannot be examined or removed is left."""
    removed = []
    for tmp in sorted(folder.glob("titles-*.partial")):
        with suppress(OSError):
            if _abandoned(tmp, max_age):
                tmp.unlink()
                removed.append(tmp)
    return removed


def _abandoned(tmp: Path, max_age: float) -> bool:
    if time.time() - tmp.stat().st_mtime > max_age:
        return True
    owner, _, pid = tmp.name.removesuffix(".partial").rpartition(".")
    return owner.endswith(f".{socket.gethostname()}") and pid.isdigit() and not _running(int(pid))


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def seal_path(index: Path) -> Path:
    return index.with_name(index.name + SEAL_SUFFIX)


def seal_index(index: Path) -> Path:
    """Write the sha256 of the index file's bytes beside it (`sha256sum -c` reads it); returns
    the sidecar. Written after the index's rename: a sidecar never names a file still being built.
    Two builders finishing together may leave one's index beside the other's sidecar: the same
    dump through the same SQLite gives the same bytes; were they to differ, the next run would see
    a mismatch and build again, never reuse an unchecked file."""
    seal = seal_path(index)
    tmp = partial_path(seal)
    try:
        tmp.write_text(f"{file_digest(index)}  {index.name}\n", encoding="utf-8")
        replace_durably(tmp, seal)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return seal


def file_digest(path: Path) -> str:
    """sha256 of the file's bytes, read now (not memoized: the point is to see a changed byte)."""
    return sha256_now(path)


def _pages(items: Iterable, on_page: Callable[[], object] | None = None) -> Iterator[Page]:
    """The pages that have a title (a quarantined page or a file without a title has no row)."""
    for item in items:
        if on_page is not None:
            on_page()
        if isinstance(item, Page) and item.title:
            yield item


def is_group_page(page: Page) -> bool:
    """Public conversion groups (Module:/Template:CGroup/…, MediaWiki:Conversiontable/…):
    kept whole, for `TitleIndex.groups` to parse once per process."""
    return page.namespace in GROUP_NAMESPACES and ("CGroup/" in page.title or "Conversiontable/" in page.title)


@dataclass(frozen=True)
class Facts:
    """What the index keeps of a page's markup."""

    redirect: str | None  # the target as written
    disambig: bool
    infobox: str | None
    categories: list[str]


def wikitext_facts(markup: str) -> Facts:
    redirect = redirect_target(markup)
    if redirect is not None:
        return Facts(redirect, False, None, [])
    return Facts(None, DISAMBIG_CALL.search(markup) is not None, _infobox(markup), _categories(markup))


def markdown_facts(markup: str) -> Facts:
    """Pandoc's rendering keeps categories and redirect lines; templates (the infobox's name, the
    disambiguation notice) are gone."""
    redirect = markdown_redirect_target(markup)
    if redirect is not None:
        return Facts(redirect, False, None, [])
    return Facts(None, False, None, _names(_MD_CATEGORY.finditer(markup)))


FACTS: dict[str, Callable[[str], Facts]] = {"wikitext": wikitext_facts, "pandoc-markdown": markdown_facts}


def page_row(page: Page) -> Row:
    """The index row of one page: cheap regex facts of its format, no parse."""
    title = normalize_title(page.title or "")
    facts = FACTS[page.format](page.markup or "")
    redirect_raw = page.redirect or facts.redirect
    redirect = normalize_title(redirect_raw) if redirect_raw else None
    return Row(
        id=int(page.page_id or 0),
        ns=page.namespace,
        title=title.text,
        fold=fold(title.text),
        redirect=redirect.text if redirect and redirect.text else None,
        fragment=redirect.section if redirect else None,
        disambig=int(not redirect and facts.disambig),
        infobox=None if redirect else facts.infobox,
        categories="\n".join(facts.categories) if not redirect else "",
    )


def _infobox(markup: str) -> str | None:
    """The first infobox template's name; templates are named lazily, up to the first infobox."""
    for m in _TEMPLATE.finditer(markup):
        raw = m.group(1)
        if "box" in raw.lower() or any(word in raw for word in INFOBOX_WORDS):
            name = template_name(raw)
            if INFOBOX.search(name):
                return name
    return None


def _categories(markup: str) -> list[str]:
    return _names(_CATEGORY.finditer(markup))


def _names(matches: Iterable[re.Match]) -> list[str]:
    """Category names, normalized, first occurrence first."""
    seen: dict[str, None] = {}
    for m in matches:
        name = normalize_title(m.group(1)).text
        if name:
            seen.setdefault(name, None)
    return list(seen)
