"""A bracket-aware front end to `TextBuilder` for the markdown parser.

Pandoc drops templates such as `{{lang-en|...}}` but keeps the brackets and
separators around them, leaving `（）`, `（，）` or `（，缩写：）` in the text.
Text cannot be edited once spans point into it, so everything written inside
an open `（`/`(` is buffered as *events* (text, span open, span close) until
the group closes; the group is then cleaned (empty parts and dangling
separators removed, or the whole group dropped) and replayed onto the builder.
Span events survive a cleanup, so a span whose text was dropped comes out
empty and its owner can discard it.

A closed group inside another is kept *sealed* (one event holding its cleaned
events) rather than spliced in: the outer group's cleanup needs to know only
whether it shows any text (`（…）`, opaque to `keep_mask`) or none, so each
group is cleaned once over its own text and nesting costs linear time, not
quadratic. Sealed groups are unfolded when written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ...model import Span
from ..brackets import CLOSERS, OPENERS, keep_mask
from ..textbuilder import Mark, TextBuilder

PROTECT_OPEN = "\u2e00"  # sentinels around rendered -{ }- text (category Po,
PROTECT_CLOSE = "\u2e01"  # so markdown-it's emphasis flanking rules still work)

Event = tuple[str, object]  # ("t", text) | ("o", key) | ("c", key) | ("g", _Sealed)
_SHOWN_GROUP = "（…）"  # what a nested group that shows text is to its outer group's cleanup
_SPECIAL = re.compile(f"([{re.escape(OPENERS + CLOSERS)}{PROTECT_OPEN}{PROTECT_CLOSE}])")


@dataclass
class _Group:
    events: list[Event] = field(default_factory=list)


@dataclass(frozen=True)
class _Sealed:
    """A closed, cleaned group inside another; `shown` False: its text is dropped, its spans stay."""

    events: list[Event]
    shown: bool


class BracketWriter:
    """Writes inline text, holding bracket groups back until they close."""

    def __init__(self, builder: TextBuilder, on_protected: Callable[[Span], None]) -> None:
        self.builder = builder
        self._groups: list[_Group] = []
        self._captures: list[list[Event]] = []
        self._callbacks: dict[int, Callable[[Span], None]] = {}
        self._marks: dict[int, Mark] = {}
        self._next_key = 0
        self._protect_keys: list[int] = []
        self._on_protected = on_protected
        self.last_char = ""

    # -- inline API -------------------------------------------------------
    def text(self, s: str) -> None:
        """Write text; brackets open/close groups, sentinels open/close protected spans."""
        parts = _SPECIAL.split(s)  # text, special character, text, …
        self._plain(parts[0])
        for i in range(1, len(parts), 2):
            self._special(parts[i])
            self._plain(parts[i + 1])

    def open(self, on_close: Callable[[Span], None]) -> int:
        """Start a span; `on_close` gets its final position (possibly empty)."""
        key = self._next_key
        self._next_key += 1
        self._callbacks[key] = on_close
        self._event(("o", key))
        return key

    def close(self, key: int) -> None:
        self._event(("c", key))

    def point(self, on_pos: Callable[[Span], None]) -> None:
        """A zero-width position (a removed citation mark)."""
        self.close(self.open(on_pos))

    def capture(self) -> None:
        """Collect events raw (no bracket handling) until `release()`."""
        self._captures.append([])

    def release(self) -> list[Event]:
        return self._captures.pop()

    def replay(self, events: list[Event]) -> None:
        for kind, value in events:
            if kind == "t":
                self.text(str(value))
            else:
                self._event((kind, value))

    def line_break(self) -> None:
        self.flush()
        self.builder.line_break()

    def paragraph_break(self) -> None:
        self.flush()
        self.builder.paragraph_break()

    def flush(self) -> None:
        """Block end: unclosed groups are written as they are, outermost first
        (in one pass: folding each into the one around it was quadratic)."""
        groups, self._groups = self._groups, []
        for group in groups:
            self._forward(group.events)

    # -- internals --------------------------------------------------------
    def _plain(self, s: str) -> None:
        if s:
            self.last_char = s[-1]
            if self._captures or self._groups:
                self._event(("t", s))
            else:
                self.builder.write(s)

    def _special(self, ch: str) -> None:
        if self._captures:
            self._plain(ch)
        elif ch == PROTECT_OPEN:
            self._protect_keys.append(self.open(self._on_protected))
        elif ch == PROTECT_CLOSE:
            if self._protect_keys:
                self.close(self._protect_keys.pop())
        elif ch in OPENERS:
            self.last_char = ch
            self._groups.append(_Group([("t", ch)]))
        elif self._groups:
            self.last_char = ch
            group = self._groups.pop()
            group.events.append(("t", ch))
            events, shown = clean_group(group.events)
            if self._groups:
                self._groups[-1].events.append(("g", _Sealed(events, shown)))
            else:
                self._forward(events)
        else:
            self._plain(ch)

    def _event(self, event: Event) -> None:
        if self._captures:
            self._captures[-1].append(event)
        elif self._groups:
            self._groups[-1].events.append(event)
        else:
            self._emit(event)

    def _forward(self, events: list[Event]) -> None:
        if self._groups:
            self._groups[-1].events.extend(events)
        else:
            for event in unfold(events):
                self._emit(event)

    def _emit(self, event: Event) -> None:
        kind, value = event
        if kind == "t":
            self.builder.write(str(value))
        elif kind == "o":
            self._marks[int(value)] = self.builder.begin()  # type: ignore[arg-type]
        else:
            key = int(value)  # type: ignore[arg-type]
            span = self.builder.end(self._marks.pop(key))
            self._callbacks.pop(key)(span)


def clean_group(events: list[Event]) -> tuple[list[Event], bool]:
    """Drop empty parts of a closed bracket group, or the brackets as well;
    also say whether any of its text is left."""
    keep = keep_mask("".join(_cleanup_text(kind, value) for kind, value in events))
    out: list[Event] = []
    pos = 0
    for kind, value in events:
        if kind == "t":
            text = str(value)
            kept = "".join(ch for i, ch in enumerate(text, pos) if keep[i])
            pos += len(text)
            if kept:
                out.append((kind, kept))
        elif kind == "g":
            sealed: _Sealed = value  # type: ignore[assignment]
            if sealed.shown:  # a nested group lies inside one part: kept or dropped whole
                out.append((kind, sealed if keep[pos] else _Sealed(sealed.events, False)))
                pos += len(_SHOWN_GROUP)
            else:
                out.append((kind, sealed))
        else:
            out.append((kind, value))
    return out, any(keep)


def _cleanup_text(kind: str, value: object) -> str:
    if kind == "t":
        return str(value)
    if kind == "g":
        return _SHOWN_GROUP if value.shown else ""  # type: ignore[attr-defined]
    return ""


def unfold(events: list[Event]) -> Iterator[Event]:
    """Events with sealed groups spliced back in (the text of hidden ones left
    out); iterative, as nesting can be deep."""
    stack: list[tuple[Iterator[Event], bool]] = [(iter(events), True)]
    while stack:
        items, shown = stack[-1]
        for kind, value in items:
            if kind == "g":
                stack.append((iter(value.events), shown and value.shown))  # type: ignore[attr-defined]
                break
            if kind != "t" or shown:
                yield (kind, value)
        else:
            stack.pop()
