"""A fast OpenCC converter whose matching is opencc-python-reimplemented's.

It converts with OpenCC's current data, vendored (`opencc_dicts.VENDORED`, the default), or with
the reimplementation's own older data (`opencc_dicts.REIMPLEMENTATION`); with the latter its
output is identical to the reimplementation's (tests/test_fastcc.py), which is what proves the
matching. The matching is the reimplementation's algorithm (`opencc/opencc.py`), restated:

1. the text is split at SEPARATORS; a config's chain of steps runs on each piece, each step
   on the previous step's output; separators pass through untouched;
2. a step is a group of dictionaries, tried in order; within a piece, the first dictionary
   finds the longest key occurring anywhere (the leftmost of equal length), replaces it with
   its first candidate, and recurses on the text left and right of it; what no key of that
   dictionary matched goes on to the next dictionary of the group; replaced text is final.

Point 2 is not OpenCC's forward maximum matching: it is the same as taking every occurrence
of every key, ordered by (longer first, then leftmost), and keeping each one that overlaps
none kept before, which is what `_PhraseTable` does. The recursion's length hint only prunes,
it never changes the result.

Point 1 needs no splitting here: a key containing a separator can never match there, so such
keys are dropped, and then no match can cross a separator; that stays true in later steps
because no value that an earlier step can write contains a separator (`_check_values`).

Speed comes from doing the per-character work in C: a group's last dictionaries, when all their
keys are single characters (STCharacters, TSCharactersExt + TSCharacters, the variant tables),
are one `str.translate` table over the gaps between phrase matches (the earlier dictionary
winning a character, as in the group; a single-character key matches wherever it occurs, so
merging them changes nothing); phrases are looked for only in runs of characters that occur in
some key (a regex character class), by their first two characters; a step of characters only
(OpenCC's normalization of compatibility ideographs) is skipped when none occurs. Tables are
built in-process from the data files (about 0.2 s for s2t).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, partial

from .opencc_dicts import SEPARATORS, VENDORED, Member, UnsupportedOpenCC, load_chain, load_dictionary

Match = tuple[int, int, str]  # start, end, replacement


class _PhraseTable:
    """One dictionary, matched by key occurrences (see the module docstring, point 2)."""

    def __init__(self, table: dict[str, str]) -> None:
        self.keys = {k: v for k, v in table.items() if k and not SEPARATORS.search(k)}
        # every key of two or more characters -> its value, and each of its proper prefixes of
        # two or more -> "": a walk from a position stops at the first slice that is neither
        self.walk: dict[str, str] = {}
        for key in self.keys:
            for n in range(2, len(key)):
                self.walk.setdefault(key[:n], "")
        self.walk.update((k, v) for k, v in self.keys.items() if len(k) > 1)
        singles = "".join(sorted(k for k in self.keys if len(k) == 1))
        self.singles = re.compile(f"[{_char_class(singles)}]") if singles else None
        chars = "".join(sorted(set("".join(k for k in self.keys if len(k) > 1))))
        self.runs = re.compile(f"[{_char_class(chars)}]{{2,}}") if chars else None

    def occurrences(self, text: str) -> list[tuple[int, int, str]]:
        """Every (-length, start, value) of a key in `text`: sorting them gives the match order."""
        keys, walk = self.keys, self.walk
        found: list[tuple[int, int, str]] = []
        if self.singles is not None and self.singles.search(text):
            hits = ((m.start(), m.group()) for m in self.singles.finditer(text))
            found.extend((-1, i, keys[c]) for i, c in hits if c in keys)  # the class may be wider
        first = self.runs.search(text) if self.runs is not None else None
        if first is None:  # most short strings: `search` costs a fifth of `finditer`
            return found
        for run in self.runs.finditer(text, first.start()):
            start, end = run.span()
            for i in [i for i in range(start, end - 1) if text[i : i + 2] in walk]:
                _walk_from(text, i, end, walk, found)
        return found


def _walk_from(text: str, i: int, end: int, walk: dict[str, str], found: list[tuple[int, int, str]]) -> None:
    """Add to `found` every key that starts at `i` and ends by `end`: the slice grows one character
    at a time while it is still a key or the prefix of one."""
    n = i + 2
    value: str | None = walk[text[i:n]]
    while value is not None:
        if value:
            found.append((i - n, i, value))
        n += 1
        value = walk.get(text[i:n]) if n <= end else None


def _char_class(chars: str) -> str:
    """A regex character class body for the sorted characters `chars`, as ranges. Characters past
    U+FFFF become the one range U+10000-U+10FFFF: with any of them in a class, `re` tests the
    class range by range instead of by its BMP bitmap, several times slower; a wider class
    only makes runs longer, never loses a match."""
    bmp = [c for c in chars if c <= "\uffff"]
    parts, i = [], 0
    while i < len(bmp):
        j = i
        while j + 1 < len(bmp) and ord(bmp[j + 1]) == ord(bmp[j]) + 1:
            j += 1
        parts.append(re.escape(bmp[i]) + ("-" + re.escape(bmp[j]) if j > i else ""))
        i = j + 1
    astral = "\U00010000-\U0010ffff" if len(bmp) < len(chars) else ""
    return "".join(parts) + astral


def _keep_unblocked(found: list[tuple[int, int, str]], taken: bytearray, kept: list[Match]) -> None:
    """Keep, longest first then leftmost, each occurrence that overlaps nothing kept so far."""
    found.sort()
    for negative_length, start, value in found:
        end = start - negative_length
        if taken.find(1, start, end) < 0:
            taken[start:end] = b"\x01" * (end - start)
            kept.append((start, end, value))


def _translation(table: dict[str, str]) -> list[int | str]:
    """A `str.translate` table: a list indexed by code point (faster than a dict; code points
    past its end raise IndexError, a LookupError, which translate reads as "unchanged")."""
    table = {k: v for k, v in table.items() if not SEPARATORS.fullmatch(k)}  # never reach a dictionary
    size = max(map(ord, table)) + 1 if table else 0
    out: list[int | str] = list(range(size))
    for key, value in table.items():
        out[ord(key)] = ord(value) if len(value) == 1 else value
    return out


@cache
def _phrase_table(member: Member, source: str) -> _PhraseTable:
    return _PhraseTable(load_dictionary(member, source))


@cache
def _char_dictionary(members: tuple[Member, ...], source: str) -> dict[str, str]:
    """Single-character dictionaries tried in order, as one: the earlier wins a key (each character
    is its own match, so the first dictionary holding it converts it, as in the group)."""
    table: dict[str, str] = {}
    for member in members:
        for key, value in load_dictionary(member, source).items():
            table.setdefault(key, value)
    return table


@cache
def _char_table(members: tuple[Member, ...], source: str) -> list[int | str]:
    return _translation(_char_dictionary(members, source))


def _is_char_table(member: Member, source: str) -> bool:
    return all(len(key) == 1 for key in load_dictionary(member, source))


class _Step:
    """One group of dictionaries: phrase tables matched in order, then an optional
    single-character table translated over what they left (the group's trailing run of
    single-character dictionaries, merged: TSCharactersExt + TSCharacters)."""

    def __init__(self, members: tuple[Member, ...], source: str) -> None:
        split = len(members)
        while split > 0 and _is_char_table(members[split - 1], source):
            split -= 1
        char_members = members[split:]
        self.phrases = [_phrase_table(m, source) for m in members[:split]]
        self.chars = _char_table(char_members, source) if char_members else None
        self._char_values = _char_dictionary(char_members, source).values() if char_members else ()
        # a step of characters only (OpenCC's normalization of compatibility ideographs, rare in
        # text): the characters that its class finds are replaced one by one, not translated
        self._only_chars = None
        if char_members and not self.phrases:
            table = {k: v for k, v in _char_dictionary(char_members, source).items() if not SEPARATORS.fullmatch(k)}
            if table:
                pattern = re.compile(f"[{_char_class(''.join(sorted(table)))}]")  # may be wider: get()
                self._only_chars = partial(pattern.sub, lambda m: table.get(m.group(), m.group()))

    def __call__(self, text: str) -> str:
        if self._only_chars is not None:
            return self._only_chars(text)
        kept = self._matches(text)
        if not kept:
            return text.translate(self.chars) if self.chars is not None else text
        kept.sort()
        parts, prev = [], 0
        for start, end, value in kept:
            parts.append(text[prev:start])
            parts.append(value)
            prev = end
        parts.append(text[prev:])
        if self.chars is not None:
            parts[::2] = [gap.translate(self.chars) for gap in parts[::2]]
        return "".join(parts)

    def _matches(self, text: str) -> list[Match]:
        kept: list[Match] = []
        taken = None
        for table in self.phrases:
            found = table.occurrences(text)
            if found:
                taken = taken if taken is not None else bytearray(len(text))
                _keep_unblocked(found, taken, kept)
        return kept

    def values(self) -> list[str]:
        """Every string this step can write in place of a match."""
        return [v for table in self.phrases for v in table.keys.values()] + list(self._char_values)


def _check_values(steps: list[_Step]) -> None:
    """Whole-text matching equals the reimplementation's per-piece matching only while no step
    but the last writes a separator (a later step would then see it inside a piece)."""
    for step in steps[:-1]:
        bad = next((v for v in step.values() if SEPARATORS.search(v)), None)
        if bad is not None:
            raise UnsupportedOpenCC(f"a dictionary value {bad!r} contains an OpenCC separator")


class FastConverter:
    """`FastConverter("s2t")(text)`: OpenCC's s2t with the vendored data and the reimplementation's
    matching; `FastConverter("s2t", REIMPLEMENTATION)(text)` == `opencc.OpenCC("s2t").convert(text)`."""

    def __init__(self, config: str, source: str = VENDORED) -> None:
        self.config = config
        self.source = source
        self.steps = [_Step(members, source) for members in load_chain(config, source)]
        _check_values(self.steps)
        self._ascii_inert = not any(_has_ascii(s) for s in self.steps)

    def __call__(self, text: str) -> str:
        if self._ascii_inert and text.isascii():
            return text
        for step in self.steps:
            text = step(text)
        return text


def _has_ascii(step: _Step) -> bool:
    """Whether some key of `step` is pure ASCII (else ASCII text passes it unchanged)."""
    chars = step.chars or []
    if any(chars[i] != i for i in range(min(128, len(chars)))):
        return True
    return any(key.isascii() for table in step.phrases for key in table.keys)


@cache
def converter(config: str, source: str = VENDORED) -> Callable[[str], str]:
    """The converter for an OpenCC config name ("t2s", "s2t", "tw2sp", "s2twp", "s2hk", ...)."""
    return FastConverter(config, source)
