"""Splits: units of input a worker reads and processes on its own.

A run's inputs become an ordered stream of splits; every runner (local
processes, Spark) hands splits to workers and puts their outcomes back in
split order, so the output never depends on the worker count. A split is
small and picklable: it carries either the pages themselves (read by the
parent from a sequential stream such as a plain `.xml.bz2`) or where to find
them (article files, or a byte range of a multistream dump that the worker
decompresses itself). `read()` yields every page of the split, or a
Quarantine for what could not be read, in input order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..model import Page, Quarantine

Item = Page | Quarantine
BATCH = 64  # pages (or article files) per split: large enough to amortise a hand-off, small for balance


class Split(Protocol):
    def read(self) -> Iterator[Item]:
        """The split's pages in input order (a Quarantine for what cannot be read)."""
        ...


@dataclass(frozen=True)
class Pages:
    """Pages already read by the parent (sequential inputs)."""

    items: tuple[Item, ...]

    def read(self) -> Iterator[Item]:
        return iter(self.items)


@dataclass(frozen=True)
class Files:
    """Article files, each read by its format's reader in the worker: `(path, shown)` pairs."""

    files: tuple[tuple[str, str], ...]

    def read(self) -> Iterator[Item]:
        from . import reader_for  # the registry imports this module

        for path, shown in self.files:
            yield from reader_for(Path(path))(Path(path), shown)


def batched_pages(items: Iterator[Item], size: int = BATCH) -> Iterator[Pages]:
    """A sequential stream cut into `Pages` splits of `size` items."""
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield Pages(tuple(batch))
            batch = []
    if batch:
        yield Pages(tuple(batch))


def batched_files(files: Iterator[tuple[Path, str]], size: int = BATCH) -> Iterator[Files]:
    """Article files cut into `Files` splits of `size` files."""
    batch: list[tuple[str, str]] = []
    for path, shown in files:
        batch.append((str(path), shown))
        if len(batch) == size:
            yield Files(tuple(batch))
            batch = []
    if batch:
        yield Files(tuple(batch))
