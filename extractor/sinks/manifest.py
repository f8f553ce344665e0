"""The run manifest: what was read, written and set aside, and with which options.

`Counts` adds up across workers and partitions (datatrove's PipelineStats), and
`reconciles` is the promise that no page was dropped silently.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Counts:
    pages_read: int = 0
    records_written: int = 0
    quarantined_by_code: Counter = field(default_factory=Counter)
    skipped_by_reason: Counter = field(default_factory=Counter)
    warnings_by_code: Counter = field(default_factory=Counter)  # records written with a caveat

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.pages_read + other.pages_read,
            self.records_written + other.records_written,
            self.quarantined_by_code + other.quarantined_by_code,
            self.skipped_by_reason + other.skipped_by_reason,
            self.warnings_by_code + other.warnings_by_code,
        )

    @property
    def quarantined(self) -> int:
        return sum(self.quarantined_by_code.values())

    @property
    def skipped(self) -> int:
        return sum(self.skipped_by_reason.values())

    @property
    def reconciles(self) -> bool:
        return self.pages_read == self.records_written + self.quarantined + self.skipped

    def to_dict(self) -> dict:
        return {
            "pages_read": self.pages_read,
            "records_written": self.records_written,
            "quarantined": self.quarantined,
            "skipped": self.skipped,
            "quarantined_by_code": dict(sorted(self.quarantined_by_code.items())),
            "skipped_by_reason": dict(sorted(self.skipped_by_reason.items())),
            "warnings_by_code": dict(sorted(self.warnings_by_code.items())),
        }

    def warning_summary(self) -> str | None:
        """One line for stderr, or None when the run had no warnings."""
        if not self.warnings_by_code:
            return None
        parts = ", ".join(f"{code}={n}" for code, n in sorted(self.warnings_by_code.items()))
        return f"extractor: warnings: {parts}"


def describe_input(path: Path, shown: str, fmt: str) -> dict:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return {"path": shown, "format": fmt, "sha256": digest.hexdigest(), "bytes": path.stat().st_size}


def write_manifest(path: Path, manifest: dict) -> None:
    text = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    tmp = path.with_name(path.name + ".partial")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
