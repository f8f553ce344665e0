"""Run options: one frozen value passed into every call, recorded in the manifest."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .fields import ALL, describe
from .normalize.langconv import VARIANTS


@dataclass(frozen=True)
class Options:
    variant: str = "zh-hans"
    fields: tuple[str, ...] = ALL  # optional record fields produced (extractor.fields); the core always is
    workers: int = 1
    limit: int | None = None  # stop after this many pages (for trials)
    strict: bool = False  # exit 1 when a page was quarantined

    def __post_init__(self) -> None:
        if self.variant not in VARIANTS:
            raise ValueError(f"unknown variant {self.variant!r}; choose one of {', '.join(VARIANTS)}")
        if self.workers < 1:
            raise ValueError("workers must be >= 1")

    def to_dict(self) -> dict:
        """The options that shape the records (not how the run was scheduled)."""
        return {"variant": self.variant, "fields": describe(self.fields), "limit": self.limit}

    def replace(self, **changes) -> Options:
        return Options(**{**asdict(self), **changes})
