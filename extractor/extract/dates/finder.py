"""`find_dates`: one regex scan, context rules, then one left-to-right pass
that gives bare 月日, 同年 and 甲子年 their year from the document itself.

Value conventions (ISO 8601, astronomical years, always 4 digits):
  2005年10月28日 -> "2005-10-28" day     公元前221年 -> "-0220" year
  1990年代 / 90年代 -> "1990" decade     20世纪 -> "1901" century
  前3世纪 -> "-0299" century (300 BC, the first year of that century)
  康熙六十一年 -> "1722" year            2001年至2005年 -> "2001", end_value "2005"
  十九世纪七十年代 -> "1870" decade       （1868－1944）, 2007年与2009年间 -> a range
  2010-01-29, 2015.5.13 -> "2010-01-29"  2017年上半年 -> "2017" year, qualifier first_half
A bare 月 / 月日, 同年 / 次年 and 甲子年 take their year from the most recent
date with a year before them in the same section (`anchored_to` is its index),
never from today's date. With none, or when that year cannot be trusted (a
month after 康熙七年 or 甲子年 is a Chinese-calendar month), the value is None
and `unresolved_reason` says why. 次日 / 同日 follow the Gregorian day just
before them in the same paragraph, and are not returned without one. A
two-digit year (08年) takes its century only from the document's own
four-digit years (2018年 -> 2008); with none near it, it is unresolved.
Chinese-calendar dates (农历2015年十月初一, 正月初一, 大年三十) never get a
Gregorian month or day: the year may be given, the month / day are None,
"lunar_calendar".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ...model import DateMention
from .numerals import ascii_digits
from .patterns import (
    DATE_RE,
    ERA_GLOSS_END,
    LUNAR,
    LUNAR_NOTE,
    MONTH_PAIR,
    QUALIFIER,
    RANGE_BETWEEN,
    RANGE_JOINER,
    RANGE_ONLY,
)
from .qualifiers import qualifier_of
from .rules import Candidate, candidates, valid_day

_LUNAR = frozenset(LUNAR.split("|"))
_LUNAR_WORDS = tuple(w for w in _LUNAR if len(w) > 1)
_CLAUSE_END = "。！？\n；;"
_YEAR_OFFSET = {
    "次年": 1,
    "翌年": 1,
    "隔年": 1,
    "明年": 1,
    "第二年": 1,
    "去年": -1,
    "上年": -1,
    "前一年": -1,
}  # every other relative word (同年, 當年, 是年...) means the same year
_RECURRING = frozenset(["每年", "年年", "逢年"])
_DAY_OFFSET = {"次日": 1, "翌日": 1}  # 同日: the same day
GANZHI_MAX_DISTANCE = 12  # 甲子年 more than this from the anchor year stays unresolved
SHORT_YEAR_REACH = 30  # 08年 is the year ending in 08 nearest a four-digit year of the document, within this
# The document's own four-digit years (2018年, 2018-10-01), read only when a two-digit year needs a century.
_FOUR_DIGIT_YEAR = re.compile(r"(?<![0-9])(1[0-9]{3}|20[0-9]{2})(?=[ \u3000]?年(?!代)|[-/.－–—~～][0-9])")


def iso(year: int, month: int | None = None, day: int | None = None) -> str:
    """-220 -> "-0220"; (2005, 10, 28) -> "2005-10-28"."""
    value = f"-{-year:04d}" if year < 0 else f"{year:04d}"
    if month is not None:
        value += f"-{month:02d}"
    if day is not None:
        value += f"-{day:02d}"
    return value


def _next_day(year: int, month: int, day: int) -> tuple[int, int, int]:
    """(1911, 10, 10) -> (1911, 10, 11); (1999, 12, 31) -> (2000, 1, 1). Proleptic Gregorian."""
    if valid_day(year, month, day + 1):
        return year, month, day + 1
    return (year, month + 1, 1) if month < 12 else (year + 1, 1, 1)


@dataclass
class _Last:
    """The previous returned date, for a range's second half (1月至3月)."""

    end: int
    year: int | None
    month: int | None
    day: int | None
    index: int


@dataclass
class _Resolved:
    """What a candidate says once anchored: the value parts and why not, if not."""

    year: int | None
    month: int | None = None
    day: int | None = None
    reason: str | None = None
    anchored_to: int | None = None


class _Anchors:
    """Left-to-right state: the year bare dates inherit, and the dates found."""

    def __init__(self, scan: str, text: str, starts: list[int]) -> None:
        self.scan, self.text, self.starts = scan, text, starts
        self.found: list[DateMention] = []
        self.section = 0
        self.reset()
        self.ends: set[int] = set()  # where returned Gregorian explicit-year dates end
        self._doc_years: list[int] | None = None  # four-digit years of the text, read on demand

    def reset(self) -> None:
        self.year: int | None = None
        self.year_index: int | None = None
        self.lunar_year = False  # the anchor year is an era or 干支 year
        self.last: _Last | None = None

    def enter(self, pos: int) -> None:
        """Crossing into a new section forgets the anchor: 同年 never reaches back past a heading."""
        section = bisect_right(self.starts, pos)
        if section != self.section:
            self.section = section
            self.reset()

    def take(self, c: Candidate) -> None:
        handler = _HANDLERS[c.kind]
        handler(self, c)

    # --- one handler per candidate kind -------------------------------------------

    def unknown_year(self, c: Candidate) -> None:
        self.year, self.year_index, self.last = None, None, None

    def period(self, c: Candidate) -> None:
        """Century or decade (or a decade range): never an anchor for bare months."""
        self.last = None
        end = iso(c.end_year) if c.end_year is not None else None
        self.add(c, _Resolved(c.year), c.kind, end_value=end)

    def explicit(self, c: Candidate) -> None:
        """A date with its own Gregorian year (2005年10月28日, 民國38年, 1990-1995年)."""
        self.ends.add(c.end)
        end = iso(c.end_year) if c.end_year is not None else None
        resolved = _Resolved(c.year, c.month, c.day)
        if c.month is not None and LUNAR_NOTE.match(self.scan, c.end):
            resolved = _Resolved(None, c.month, c.day, "lunar_calendar")  # 1786年11月27日(此指阴历)
        index = self.add(c, resolved, end_value=end)
        if not c.anchors:
            return
        gloss = self.lunar_year and c.year == self.year and c.month is None  # 建熙四年（公元363年）
        self.anchor(c.end_year or c.year, index, lunar=gloss)

    def era(self, c: Candidate) -> None:
        """康熙七年: a year of its own; the months after it are Chinese-calendar months."""
        index = self.add(c, _Resolved(c.year, reason=c.reason))
        self.anchor(c.year, index, lunar=True)

    def ganzhi(self, c: Candidate) -> None:
        """甲子年: the year of that name nearest to the anchor year, if it is near."""
        resolved = self.ganzhi_year(c.cycle)
        index = self.add(c, resolved)
        self.anchor(resolved.year, index, lunar=True)

    def rel_year(self, c: Candidate) -> None:
        """同年 / 次年 / 翌年 alone: the anchor year plus 0, 1 or -1; later dates follow it."""
        resolved = self.relative(c.rel)
        index = self.add(c, resolved, "year")
        if resolved.year is not None:
            self.anchor(resolved.year, index, lunar=self.lunar_year)

    def short_year(self, c: Candidate) -> None:
        """08年 / 18年10月1日: the century of a four-digit year of this document, or unresolved."""
        year = self.century_of(c.year if c.year is not None else 0)
        if year is not None:
            kind = "day" if c.day else "month" if c.month else "year"
            self.explicit(Candidate(kind, c.start, c.end, year, c.month, c.day))
            return
        self.add(c, _Resolved(None, c.month, c.day, "unanchored"))
        self.year, self.year_index = None, None  # a bare 3月 after it is not in an older year

    def century_of(self, yy: int) -> int | None:
        """The year ending in `yy` nearest to a four-digit year of the text, if near and unique."""
        if self._doc_years is None:
            self._doc_years = sorted({int(y) for y in _FOUR_DIGIT_YEAR.findall(self.scan)})
        best: dict[int, int] = {}
        for y in self._doc_years:
            low = y - (y - yy) % 100
            for cand in (low, low + 100):
                if abs(cand - y) <= SHORT_YEAR_REACH:
                    best[cand] = min(best.get(cand, SHORT_YEAR_REACH + 1), abs(cand - y))
        if not best:
            return None
        nearest = min(best.values())
        picks = [y for y, d in best.items() if d == nearest]
        return picks[0] if len(picks) == 1 else None

    def rel_day(self, c: Candidate) -> None:
        """次日 / 翌日 / 同日: the day after (or of) the Gregorian day just returned,
        in the same paragraph. With no such day it is not returned at all: the gold of
        benchmarks/dates.py leaves these words alone, and an unplaced 同日 says little."""
        last = self.last
        if last is None or last.year is None or last.month is None or last.day is None:
            return
        if "\n" in self.scan[last.end : c.start]:
            return
        year, month, day = last.year, last.month, last.day
        if _DAY_OFFSET.get(c.rel or "", 0):
            year, month, day = _next_day(year, month, day)
        self.add(c, _Resolved(year, month, day, anchored_to=last.index))

    def month_day(self, c: Candidate) -> None:
        resolved = self.month_day_year(c)
        if resolved is None:
            return
        index = self.add(c, resolved)
        if c.rel is not None and c.rel not in _LUNAR and resolved.year is not None:
            self.anchor(resolved.year, index, lunar=False)  # 次年5月, 8月: 8月 is in 次年 too

    def bare_day(self, c: Candidate) -> None:
        """28日 is a date only right after 7月22日至: it shares that year and month."""
        last = self.last
        if not self.joined(c) or last.day is None or not valid_day(None, last.month, c.day):
            return
        self.add(c, _Resolved(last.year, last.month, c.day, anchored_to=last.index))

    # --- resolution ---------------------------------------------------------------

    def month_day_year(self, c: Candidate) -> _Resolved | None:
        """Find the year of 3月 / 十月二十八日 / 同年5月, or say why there is none."""
        if c.lunar or c.rel in _LUNAR or LUNAR_NOTE.match(self.scan, c.end) or self.lunar_clause(c.start):
            return _Resolved(None, c.month, c.day, "lunar_calendar")
        if c.rel is not None:
            return self.in_year(self.relative(c.rel), c)
        if self.joined(c):
            last = self.last
            reason = None if last.year is not None else "unanchored"
            return _Resolved(last.year, c.month, c.day, reason, last.index)
        if c.chinese and c.day is None and not self.lunar_year and not MONTH_PAIR.match(self.scan, c.end):
            return None  # 五月天, 十月围城, 一月之内: too often not a date (but 七月 after 太元八年 is, and 三月到五月)
        if self.scan[max(0, c.start - 2) : c.start] in _RECURRING:
            return _Resolved(None, c.month, c.day, "recurring")  # 每年10月: every year
        if self.after_unknown_year(c.start):
            self.lunar_year = True  # 仁和3年(887年)8月25日: months of another calendar; 同年 is still 887
            return _Resolved(None, c.month, c.day, "lunar_calendar")
        return self.in_year(_Resolved(self.year, anchored_to=self.year_index), c)

    def in_year(self, anchor: _Resolved, c: Candidate) -> _Resolved:
        """Put a month (and day) into the anchor year, unless that year is a Chinese-calendar one."""
        if anchor.year is None:
            return _Resolved(None, c.month, c.day, anchor.reason or "unanchored")
        if self.lunar_year:
            return _Resolved(None, c.month, c.day, "lunar_calendar", anchor.anchored_to)
        return _Resolved(anchor.year, c.month, c.day, None, anchor.anchored_to)

    def relative(self, rel: str) -> _Resolved:
        """同年 -> the anchor year; 次年 -> plus one; 前一年 -> minus one."""
        if self.year is None:
            return _Resolved(None, reason="unanchored")
        return _Resolved(self.year + _YEAR_OFFSET.get(rel, 0), anchored_to=self.year_index)

    def ganzhi_year(self, cycle: int) -> _Resolved:
        """The astronomical year y with (y - 4) % 60 == cycle nearest the anchor year."""
        if self.year is None:
            return _Resolved(None, reason="unanchored")
        base = self.year - (self.year - 4 - cycle) % 60
        year = min((base, base + 60), key=lambda y: abs(y - self.year))
        if abs(year - self.year) > GANZHI_MAX_DISTANCE:
            return _Resolved(None, reason="ganzhi_far_from_anchor", anchored_to=self.year_index)
        return _Resolved(year, anchored_to=self.year_index)

    def lunar_clause(self, start: int) -> bool:
        """自农历月23日至6月16日: a 农历 earlier in the same sentence makes its months lunar."""
        lo = max(0, start - 40)
        clause = self.scan[lo:start]
        cut = max(clause.rfind(ch) for ch in _CLAUSE_END)
        return any(w in clause[cut + 1 :] for w in _LUNAR_WORDS)

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

    def joined(self, c: Candidate) -> bool:
        """Is `c` the second half of a range or list whose first half was just returned?"""
        if self.last is None:
            return False
        return RANGE_JOINER.fullmatch(self.scan, self.last.end, c.start) is not None

    # --- output -------------------------------------------------------------------

    def anchor(self, year: int | None, index: int, *, lunar: bool) -> None:
        self.year, self.lunar_year = year, lunar
        self.year_index = index if year is not None else None

    def add(
        self, c: Candidate, r: _Resolved, precision: str | None = None, *, end_value: str | None = None
    ) -> int:
        """Record a mention and return its index; a range's second half is merged into its first."""
        value, precision = self.value(r, precision)
        end = c.end
        qualifier, end = qualifier_of(self.scan, end, precision)
        mention = DateMention(self.text[c.start : end], c.start, end, value, precision)
        mention.end_value, mention.qualifier = end_value, qualifier
        mention.end_precision = precision if end_value is not None else None
        mention.unresolved_reason = (r.reason or "unanchored") if value is None else None
        mention.anchored_to = r.anchored_to
        if self.merge(mention):
            return len(self.found) - 1
        self.last = _Last(end, r.year if value is not None else None, r.month, r.day, len(self.found))
        self.found.append(mention)
        return len(self.found) - 1

    def range_between(self, first_end: int, second_start: int, second_end: int) -> bool:
        """1937年—1945年; 2007年与2009年间 and 2010年之后2018年之前 too."""
        if second_start - first_end > 4:
            return False  # the common case, decided without a regex
        if RANGE_ONLY.fullmatch(self.scan, first_end, second_start) is not None:
            return True
        return any(
            join.fullmatch(self.scan, first_end, second_start) is not None and after.match(self.scan, second_end)
            for join, after in RANGE_BETWEEN
        )

    def value(self, r: _Resolved, precision: str | None) -> tuple[str | None, str]:
        precision = precision or ("day" if r.day else "month" if r.month else "year")
        if r.year is None:
            return None, precision
        if r.day is not None and not valid_day(r.year, r.month, r.day):
            r.reason = "invalid_day"  # 2月29日 anchored to a common year: the anchor is wrong
            return None, precision
        return iso(r.year, r.month, r.day), precision

    def merge(self, second: DateMention) -> bool:
        """1937年7月7日—1945年8月15日: one mention whose `end_value` is the second half."""
        if not self.found:
            return False
        first = self.found[-1]
        if first.end_value is not None or not self.range_between(first.end, second.start, second.end):
            return False
        if (first.value is None) != (second.value is None):
            return False
        if first.value is not None and second.value < first.value and first.value[0] != "-":
            return False
        first.end_value, first.end_precision = second.value, second.precision
        first.end, first.text = second.end, self.text[first.start : second.end]
        first.qualifier = first.qualifier or second.qualifier
        if self.last is not None:
            self.last.end = second.end
        return True


_HANDLERS = {
    "unknown_year": _Anchors.unknown_year,
    "century": _Anchors.period,
    "decade": _Anchors.period,
    "year": _Anchors.explicit,
    "month": _Anchors.explicit,
    "day": _Anchors.explicit,
    "era": _Anchors.era,
    "ganzhi": _Anchors.ganzhi,
    "rel_year": _Anchors.rel_year,
    "month_day": _Anchors.month_day,
    "rel_day": _Anchors.rel_day,
    "short_year": _Anchors.short_year,
    "bare_day": _Anchors.bare_day,
}


def find_dates(text: str, sections: list[tuple[int, int]] | None = None) -> list[DateMention]:
    """Every date expression of `text`, sorted by start and non-overlapping.

    `sections` are (start, end) spans (the record's sections): relative and
    bare dates are anchored only to dates of their own section.
    """
    scan = ascii_digits(text)
    starts = sorted({start for start, _ in sections or []})
    anchors = _Anchors(scan, text, starts)
    for m in DATE_RE.finditer(scan):
        if anchors.found and m.start() < anchors.found[-1].end:
            continue  # inside a qualifier or a merged range already taken
        anchors.enter(m.start())
        for c in candidates(m, scan):
            anchors.take(c)
    return anchors.found


__all__ = ["find_dates", "iso", "QUALIFIER"]
