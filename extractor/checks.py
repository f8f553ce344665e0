"""`extractor validate`: a run directory or JSONL file against schemas/.

For a run directory it also checks that the manifest reconciles with the
files: every shard it lists is there with its sha256 and as many records as
it says, errors.jsonl has as many lines as pages were quarantined, and the
counts add up. A folder with a checkpoint but no manifest is an interrupted
run, reported as such.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import IO

from .fields import parse_fields
from .rundir import CHECKPOINT, ERRORS, MANIFEST
from .sinks.manifest import file_sha256
from .validate import problems


def check_path(path: Path) -> list[str]:
    if path.is_dir():
        return check_run(path)
    if not path.exists():
        raise FileNotFoundError(str(path))
    return check_jsonl(path, "error" if path.name.startswith("errors") else "record")[0]


def check_run(run_dir: Path) -> list[str]:
    if not (run_dir / MANIFEST).exists():
        state = "an interrupted run (continue it with run --resume)" if (run_dir / CHECKPOINT).exists() else "no run"
        return [f"{run_dir}: no {MANIFEST}: {state}"]
    manifest = json.loads((run_dir / MANIFEST).read_text(encoding="utf-8"))
    found = [f"{run_dir / MANIFEST}: {p}" for p in problems(manifest, "manifest", reference=True)]
    fields = parse_fields(manifest.get("options", {}).get("fields", "all"))
    articles = 0
    for shard in manifest.get("shards", []):
        more, lines = _check_shard(run_dir, shard, fields)
        found += more
        articles += lines
    more, errors = check_jsonl(run_dir / ERRORS, "error")
    found += more
    counts = manifest.get("counts", {})
    if counts.get("records_written") != articles:
        found.append(f"{run_dir / MANIFEST}: records_written {counts.get('records_written')} but {articles} lines")
    if counts.get("quarantined") != errors:
        found.append(f"{run_dir / MANIFEST}: quarantined {counts.get('quarantined')} but {errors} lines")
    total = sum(counts.get(k, 0) for k in ("records_written", "quarantined", "skipped"))
    if counts.get("pages_read") != total:
        found.append(f"{run_dir / MANIFEST}: pages_read {counts.get('pages_read')} != records + quarantined + skipped")
    return found


def _check_shard(run_dir: Path, shard: dict, fields: tuple[str, ...]) -> tuple[list[str], int]:
    path = run_dir / shard.get("path", "")
    if not path.is_file():
        return [f"{path}: listed in the manifest but missing"], 0
    found = []
    if file_sha256(path) != shard.get("sha256"):
        found.append(f"{path}: sha256 differs from the manifest's (the file changed after the run)")
    more, lines = check_jsonl(path, "record", fields)
    if lines != shard.get("records"):
        found.append(f"{path}: {lines} records but the manifest says {shard.get('records')}")
    return found + more, lines


def check_jsonl(path: Path, kind: str, fields: tuple[str, ...] = ()) -> tuple[list[str], int]:
    """(problems, line count) of a JSONL file of records or quarantine lines, by the reference
    validator. `fields`: the optional record fields required (a lone file: none, as the schema says)."""
    found: list[str] = []
    lines = 0
    with _open_text(path) as f:
        for number, line in enumerate(f, 1):
            lines += 1
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                found.append(f"{path}:{number}: not JSON: {exc}")
                continue
            found += [f"{path}:{number}: {p}" for p in problems(obj, kind, fields, reference=True)]
    return found, lines


def _open_text(path: Path) -> IO[str]:
    """A JSONL file, plain or compressed (.gz, .zst), as text."""
    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    if path.name.endswith(".zst"):
        import io

        import zstandard

        return io.TextIOWrapper(zstandard.ZstdDecompressor().stream_reader(open(path, "rb")), encoding="utf-8")
    return open(path, encoding="utf-8")
