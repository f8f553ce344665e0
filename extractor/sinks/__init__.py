"""Output formats and compressions, chosen by name (a registry entry each).

An output format has `name`, `extension`, `encode(record) -> bytes`, run in
the worker that made the record, and `open(path)`, the parent's writer of a
shard, which takes those bytes one record at a time. A format that is
`compressible` (JSON Lines) may instead be written through a compression's
opener (`--compress gz|zst`, or the format names `jsonl.gz`, `jsonl.zst`);
Parquet compresses its columns itself. A new format is a module here plus a
registry entry.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path
from typing import IO, Protocol

from .jsonl import Jsonl
from .parquet import Parquet


class ShardWriter(Protocol):
    def write(self, data: bytes) -> int: ...

    def close(self) -> None: ...


class OutputFormat(Protocol):
    name: str
    extension: str
    compressible: bool

    @staticmethod
    def encode(record: dict) -> bytes: ...

    @staticmethod
    def open(path: Path) -> ShardWriter: ...


FORMATS: dict[str, OutputFormat] = {"jsonl": Jsonl, "parquet": Parquet}


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


def format_choices() -> list[str]:
    """The names `run --format` takes: each format, and each compressible one with a compression."""
    names = []
    for name, fmt in FORMATS.items():
        names.append(name)
        if fmt.compressible:
            names += [name + suffix for suffix, _ in COMPRESSIONS.values() if suffix]
    return names


def split_format(name: str, compression: str = "none") -> tuple[str, str]:
    """`jsonl.gz` -> (`jsonl`, `gz`); a format given with `--compress` keeps it. A compression
    given twice, or one the format does not take (Parquet), raises ValueError."""
    for key, (suffix, _) in COMPRESSIONS.items():
        if suffix and name.endswith(suffix) and name.removesuffix(suffix) in FORMATS:
            if compression not in ("none", key):
                raise ValueError(f"--format {name} and --compress {compression} disagree")
            name, compression = name.removesuffix(suffix), key
    fmt = output_format(name)
    if compression != "none" and not fmt.compressible:
        raise ValueError(f"--compress {compression} does not apply to {name} (it compresses its columns itself)")
    return name, compression


def shard_opener(fmt: OutputFormat, compression: str) -> tuple[str, Callable[[Path], ShardWriter]]:
    """(file name suffix, opener) of a shard of `fmt` under `compression`."""
    suffix, compressed = opener(compression)
    return suffix, (fmt.open if compression == "none" else compressed)


def output_format(name: str) -> OutputFormat:
    if name not in FORMATS:
        raise ValueError(f"unknown output format {name!r}; choose one of {', '.join(FORMATS)}")
    return FORMATS[name]


def opener(compression: str) -> tuple[str, Callable[[Path], IO[bytes]]]:
    if compression not in COMPRESSIONS:
        raise ValueError(f"unknown compression {compression!r}; choose one of {', '.join(COMPRESSIONS)}")
    return COMPRESSIONS[compression]
