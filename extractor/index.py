"""The title index, read side: which pages exist, where redirects lead, what a page is.

A `TitleIndex` opens the SQLite file that `index_build` wrote, read-only, so
every worker process can open the same file by path. Memory stays bounded:
nothing is loaded up front; each title is a query, and recent answers are kept
in an LRU cache. Titles are looked up exactly first, then by their
script-folded key (`titles.fold`), so 太空組織 finds 太空组织.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from .index_build import INDEX_VERSION, build_index, file_key
from .model import Page
from .normalize.cgroups import collect_groups
from .normalize.rules import PageRules
from .titles import fold

MAX_HOPS = 8  # MediaWiki itself follows one hop; chains longer than this are broken data
_CACHE = 1 << 12  # lookups kept per index: links are Zipfian; a bound keeps memory flat
_COLUMNS = "id, ns, title, redirect, fragment, disambig, infobox, categories"


@dataclass(frozen=True)
class PageInfo:
    id: int
    ns: int
    title: str
    redirect: str | None
    fragment: str | None
    disambig: bool
    infobox: str | None
    categories: tuple[str, ...]


@dataclass(frozen=True)
class Resolution:
    """Where a title leads. `page` is the final page (None: missing, or a chain that loops);
    `title` the last title reached; `redirect_from` the first title when a redirect was followed."""

    page: PageInfo | None
    title: str
    redirect_from: str | None


class TitleIndex:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self.lookup = lru_cache(maxsize=_CACHE)(self._lookup)
        self.redirects_to = lru_cache(maxsize=_CACHE)(self._redirects_to)

    def close(self) -> None:
        self._db.close()

    @cached_property
    def groups(self) -> dict[str, PageRules]:
        """The dump's public conversion groups, parsed once per process."""
        rows = self._db.execute("SELECT title, ns, markup FROM groups ORDER BY title, ns")
        return collect_groups(Page(markup=m, format="wikitext", path="", title=t, namespace=n) for t, n, m in rows)

    def count(self) -> int:
        return self._db.execute("SELECT count(*) FROM pages").fetchone()[0]

    def meta(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, value FROM meta"))

    def _lookup(self, title: str) -> PageInfo | None:
        """The page called `title` (any namespace prefix included), exactly or script-folded."""
        row = self._db.execute(f"SELECT {_COLUMNS} FROM pages WHERE title = ? LIMIT 1", (title,)).fetchone()
        if row is None:
            query = f"SELECT {_COLUMNS} FROM pages WHERE fold = ? ORDER BY redirect IS NOT NULL, id LIMIT 1"
            row = self._db.execute(query, (fold(title),)).fetchone()
        return _info(row) if row else None

    def _redirects_to(self, title: str) -> tuple[str, ...]:
        """Titles of article redirects that point straight at `title`."""
        query = "SELECT title FROM pages WHERE redirect = ? AND ns = 0 ORDER BY title LIMIT 200"
        return tuple(r[0] for r in self._db.execute(query, (title,)))

    def resolve(self, title: str) -> Resolution:
        """Follow redirects from `title` to the final page; cycles and long chains end as missing."""
        page = self.lookup(title)
        if page is None or page.redirect is None:
            return Resolution(page, page.title if page else title, None)
        first, seen = page.title, {page.title}
        while page is not None and page.redirect is not None:
            target = page.redirect
            if target in seen or len(seen) > MAX_HOPS:
                return Resolution(None, target, first)
            seen.add(target)
            page = self.lookup(target)
        return Resolution(page, page.title if page else target, first)

    def redirects(self) -> Iterator[dict]:
        """The redirect table: from, to, final (null when the chain leads nowhere), ordered by title."""
        query = "SELECT title, redirect FROM pages WHERE redirect IS NOT NULL ORDER BY title"
        for source, target in self._db.execute(query):
            final = self.resolve(source).page
            yield {"from": source, "to": target, "final": final.title if final else None}


def _info(row: tuple) -> PageInfo:
    ident, ns, title, redirect, fragment, disambig, infobox, categories = row
    cats = tuple(categories.split("\n")) if categories else ()
    return PageInfo(ident, ns, title, redirect, fragment, bool(disambig), infobox, cats)


def write_redirects(index: TitleIndex, out: Path) -> int:
    """Export the redirect table as JSON lines (written whole, then renamed); returns the count."""
    tmp = out.with_name(out.name + ".partial")
    count = 0
    with open(tmp, "w", encoding="utf-8") as f:
        for row in index.redirects():
            f.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    tmp.replace(out)
    return count


def cache_dir() -> Path:
    """Where indexes are kept between runs: $EXTRACTOR_CACHE, else the user's cache folder."""
    if os.environ.get("EXTRACTOR_CACHE"):
        return Path(os.environ["EXTRACTOR_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "extractor"


def ensure_index(dump: Path, where: Path | None = None, on_page: Callable[[], object] | None = None) -> Path:
    """The index of `dump`, built unless a complete one for the same bytes is cached
    (`on_page`: called for each page read while building)."""
    key = file_key(dump)
    path = (where or cache_dir()) / f"titles-{key[:20]}.sqlite"
    if not _usable(path, key):
        build_index(dump, path, key, on_page)
    return path


def _usable(path: Path, key: str) -> bool:
    if not path.exists():
        return False
    try:
        index = TitleIndex(path)
        meta = index.meta()
        index.close()
    except sqlite3.Error:
        return False
    return meta.get("sha256") == key and meta.get("version") == INDEX_VERSION


@lru_cache(maxsize=8)
def open_index(path: str) -> TitleIndex:
    """One read-only connection per index file per process (workers open by path)."""
    return TitleIndex(Path(path))
