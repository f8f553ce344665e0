"""The only place where offsets into a document's text are made.

Parsers write text and ask for line or paragraph breaks; the builder decides
the whitespace (no leading or trailing blanks on a line, at most one blank line
between paragraphs) *before* a character is placed, so a span taken with
`begin()` / `end()` is exact and never has to be patched afterwards.

It is also the one place where control characters are kept out of the text:
C0 controls but tab and newline, DEL, C1 controls, lone surrogates and Unicode
noncharacters are removed from every write before it is placed (so offsets are
those of the final text), each one counted as a `parse.control_character`
warning. Bidi marks (U+200E, U+200F, U+202A-U+202E) are text and stay; titles
drop them (`titles.normalize_title`).
"""

from __future__ import annotations

import re

from ..model import Span

_BLANKS = " \t\u3000"
CONTROL_CHARACTER = "parse.control_character"  # warning code (errors.WARNINGS)
CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]"
)


class Mark:
    """A span start; resolved to a position when the next character is written."""

    __slots__ = ("pos",)

    def __init__(self, pos: int | None) -> None:
        self.pos = pos


class TextBuilder:
    def __init__(self, warnings: list[str] | None = None) -> None:
        """`warnings`: the Document's list, where each control character removed is counted."""
        self.warnings = warnings if warnings is not None else []
        self._parts: list[str] = []
        self._len = 0
        self._pending = 0  # newlines owed before the next character
        self._waiting: list[Mark] = []
        self._floor = 0  # no trailing-blank trimming below a span boundary

    def write(self, s: str) -> None:
        if not s.isprintable() and CONTROLS.search(s):
            kept = CONTROLS.sub("", s)
            self.warnings.extend([CONTROL_CHARACTER] * (len(s) - len(kept)))
            s = kept
        if not s:
            return
        if self._pending or self._len == 0:
            s = s.lstrip(_BLANKS + "\n")
            if not s:
                return
            if self._len:
                self._trim_trailing_blanks()
                self._emit("\n" * self._pending)
            self._pending = 0
        for mark in self._waiting:
            mark.pos = self._len
        self._waiting.clear()
        self._emit(s)

    def line_break(self) -> None:
        self._pending = max(self._pending, 1)

    def paragraph_break(self) -> None:
        self._pending = 2

    def begin(self) -> Mark:
        mark = Mark(None)
        self._waiting.append(mark)
        return mark

    def end(self, mark: Mark) -> Span:
        if mark.pos is None:  # nothing was written since begin()
            self._waiting.remove(mark)
            mark.pos = self._len
        self._floor = self._len
        return Span(mark.pos, self._len)

    def build(self) -> str:
        self._trim_trailing_blanks()
        return "".join(self._parts)

    def _emit(self, s: str) -> None:
        self._parts.append(s)
        self._len += len(s)

    def _trim_trailing_blanks(self) -> None:
        while self._parts and self._len > self._floor:
            last = self._parts[-1]
            keep = max(len(last.rstrip(_BLANKS)), len(last) - (self._len - self._floor))
            if keep == len(last):
                return
            self._len -= len(last) - keep
            if keep:
                self._parts[-1] = last[:keep]
                return
            self._parts.pop()
