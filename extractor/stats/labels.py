"""How figures are written for people: numbers with separators, shares, bins, decades."""

from __future__ import annotations


def number(value: float | int | None) -> str:
    """1234567 -> `1,234,567`; 2.25 -> `2.2`; None -> `-`."""
    if value is None:
        return "-"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"


def share(part: int, whole: int) -> str:
    """`45.6%`, or `-` when `whole` is 0."""
    return f"{100 * part / whole:.1f}%" if whole else "-"


def span(lo: int, hi: int) -> str:
    """A bin [lo, hi) of whole numbers: `7` when it holds one value, else `1k–2k` (`hi` excluded)."""
    return short(lo) if hi - lo == 1 else f"{short(lo)}–{short(hi)}"


def short(value: int) -> str:
    """Round thousands and millions as `20k`, `1M`; other numbers as `19,999`."""
    for unit, size in (("M", 1_000_000), ("k", 1000)):
        if value >= size and value % size == 0:
            return f"{value // size}{unit}"
    return f"{value:,}"


def decade_label(decade: int) -> str:
    """A decade as its first year written as date values are (astronomical, 4 digits): `1990s`,
    `-0220s` (221 BC to 212 BC)."""
    return f"{decade:05d}s" if decade < 0 else f"{decade:04d}s"
