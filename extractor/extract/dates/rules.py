"""Context rules: which regex candidates are dates, and what they say.

A regex match becomes a `Candidate` holding plain integers (astronomical
year, month, day) and no ISO string yet; a bare 月日 has no year until the
document-level pass in `finder.py` anchors it. Everything here looks only at
the match and a few characters around it, so each rule is a small predicate
whose name says which false positive it keeps out (durations, ages, 第N年,
"the first N years", file names...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import eras
from .numerals import is_arabic, is_digit_string, parse_number, parse_positional
from .patterns import BARE_GLOSS

# A month in Chinese numerals after a year before the Republic is a month of
# the Chinese calendar (前196年十月, 360年正月): kept apart, unresolved.
LUNAR_BEFORE = 1912

MAX_YEAR = 2100
MAX_PAREN_SPAN = 130  # （1868－1944）: a life or a term, not (100-300)
# 农历2015年: the months and days after are of the Chinese calendar.
LUNAR_YEAR_WORDS = frozenset(["農曆", "农历", "陰曆", "阴历", "舊曆", "旧历", "農暦", "农暦"])
MAX_BC_YEAR = 9999

# Before a plain year: 第3年, 每年, 隔年 are never dates.
NEVER_BEFORE = frozenset("第每隔")
# Before a year < 1000 these make it a length of time: 持续了300年, 近200年,
# 之前300年 (a rejected BC 前 leaves "300 years before").
DURATION_BEFORE = frozenset("前后後了近逾达達约約经經满滿历歷长長共有过過数數几幾多余")
# After 年: 1000多年, 3年半, 年级, 年龄, 年轻 are never dates.
NEVER_AFTER = frozenset("多余餘半级級龄齡轻輕")
# After 年 of a round or < 1000 year: 1000年前, 300年间, 2000年来 are spans.
ROUND_AFTER = frozenset("前间間来來内內")
# After 年 of a year < 1000: 300年后, 200年中, 100年以上, 300年左右.
SMALL_AFTER = frozenset("后後中里裡以左")
# Before a bare 前: then 前 is "before" / "the first", not BC (之前, 目前, 的前100年).
NOT_BC_BEFORE = frozenset("之以目提此先生戰战從从年月日天空向面眼当當事史最的其會会婚赛賽午")
# After 前N年: 前4年每年, 前100年间, 前300年多 are "the first N years".
NOT_BC_AFTER = frozenset("每间間内內里裡来來多余餘之")
NOT_BC_AFTER_ROUND = frozenset("后後中")
# Before a bare month: 第3月 is an ordinal, not a month.
NOT_MONTH_BEFORE = frozenset("第每隔")

_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass
class Candidate:
    """A date-looking match that passed the context rules.

    kind: "century" | "decade" | "year" | "month" | "day" (explicit year),
    "era" (康熙七年: `year`, or None and a `reason`), "ganzhi" (甲子年: `cycle`,
    resolved against the anchor year), "rel_year" (同年 / 次年 alone),
    "month_day" (月 or 月日 waiting for a year; `lunar` after an era year),
    "rel_day" (次日 / 同日, kept only after a Gregorian day), "short_year" (08年,
    18年10月1日: `year` is the two digits, the century comes from the document),
    "bare_day" (日, only kept as the end of a range) or "unknown_year" (a year we
    cannot read: it is not returned, but it stops bare dates after it from being
    anchored to an older year).
    """

    kind: str
    start: int
    end: int
    year: int | None = None  # astronomical: 0 is 1 BC, -220 is 221 BC
    month: int | None = None
    day: int | None = None
    rel: str | None = None  # 同年 / 次年 / 農曆 ... before a bare month
    chinese: bool = False  # month written in Chinese numerals
    end_year: int | None = None  # 1990-1995年, 1950-1960年代
    reason: str | None = None  # why an era year has no value
    lunar: bool = False  # a month of the Chinese calendar (after an era year, 正月)
    cycle: int | None = None  # 干支 index, 0 = 甲子
    anchors: bool = True  # False: a bare 3月 after it does not take its year (1976.4.6, （1868－1944）)


def is_leap(year: int) -> bool:
    """Proleptic Gregorian leap year; works for astronomical (<= 0) years."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def valid_day(year: int | None, month: int, day: int) -> bool:
    """Day exists in that month; with no year known, 2月29日 is allowed."""
    if month == 2 and day == 29 and year is not None:
        return is_leap(year)
    return 1 <= day <= _DAYS_IN_MONTH[month - 1]


def char_before(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else ""


def candidates(m: re.Match[str], text: str) -> list[Candidate]:
    """Dispatch on the alternative that matched (see `patterns.DATE_RE`)."""
    found = _dispatch(m, text)
    if found is None:
        return []
    return found if isinstance(found, list) else [found]


def _dispatch(m: re.Match[str], text: str) -> Candidate | list[Candidate] | None:
    # One alternative matched, so the order of these tests is free: the most frequent first.
    if m.group("y_num") is not None:
        return year_date(m, text)
    if m.group("m2") is not None:
        return month_day(m, text)
    if m.group("r_num") is not None:
        return roc_date(m)
    if m.group("rel_y") is not None:
        return Candidate("rel_year", m.start(), m.end(), rel=m.group("rel_y"))
    if m.group("c_num") is not None:
        return century(m, text)
    if m.group("d_num") is not None:
        return decade(m, text)
    if m.group("yr_to") is not None:
        return year_range(m, text)
    if m.group("gz") is not None:
        return ganzhi(m)
    if m.group("n_s") is not None or m.group("n_s2") is not None:
        return numeric_date(m)
    if m.group("pr_to") is not None:
        return paren_range(m)
    if m.group("rel_d") is not None:
        return Candidate("rel_day", m.start(), m.end(), rel=m.group("rel_d"))
    if m.group("ny") is not None:
        return new_year(m)
    return bare_day(m)


def paren_range(m: re.Match[str]) -> Candidate | None:
    """（1868－1944）: a life or a term; both ends plain years (979-1044 is allowed)."""
    raw_from, raw_to = m.group("pr_from"), m.group("pr_to")
    first, last = int(raw_from), int(raw_to)
    if len(raw_to) != 4 or not (100 <= first < last <= MAX_YEAR) or last - first > MAX_PAREN_SPAN:
        return None
    return Candidate("year", m.start(), m.end(), first, end_year=last, anchors=False)


def numeric_date(m: re.Match[str]) -> Candidate | None:
    """2010-01-29, 2015.5.13, 13.5.2015: only when it names one day for certain."""
    if m.group("n_y") is not None:
        year, month, day = int(m.group("n_y")), int(m.group("n_m")), int(m.group("n_d"))
    else:
        a, b, year = int(m.group("n_a")), int(m.group("n_b")), int(m.group("n_y2"))
        if (a > 12) == (b > 12):
            return None  # 1/2/2020: 1 February or 2 January, the text does not say
        day, month = (a, b) if a > 12 else (b, a)
    if not (1000 <= year <= MAX_YEAR and 1 <= month <= 12) or not valid_day(year, month, day):
        return None
    # Numeric dates stand in lists, tables and citations more than in the narrative: they do
    # not give their year to the bare months after them.
    return Candidate("day", m.start(), m.end(), year, month, day, anchors=False)


def new_year(m: re.Match[str]) -> Candidate:
    """大年初一 / 大年三十: the first / last day of the Chinese year, kept unresolved."""
    raw = m.group("ny")
    month, day = (1, day_number(raw)) if raw.startswith("初") else (12, parse_number(raw))
    return Candidate("month_day", m.start(), m.end(), None, month, day, lunar=True)


def century(m: re.Match[str], text: str) -> Candidate | None:
    """20世纪 -> first year 1901; 前3世纪 -> first year 300 BC (-299)."""
    raw, start = m.group("c_num"), m.start()
    n = int(raw) if is_arabic(raw) else parse_positional(raw)
    if not n or n > 99:
        return None
    bc = m.group("c_pre") is not None
    if m.group("c_pre") == "前" and char_before(text, start) in NOT_BC_BEFORE:
        bc, start = False, start + 1
    year = 1 - n * 100 if bc else (n - 1) * 100 + 1
    dec = m.group("c_dec")
    if dec is not None:  # 十九世纪七十年代 -> 1870, decade
        if bc:
            return None
        return Candidate("decade", start, m.end(), (n - 1) * 100 + (parse_number(dec) or 0))
    return Candidate("century", start, m.end(), year)


def decade(m: re.Match[str], text: str) -> Candidate | None:
    """1990年代 / 90年代 / 八十年代 -> 1990-style first year of the decade."""
    raw = m.group("d_num")
    n = int(raw) if is_arabic(raw) else parse_number(raw)
    if n is None or n % 10:
        return None
    if len(raw) == 2 and text[max(0, m.start() - 2) : m.start()] in ("世纪", "世紀"):
        return Candidate("decade", m.start(), m.end(), None)  # 本世纪20年代: which century?
    if len(raw) == 2:  # 90年代, 八十年代: the 1900s; 00年代 can only be 2000s
        n += 2000 if n == 0 else 1900
    if not 0 < n <= MAX_YEAR:
        return None
    start, end_year = m.start(), None
    raw_from = m.group("d_from")
    if raw_from is not None:
        first = int(raw_from) + (n // 100 * 100 if len(raw_from) == 2 else 0)
        if first % 10 or not first < n:
            return Candidate("decade", m.start("d_num"), m.end(), n)
        n, end_year = first, n
    return Candidate("decade", start, m.end(), n, end_year=end_year)


def year_range(m: re.Match[str], text: str) -> Candidate | None:
    """1990-1995年 / 1990至1995年: one mention, both ends explicit years."""
    first, last = int(m.group("yr_from")), int(m.group("yr_to"))
    if len(m.group("yr_to")) == 2:  # 2004-05年: the second year in the first one's century
        last += first // 100 * 100
    if not (1000 <= first < last <= MAX_YEAR) or not follow_ok(last, text[m.end() : m.end() + 2]):
        return None
    return Candidate("year", m.start(), m.end(), first, end_year=last)


def ganzhi(m: re.Match[str]) -> list[Candidate]:
    """甲子年 (+ its lunar month/day): the year is found later, from the anchor year."""
    stem, branch = (
        "甲乙丙丁戊己庚辛壬癸".index(m.group("gz")[0]),
        "子丑寅卯辰巳午未申酉戌亥".index(m.group("gz")[1]),
    )
    if stem % 2 != branch % 2:
        return []  # 甲丑 is no 干支
    cycle = next(i for i in range(60) if i % 10 == stem and i % 12 == branch)
    year_end = m.start() + 3
    found = [Candidate("ganzhi", m.start(), year_end, cycle=cycle)]
    return found + lunar_tail(m, "gz_m", "gz_d")


def lunar_tail(m: re.Match[str], month_group: str, day_group: str) -> list[Candidate]:
    """The 四月十二日 of 康熙七年四月十二日: a Chinese-calendar date, kept unresolved."""
    if m.group(month_group) is None:
        return []
    month, raw_day = month_number(m.group(month_group)), day_of(m, day_group)
    day = day_number(raw_day) if raw_day is not None else None
    start = m.start(month_group)
    return [Candidate("month_day", start, m.end(), None, month, day, lunar=True)]


def day_of(m: re.Match[str], group: str) -> str | None:
    """The day of group `group` (十日), or of its no-日 twin (八月十五: group + "n")."""
    raw = m.group(group)
    return raw if raw is not None else m.group(_NO_SUFFIX[group])


_NO_SUFFIX = {"d": "dn", "d2": "dn2", "gz_d": "gz_dn"}


def month_number(raw: str) -> int | None:
    """1-12; 正月 is the first and 臘月 the twelfth month of the Chinese calendar."""
    return {"正": 1, "臘": 12, "腊": 12}.get(raw) or parse_number(raw)


def roc_date(m: re.Match[str]) -> Candidate | None:
    """民國38年 -> 1949; 民国元年 -> 1912 (ROC year 1 is 1912)."""
    raw = m.group("r_num")
    n = 1 if raw == "元" else parse_number(raw)
    if not n or 1911 + n > MAX_YEAR:
        return None
    return with_month_day(m, 1911 + n, m.start())


def with_month_day(m: re.Match[str], year: int, start: int) -> Candidate | list[Candidate] | None:
    """Attach the optional 月 and 日 of a year match; an impossible day voids it."""
    raw_day = day_of(m, "d")
    chinese_month = m.group("m") is not None and not is_arabic(m.group("m")) and year < LUNAR_BEFORE
    if chinese_month or is_lunar_day(raw_day):
        return year_then_lunar(m, year, start)
    month = month_number(m.group("m")) if m.group("m") else None
    day = day_number(raw_day) if raw_day else None
    if day is not None and month is not None and not valid_day(year, month, day):
        return None
    kind = "day" if day else "month" if month else "year"
    return Candidate(kind, start, m.end(), year, month, day)


def day_number(raw: str) -> int | None:
    """28 / 二十八 / 初一 -> the day of the month."""
    return parse_number(raw[1:] if raw.startswith("初") else raw)


def is_lunar_day(raw: str | None) -> bool:
    """初一 ... 初十 name days of the Chinese calendar only."""
    return raw is not None and raw.startswith("初")


def year_date(m: re.Match[str], text: str) -> Candidate | list[Candidate] | None:
    """A 年 expression with an optional 公元/公元前/前 prefix."""
    pre, raw, start = m.group("pre"), m.group("y_num"), m.start()
    if pre is None and not (is_arabic(raw) and len(raw) > 2):
        era = eras.era_before(text, start)
        if era is not None:
            return era_date(m, text, era)
    if pre and pre.endswith("前"):
        if pre != "前" or bare_bc_ok(m, text):
            return bc_date(m, raw, start)
        pre, start = None, start + 1  # 之前/前4年: read what follows plainly
    if pre is None and two_digit_year(raw, m, text, start):
        return short_year(m, raw, start)
    n = year_number(raw, pre, m.group("m") is not None)
    if n is None or (pre is None and not plain_year_ok(n, raw, m, text, start)):
        return unknown_year(m, raw, text, start)
    if not 1 <= n <= MAX_YEAR:
        return None
    if pre is None and text[max(0, start - 2) : start] in LUNAR_YEAR_WORDS:
        return year_then_lunar(m, n, start - 2)  # 农历2015年
    return with_month_day(m, n, start)


def year_then_lunar(m: re.Match[str], year: int, start: int) -> list[Candidate]:
    """The year as a year, its month and day as Chinese-calendar ones (农历2015年十月初一,
    康熙七年四月十二日 read as 1668, 1700年十月初一)."""
    year_end = m.string.index("年", m.end("y_num") if m.group("y_num") else m.end("r_num")) + 1
    return [Candidate("year", start, year_end, year)] + lunar_tail(m, "m", "d")


def two_digit_year(raw: str, m: re.Match[str], text: str, start: int) -> bool:
    """08年, 零八年, 18年10月1日: a year without its century. 18年 alone is "18 years"."""
    if len(raw) != 2 or not (is_arabic(raw) or is_digit_string(raw)):
        return False
    if not (raw[0] in "0〇零○" or m.group("m") is not None):
        return False
    before, after = char_before(text, start), text[m.end() : m.end() + 1]
    if before in NEVER_BEFORE or before in DURATION_BEFORE:
        return False
    return m.group("m") is not None or after not in NEVER_AFTER


def short_year(m: re.Match[str], raw: str, start: int) -> Candidate | None:
    """A two-digit year: its century is found later, from the document's own years (finder.py)."""
    month = month_number(m.group("m")) if m.group("m") else None
    raw_day = day_of(m, "d")
    day = day_number(raw_day) if raw_day else None
    if day is not None and month is not None and not valid_day(None, month, day):
        return None
    return Candidate("short_year", start, m.end(), parse_number(raw), month, day)


def era_date(m: re.Match[str], text: str, name: str) -> list[Candidate]:
    """康熙六十一年 -> 1722; 建武二年 alone -> None, "ambiguous_era" (see `eras.resolve`)."""
    n = eras.era_number(m.group("y_num"))
    start, year_end = m.start() - len(name), text.index("年", m.end("y_num")) + 1
    if not n or (m.group("m") is None and not follow_ok(n, text[year_end : year_end + 2])):
        return []  # 建國十年來: a length of time
    context = text[max(0, start - 300) : m.end() + 60]
    found = eras.resolve(
        name,
        n,
        prefix=text[max(0, start - 4) : start],
        gloss=eras.gloss_year(text, year_end),
        context=context,
    )
    era = Candidate("era", start, year_end, found.year, reason=found.reason)
    return [era] + bare_gloss(text, year_end) + lunar_tail(m, "m", "d")


def bare_gloss(text: str, end: int) -> list[Candidate]:
    """康熙五十九年（1720）: the gloss is a year even without 年."""
    g = BARE_GLOSS.match(text, end)
    if g is None or not 100 <= int(g.group(2)) <= MAX_YEAR:
        return []
    return [Candidate("year", g.start(2), g.end(2), int(g.group(2)))]


def year_number(raw: str, pre: str | None, with_month: bool = False) -> int | None:
    """Arabic always; Chinese as a 4-digit string (一九九二) or, before a month, a 3-digit
    one (三六七年一月) or one with 千 (两千零四年八月); any form after 公元."""
    if raw == "元":
        return 1 if pre else None
    if is_arabic(raw):
        return int(raw)
    if pre:
        return parse_number(raw)
    if is_digit_string(raw):
        return parse_number(raw) if len(raw) == 4 or (with_month and len(raw) == 3) else None
    if with_month and "千" in raw:
        n = parse_number(raw)
        return n if n is not None and n >= 1000 else None
    return None


def bc_date(m: re.Match[str], raw: str, start: int) -> Candidate | None:
    """公元前221年 -> astronomical -220 (there is no year 0 in BC/AD counting)."""
    n = 1 if raw == "元" else parse_number(raw)
    if not n or n > MAX_BC_YEAR:
        return None
    return with_month_day(m, 1 - n, start)


def bare_bc_ok(m: re.Match[str], text: str) -> bool:
    """前N年 without 公元 is BC only for N >= 100, outside "the first N years".

    Wikipedia writes BC years as 前221年 constantly, but 前4年 ("the first 4
    years") is far more common for small N, and 前100年间 / 之前300年 are
    spans. Below 100 a BC year needs 公元前.
    """
    raw = m.group("y_num")
    if not (is_arabic(raw) or is_digit_string(raw)):
        return False
    n = parse_number(raw)
    if n is None or n < 100 or char_before(text, m.start()) in NOT_BC_BEFORE:
        return False
    if m.group("m") is not None:
        return True
    after = text[m.end() : m.end() + 1]
    return after not in NOT_BC_AFTER and not (n % 100 == 0 and after in NOT_BC_AFTER_ROUND)


def plain_year_ok(n: int, raw: str, m: re.Match[str], text: str, start: int) -> bool:
    """A year with no prefix: 3-4 digits, and not a duration by its context."""
    before = char_before(text, start)
    if before in NEVER_BEFORE or (is_arabic(raw) and len(raw) < 3):
        return False
    if m.group("m") is not None:
        return True
    if n < 1000 and before in DURATION_BEFORE:
        return False
    return follow_ok(n, text[m.end() : m.end() + 2])


def follow_ok(n: int, after: str) -> bool:
    """What follows 年 tells a year (1949年后) from a span (300年后, 2000年来)."""
    c = after[:1]
    if c in NEVER_AFTER or after == "之久":
        return False
    if (n < 1000 or n % 100 == 0) and c in ROUND_AFTER and after not in ("前后", "前後"):
        return False
    return not (n < 1000 and c in SMALL_AFTER)


def unknown_year(m: re.Match[str], raw: str, text: str, start: int) -> Candidate | None:
    """康熙七年 / 元年: a year we cannot convert yet (reign eras are a later table).

    Returned as "unknown_year" only when it reads like a calendar year (not
    一年后, 第二年, 三年间) so that a following 四月十二日 is not silently
    anchored to an older Gregorian year.
    """
    if is_arabic(raw) or is_digit_string(raw):
        return None
    before, after = char_before(text, start), text[m.end() : m.end() + 1]
    if before in NEVER_BEFORE or before in DURATION_BEFORE:
        return None
    if m.group("m") is None and (after in NEVER_AFTER or after in ROUND_AFTER or after in SMALL_AFTER):
        return None
    return Candidate("unknown_year", start, m.end())


def month_day(m: re.Match[str], text: str) -> Candidate | None:
    """月 or 月日 without a year of its own (3月, 十月二十八日, 同年5月)."""
    rel = m.group("rel")
    if rel is None and char_before(text, m.start()) in NOT_MONTH_BEFORE:
        return None
    month = month_number(m.group("m2"))
    raw_day = day_of(m, "d2")
    day = day_number(raw_day) if raw_day else None
    if day is not None and not valid_day(None, month, day):
        return None
    chinese = not is_arabic(m.group("m2"))
    lunar = m.group("m2") in ("正", "臘", "腊") or is_lunar_day(raw_day)
    return Candidate("month_day", m.start(), m.end(), None, month, day, rel, chinese, lunar=lunar)


def bare_day(m: re.Match[str]) -> Candidate:
    """28日: kept only as the end of a range (7月22日至28日), decided later."""
    return Candidate("bare_day", m.start(), m.end(), day=day_number(m.group("d3")))
