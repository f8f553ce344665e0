"""Unlinked places named in an address after a known place: 陕西省乾县阳洪乡乳台村, 刚果民主共和国南基伍省金杜市.

Chinese writes a place from the largest unit down, each unit a name and its
class word (省, 市, 县, 区, 乡, 镇, 村 …), with nothing between them. Once a
known place (the gazetteer's, or a name of the page's) ends, each following
unit of one to three characters and a class word is a place too, and so on
down the chain. Guards keep clauses out: a unit may not start inside a word
jieba knows (孙中山南下广州: 南下), hold a function word (到扬州, 护法各省, 置鄞州), be a
frequent common word, or reach past a class word (省干县 is 省 + 干县). Kept only
after judging every unit it finds in the shared corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .names import CLAUSE_TAGS, WORD_MIN_FREQ, common_word, jieba_freq, pos_tags, suffix_type

_CLASS_WORDS = "省市县区乡镇村州郡旗町"
_UNIT_END = re.compile(f"[{_CLASS_WORDS}]")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
# One-character words whose tags are worth believing (jieba tags a lone character of a name at random):
# function words, and the verbs of administrative history (析句章县置鄞州: 置 is "set up").
_FUNCTION_CHARACTERS = frozenset(
    "的之了在和与及等是为有各该本全每此其这那从向对被把将于到往至置设改析属隶治迁并入废升降划辖领"
)
_LONGEST = 4  # characters of a unit, its class word included


def address_spans(folded: str, place_ends_at: Callable[[int], bool]) -> list[tuple[int, int]]:
    """(start, end) of each unit of an address in the script-folded text; `place_ends_at(i)`: a known place
    ends at character i. The longest of overlapping units is kept (宁波市鄞州区, not 鄞州)."""
    ends: set[int] = set()
    found: list[tuple[int, int]] = []
    for m in _UNIT_END.finditer(folded):
        end = m.end()
        for size in range(2, _LONGEST + 1):  # the shortest unit that follows a place
            start = end - size
            if start < 1 or not _HAN.fullmatch(folded[start:end]):
                break
            if not (start in ends or place_ends_at(start)):  # the cheap tests first: most class words follow none
                continue
            if jieba_freq(folded[start - 1 : start + 1]) >= WORD_MIN_FREQ:
                continue  # the unit would start inside a word
            if end < len(folded) and jieba_freq(folded[end - 1 : end + 1]):
                break  # 市场, 县城, 村民: the class word is part of a longer word
            if _unit(folded[start:end]):
                found.append((start, end))
                ends.add(end)
                break
    kept: list[tuple[int, int]] = []
    for span in found:
        while kept and kept[-1][0] >= span[0]:
            kept.pop()
        kept.append(span)
    return kept


def _unit(unit: str) -> bool:
    """A place's name and its class word, no clause: 阳洪乡, 南基伍省 (not 的城市, 全市, 到扬州)."""
    name = unit[:-1]
    if unit[0] in _CLASS_WORDS or suffix_type(unit) != "GPE":
        return False
    if common_word(unit) or (len(name) > 1 and common_word(name)):
        return False
    return not _clause(pos_tags(name, hmm=False)) and not _clause(pos_tags(unit, hmm=False)[:-1])


def _clause(words: tuple[tuple[str, str], ...]) -> bool:
    return any(
        flag.startswith(CLAUSE_TAGS) and (len(word) > 1 or word in _FUNCTION_CHARACTERS) for word, flag in words
    )
