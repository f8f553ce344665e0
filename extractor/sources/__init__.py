"""Input formats: one reader module each, chosen by file name (a registry entry per format).

A reader is `read(path, shown) -> Iterator[Page | Quarantine]`; `shown` is the
path as the user gave it, recorded in every record's `source.path`. A format
whose file holds many pages (a dump) also has a splitter that cuts it into
independent splits (`sources.splits`); single-article files are batched with
their neighbours instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model import Page, Quarantine
from .files import read_markdown, read_text, read_wikitext
from .multistream import plan_ranges
from .splits import Split, batched_files, batched_pages
from .xml_dump import read_dump

Reader = Callable[[Path, str], Iterator[Page | Quarantine]]
Splitter = Callable[[Path, str], Iterator[Split]]


def split_dump(path: Path, shown: str) -> Iterator[Split]:
    """A multistream dump with its index: byte ranges each worker reads on its own (sources.multistream).
    Any other dump, or one whose index does not match it (a warning is logged): read in order by the
    caller and handed out in batches of pages. Both give the same pages in the same order."""
    ranges = plan_ranges(path, shown)
    return iter(ranges) if ranges is not None else batched_pages(read_dump(path, shown))


@dataclass(frozen=True)
class InputFormat:
    name: str
    read: Reader
    split: Splitter | None = None  # None: one article per file

    @property
    def is_dump(self) -> bool:
        return self.split is not None


DUMP = InputFormat("dump", read_dump, split_dump)
WIKITEXT = InputFormat("wikitext", read_wikitext)
MARKDOWN = InputFormat("markdown", read_markdown)
TEXT = InputFormat("text", read_text)

# Longest suffix first: `.xml.bz2` before `.bz2`.
REGISTRY: dict[str, InputFormat] = {
    ".xml.bz2": DUMP,
    ".xml.gz": DUMP,
    ".xml": DUMP,
    ".wiki": WIKITEXT,
    ".wikitext": WIKITEXT,
    ".mediawiki": WIKITEXT,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".txt": TEXT,
}


def format_for(path: Path) -> InputFormat | None:
    name = path.name.lower()
    for suffix, fmt in REGISTRY.items():
        if name.endswith(suffix):
            return fmt
    return None


def reader_for(path: Path) -> Reader | None:
    fmt = format_for(path)
    return fmt.read if fmt else None


def splits_of(files: Iterable[tuple[Path, str]]) -> Iterator[Split]:
    """Every input's splits in input order: dumps by their splitter, runs of article files batched."""
    pending: list[tuple[Path, str]] = []
    for path, shown in files:
        fmt = format_for(path)
        if fmt is not None and fmt.is_dump:
            yield from batched_files(iter(pending))
            pending = []
            yield from fmt.split(path, shown)
        else:
            pending.append((path, shown))
            if len(pending) >= 4096:
                yield from batched_files(iter(pending))
                pending = []
    yield from batched_files(iter(pending))


@dataclass(frozen=True)
class InputFiles:
    """Every input file of `inputs` (`find_inputs`' paths), listed afresh each time it is iterated:
    a folder of a million files is walked again rather than held as a list."""

    inputs: tuple[str, ...]

    def __iter__(self) -> Iterator[Path]:
        return (path for path, _ in find_inputs(list(self.inputs)))


def find_inputs(inputs: list[str]) -> Iterator[tuple[Path, str]]:
    """Every article file under `inputs`, in a stable order, with the path to show for it.

    Directories are walked lazily, each folder's entries sorted by name, so a
    folder of hundreds of thousands of files starts at once and memory holds
    one folder's listing at a time. Hidden files and README / SOURCES /
    LICENSE files are skipped; a file named explicitly is always read.
    Raises FileNotFoundError (before yielding anything) for an input that
    does not exist: a typo must not become an empty, successful run.
    """
    for given in inputs:
        if not os.path.exists(given):
            raise FileNotFoundError(2, "No such file or directory", given)
    return _walk_inputs(inputs)


def _walk_inputs(inputs: list[str]) -> Iterator[tuple[Path, str]]:
    for given in inputs:
        root = Path(given)
        if root.is_dir():
            for path in _walk(root):
                if format_for(path) and not _hidden(path, root):
                    yield path, str(root / path.relative_to(root))
        else:
            yield root, given


def _walk(folder: Path) -> Iterator[Path]:
    """Files under `folder`, depth first, names sorted within each folder (as `sorted(rglob)` orders paths)."""
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda e: e.name)
    for entry in entries:
        if entry.is_dir(follow_symlinks=True):
            yield from _walk(Path(entry.path))
        elif entry.is_file(follow_symlinks=True):
            yield Path(entry.path)


# Documentation files that sit beside articles in corpora (raw/SOURCES.md).
_DOC_FILES = frozenset({"readme", "sources", "license", "licence", "changelog", "notice", "authors"})


def _hidden(path: Path, root: Path) -> bool:
    """Hidden files and folders, and documentation files, are not articles."""
    if path.name.split(".")[0].lower() in _DOC_FILES:
        return True
    return any(part.startswith(".") for part in path.relative_to(root).parts)
