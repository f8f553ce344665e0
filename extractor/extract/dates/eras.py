"""Chinese reign eras (年號): 康熙六十一年 -> 1722, 貞觀三年 -> 629.

The table is `extractor/data/eras.tsv` (zh.wikipedia 中国年号列表, CC BY-SA; its
header says how it was made). An era year is found by the finder as a Chinese
year number right before 年 (七年, 元年); `era_before` then looks back for an
era name ending right there, longest name first.

Era names are ambiguous (建武 was used by seven regimes), so `resolve` narrows
the candidates, in this order, and gives up rather than guess:
1. the year number must fit the era (no 貞觀三十年);
2. a Gregorian gloss right after the year, 康熙七年（1668年）, picks the era
   whose year it is;
3. a regime word right before the name (清康熙, 東漢建武, 唐貞觀) or nearby in
   the text (清朝, 東晉, 前燕) picks that regime's era;
4. one candidate from a unified dynasty (the 漢, 晉, 隋, 唐, 宋, 元, 明, 清 lines)
   beats regional regimes and short-lived claimants, unless one of those
   regimes is named nearby, or another country's calendar is (天皇, 日本...:
   Japanese 貞觀 is 859, not Tang 627);
otherwise the value is None with reason "ambiguous_era".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...resources import data_file
from .numerals import parse_number

TABLE = data_file("eras.tsv")
MAX_NAME = 6  # 天授禮法延祚
MAX_OPEN_YEARS = 62  # an era with no known end: 康熙 has 61 years, the longest
UNIFIED = frozenset("西漢 東漢 西晉 東晉 隋朝 唐朝 武周 北宋 南宋 元朝 明朝 清朝".split())
# Single-character regime names are only trusted right before the era name
# (清康熙); nearby in the text they need a suffix (清朝, 清代, 唐代...).
_SUFFIXES = ("朝", "代", "國", "国")
# A unified dynasty's era is not preferred where another country's eras are
# in use: Japanese 貞觀 (859) is not Tang 貞觀 (627).
FOREIGN_CALENDAR_WORDS = (
    "天皇",
    "日本",
    "朝鮮",
    "朝鲜",
    "高麗",
    "高丽",
    "越南",
    "琉球",
    "新羅",
    "新罗",
    "百濟",
    "百济",
)
_GLOSS = re.compile(r"[（(]\s*(公元前|前)?(\d{1,4})\s*年?")


@dataclass(frozen=True)
class Era:
    dynasty: str
    dynasty_hans: str
    name: str
    name_hans: str
    first: int  # astronomical year of 元年
    last: int | None

    def year(self, n: int) -> int | None:
        """The Gregorian (astronomical) year of year `n` of this era, if it has one."""
        limit = self.last - self.first + 1 if self.last is not None else MAX_OPEN_YEARS
        return self.first + n - 1 if 1 <= n <= limit else None

    def regime_words(self) -> frozenset[str]:
        """Words naming this era's regime: 清朝 -> {清朝, 清, 清代...}; 東晉 -> {東晉, 东晋, 晉...}."""
        words = set()
        for name in {self.dynasty, self.dynasty_hans}:
            base = name[:-1] if len(name) > 1 and name[-1] in _SUFFIXES else name
            words.update({name, base} | {base + s for s in _SUFFIXES})
        return frozenset(w for w in words if w and w != "misc")


@lru_cache(maxsize=1)
def eras_by_name() -> dict[str, tuple[Era, ...]]:
    """Era name (traditional and simplified) -> every era of that name. Read once."""
    table: dict[str, list[Era]] = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines()[1:]:
        if line.startswith("#") or line.startswith("dynasty\t") or not line.strip():
            continue
        dyn, dyn_hans, name, hans, first, last = line.split("\t")
        era = Era(dyn, dyn_hans, name, hans, int(first), int(last) if last else None)
        for key in {name, hans}:
            table.setdefault(key, []).append(era)
    return {k: tuple(v) for k, v in table.items()}


def era_before(text: str, end: int) -> str | None:
    """The longest era name ending exactly at `end` (the start of 七年), if any."""
    table = eras_by_name()
    for size in range(min(MAX_NAME, end), 1, -1):
        name = text[end - size : end]
        if name in table:
            return name
    return None


def era_number(raw: str) -> int | None:
    """七 -> 7, 六十一 -> 61, 元 / 正 -> 1 (元年, 正年 is not used but 正月 is)."""
    return 1 if raw == "元" else parse_number(raw)


@dataclass(frozen=True)
class EraYear:
    year: int | None
    reason: str | None  # None, "ambiguous_era" or "era_year_out_of_range"


def resolve(name: str, n: int, *, prefix: str, gloss: int | None, context: str) -> EraYear:
    """Year `n` of era `name`; `prefix` is the text right before the name, `context` nearby text."""
    fitting = [(e, e.year(n)) for e in eras_by_name()[name]]
    fitting = [(e, y) for e, y in fitting if y is not None]
    if not fitting:
        return EraYear(None, "era_year_out_of_range")
    for narrow in (_by_gloss(gloss), _by_prefix(prefix), _by_context(context), _by_unified(context)):
        picked = narrow(fitting)
        if len({y for _, y in picked}) == 1:
            return EraYear(picked[0][1], None)
        if picked:
            fitting = picked
    return EraYear(None, "ambiguous_era")


Fit = list[tuple[Era, int]]


def _by_gloss(gloss: int | None):
    return lambda fit: [(e, y) for e, y in fit if gloss is not None and y == gloss]


def _by_prefix(prefix: str):
    def pick(fit: Fit) -> Fit:
        return [(e, y) for e, y in fit if any(prefix.endswith(w) for w in e.regime_words())]

    return pick


def _by_context(context: str):
    def pick(fit: Fit) -> Fit:
        return [(e, y) for e, y in fit if any(w in context for w in _long_words(e))]

    return pick


def _by_unified(context: str):
    """A unified dynasty's era wins when no rival regime is named nearby."""

    def pick(fit: Fit) -> Fit:
        unified = [(e, y) for e, y in fit if e.dynasty in UNIFIED]
        rivals_named = any(w in context for e, _ in fit if e.dynasty not in UNIFIED for w in _long_words(e))
        foreign = any(w in context for w in FOREIGN_CALENDAR_WORDS)
        return [] if rivals_named or foreign else unified

    return pick


def _long_words(era: Era) -> frozenset[str]:
    """Regime words of two or more characters: 清 alone is too common a character."""
    return frozenset(w for w in era.regime_words() if len(w) >= 2)


def gloss_year(text: str, end: int) -> int | None:
    """The Gregorian year of a gloss right after an era year: 七年（1668年） -> 1668, （前473年） -> -472."""
    m = _GLOSS.match(text, end, end + 12)
    if m is None:
        return None
    n = int(m.group(2))
    return 1 - n if m.group(1) else n
