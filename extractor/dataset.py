"""Reading what runs wrote: records from a run folder or from files, whatever the format.

`record_files(path)` names the record files of a run folder (the shards its
manifest lists, in order; `articles-*` files when there is no manifest) or
the file itself; `read_records(path)` yields the records as dicts, the same
dicts whether the shard is JSON Lines (plain, `.gz`, `.zst`) or Parquet
(free-key objects converted back, `arrow.from_arrow`). `extractor validate`,
`diff` and `stats` read through here.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import orjson

from .rundir import ARTICLES, ERRORS, MANIFEST, RunDir

PARQUET = ".parquet"
RECORD_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", PARQUET)


def record_files(path: Path) -> list[Path]:
    """The record files of `path`: a run folder's shards in order, or `path` itself."""
    if not path.is_dir():
        if not path.exists():
            raise FileNotFoundError(str(path))
        return [path]
    manifest = RunDir(path).manifest()
    if manifest is not None:
        return [path / shard["path"] for shard in manifest.get("shards", [])]
    return sorted(p for p in path.glob(f"{ARTICLES}-*") if not p.name.endswith(".partial"))


def read_records(path: Path) -> Iterator[dict]:
    """Every record of a run folder or a record file, in order."""
    for file in record_files(path):
        yield from read_file(file)


def read_file(path: Path) -> Iterator[dict]:
    """The objects of one file: a Parquet file's rows, or a JSON Lines file's lines.
    Blank lines are passed over; a line that is not JSON raises ValueError naming the file and line."""
    if path.name.endswith(PARQUET):
        yield from _parquet_rows(path)
        return
    with open_text(path) as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                yield orjson.loads(line)  # ~10x json.loads on full records
            except orjson.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON: {exc}") from None


def is_records(path: Path) -> bool:
    """A file of records by its name (a shard of any format `run` writes), not an article file."""
    return path.name.endswith(RECORD_SUFFIXES)


def kind_of(path: Path) -> str:
    """What a file holds, by its name: `manifest`, `error` (errors.jsonl) or `record`."""
    if path.name == MANIFEST:
        return "manifest"
    if path.name.startswith(ERRORS.removesuffix(".jsonl")):
        return "error"
    return "record"


def open_text(path: Path) -> IO[str]:
    """A JSON Lines file, plain or compressed (.gz, .zst), as UTF-8 text."""
    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    if path.name.endswith(".zst"):
        import zstandard

        return io.TextIOWrapper(zstandard.ZstdDecompressor().stream_reader(open(path, "rb")), encoding="utf-8")
    return open(path, encoding="utf-8")


def _parquet_rows(path: Path) -> Iterator[dict]:
    import pyarrow.parquet as pq

    from .arrow import from_arrow

    with pq.ParquetFile(path) as f:
        for batch in f.iter_batches(batch_size=1024):
            for row in batch.to_pylist():
                yield from_arrow(row)
