"""The single compiled regex that finds date *candidates* in one scan.

Why one regex: `find_dates` runs on every page, so the text is scanned once by
the regex engine and Python only sees the (few) places that look like dates.
The regex is deliberately a little generous (it accepts 3年, 前4年, 七年四月);
the context rules in `rules.py` then decide what is really a date, because
those rules need the characters around a match and are clearer in Python.

The alternatives are ordered so that, at one start position, the longer or more
specific reading wins: century and decade before a plain year (1990年代 is not
1990年), a full 年月日 before a bare 月日, a bare 月日 before a bare 日.
The scanned text has ASCII digits only (see `numerals.ascii_digits`).

Future forms (reign eras from a data table, 干支 years, seasons, 上旬/中旬/下旬)
fit in as further named alternatives or optional suffix groups.
"""

from __future__ import annotations

import re

SP = "[ \u3000]?"  # 2014 年11月: a single blank may sit between the parts
CN_NUM = "〇零○一二三四五六七八九十百千两廿卅"

# No digit, Latin letter or Chinese numeral right before a candidate: a date
# never starts in the middle of a number, an identifier or a file name.
START_GUARD = rf"(?<![0-9A-Za-z._/\\%{CN_NUM}])"

ERA_PREFIX = "公元|西元|紀元|纪元"
MONTH = "1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|正|[臘腊]"  # 正月, 臘月: lunar
DAY = (
    "初(?:十|[一二三四五六七八九]|[1-9])|"  # 初一: a day of the Chinese calendar
    "3[01]|[12][0-9]|0?[1-9]"
    "|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
    "|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九]"
)
DAY_SUFFIX = "[日号號]"
# Words that fix the year of a following month relative to the previous date.
RELATIVE_YEARS = "同年|當年|当年|是年|該年|该年|本年|那年|次年|翌年|隔年|明年|第二年|去年|上年"
LUNAR = "農曆|农历|陰曆|阴历|舊曆|旧历|農暦|农暦|陰暦|阴暦|閏|闰"  # 閏6月: a leap month is lunar

CENTURY = rf"""
    (?P<c_pre>(?:{ERA_PREFIX})?前)?
    (?P<c_num>[0-9]{{1,2}}|[一二三四五六七八九十]{{1,3}}){SP}世[纪紀]
"""
RANGE_DASH = "[-–—~～]|至|到"
DECADE = rf"""
    (?:(?P<d_from>[0-9]{{2,4}}){SP}(?:{RANGE_DASH}){SP})?
    (?P<d_num>[0-9]{{2,4}}|[〇零○一二三四五六七八九]{{4}}|[二三四五六七八九]十){SP}年代
"""
YEAR_DATE = rf"""
    (?:
        (?P<roc>中華民國|中华民国|民國|民国)
        (?P<r_num>元|[0-9]{{1,3}}|[一二三四五六七八九十百]{{1,4}})
      | (?P<pre>(?:{ERA_PREFIX})前?|前)?
        (?P<y_num>元|[0-9]{{1,4}}|[{CN_NUM}]{{1,8}})
    )
    {SP}年(?!代)
    (?:{SP}(?P<m>{MONTH}){SP}月(?:{SP}(?P<d>{DAY}){SP}{DAY_SUFFIX})?)?
"""
# 1990-1995年: a year range written with one 年.
YEAR_RANGE = rf"""
    (?P<yr_from>[0-9]{{3,4}}){SP}(?:{RANGE_DASH}){SP}(?P<yr_to>[0-9]{{3,4}}){SP}年(?!代)
"""
# 甲子年: a sexagenary year, resolved only against a nearby year (finder.py).
GANZHI = rf"""
    (?P<gz>[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥])年
    (?:{SP}(?P<gz_m>{MONTH}){SP}月(?:{SP}(?P<gz_d>{DAY}){SP}{DAY_SUFFIX})?)?
"""
# 同年 / 次年 / 翌年 standing alone (not before a month): a year-precision date.
# 當年 is left out: it far more often means "back then".
REL_YEAR_ALONE = "同年|次年|翌年|隔年|前一年|該年|该年|是年"
REL_YEAR = rf"""
    (?P<rel_y>{REL_YEAR_ALONE})(?![度龄齡级級代間间])(?!{SP}(?:{MONTH}){SP}月)
"""
MONTH_DAY = rf"""
    (?P<rel>{RELATIVE_YEARS}|{LUNAR})?
    (?P<m2>{MONTH}){SP}月(?:{SP}(?P<d2>{DAY}){SP}{DAY_SUFFIX})?
"""
BARE_DAY = rf"""
    (?P<d3>{DAY}){SP}日
"""

ALTERNATIVES = [CENTURY, DECADE, YEAR_RANGE, REL_YEAR, YEAR_DATE, GANZHI, MONTH_DAY, BARE_DAY]
BODY = rf"{START_GUARD}(?:{'|'.join(ALTERNATIVES)})"
# Every character a candidate can start with. The engine does not work this
# out by itself for a pattern that opens with a lookbehind, and testing it
# first makes the scan ~8x faster (most positions fail on one set lookup).
# tests/test_dates.py checks it against the pattern without it.
FIRST_CHARS = (
    "0-9"
    + CN_NUM
    + "元公西紀纪前中民"
    + "同當当是該该本那次翌隔明第去上"
    + "農农陰阴舊旧閏闰"
    + "正臘腊"
    + "甲乙丙丁戊己庚辛壬癸"
)
# Right after a date: a note that it is a Chinese-calendar date, 1786年11月27日(此指阴历).
LUNAR_NOTE = re.compile(r"[（(](?:此指|即|为|為)?(?:農曆|农历|陰曆|阴历|舊曆|旧历)")
# Right after an era year: a Gregorian gloss without 年, 康熙五十九年（1720）.
BARE_GLOSS = re.compile(r"([（(])([0-9]{3,4})[）)]")
DATE_RE = re.compile(rf"(?=[{FIRST_CHARS}]){BODY}", re.VERBOSE)

# Between two parts of a range (1994年1月至3月, 7月22日至28日) or of a list
# (5月3日和6日): the second part inherits the first's year (and month).
RANGE_JOINER = re.compile(r"[ \u3000]?(?:[至到~～\-–—－、和与與及或]|以及)[ \u3000]?")
# Only these make one range mention out of two parts.
RANGE_ONLY = re.compile(r"[ \u3000]?(?:[至到~～\-–—－]|——)[ \u3000]?")
# After a mention: a season or a part of the period, kept as `qualifier`.
QUALIFIER = re.compile(
    r"上半[叶葉期]|下半[叶葉期]|中[叶葉期旬]|[初末早晚後后]期|[上下]旬|[春夏秋冬](?:季|天)?|初|末|底"
)
# A gloss of a reign-era year: 康熙七年（1668年）. What follows is lunar.
ERA_GLOSS_END = re.compile(r"年[（(][^（）()]{1,14}[）)][ \u3000]?$")
