"""`extractor validate`: a run directory or JSONL file against schemas/.

For a run directory it also checks that the manifest reconciles with the
files: as many lines in articles.jsonl and errors.jsonl as the counts say.
"""

from __future__ import annotations

import json
from pathlib import Path

from .fields import parse_fields
from .runners.local import ARTICLES, ERRORS, MANIFEST
from .validate import problems


def check_path(path: Path) -> list[str]:
    if path.is_dir():
        return check_run(path)
    if not path.exists():
        raise FileNotFoundError(str(path))
    return check_jsonl(path, "error" if path.name.startswith("errors") else "record")[0]


def check_run(run_dir: Path) -> list[str]:
    manifest = json.loads((run_dir / MANIFEST).read_text(encoding="utf-8"))
    found = [f"{run_dir / MANIFEST}: {p}" for p in problems(manifest, "manifest", reference=True)]
    fields = parse_fields(manifest.get("options", {}).get("fields", "all"))
    more, articles = check_jsonl(run_dir / ARTICLES, "record", fields)
    found += more
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


def check_jsonl(path: Path, kind: str, fields: tuple[str, ...] = ()) -> tuple[list[str], int]:
    """(problems, line count) of a JSONL file of records or quarantine lines, by the reference
    validator. `fields`: the optional record fields required (a lone file: none, as the schema says)."""
    found: list[str] = []
    lines = 0
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            lines += 1
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                found.append(f"{path}:{number}: not JSON: {exc}")
                continue
            found += [f"{path}:{number}: {p}" for p in problems(obj, kind, fields, reference=True)]
    return found, lines
