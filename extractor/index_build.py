"""The title index pre-pass: one streaming read of a dump into an SQLite file.

Every page (all namespaces) becomes one row: id, namespace, normalized title,
its script-folded key, redirect target and fragment, disambiguation flag, first
infobox template and categories. The facts come from regexes on the raw
wikitext, not from the parser: the pre-pass must be cheap next to the full run
(benchmarks/index_speed.py measures it). The file is written under a temporary
name and renamed when complete, so a crashed build never leaves a half index.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .mediawiki import DISAMBIG_CALL, INFOBOX, INFOBOX_WORDS, redirect_target, template_name
from .model import Page
from .normalize.cgroups import MEDIAWIKI_NS, MODULE_NS, TEMPLATE_NS
from .sinks.manifest import file_sha256
from .sources.xml_dump import read_dump
from .titles import fold, normalize_title

INDEX_VERSION = "2"  # 2: conversion-group pages kept in `groups`
_BATCH = 5000
GROUP_NAMESPACES = (MEDIAWIKI_NS, TEMPLATE_NS, MODULE_NS)
_TEMPLATE = re.compile(r"\{\{\s*([^{}|\n<]+?)\s*(?=\||\}\}|\n)")
_CATEGORY = re.compile(r"\[\[\s*(?:category|分类|分類|cat)\s*:\s*([^\]|\n]+)", re.I)

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE groups (title TEXT, ns INTEGER, markup TEXT);
CREATE TABLE pages (
    id INTEGER, ns INTEGER, title TEXT, fold TEXT, redirect TEXT, fragment TEXT,
    disambig INTEGER, infobox TEXT, categories TEXT
);
"""
INDEXES = """
CREATE INDEX pages_title ON pages (title);
CREATE INDEX pages_fold ON pages (fold);
CREATE INDEX pages_redirect ON pages (redirect);
"""


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


def build_index(dump: Path, out: Path, key: str | None = None, on_page: Callable[[], object] | None = None) -> Path:
    """Scan `dump` once and write the index to `out` (atomically); returns `out`.
    `on_page` is called for every page read (progress)."""
    key = key or file_key(dump)
    tmp = out.with_name(f"{out.name}.{os.getpid()}.partial")  # two runs building the same index do not collide
    tmp.unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(tmp)
    try:
        _fill(db, _pages(read_dump(dump, str(dump)), on_page), key, dump)
    finally:
        db.close()
    tmp.replace(out)
    return out


def _fill(db: sqlite3.Connection, pages: Iterable[Page], key: str, dump: Path) -> None:
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    batch: list[tuple] = []
    for page in pages:
        batch.append(page_row(page).values())
        if is_group_page(page):
            db.execute("INSERT INTO groups VALUES (?,?,?)", (page.title, page.namespace, page.markup))
        if len(batch) >= _BATCH:
            db.executemany("INSERT INTO pages VALUES (?,?,?,?,?,?,?,?,?)", batch)
            batch.clear()
    db.executemany("INSERT INTO pages VALUES (?,?,?,?,?,?,?,?,?)", batch)
    db.executescript(INDEXES)
    meta = {"version": INDEX_VERSION, "sha256": key, "dump": dump.name, "bytes": str(dump.stat().st_size)}
    db.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
    db.commit()


def _pages(items: Iterable, on_page: Callable[[], object] | None = None) -> Iterator[Page]:
    for item in items:
        if on_page is not None:
            on_page()
        if isinstance(item, Page) and item.title is not None and item.page_id:
            yield item


def is_group_page(page: Page) -> bool:
    """Public conversion groups (Module:/Template:CGroup/…, MediaWiki:Conversiontable/…):
    kept whole, for `TitleIndex.groups` to parse once per process."""
    return page.namespace in GROUP_NAMESPACES and ("CGroup/" in page.title or "Conversiontable/" in page.title)


def page_row(page: Page) -> Row:
    """The index row of one dump page: cheap regex facts, no parse."""
    title = normalize_title(page.title or "")
    markup = page.markup or ""
    redirect_raw = page.redirect or redirect_target(markup)
    redirect = normalize_title(redirect_raw) if redirect_raw else None
    return Row(
        id=int(page.page_id or 0),
        ns=page.namespace,
        title=title.text,
        fold=fold(title.text),
        redirect=redirect.text if redirect and redirect.text else None,
        fragment=redirect.section if redirect else None,
        disambig=int(not redirect and DISAMBIG_CALL.search(markup) is not None),
        infobox=None if redirect else _infobox(markup),
        categories="\n".join(_categories(markup)) if not redirect else "",
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
    seen: dict[str, None] = {}
    for m in _CATEGORY.finditer(markup):
        name = normalize_title(m.group(1)).text
        if name:
            seen.setdefault(name, None)
    return list(seen)
