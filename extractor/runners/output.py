"""The parent's side of a run: routed outcomes into shards, the error file, checkpoints.

Records go to `articles-NNNNN.<ext>` shards, cut after the record that takes
a shard past `shard_size` bytes (uncompressed), so the cut points depend on
the records alone. When a shard is complete it is renamed into place and a
checkpoint is written: the input position after its last page, the shards so
far, the error file's length and the counts. Resuming from a checkpoint
truncates the error file to that length and redoes the pages after the
position, so an interrupted and resumed run writes the same bytes as an
uninterrupted one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from ..rundir import CHECKPOINT, ERRORS, RunDir, partial, shard_name, write_json
from ..sinks import OutputFormat, ShardWriter, shard_opener
from ..sinks.manifest import Counts, sha256_now
from .base import ERROR, RECORD, Routed

DEFAULT_SHARD_SIZE = 256 << 20


class RunOutput:
    def __init__(
        self,
        run_dir: RunDir,
        fmt: OutputFormat,
        compression: str,
        shard_size: int,
        identity: dict,
        checkpoint: dict | None = None,
    ) -> None:
        """`identity`: what makes a run the same run (options, inputs); a checkpoint of another is refused."""
        self.dir = run_dir
        self.fmt = fmt
        self.suffix, self._open = shard_opener(fmt, compression)
        self.shard_size = shard_size
        self.identity = identity
        self.counts = Counts()
        self.shards: list[dict] = []
        self.position = (0, 0)
        errors_length = 0
        if checkpoint is not None:
            errors_length = self._restore(checkpoint)
        self.dir.drop_partials(keep={ERRORS + ".partial"})
        self._errors = _reopen(partial(run_dir.path / ERRORS), errors_length)
        self._shard: ShardWriter | None = None
        self._shard_bytes = 0
        self._shard_records = 0

    def _restore(self, checkpoint: dict) -> int:
        if checkpoint.get("identity") != self.identity:
            raise ValueError(f"{self.dir.path}: the interrupted run there had other inputs or options; "
                             "rerun with the same ones, or --overwrite")
        self.counts = Counts.from_dict(checkpoint["counts"])
        self.shards = checkpoint["shards"]
        self.position = tuple(checkpoint["position"])
        return checkpoint["errors_bytes"]

    @property
    def _shard_path(self) -> Path:
        return self.dir.path / (shard_name(len(self.shards), self.fmt.extension) + self.suffix)

    def add(self, split: int, item: int, routed: Routed) -> None:
        """One page's outcome, in input order; `(split, item)` is where it came from."""
        self.counts.pages_read += 1
        if routed.kind == RECORD:
            self._write_record(routed.data)
            self.counts.warnings_by_code.update(routed.warnings)
        elif routed.kind == ERROR:
            self._errors.write(routed.data)
            self.counts.quarantined_by_code[routed.code] += 1
        else:
            self.counts.skipped_by_reason[routed.code] += 1
        self.position = (split, item + 1)
        if self._shard_bytes >= self.shard_size:
            self._close_shard()

    def _write_record(self, data: bytes) -> None:
        if self._shard is None:
            self._shard = self._open(partial(self._shard_path))
        self._shard.write(data)
        self._shard_bytes += len(data)
        self._shard_records += 1
        self.counts.records_written += 1

    def _close_shard(self) -> None:
        path = self._shard_path
        self._shard.close()
        os.replace(partial(path), path)
        self.shards.append({"path": path.name, "records": self._shard_records, **_digest(path)})
        self._shard, self._shard_bytes, self._shard_records = None, 0, 0
        self._checkpoint()

    def _checkpoint(self) -> None:
        self._errors.flush()
        os.fsync(self._errors.fileno())
        write_json(self.dir.path / CHECKPOINT, {
            "identity": self.identity,
            "position": list(self.position),
            "shards": self.shards,
            "errors_bytes": self._errors.tell(),
            "counts": self.counts.to_dict(),
        })

    def finish(self) -> list[dict]:
        """Close the last shard and the error file; returns the shards for the manifest.
        The checkpoint stays until the caller has written the manifest (`done`)."""
        if self._shard is not None:
            self._close_shard()
        self._errors.close()
        os.replace(partial(self.dir.path / ERRORS), self.dir.path / ERRORS)
        return self.shards

    def done(self) -> None:
        (self.dir.path / CHECKPOINT).unlink(missing_ok=True)

    def abandon(self) -> None:
        """An interrupted run: what is complete stays, with its checkpoint, for --resume."""
        if self._shard is not None:
            self._shard.close()
        self._errors.close()


def _reopen(path: Path, length: int) -> IO[bytes]:
    """The error file as it was at the checkpoint (`length` bytes), open for appending."""
    f = open(path, "r+b" if path.exists() else "w+b")
    f.truncate(length)
    f.seek(length)
    return f


def _digest(path: Path) -> dict:
    return {"bytes": path.stat().st_size, "sha256": sha256_now(path)}



