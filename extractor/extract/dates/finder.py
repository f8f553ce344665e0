"""`find_dates`: one regex scan, context rules, then one left-to-right pass
that gives bare 月日 their year from the document itself.

Value conventions (ISO 8601, astronomical years, always 4 digits):
  2005年10月28日 -> "2005-10-28" day     公元前221年 -> "-0220" year
  1990年代 / 90年代 -> "1990" decade     20世纪 -> "1901" century
  前3世纪 -> "-0299" century (300 BC, the first year of that century)
A bare 月 / 月日 takes its year from the most recent date with an explicit year
before it (never from today's date); with none, or when that year cannot be
trusted (after 康熙七年（1668年）, 甲子年, 農曆), its value is None.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...model import DateMention
from .numerals import ascii_digits
from .patterns import DATE_RE, ERA_GLOSS_END, LUNAR, RANGE_JOINER
from .rules import Candidate, candidate, valid_day

_LUNAR = frozenset(LUNAR.split("|"))
_YEAR_OFFSET = {
    "次年": 1,
    "翌年": 1,
    "隔年": 1,
    "明年": 1,
    "第二年": 1,
    "去年": -1,
    "上年": -1,
}  # every other relative word (同年, 當年, 是年...) means the same year
_RECURRING = frozenset(["每年", "年年", "逢年"])


def iso(year: int, month: int | None = None, day: int | None = None) -> str:
    """-220 -> "-0220"; (2005, 10, 28) -> "2005-10-28"."""
    value = f"-{-year:04d}" if year < 0 else f"{year:04d}"
    if month is not None:
        value += f"-{month:02d}"
    if day is not None:
        value += f"-{day:02d}"
    return value


@dataclass
class _Last:
    """The previous returned date, for a range's second half (1月至3月)."""

    end: int
    year: int | None
    month: int | None
    day: int | None


class _Anchors:
    """Left-to-right state: the year bare dates inherit, and the last date."""

    def __init__(self, scan: str, text: str) -> None:
        self.scan, self.text = scan, text
        self.year: int | None = None
        self.last: _Last | None = None
        self.ends: set[int] = set()  # where returned explicit-year dates end

    def take(self, c: Candidate) -> DateMention | None:
        """Turn one candidate into a mention (or None), updating the state."""
        if c.kind == "unknown_year":
            self.year, self.last = None, None
            return None
        if c.kind in ("century", "decade"):
            self.last = None
            return self.mention(c, iso(c.year), c.kind)
        if c.kind == "bare_day":
            return self.range_day(c)
        if c.kind == "month_day":
            return self.month_day(c)
        self.year = c.year
        self.ends.add(c.end)
        return self.dated(c, c.year, c.month, c.day)

    def dated(self, c: Candidate, year: int | None, month: int | None, day: int | None) -> DateMention:
        """Record a resolved (or knowingly unresolved) date and return it."""
        self.last = _Last(c.end, year, month, day)
        precision = "day" if day else "month" if month else "year"
        if year is not None and day is not None and not valid_day(year, month, day):
            year = None  # 2月29日 anchored to a common year: the anchor is wrong
        return self.mention(c, None if year is None else iso(year, month, day), precision)

    def mention(self, c: Candidate, value: str | None, precision: str) -> DateMention:
        return DateMention(self.text[c.start : c.end], c.start, c.end, value, precision)

    def joined(self, c: Candidate) -> bool:
        """Is `c` the second half of a range whose first half was just returned?"""
        if self.last is None:
            return False
        return RANGE_JOINER.fullmatch(self.scan, self.last.end, c.start) is not None

    def range_day(self, c: Candidate) -> DateMention | None:
        """28日 is a date only right after 7月22日至: it shares that year and month."""
        last = self.last
        if not self.joined(c) or last.day is None or not valid_day(None, last.month, c.day):
            return None
        return self.dated(c, last.year, last.month, c.day)

    def month_day(self, c: Candidate) -> DateMention | None:
        """Find the year of 3月 / 十月二十八日 / 同年5月, or return it unresolved."""
        if c.rel in _LUNAR:
            return self.dated(c, None, c.month, c.day)
        if c.rel is not None:
            return self.relative(c)
        if self.joined(c):
            return self.dated(c, self.last.year, c.month, c.day)
        if c.chinese and c.day is None:
            return None  # 五月天, 十月围城, 一月之内: too often not a date
        if self.scan[max(0, c.start - 2) : c.start] in _RECURRING:
            return self.dated(c, None, c.month, c.day)  # 每年10月: every year
        if self.after_unknown_year(c.start):
            self.year = None
            return self.dated(c, None, c.month, c.day)
        return self.dated(c, self.year, c.month, c.day)

    def relative(self, c: Candidate) -> DateMention:
        """同年5月 / 次年5月: the anchor year plus 0 or 1; later dates follow it."""
        if self.year is not None:
            self.year += _YEAR_OFFSET.get(c.rel, 0)
        return self.dated(c, self.year, c.month, c.day)

    def after_unknown_year(self, start: int) -> bool:
        """甲子年四月 or 康熙七年（1668年）四月十二日: the month is of a year we
        did not read (or of the lunar calendar), so no anchor applies."""
        lo = max(0, start - 20)
        before = self.scan[lo:start].rstrip(" \u3000")
        gloss = ERA_GLOSS_END.search(before)
        year_end = lo + (gloss.start() + 1 if gloss else len(before))
        if gloss is None and not before.endswith("年"):
            return False
        return year_end not in self.ends  # 民國十四年（1925年）2月 is Gregorian


def find_dates(text: str) -> list[DateMention]:
    """Every date expression of `text`, sorted by start and non-overlapping."""
    scan = ascii_digits(text)
    anchors = _Anchors(scan, text)
    found = []
    for m in DATE_RE.finditer(scan):
        c = candidate(m, scan)
        mention = anchors.take(c) if c is not None else None
        if mention is not None:
            found.append(mention)
    return found
