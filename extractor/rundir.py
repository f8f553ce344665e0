"""The run directory: the one place that knows its layout and its states.

    articles-00000.jsonl …   record shards, cut by size, each written as
                             `<name>.partial` and renamed when complete
    errors.jsonl             quarantined pages (one line each)
    redirects.jsonl          the redirect table of the run's title index
    checkpoint.json          while a run is under way: where to resume from
    manifest.json            written last: options, inputs, shards, counts, status

A folder is *complete* when its manifest says so, *interrupted* when it has a
checkpoint (or partial files) but no manifest. Everything the run writes is
written under a temporary name and renamed, so a crash never leaves a file
that looks whole; `clear` removes exactly the files this layout names.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "manifest.json"
CHECKPOINT = "checkpoint.json"
ERRORS = "errors.jsonl"
REDIRECTS = "redirects.jsonl"
ARTICLES = "articles"  # shard stem: articles-00000.jsonl
PARTIAL = ".partial"
# redirects-<n>.jsonl: one per dump, as earlier runs wrote them (still cleared by --overwrite)
_OURS = re.compile(
    r"^(articles-\d{5}\.[a-z0-9.]+|errors\.jsonl|redirects(-\d+)?\.jsonl|manifest\.json|checkpoint\.json)"
    r"(\.partial)?$"
)


class RunDirError(ValueError):
    """The output folder cannot be used as asked (it holds another run, or nothing to resume)."""


def shard_name(number: int, extension: str) -> str:
    return f"{ARTICLES}-{number:05d}.{extension}"


def partial(path: Path) -> Path:
    return path.with_name(path.name + PARTIAL)


def write_atomic(path: Path, data: bytes) -> None:
    """`data` to `path` through a temporary name, flushed to disk before the rename."""
    tmp = partial(path)
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def write_json(path: Path, obj: dict) -> None:
    write_atomic(path, (json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode())


@dataclass(frozen=True)
class RunDir:
    path: Path

    def ours(self) -> list[Path]:
        """The files of this layout present in the folder, sorted."""
        if not self.path.is_dir():
            return []
        return sorted(p for p in self.path.iterdir() if _OURS.match(p.name))

    def checkpoint(self) -> dict | None:
        file = self.path / CHECKPOINT
        return json.loads(file.read_text(encoding="utf-8")) if file.exists() else None

    def manifest(self) -> dict | None:
        file = self.path / MANIFEST
        return json.loads(file.read_text(encoding="utf-8")) if file.exists() else None

    def prepare(self, *, resume: bool, overwrite: bool) -> dict | None:
        """Make the folder ready; returns the checkpoint to resume from (None: start afresh).

        A folder holding a run's files is refused unless `resume` (continue an
        interrupted run; a complete one is refused, there is nothing to do) or
        `overwrite` (every file of the layout is removed first, nothing stale stays)."""
        found = self.ours()
        if resume:
            if self.manifest() is not None and self.checkpoint() is None:
                raise RunDirError(f"{self.path}: the run there is complete; nothing to resume (use --overwrite)")
            return self.checkpoint()
        if found and not overwrite:
            raise RunDirError(
                f"{self.path} holds another run's output ({found[0].name} …): "
                "pass --resume to continue it or --overwrite to replace it"
            )
        self.clear()
        self.path.mkdir(parents=True, exist_ok=True)
        return None

    def clear(self) -> None:
        for path in self.ours():
            path.unlink()

    def drop_partials(self, keep: set[str] = frozenset()) -> None:
        """Remove temporary files left by an interrupted run, except those named in `keep`."""
        for path in self.ours():
            if path.name.endswith(PARTIAL) and path.name not in keep:
                path.unlink()

    def shards(self) -> list[Path]:
        """The complete record shards, in order."""
        return sorted(p for p in self.ours() if p.name.startswith(ARTICLES + "-") and not p.name.endswith(PARTIAL))
