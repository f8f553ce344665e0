"""Output formats and compressions, chosen by name (a registry entry each).

An output format has `name`, `extension` and `encode(record) -> bytes`, run in
the worker that made the record; the parent appends the bytes to the current
shard through a compression's `open`. A new format is a module here plus a
registry entry.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path
from typing import IO, Protocol

from .jsonl import Jsonl


class OutputFormat(Protocol):
    name: str
    extension: str

    @staticmethod
    def encode(record: dict) -> bytes: ...


FORMATS: dict[str, OutputFormat] = {"jsonl": Jsonl}


def _plain(path: Path) -> IO[bytes]:
    return open(path, "wb")


class _Gzip(gzip.GzipFile):
    """gzip with mtime 0 and no file name in its header, so the same records give the same
    bytes whatever the file's temporary name; closing it closes the file too."""

    def __init__(self, path: Path) -> None:
        self._raw = open(path, "wb")
        super().__init__(filename="", mode="wb", fileobj=self._raw, mtime=0, compresslevel=6)

    def close(self) -> None:
        super().close()
        self._raw.close()


def _zstd(path: Path) -> IO[bytes]:
    import zstandard

    return zstandard.ZstdCompressor(level=10).stream_writer(open(path, "wb"), closefd=True)


# compression -> (file name suffix, opener)
COMPRESSIONS: dict[str, tuple[str, Callable[[Path], IO[bytes]]]] = {
    "none": ("", _plain),
    "gz": (".gz", _Gzip),
    "zst": (".zst", _zstd),
}


def output_format(name: str) -> OutputFormat:
    if name not in FORMATS:
        raise ValueError(f"unknown output format {name!r}; choose one of {', '.join(FORMATS)}")
    return FORMATS[name]


def opener(compression: str) -> tuple[str, Callable[[Path], IO[bytes]]]:
    if compression not in COMPRESSIONS:
        raise ValueError(f"unknown compression {compression!r}; choose one of {', '.join(COMPRESSIONS)}")
    return COMPRESSIONS[compression]
