"""`extractor validate`: run folders and files against schemas/ and their own offsets.

A path is a run folder, a record file (JSON Lines, plain, `.gz` or `.zst`, or
Parquet), an error file (`errors.jsonl`) or a manifest (`manifest.json`),
recognised by name. Every record is checked by the reference validator
against the schema of its `schema_version`, held to its run's `--fields`
(from the manifest; a lone file: as its records say), and every span of every
kind is checked against its text (`validate.span_problems`). For a run folder
the manifest is checked against the files: every shard it lists is there with
its sha256 and as many records as it says, errors.jsonl has as many lines as
pages were quarantined, and the counts add up. A folder with a checkpoint but
no manifest is an interrupted run, reported as such.

`Report` keeps every problem (`file:line: path: message`), the records seen by
schema version, and a summary grouped by error path (`entities/*/mentions/*`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from .dataset import PARQUET, kind_of, open_text, read_file
from .fields import OPTIONAL, parse_fields
from .rundir import CHECKPOINT, ERRORS, MANIFEST
from .sinks.manifest import file_sha256
from .validate import problems


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    by_path: Counter = field(default_factory=Counter)  # error path with indices as `*` -> problems
    versions: Counter = field(default_factory=Counter)  # schema_version -> records
    records: int = 0
    invalid_records: int = 0

    def add(self, where: str, found: list[str]) -> None:
        """`found`: `path: message` problems of one object at `where` (`file:line`)."""
        for problem in found:
            self.problems.append(f"{where}: {problem}")
            self.by_path[_group(problem)] += 1

    def summary(self) -> list[str]:
        versions = ", ".join(f"{n} of schema_version {v!r}" for v, n in sorted(self.versions.items(), key=str))
        lines = [f"{self.records} records ({versions or 'none'}), {self.invalid_records} invalid, "
                 f"{len(self.problems)} problems"]
        lines += [f"  {count:>7}  {path}" for path, count in self.by_path.most_common()]
        return lines


def check_path(path: Path, report: Report | None = None) -> Report:
    report = report if report is not None else Report()
    if path.is_dir():
        check_run(path, report)
    elif not path.exists():
        raise FileNotFoundError(str(path))
    elif kind_of(path) == "manifest":
        _check_manifest_file(path, report)
    else:
        check_file(path, kind_of(path), report)
    return report


def check_run(run_dir: Path, report: Report) -> None:
    if not (run_dir / MANIFEST).exists():
        state = "an interrupted run (continue it with run --resume)" if (run_dir / CHECKPOINT).exists() else "no run"
        report.add(str(run_dir), [f"{MANIFEST}: missing: {state}"])
        return
    manifest = _check_manifest_file(run_dir / MANIFEST, report)
    if manifest is None:
        return
    fields = parse_fields(manifest.get("options", {}).get("fields", "all"))
    articles = sum(_check_shard(run_dir, shard, fields, report) for shard in manifest.get("shards", []))
    errors = check_file(run_dir / ERRORS, "error", report)
    counts = manifest.get("counts", {})
    where = str(run_dir / MANIFEST)
    if counts.get("records_written") != articles:
        report.add(where, [f"counts/records_written: {counts.get('records_written')} but the shards hold {articles}"])
    if counts.get("quarantined") != errors:
        report.add(where, [f"counts/quarantined: {counts.get('quarantined')} but {ERRORS} has {errors} lines"])
    total = sum(counts.get(k, 0) for k in ("records_written", "quarantined", "skipped"))
    if counts.get("pages_read") != total:
        read = counts.get("pages_read")
        report.add(where, [f"counts/pages_read: {read} != records + quarantined + skipped ({total})"])


def _check_manifest_file(path: Path, report: Report) -> dict | None:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        report.add(str(path), [f"(manifest): not JSON: {exc}"])
        return None
    report.add(str(path), problems(manifest, "manifest", reference=True))
    return manifest


def _check_shard(run_dir: Path, shard: dict, fields: tuple[str, ...], report: Report) -> int:
    path = run_dir / shard.get("path", "")
    if not path.is_file():
        report.add(str(path), ["(shard): listed in the manifest but missing"])
        return 0
    if file_sha256(path) != shard.get("sha256"):
        report.add(str(path), ["(shard): sha256 differs from the manifest's (the file changed after the run)"])
    lines = check_file(path, "record", report, fields)
    if lines != shard.get("records"):
        report.add(str(path), [f"(shard): {lines} records but the manifest says {shard.get('records')}"])
    return lines


def check_file(path: Path, kind: str, report: Report, fields: tuple[str, ...] | None = None) -> int:
    """Check every object of a record or error file; returns how many there are. `fields`: the
    optional record fields the run selected (None: a lone file, held to what its records carry)."""
    count = 0
    for number, obj in _objects(path, kind, report):
        count += 1
        found = problems(obj, kind, _fields_of(obj) if fields is None else fields, reference=True)
        report.add(f"{path}:{number}", found)
        if kind == "record":
            report.records += 1
            report.versions[obj.get("schema_version") if isinstance(obj, dict) else None] += 1
            report.invalid_records += bool(found)
    return count


def _objects(path: Path, kind: str, report: Report):
    """(line or row number, object) of a file; a line that is not JSON is reported and counted."""
    if path.name.endswith(PARQUET):
        yield from enumerate(read_file(path), 1)
        return
    with open_text(path) as f:
        for number, line in enumerate(f, 1):
            try:
                yield number, orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                report.add(f"{path}:{number}", [f"(line): not JSON: {exc}"])
                if kind == "record":
                    report.records += 1
                    report.invalid_records += 1


def _fields_of(obj) -> tuple[str, ...]:
    """A lone record's selection: version 2 records say it (null = not selected); version 1: present."""
    if not isinstance(obj, dict):
        return ()
    if obj.get("schema_version") == "1":
        return tuple(name for name in OPTIONAL if name in obj)
    return tuple(name for name in OPTIONAL if obj.get(name) is not None or name == "infobox")


_INDEX = re.compile(r"(?<=/)\d+(?=/|$)|^\d+(?=/|$)")


def _group(problem: str) -> str:
    """`entities/3/mentions/0: …` -> `entities/*/mentions/*`."""
    return _INDEX.sub("*", problem.split(": ", 1)[0])
