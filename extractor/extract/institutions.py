"""Unlinked institution names that nothing else vouches for: 威达信集团, 中孚银行, 华夏出版社.

An institution's name ends in its class word (集团, 公司, 银行, 出版社 …) and
starts with a proper name. The name's start is where the clause before it
ends (jieba's part-of-speech tags: a verb, a preposition, a numeral …); the
first word must be a proper name or a word jieba does not know (威达信, 中孚),
so kinds are left alone: 汽车公司, 这些公司, 十余所大学, 日本国立大学
(国立 is a distinguishing word: a national university, not a name). Kept only
after judging every name it finds in the shared corpus.
"""

from __future__ import annotations

import re

from .names import COMMON_MIN_FREQ, common_word, head_goes_on, jieba_freq, pos_tags, suffix_type

_HEADS = re.compile(
    "集团|公司|银行|出版社|大学|学院|研究所|研究院|协会|委员会|基金会|联合会|俱乐部|报社|电视台|日报|时报|晚报"
)
_WINDOW = 8  # characters before the head that may belong to the name
_RUN_BEFORE = re.compile(rf"[\u4e00-\u9fff]{{0,{_WINDOW}}}$")  # the Han characters that end a stretch
_PROPER_TAGS = ("ns", "nz", "nt")
_PERSON_TAGS = ("nr", "nrt", "nrfg")
_CLAUSE = tuple("m q r d c p u f".split())  # numerals, pronouns, adverbs, conjunctions, prepositions …
_COUNTED = re.compile("[一二三四五六七八九十两几数][大国所家个位]")
_CONJUNCTIONS = set("和与及或")
_KIND_TAGS = ("b", "a")  # 国立大学, 综合性大学: a distinguishing word or an adjective before the head


def institution_spans(folded: str) -> list[tuple[int, int]]:
    """(start, end) of every institution name found in the script-folded text, the longest of nested ones
    (广西师范大学出版社, not 广西师范大学 inside it)."""
    spans = []
    floor = 0  # a name never reaches back over a conjunction right after the previous head
    for m in _HEADS.finditer(folded):
        if head_goes_on(folded, m.start(), m.end()):  # 大学生: no head (tested first: it is the cheap test)
            continue
        start = _name_start(folded, m.start(), floor)
        if start is not None and _named(folded[start : m.end()]):
            spans.append((start, m.end()))
        # 达信保险顾问公司和佳达保险经纪公司: jieba reads 司和佳 as one word; a sub-unit (大学 + 文学院) goes on
        floor = m.end() + 1 if folded[m.end() : m.end() + 1] in _CONJUNCTIONS else 0
    return _outermost(spans)


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans in order of their ends (heads do not overlap), without those inside a later one: one pass."""
    kept, first_later_start = [], None
    for start, end in reversed(spans):
        if first_later_start is None or start < first_later_start:
            kept.append((start, end))
            first_later_start = start
    return kept[::-1]


def _name_start(folded: str, head: int, floor: int = 0) -> int | None:
    """Where the name before the head starts: after the clause that precedes it, within the window and
    after `floor`."""
    before = folded[max(head - _WINDOW - 1, floor, 0) : head]  # one character more: does the run go on?
    run = _RUN_BEFORE.search(before).group()
    words = pos_tags(run)
    cut = max((i + 1 for i, (_word, flag) in enumerate(words) if _clause_word(flag)), default=0)
    if cut == 0 and len(run) == _WINDOW:
        return None  # the run goes on before the window: where the name starts is unknown
    name_words = words[cut:]
    if not name_words or not _proper(*name_words[0]) or name_words[-1][1] in _KIND_TAGS:
        return None
    return head - sum(len(word) for word, _flag in name_words)


def _clause_word(flag: str) -> bool:
    return flag.startswith(_CLAUSE) or flag.startswith("v")  # 抗议 (vn) 日本文艺家协会: a verb, even nominal


def _proper(word: str, flag: str) -> bool:
    """威达信, 中孚: unknown to jieba; 福特, 华夏: a proper name (jieba's rare nr, ns, nz, nt)."""
    freq = jieba_freq(word)
    if freq == 0:
        return True
    if flag in _PERSON_TAGS:
        return freq < COMMON_MIN_FREQ  # jieba files 卫星 and 顾问 as nr too
    return flag in _PROPER_TAGS


def _named(name: str) -> bool:
    """五国银行团, 三大汽车公司: a count before the head makes a group of institutions, not one."""
    if len(name) < 4 or _COUNTED.search(name) or common_word(name):
        return False
    return suffix_type(name) == "ORG"
