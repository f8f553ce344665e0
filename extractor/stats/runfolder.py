"""What a run folder says of itself: its manifest (status, options, counts) and errors.jsonl.

A folder without a manifest is a run under way or interrupted: its counts are
unknown (None) and its errors.jsonl, if any, is still read.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..dataset import read_file
from ..fields import parse_fields
from ..rundir import ERRORS, RunDir
from .distribution import ranked

EXAMPLES = 10  # quarantined pages shown by name
MESSAGE_CHARS = 300


def run_figures(folder: Path) -> dict:
    """`status`, `options`, `counts` (the manifest's; None without one) and `quarantine`
    (errors.jsonl: pages by code and by stage, the first few pages)."""
    manifest = RunDir(folder).manifest()
    return {
        "manifest": manifest is not None,
        "status": manifest["status"] if manifest else None,
        "options": manifest.get("options") if manifest else None,
        "counts": manifest.get("counts") if manifest else None,
        "quarantine": _quarantine(folder / ERRORS),
    }


def run_fields(run: dict | None) -> tuple[str, ...] | None:
    """The optional fields the run selected (its manifest's `options.fields`), None when unknown."""
    spec = ((run or {}).get("options") or {}).get("fields")
    return parse_fields(spec) if isinstance(spec, str) else None


def _quarantine(path: Path) -> dict:
    codes: Counter = Counter()
    stages: Counter = Counter()
    examples: list[dict] = []
    if path.is_file():
        for error in read_file(path):
            codes[error["code"]] += 1
            stages[error["stage"]] += 1
            if len(examples) < EXAMPLES:
                examples.append(_example(error))
    return {
        "total": codes.total(),
        "by_code": dict(ranked(codes)),
        "by_stage": dict(ranked(stages)),
        "examples": examples,
    }


def _example(error: dict) -> dict:
    return {
        "code": error["code"],
        "title": error.get("title"),
        "path": (error.get("source") or {}).get("path"),
        "message": error["message"][:MESSAGE_CHARS],
    }
