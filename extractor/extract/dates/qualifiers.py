"""Seasons and parts of a period after a date: 1990年春, 3月上旬, 19世纪末.

The value keeps the month / year / decade / century; the part goes into the
mention's `qualifier` and the span grows to include it, so the timeline shows
"19世纪末" and not a bare "19世纪". Words that only look like one are refused by
what follows them: 2000年春节 (a festival), 1990年初中 (junior high school),
2022年冬季奥运会, 夏令营, 末代.
"""

from __future__ import annotations

from .patterns import QUALIFIER

QUALIFIERS: dict[str, str] = {
    "初": "early",
    "初期": "early",
    "早期": "early",
    "上旬": "early",
    "中叶": "mid",
    "中葉": "mid",
    "中期": "mid",
    "中旬": "mid",
    "末": "late",
    "底": "late",
    "末期": "late",
    "後期": "late",
    "后期": "late",
    "晚期": "late",
    "下旬": "late",
    "上半年": "first_half",
    "前半年": "first_half",
    "下半年": "second_half",
    "后半年": "second_half",
    "後半年": "second_half",
    "上半叶": "first_half",
    "上半葉": "first_half",
    "上半期": "first_half",
    "下半叶": "second_half",
    "下半葉": "second_half",
    "下半期": "second_half",
}
SEASONS = {"春": "spring", "夏": "summer", "秋": "autumn", "冬": "winter"}
# What may not follow a qualifier word for it to be one.
NOT_AFTER = {
    "春": "节節晚运運联聯申",  # 春申君
    "夏": "令",
    "冬": "奥奧残殘",
    "初": "中一二三四五六七八九十0123456789",  # 初一, 11月初1日: a day, not "early"
    "末": "代",
    "底": "下",
}
# Which qualifiers fit which precision: seasons and 初/末 suit years and
# longer; 上旬/中旬/下旬, 初, 底 and 末 suit months.
_MONTH_PARTS = frozenset(["上旬", "中旬", "下旬", "初", "底", "末"])


def qualifier_of(scan: str, end: int, precision: str) -> tuple[str | None, int]:
    """The qualifier right after `end` (and the new end), or (None, end)."""
    if precision == "day":
        return None, end
    m = QUALIFIER.match(scan, end)
    if m is None:
        return None, end
    word = m.group()
    label = _label(word)
    after = scan[m.end() : m.end() + 1]
    if label is None or (after and after in NOT_AFTER.get(word.rstrip("季天"), "")):
        return None, end
    if precision == "month" and word not in _MONTH_PARTS:
        return None, end
    if precision != "month" and word.endswith("旬"):
        return None, end
    if precision != "year" and word.endswith("半年"):
        return None, end  # 2017年上半年; 19世纪上半年 is no phrase
    return label, m.end()


def _label(word: str) -> str | None:
    if word in QUALIFIERS:
        return QUALIFIERS[word]
    return SEASONS.get(word[0]) if word[0] in SEASONS else None
