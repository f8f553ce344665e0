"""Run options: frozen values passed into every call, recorded in the manifest.

`Options` shapes the records (every worker and partition gets it); `RunConfig`
says how a run is scheduled and written (workers, bounds, shards, resume), and
changes the bytes of no record.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass

from .fields import ALL, describe
from .normalize.langconv import VARIANTS
from .normalize.rules import LEVELS, SCOPES


@dataclass(frozen=True)
class Options:
    variant: str = "zh-hans"
    fields: tuple[str, ...] = ALL  # optional record fields produced (extractor.fields); the core always is
    namespaces: tuple[int, ...] = (0,)  # pages of other namespaces are counted as skipped
    workers: int = 1
    limit: int | None = None  # stop after this many pages (for trials)
    strict: bool = False  # exit 1 when a page was quarantined
    rule_scope: str = "position"  # normalize.rules.SCOPES: page rules apply from where they stand (MediaWiki)
    rule_levels: str = "explicit"  # normalize.rules.LEVELS: which variants take a page's bidirectional rules

    def __post_init__(self) -> None:
        if self.variant not in VARIANTS:
            raise ValueError(f"unknown variant {self.variant!r}; choose one of {', '.join(VARIANTS)}")
        if self.rule_scope not in SCOPES:
            raise ValueError(f"unknown rule scope {self.rule_scope!r}; choose one of {', '.join(SCOPES)}")
        if self.rule_levels not in LEVELS:
            raise ValueError(f"unknown rule levels {self.rule_levels!r}; choose one of {', '.join(LEVELS)}")
        if self.workers < 1:
            raise ValueError("workers must be >= 1")

    def to_dict(self) -> dict:
        """The options that shape the records (not how the run was scheduled)."""
        shaped = {"variant": self.variant, "fields": describe(self.fields), "limit": self.limit}
        if self.namespaces != (0,):
            shaped["namespaces"] = list(self.namespaces)
        for name in ("rule_scope", "rule_levels"):  # named only when not the default
            if getattr(self, name) != getattr(Options, name):
                shaped[name] = getattr(self, name)
        return shaped

    def replace(self, **changes) -> Options:
        return Options(**{**asdict(self), **changes})


@dataclass(frozen=True)
class RunConfig:
    output: str = "jsonl"  # sinks.FORMATS
    compression: str = "none"  # sinks.COMPRESSIONS
    shard_size: int = 256 << 20  # bytes of records per shard before it is cut (uncompressed)
    page_timeout: float | None = 10.0  # seconds per page; None: unbounded
    memory_mb: int | None = 4096  # per worker, above its start; None: unbounded
    resume: bool = False
    overwrite: bool = False
    progress: str = "auto"  # "auto" (a bar on a terminal, lines otherwise) | "lines" | "quiet"
    verbose: bool = False

    def __post_init__(self) -> None:
        if self.shard_size < 1:
            raise ValueError("shard size must be positive")
        if self.resume and self.overwrite:
            raise ValueError("--resume and --overwrite exclude each other")


def default_workers() -> int:
    """The cores this process may use (its CPU affinity, not the machine's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
