"""Counts of whole numbers, with exact quantiles and log-scaled bins; the decade of an ISO date.

`Distribution` keeps one count per distinct value (a text length, a number of
categories), not the values themselves: its memory grows with the number of
distinct values, at most the largest value, never with the number of records,
and its quantiles are exact.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

# Log-scaled bin edges: 0, 1, 2, 5, 10, 20, 50, 100 … (each bin is [edge, next edge)).
_STEPS = (1, 2, 5)
_YEAR = re.compile(r"^(-?\d{4})")


@dataclass
class Distribution:
    counts: Counter = field(default_factory=Counter)  # value -> how many times it was added

    def add(self, value: int) -> None:
        self.counts[value] += 1

    def __len__(self) -> int:
        return sum(self.counts.values())

    def quantile(self, p: float) -> int | None:
        """The nearest-rank quantile: the smallest value with at least ceil(p * n) values at or
        below it (so the median of an even count is the lower middle value); None when empty."""
        n = len(self)
        if not n:
            return None
        rank, seen = max(1, math.ceil(p * n)), 0
        for value in sorted(self.counts):
            seen += self.counts[value]
            if seen >= rank:
                return value
        raise AssertionError("unreachable: rank <= n")

    def summary(self) -> dict:
        """count, total, min, median, p90, max (exact) and mean (rounded to 0.1); None values when empty."""
        n, total = len(self), sum(value * count for value, count in self.counts.items())
        return {
            "count": n,
            "total": total,
            "min": min(self.counts) if n else None,
            "median": self.quantile(0.5),
            "p90": self.quantile(0.9),
            "max": max(self.counts) if n else None,
            "mean": round(total / n, 1) if n else None,
        }

    def log_bins(self) -> list[dict]:
        """`{from, to, count}` for the log-scaled bins [from, to) between the first and the last
        non-empty one (empty bins in between kept, with count 0); [] when empty."""
        if not self.counts:
            return []
        edges = log_edges(max(self.counts))
        bins = [{"from": lo, "to": hi, "count": 0} for lo, hi in zip(edges[:-1], edges[1:], strict=True)]
        for value, count in self.counts.items():
            bins[bin_index(edges, value)]["count"] += count
        filled = [i for i, b in enumerate(bins) if b["count"]]
        return bins[filled[0] : filled[-1] + 1]


def log_edges(largest: int) -> list[int]:
    """0, 1, 2, 5, 10, 20, 50 … up to the first edge above `largest`."""
    edges, scale = [0], 1
    while edges[-1] <= largest:
        edges.extend(step * scale for step in _STEPS)
        scale *= 10
    while len(edges) > 2 and edges[-2] > largest:
        edges.pop()
    return edges


def bin_index(edges: list[int], value: int) -> int:
    """The index of the bin [edges[i], edges[i + 1]) holding `value` (value < edges[-1])."""
    return next(i for i in range(len(edges) - 1) if value < edges[i + 1])


def year_of(value: str | None) -> int | None:
    """The astronomical year of an ISO 8601 date value (`-0220-05` -> -220), None for null."""
    match = _YEAR.match(value or "")
    return int(match.group(1)) if match else None


def decade_of(year: int) -> int:
    """The first year of `year`'s decade, astronomical years floored (-220 -> -220, -211 -> -220)."""
    return year // 10 * 10


def fill_decades(counts: Counter) -> list[dict]:
    """`{decade, count}` for every decade from the earliest to the latest counted, zeros included."""
    if not counts:
        return []
    return [{"decade": d, "count": counts.get(d, 0)} for d in range(min(counts), max(counts) + 1, 10)]


def ranked(counts: Counter, top: int | None = None) -> list[list]:
    """`[[name, count], …]` by count, then name (stable for equal counts); the first `top` only."""
    items = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    return [[name, count] for name, count in items[:top]]
