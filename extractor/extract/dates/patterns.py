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

Numeric dates (2010-01-29, 2015.5.13) are read only when they name one day for
certain (year first, or a day over 12); a bare number is never a year, except
in a birth–death parenthesis, （1868－1944）.
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
# A day in Chinese numerals may go without 日 after its month: 八月十五, 正月三十,
# 十月初一; not when a number, a counter word or a unit follows (五月十五人, 三月二十多).
DAY_NO_SUFFIX = (
    "(?:初(?:十|[一二三四五六七八九])|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]"
    "|廿[一二三四五六七八九]?|卅一?)"
    "(?![〇零○一二三四五六七八九十百千两廿卅0-9日号號个個人名位岁歲次届屆分秒点點时時天年月周週"
    "元万萬亿億倍条條项項件章节節回场場部本首家座所支队隊里米度公斤吨噸户戶多余餘])"
    # an Arabic day without 日 only as a range's first half: 一月19到20日
    r"|(?:3[01]|[12][0-9]|0?[1-9])(?=[ \u3000]?[至到~～\-–—－][ \u3000]?(?:3[01]|[12][0-9]|0?[1-9])[日号號])"
)
# Words that fix the year of a following month relative to the previous date.
RELATIVE_YEARS = "同年|當年|当年|是年|該年|该年|本年|那年|次年|翌年|隔年|明年|第二年|去年|上年"
LUNAR = "農曆|农历|陰曆|阴历|舊曆|旧历|農暦|农暦|陰暦|阴暦|閏|闰"  # 閏6月: a leap month is lunar

CENTURY = rf"""
    (?P<c_pre>(?:{ERA_PREFIX})?前)?
    (?P<c_num>[0-9]{{1,2}}|[一二三四五六七八九十]{{1,3}}){SP}世[纪紀]
    (?:{SP}(?P<c_dec>[1-9]0|[一二三四五六七八九]十){SP}年代)?  # 十九世纪七十年代: the 1870s
"""
RANGE_DASH = "[-–—~～－]|至|到"
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
    (?:{SP}(?P<m>{MONTH}){SP}月(?:{SP}(?P<d>{DAY}){SP}{DAY_SUFFIX}|(?P<dn>{DAY_NO_SUFFIX}))?)?
"""
# 1990-1995年: a year range written with one 年; 2004-05年 (a season) too.
YEAR_RANGE = rf"""
    (?P<yr_from>[0-9]{{3,4}}){SP}(?:{RANGE_DASH}){SP}(?P<yr_to>[0-9]{{3,4}}|[0-9]{{2}}){SP}年(?!代)
"""
# 甲子年: a sexagenary year, resolved only against a nearby year (finder.py).
GANZHI = rf"""
    (?P<gz>[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥])年
    (?:{SP}(?P<gz_m>{MONTH}){SP}月(?:{SP}(?P<gz_d>{DAY}){SP}{DAY_SUFFIX}|(?P<gz_dn>{DAY_NO_SUFFIX}))?)?
"""
# 同年 / 次年 / 翌年 standing alone (not before a month): a year-precision date.
# 當年 is left out: it far more often means "back then".
REL_YEAR_ALONE = "同年|次年|翌年|隔年|前一年|該年|该年|是年"
REL_YEAR = rf"""
    (?P<rel_y>{REL_YEAR_ALONE})(?![度龄齡级級代間间])(?!{SP}(?:{MONTH}){SP}月)
"""
# 次日 / 翌日 (the day after) and 同日 (that day): a day-precision date only right
# after a Gregorian day in the same paragraph (finder.py). Not 不可同日而语, 同日本
# (with Japan), 一次日食 (an eclipse), 这次日本; 是日 is left out: 是日本人 is far
# more common than "on that day".
REL_DAY = r"""
    (?<![每不一二两兩三四五六七八九十几幾数數多这這那首上下本前后後该該此再0-9])
    (?P<rel_d>次日|翌日|同日)(?![而本食期语語文元圆圓])
"""
MONTH_DAY = rf"""
    (?P<rel>{RELATIVE_YEARS}|{LUNAR})?
    (?P<m2>{MONTH}){SP}月(?:{SP}(?P<d2>{DAY}){SP}{DAY_SUFFIX}|(?P<dn2>{DAY_NO_SUFFIX}))?
"""
# 大年初一 (New Year's Day) and 大年三十 (its eve): days of the Chinese calendar.
NEW_YEAR = r"""
    大年(?P<ny>初(?:十|[一二三四五六七八九])|三十|二十九|廿九)
"""
# 2010-01-29, 2015.5.13, 2020/1/2 (year first); 13.5.2015, 5/13/2015 (year last, kept
# only when one number is over 12: 1/2/2020 may be either order). The same separator
# twice, and no further group with it after (2010.1.2.3 is a version number).
NUMERIC_DATE = r"""
    (?=[0-9]{1,4}[-/.][0-9])  # cheap test first: most digits are not followed by a separator
    (?:(?P<n_y>[0-9]{4})(?P<n_s>[-/.])(?P<n_m>[0-9]{1,2})(?P=n_s)(?P<n_d>[0-9]{1,2})(?!(?P=n_s)[0-9])
      | (?P<n_a>[0-9]{1,2})(?P<n_s2>[-/.])(?P<n_b>[0-9]{1,2})(?P=n_s2)(?P<n_y2>[0-9]{4})(?!(?P=n_s2)[0-9]))
    (?![0-9A-Za-z])
"""
# （1868－1944）: a birth–death (or term) range in parentheses, years without 年.
PAREN_RANGE = r"""
    (?<=[（(])(?P<pr_from>[0-9]{3,4})[ ]?[-–—－~～][ ]?(?P<pr_to>[0-9]{3,4})(?=[）)])
"""
BARE_DAY = rf"""
    (?P<d3>{DAY}){SP}日
"""

ALTERNATIVES = [
    PAREN_RANGE,
    NUMERIC_DATE,
    CENTURY,
    DECADE,
    YEAR_RANGE,
    REL_DAY,
    REL_YEAR,
    YEAR_DATE,
    GANZHI,
    MONTH_DAY,
    NEW_YEAR,
    BARE_DAY,
]
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
DATE_RE = re.compile(rf"(?=[{FIRST_CHARS}]|大年){BODY}", re.VERBOSE)  # 大 alone is too common to test on

# Between two parts of a range (1994年1月至3月, 7月22日至28日) or of a list
# (5月3日和6日): the second part inherits the first's year (and month).
RANGE_JOINER = re.compile(r"[ \u3000]?(?:[至到~～\-–—－、和与與及或]|以及)[ \u3000]?")
# Only these make one range mention out of two parts.
RANGE_ONLY = re.compile(r"[ \u3000]?(?:[至到~～\-–—－]|——)[ \u3000]?")
# 2007年与2009年间, 2015年和2018年之间, 2010年之后2018年之前: a range too, written
# with a list word (or 之后) between and 间 / 之前 after the second part.
RANGE_BETWEEN = (
    (re.compile(r"[ \u3000]?[与與和及跟][ \u3000]?"), re.compile(r"[ \u3000]?(?:之间|之間|间|間)")),
    (re.compile(r"[ \u3000]?(?:之后|之後|以后|以後)[ \u3000]?"), re.compile(r"[ \u3000]?(?:之前|以前)")),
)
# A month in Chinese numerals is a date by itself only in a pair: 三月到五月, 三月和九月之间.
MONTH_PAIR = re.compile(rf"[ \u3000]?(?:[至到~～\-–—－、和与與及]){SP}(?:{MONTH}){SP}月")
# After a mention: a season or a part of the period, kept as `qualifier`.
QUALIFIER = re.compile(
    r"[上下前]半年|[后後]半年|上半[叶葉期]|下半[叶葉期]|中[叶葉期旬]|[初末早晚後后]期|[上下]旬|[春夏秋冬](?:季|天)?|初|末|底"
)
# A gloss of a reign-era year: 康熙七年（1668年）. What follows is lunar.
ERA_GLOSS_END = re.compile(r"年[（(][^（）()]{1,14}[）)][ \u3000]?$")
