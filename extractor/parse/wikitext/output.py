"""Output side of the wikitext walker: whitespace, reading blocks, bracket cleanup.

The walker writes what a reader sees; this module decides the whitespace and
removes what dropped templates leave behind, *before* the text reaches
`TextBuilder`, because offsets cannot be patched once a span exists:

- `Sink` sits on `TextBuilder`: it collapses blank runs, holds a trailing blank
  back until more text follows (so a span never ends in a blank), turns a source
  newline inside a paragraph into a blank only between non-CJK characters, and
  records `Block`s (paragraph / list item / heading) as text is written.
- `Out` sits on `Sink`: after an opening bracket it buffers writes and span
  marks until the bracket closes, then cleans it with `brackets.keep_mask`
  (`（）`, `（，）`, `（，缩写：）` go; `（，英語：X）` -> `（英語：X）`) and replays
  the rest. It only touches a group in which some markup node rendered, so
  brackets an author typed stay.

Spans handed out by `begin()` / `end()` are `Span` objects filled in when the
text really reaches the builder; callers keep them and read them after `build`.
"""

from __future__ import annotations

import re

from ...mediawiki import COMMENT
from ...model import Block, Span
from ..brackets import apply_mask, keep_mask
from ..textbuilder import TextBuilder

SENTINEL_OPEN = "\ue000"  # start of text chosen by -{ }- markup
SENTINEL_CLOSE = "\ue001"
_SENTINELS = re.compile("[\ue000\ue001\U000f0000-\U000ffffd]")  # + rule anchors (langconv)
_BLANK_RUN = re.compile(r"[ \t\r\f\v\u00a0]+")
_BRACKET = re.compile(r"([（）()])")
_PAIRS = {"）": "（", ")": "("}
_NO_BLANK_BEFORE = frozenset("，。、；：）」』》！？")  # a blank before these is never text


def clean_field(raw: str) -> str:
    """Markup text as a record field (link target, URL, name): no comments, no sentinels."""
    if "<!--" in raw:
        raw = COMMENT.sub("", raw)
    if "\ue000" in raw or "\ue001" in raw:
        return _SENTINELS.sub("", raw)
    return raw


def _wide(ch: str) -> bool:
    """CJK and full-width characters: no blank is seen between them across a newline."""
    return ord(ch) >= 0x2E80


class Handle:
    """An open span: its `Span` is filled when the span's text is placed."""

    __slots__ = ("mark", "span")

    def __init__(self) -> None:
        self.mark = None
        self.span = Span(-1, -1)


class Sink:
    """Whitespace policy and reading blocks on top of `TextBuilder`."""

    def __init__(self, builder: TextBuilder | None = None) -> None:
        self.builder = builder or TextBuilder()
        self.blocks: list[Block] = []
        self.kind = "paragraph"
        self._space = False  # a blank is owed before the next character
        self._soft = False  # a source newline inside a paragraph
        self._broken = True  # at the start of a line: blanks are dropped
        self._last = ""
        self._nolead = False  # the next write's own leading blank is dropped
        self._waiting: list[Handle] = []
        self._block = None  # (Mark, kind) of the open block

    def write(self, s: str) -> None:
        if not s:
            return
        if "\ue000" in s or "\ue001" in s:
            s = _SENTINELS.sub("", s)
        s = _BLANK_RUN.sub(" ", s)
        if not s:
            return
        core = s.strip(" ")
        if not core:
            self._space = not self._broken
            return
        b = self.builder
        if (
            not self._broken
            and self._last
            and core[0] not in _NO_BLANK_BEFORE
            and (
                self._space
                or (s[0] == " " and not self._nolead)
                or (self._soft and not _wide(self._last) and not _wide(core[0]))
            )
        ):
            b.write(" ")
        self._space = s[-1] == " "
        self._soft = self._broken = self._nolead = False
        if self._block is None:
            self._block = (b.begin(), self.kind)
        if self._waiting:
            for handle in self._waiting:
                handle.mark = b.begin()
            self._waiting.clear()
        b.write(core)
        self._last = core[-1]

    def begin(self, handle: Handle | None = None) -> Handle:
        handle = handle or Handle()
        self._waiting.append(handle)
        return handle

    def end(self, handle: Handle) -> Span:
        if handle.mark is None:
            if handle in self._waiting:
                self._waiting.remove(handle)
            handle.mark = self.builder.begin()
        span = self.builder.end(handle.mark)
        handle.span.start, handle.span.end = span.start, span.end
        return handle.span

    def soft_break(self) -> None:
        """A single source newline inside a paragraph."""
        if not self._broken:
            self._soft = True

    def line_break(self) -> None:
        """`<br>`: a new line inside the same block."""
        self._reset()
        self.builder.line_break()

    def end_line(self) -> None:
        """End of a list item or heading line."""
        self._close_block()
        self.builder.line_break()

    def paragraph(self) -> None:
        self._close_block()
        self.builder.paragraph_break()

    def set_kind(self, kind: str) -> None:
        self.kind = kind

    def touch(self) -> None:  # only bracket groups care
        pass

    def glue_start(self) -> None:
        """A template parameter starts: its own leading blanks are not text."""
        self._nolead = True

    def glue_end(self) -> None:
        """A template parameter ended: its trailing blanks are not text."""
        self._space = self._nolead = False

    def finish(self) -> str:
        self._close_block()
        return self.builder.build()

    def _reset(self) -> None:
        self._space = self._soft = False
        self._broken = True

    def _close_block(self) -> None:
        self._reset()
        if self._block is not None:
            mark, kind = self._block
            self._block = None
            span = self.builder.end(mark)
            if span.end > span.start:
                self.blocks.append(Block(kind, span.start, span.end))


_SOFT_BREAK, _GLUE_START, _GLUE_END, _LINE_BREAK = ("s",), ("g",), ("G",), ("l",)


class _Group:
    __slots__ = ("opener", "ops", "touched")

    def __init__(self, opener: str) -> None:
        self.opener = opener
        self.ops: list[tuple] = []
        self.touched = False


class Out:
    """Bracket-group buffering in front of a `Sink` (same interface)."""

    def __init__(self, sink: Sink | None = None, warnings: list[str] | None = None) -> None:
        """`warnings`: the Document's, for the builder of a new Sink (`TextBuilder`)."""
        self.sink = sink or Sink(TextBuilder(warnings))
        self._groups: list[_Group] = []

    @property
    def blocks(self) -> list[Block]:
        return self.sink.blocks

    def write(self, s: str) -> None:
        if not s:
            return
        if not self._groups and "（" not in s and "(" not in s:
            self.sink.write(s)
            return
        for piece in _BRACKET.split(s):
            if piece in ("（", "("):
                self._groups.append(_Group(piece))
            elif piece in _PAIRS and self._groups and self._groups[-1].opener == _PAIRS[piece]:
                self._close(piece)
            elif piece:
                self._emit(("w", piece))

    def begin(self) -> Handle:
        handle = Handle()
        if self._groups:
            self._groups[-1].ops.append(("b", handle))
        else:
            self.sink.begin(handle)
        return handle

    def end(self, handle: Handle) -> Span:
        if self._groups:
            self._groups[-1].ops.append(("e", handle))
            return handle.span
        return self.sink.end(handle)

    def touch(self) -> None:
        """A markup node was rendered here: an empty bracket pair may be its residue."""
        if self._groups:
            self._groups[-1].touched = True

    # Outside a bracket group, marks go straight to the sink (the common case, no op tuple).

    def soft_break(self) -> None:
        if self._groups:
            self._groups[-1].ops.append(_SOFT_BREAK)
        else:
            self.sink.soft_break()

    def glue_start(self) -> None:
        if self._groups:
            self._groups[-1].ops.append(_GLUE_START)
        else:
            self.sink.glue_start()

    def glue_end(self) -> None:
        if self._groups:
            self._groups[-1].ops.append(_GLUE_END)
        else:
            self.sink.glue_end()

    def line_break(self) -> None:
        if self._groups:
            self._groups[-1].ops.append(_LINE_BREAK)
        else:
            self.sink.line_break()

    def end_line(self) -> None:
        if self._groups:
            self._flush()
        self.sink.end_line()

    def paragraph(self) -> None:
        if self._groups:
            self._flush()
        self.sink.paragraph()

    def set_kind(self, kind: str) -> None:
        if self._groups:
            self._flush()
        self.sink.set_kind(kind)

    def finish(self) -> str:
        self._flush()
        return self.sink.finish()

    def _emit(self, op: tuple) -> None:
        if self._groups:
            self._groups[-1].ops.append(op)
        else:
            self._apply(op)

    def _apply(self, op: tuple) -> None:
        kind = op[0]
        if kind == "w":
            self.sink.write(op[1])
        elif kind == "b":
            self.sink.begin(op[1])
        elif kind == "e":
            self.sink.end(op[1])
        elif kind == "s":
            self.sink.soft_break()
        elif kind == "l":
            self.sink.line_break()
        elif kind == "g":
            self.sink.glue_start()
        elif kind == "G":
            self.sink.glue_end()

    def _close(self, closer: str) -> None:
        group = self._groups.pop()
        ops = group.ops
        if group.touched:
            content = "".join(op[1] for op in ops if op[0] == "w")
            keep = keep_mask(group.opener + content + closer)
            if not keep[0]:  # nothing a reader wants is left: the pair goes, spans stay (empty)
                self._replay([op for op in ops if op[0] in ("b", "e")], None, None)
                return
            ops = apply_mask(ops, keep[1:-1], "w")
        self._replay(ops, group.opener, closer)
        if group.touched and self._groups:
            self._groups[-1].touched = True

    def _replay(self, ops: list[tuple], opener: str | None, closer: str | None) -> None:
        if opener:
            self._emit(("w", opener))
        for op in ops:
            self._emit(op)
        if closer:
            self._emit(("w", closer))

    def _flush(self) -> None:
        """Unclosed brackets at a block end: write them as they are."""
        while self._groups:
            group = self._groups.pop(0)
            pending = self._groups
            self._groups = []
            self._replay(group.ops, group.opener, None)
            self._groups = pending
