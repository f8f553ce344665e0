"""Western date forms, as references and templates write them:
2012-10-29, 29 October 2012, October 29, 2012, Oct. 2012.

Only non-text sources (reference fields, infobox values) are searched for
these: article text is Chinese and its digits-with-dashes are far more often
identifiers. A whole `date` field holding just 2012 or 2012-10 is a date too.
"""

from __future__ import annotations

import re

from ...model import DateMention
from .finder import iso
from .rules import valid_day

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_MONTH = "(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
WESTERN_RE = re.compile(
    rf"""(?<![\w/.-])(?:
        (?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})
      | (?P<dd>\d{{1,2}})\s+{_MONTH}\s*,?\s+(?P<dy>\d{{4}})
      | {_MONTH.replace("mon", "mon2")}\s+(?P<md>\d{{1,2}}),?\s+(?P<my>\d{{4}})
      | {_MONTH.replace("mon", "mon3")}\s+(?P<oy>\d{{4}})
    )(?![\w/-])""",
    re.IGNORECASE | re.VERBOSE,
)
WHOLE_FIELD_RE = re.compile(r"\s*(?P<y>\d{4})(?:-(?P<m>\d{2}))?\s*")


def find_western(value: str, *, whole_field_is_date: bool = False) -> list[DateMention]:
    """Western dates in `value`, with offsets into it."""
    found = [d for d in (_mention(m) for m in WESTERN_RE.finditer(value)) if d is not None]
    whole = WHOLE_FIELD_RE.fullmatch(value) if whole_field_is_date and not found else None
    return found if whole is None else _whole_field(value, whole)


def _whole_field(value: str, m: re.Match[str]) -> list[DateMention]:
    """A `date` field of just 2012 or 2012-10."""
    month = int(m.group("m")) if m.group("m") else None
    if month is not None and not 1 <= month <= 12:
        return []
    start, end = m.start("y"), m.end("m") if month else m.end("y")
    return [
        DateMention(value[start:end], start, end, iso(int(m.group("y")), month), "month" if month else "year")
    ]


def _mention(m: re.Match[str]) -> DateMention | None:
    year, month, day = _parts(m)
    if not 1 <= month <= 12 or (day is not None and not valid_day(year, month, day)):
        return None
    precision = "day" if day is not None else "month"
    return DateMention(m.group(), m.start(), m.end(), iso(year, month, day), precision)


def _parts(m: re.Match[str]) -> tuple[int, int, int | None]:
    if m.group("iy"):
        return int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    if m.group("dy"):
        return int(m.group("dy")), _MONTHS[m.group("mon").lower()], int(m.group("dd"))
    if m.group("my"):
        return int(m.group("my")), _MONTHS[m.group("mon2").lower()], int(m.group("md"))
    return int(m.group("oy")), _MONTHS[m.group("mon3").lower()], None
