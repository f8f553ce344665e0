"""Progress on stderr: a tqdm bar on a terminal, a log line every few seconds otherwise
(CI logs, `nohup`), nothing with `-q`. Shows pages, pages/s, MB/s of input when known,
quarantined pages, and an ETA when the number of pages is known.

The clock is read here, in the runner's process, never in the page function.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

_LINE_EVERY = 10.0  # seconds between log lines when stderr is not a terminal


class Progress:
    def __init__(
        self, label: str, mode: str = "auto", total: int | None = None, stream: TextIO | None = None
    ) -> None:
        """`mode`: "auto" (bar on a terminal, else lines), "lines" or "quiet"; `stream` None: stderr."""
        self.label = label
        self.total = total
        self.stream = stream or sys.stderr
        self.count = 0
        self.quarantined = 0
        self.bytes = 0
        self._start = time.monotonic()
        self._last_line = self._start
        if mode == "auto":
            mode = "bar" if stream.isatty() else "lines"
        self.mode = mode
        self._bar = None
        if mode == "bar":
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=label, unit="page", file=stream, dynamic_ncols=True, smoothing=0.05)

    def update(self, pages: int = 1, *, quarantined: int = 0, input_bytes: int = 0) -> None:
        self.count += pages
        self.quarantined += quarantined
        self.bytes += input_bytes
        if self._bar is not None:
            self._bar.update(pages)
            if quarantined or input_bytes:
                self._bar.set_postfix_str(self._postfix(), refresh=False)
        elif self.mode == "lines" and (now := time.monotonic()) - self._last_line >= _LINE_EVERY:
            self._last_line = now
            print(self.line(now), file=self.stream, flush=True)

    def _postfix(self) -> str:
        elapsed = max(time.monotonic() - self._start, 1e-9)
        parts = [f"{self.bytes / elapsed / 1e6:,.1f} MB/s"] if self.bytes else []
        return ", ".join(parts + ([f"{self.quarantined:,} quarantined"] if self.quarantined else []))

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self._start, 1e-9)
        rate = self.count / elapsed
        parts = [f"extractor: {self.label}: {self.count:,} pages", f"{rate:,.0f} pages/s"]
        if self.bytes:
            parts.append(f"{self.bytes / elapsed / 1e6:,.1f} MB/s")
        if self.quarantined:
            parts.append(f"{self.quarantined:,} quarantined")
        if self.total and rate > 0 and self.count < self.total:
            parts.append(f"ETA {_clock((self.total - self.count) / rate)}")
        return ", ".join(parts)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        elif self.mode == "lines" and self.count:
            print(self.line(), file=self.stream, flush=True)


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
