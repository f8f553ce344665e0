"""Chinese and Arabic numerals as they appear inside date expressions.

Two Chinese styles exist and mean different things, so they are told apart:
the *digit-string* style spells a number digit by digit (一九九二 = 1992,
二〇〇五 = 2005) and is how years are written; the *positional* style uses the
units 十/百/千 (二十八 = 28, 一千九百 = 1900) and is how months, days,
centuries and reign/ROC years are written. Callers decide which style they
accept in which slot; this module only converts.

Full-width digits (０-９) are mapped to ASCII one-for-one by `ascii_digits`, so
a text can be scanned in ASCII form without moving any offset.
"""

from __future__ import annotations

import re

CN_DIGITS: dict[str, int] = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
_ABBREVIATED_TENS = {"廿": "二十", "卅": "三十"}

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_HAS_FULLWIDTH = re.compile("[０-９]")


def ascii_digits(text: str) -> str:
    """Map full-width digits to ASCII; same length, so offsets are unchanged."""
    if _HAS_FULLWIDTH.search(text) is None:
        return text  # the common case costs one scan and no copy
    return text.translate(_FULLWIDTH)


def is_arabic(s: str) -> bool:
    """True for a non-empty run of ASCII digits."""
    return s.isascii() and s.isdigit()


def is_digit_string(s: str) -> bool:
    """True for the digit-by-digit Chinese style (一九九二), which has no units."""
    return bool(s) and all(ch in CN_DIGITS for ch in s)


def parse_digit_string(s: str) -> int | None:
    """一九九二 -> 1992. None if `s` contains anything but Chinese digits."""
    if not is_digit_string(s):
        return None
    return int("".join(str(CN_DIGITS[ch]) for ch in s))


def parse_positional(s: str) -> int | None:
    """二十八 -> 28, 十二 -> 12, 二千零五 -> 2005, 廿八 -> 28.

    Units must strictly decrease (so 十十 is rejected) and two non-zero digits
    may not touch (that would be the digit-string style, not this one).
    """
    for short, long in _ABBREVIATED_TENS.items():
        s = s.replace(short, long)
    total, digit, last_unit, prev_digit = 0, None, 10_000, False
    for ch in s:
        if ch in CN_UNITS:
            unit = CN_UNITS[ch]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit, prev_digit = None, unit, False
        elif ch in CN_DIGITS:
            value = CN_DIGITS[ch]
            if prev_digit and value and digit:
                return None
            digit, prev_digit = value, True
        else:
            return None
    return total + (digit or 0) if s else None


def parse_number(s: str) -> int | None:
    """Any numeral of a date slot: Arabic, digit-string or positional Chinese."""
    if is_arabic(s):
        return int(s)
    if any(ch in CN_UNITS for ch in s) or s[:1] in _ABBREVIATED_TENS:
        return parse_positional(s)
    return parse_digit_string(s)
