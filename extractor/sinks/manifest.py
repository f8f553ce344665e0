"""The run manifest: what was read, written and set aside, and with which options.

`Counts` adds up across workers and partitions (datatrove's PipelineStats), and
`reconciles` is the promise that no page was dropped silently.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
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

    @classmethod
    def from_dict(cls, counts: dict) -> Counts:
        """The inverse of `to_dict` (a checkpoint's counts)."""
        return cls(
            counts["pages_read"],
            counts["records_written"],
            Counter(counts["quarantined_by_code"]),
            Counter(counts["skipped_by_reason"]),
            Counter(counts["warnings_by_code"]),
        )

    def warning_summary(self) -> str | None:
        """One line for stderr, or None when the run had no warnings."""
        if not self.warnings_by_code:
            return None
        parts = ", ".join(f"{code}={n}" for code, n in sorted(self.warnings_by_code.items()))
        return f"extractor: warnings: {parts}"


def describe_input(path: Path, shown: str, fmt: str) -> dict:
    """One given input: a file by its sha256; a folder by its listing (each article file's
    relative path and size, hashed in walk order), which says what was read without
    reading hundreds of thousands of files twice."""
    if path.is_dir():
        from ..sources import find_inputs  # the walk the run itself does

        listing, files, size = hashlib.sha256(), 0, 0
        for file, _ in find_inputs([str(path)]):
            bytes_ = file.stat().st_size
            listing.update(f"{file.relative_to(path)}\t{bytes_}\n".encode())
            files, size = files + 1, size + bytes_
        return {"path": shown, "format": "directory", "sha256": listing.hexdigest(), "bytes": size, "files": files}
    return {"path": shown, "format": fmt, "sha256": file_sha256(path), "bytes": path.stat().st_size}


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes, computed once per process for the same file (size and mtime)."""
    stat = path.stat()
    return _sha256(str(path.resolve()), stat.st_size, stat.st_mtime_ns)


def sha256_now(path: Path | str) -> str:
    """sha256 of a file's bytes, read now (for a file just written, or to see a changed byte)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=64)
def _sha256(path: str, size: int, mtime_ns: int) -> str:
    return sha256_now(path)
