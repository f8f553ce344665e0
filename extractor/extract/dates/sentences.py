"""The sentence around each text date, and the entities mentioned in it.

A sentence ends at 。！？ (and their ASCII / full-width forms) or at a line
break, but not at a mark inside a phrase: right after an opening parenthesis or
before a dash, closing parenthesis or comma (the unknown year of `（？—前464年）`).
Computed once entities exist; infobox and reference dates get none.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ...model import DateMention, Entity

_SENTENCE_END = re.compile(r"(?<![（(])[。！？!?]+(?![—－–~～\-）)、，,])|\n")


def sentence_bounds(text: str) -> list[int]:
    """Start offsets of every sentence; the first is 0."""
    starts = [0]
    for m in _SENTENCE_END.finditer(text):
        starts.append(m.end())
    return starts


def attach_sentences(dates: list[DateMention], text: str, entities: list[Entity]) -> None:
    """Fill `sentence_start`, `sentence_end` and `entities` of every text date."""
    starts = sentence_bounds(text)
    by_sentence: dict[int, set[int]] = {}
    for index, entity in enumerate(entities):
        for mention in entity.mentions:
            by_sentence.setdefault(bisect_right(starts, mention.start) - 1, set()).add(index)
    for d in dates:
        if d.source != "text":
            continue
        k = bisect_right(starts, d.start) - 1
        end = starts[k + 1] if k + 1 < len(starts) else len(text)
        d.sentence_start, d.sentence_end = starts[k], _strip_end(text, starts[k], end)
        d.entities = sorted(by_sentence.get(k, ()))


def _strip_end(text: str, start: int, end: int) -> int:
    """A sentence ends after its 。 but before the line break."""
    while end > start and text[end - 1] == "\n":
        end -= 1
    return end
