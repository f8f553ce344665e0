"""Document -> the same document in a script variant, with every span kept exact.

OpenCC phrase conversion can change length, so the text is converted piece by
piece between span boundaries and each old boundary is mapped to its new
position: spans are derived from the pieces, never patched by searching.
Spans the page protected (`-{...}-`, see langconv) are copied unconverted.

The page's own rules (`rules.PageRules`: `-{H|…}-`, `-{A|…}-`, NoteTA, groups)
come first, as in MediaWiki where they are merged into the variant's table:
each piece is cut again at every match of a rule's source phrase (longest first,
left to right) and the rule's output replaces OpenCC's there. Those outputs are
final, so they are added to the result's `protected` spans. A T rule gives the
title as the page wrote it for the variant. A rule applies from where it stands
(`PageRules.segments`): the text is also cut where the table changes, and each
piece takes the table of its segment; a section title or link target takes the
table where it stands, other strings (title, categories, cells, references) the
page's final table. A `__NOCONTENTCONVERT__` page is left as it is.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from itertools import accumulate, pairwise

from ..model import Document, Infobox, Reference, Span, Table
from .opencc_backend import converter, unchanged
from .rules import PageRules, is_removed

_JOIN = "\ue003"  # a private-use character: see _convert_pieces
_SPAN_FIELDS = ("sections", "blocks", "links", "external_links", "bold", "protected", "foreign")
_PLAIN_SPAN_FIELDS = ("blocks", "external_links", "bold", "protected", "foreign")  # no string to convert


class Phrases:
    """A page's rule table for one variant, matched longest first, left to right."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table
        self._keys: dict[str, list[str]] = {}
        for key in sorted(table, key=lambda k: (-len(k), k)):
            self._keys.setdefault(key[0], []).append(key)
        self._first = re.compile("[" + "".join(map(re.escape, self._keys)) + "]") if self._keys else None

    @classmethod
    def of(cls, table: dict[str, str], convert: Callable[[str], str]) -> Phrases:
        """A rule table whose REMOVED phrases (`-{-|…}-`) convert character by character: the
        built-in pair for the whole phrase is gone (ReplacementArray::removeArray), OpenCC's
        phrase tables cannot drop one, so its characters are converted one by one."""
        if any(is_removed(v) for v in table.values()):
            table = {k: "".join(map(convert, k)) if is_removed(v) else v for k, v in table.items()}
        return cls(table)

    def matches(self, s: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, output) of each rule match in `s`, without overlaps."""
        i = 0
        while self._first is not None and (m := self._first.search(s, i)):
            i = m.start()
            key = next((k for k in self._keys[s[i]] if s.startswith(k, i)), None)
            if key is None:
                i += 1
                continue
            yield i, i + len(key), self.table[key]
            i += len(key)


def string_converter(variant: str, rules: PageRules | None = None) -> Callable[[str], str]:
    """Converts a string outside the text (title, link target, cell) as the page would: its rules
    (the page's final table), then the tables; unchanged on a `__NOCONTENTCONVERT__` page."""
    if rules is not None and rules.no_conversion:
        return unchanged
    return partial(convert_string, convert=converter(variant), phrases=Phrases(rules.table(variant) if rules else {}))


def convert_document(doc: Document, variant: str, rules: PageRules | None = None) -> Document:
    if rules is not None and rules.no_conversion:
        return doc  # __NOCONTENTCONVERT__: MediaWiki converts nothing of the page's content
    tables = rules.segments(variant) if rules else [(0, {})]
    segments = [(start, Phrases.of(table, converter(variant))) for start, table in tables]
    phrases = segments[-1][1]  # the page's final table: strings outside the text
    title = rules.title_for(variant) if rules else None
    if rules is not None and rules.no_title_conversion:
        title = doc.title  # __NOTITLECONVERT__
    if converter(variant) is unchanged and not any(p.table for _, p in segments) and title is None:
        return doc  # zh: no table and no page rule has anything to convert
    convert = partial(convert_string, convert=converter(variant), phrases=phrases)
    text, where, made = _convert_text(doc, converter(variant), segments)
    changes: dict = {name: [_move(s, where) for s in getattr(doc, name)] for name in _PLAIN_SPAN_FIELDS}
    changes["protected"] = sorted(changes["protected"] + made, key=lambda s: (s.start, s.end))
    starts = [start for start, _ in segments]

    def convert_at(s: str, at: int) -> str:  # a string standing at text offset `at`
        return convert_string(s, converter(variant), segments[bisect_right(starts, at) - 1][1])

    changes["sections"] = [_move(s, where, title=convert_at(s.title, s.start)) for s in doc.sections]
    changes["links"] = [_move(link, where, target=convert_at(link.target, link.start)) for link in doc.links]
    changes["citations"] = [replace(c, pos=where[c.pos]) for c in doc.citations]
    return replace(
        doc,
        text=text,
        title=title if title is not None else convert(doc.title),
        categories=[convert(c) for c in doc.categories],
        tables=[_convert_table(t, convert) for t in doc.tables],
        references=[_convert_reference(r, convert) for r in doc.references],
        infobox=_convert_infobox(doc.infobox, convert),
        redirect=convert(doc.redirect) if doc.redirect else None,
        **changes,
    )


def convert_string(s: str, convert: Callable[[str], str], phrases: Phrases) -> str:
    """A string outside the text (title, category, cell): rules first, then the tables."""
    return _convert_piece(s, convert, phrases)[0]


def _convert_piece(piece: str, convert: Callable[[str], str], phrases: Phrases) -> tuple[str, list[tuple[int, int]]]:
    """The converted piece and where rule outputs stand in it."""
    parts: list[str] = []
    made: list[tuple[int, int]] = []
    last = size = 0
    for start, end, output in phrases.matches(piece):
        gap = convert(piece[last:start]) if start > last else ""
        parts += [gap, output]
        made.append((size + len(gap), size + len(gap) + len(output)))
        size += len(gap) + len(output)
        last = end
    parts.append(convert(piece[last:]) if last < len(piece) else "")
    return "".join(parts), made


def _convert_text(
    doc: Document, convert: Callable[[str], str], segments: list[tuple[int, Phrases]]
) -> tuple[str, dict[int, int], list[Span]]:
    starts = [start for start, _ in segments]
    cuts = sorted(set(_offsets(doc)) | {0, len(doc.text)} | {s for s in starts if s < len(doc.text)})
    protected = {(s.start, s.end) for s in doc.protected}
    inside = _protected_pieces(cuts, protected)
    pieces = list(pairwise(cuts))
    open_pieces = [(a, b) for a, b in pieces if (a, b) not in inside]
    by_segment: dict[int, list[tuple[int, int]]] = {}
    for a, b in open_pieces:  # a piece never crosses a segment's start (it is a cut)
        by_segment.setdefault(bisect_right(starts, a) - 1, []).append((a, b))
    converted: dict[tuple[int, int], tuple[str, list[tuple[int, int]]]] = {}
    for index, group in by_segment.items():
        texts = [doc.text[a:b] for a, b in group]
        converted.update(zip(group, _convert_pieces(texts, convert, segments[index][1]), strict=True))
    parts: list[str] = []
    made: list[Span] = []
    where = {0: 0}
    pos = 0
    for a, b in pieces:
        out, ranges = converted.get((a, b)) or (doc.text[a:b], [])
        made += [Span(pos + start, pos + end) for start, end in ranges]
        parts.append(out)
        pos += len(out)
        where[b] = pos
    return "".join(parts), where, made


def _convert_pieces(
    pieces: list[str], convert: Callable[[str], str], phrases: Phrases
) -> list[tuple[str, list[tuple[int, int]]]]:
    """`[_convert_piece(p, convert, phrases) for p in pieces]`, in one call: the pieces joined by
    `_JOIN`, which no dictionary key and (checked) no page rule or piece contains, so that no
    match crosses it and each piece converts exactly as it would alone (OpenCC's tables leave
    it as it is). A page has hundreds of pieces, one per span boundary; one call each cost more
    than the conversion itself."""
    if any(_JOIN in p for p in pieces) or any(_JOIN in k or _JOIN in v for k, v in phrases.table.items()):
        return [_convert_piece(p, convert, phrases) for p in pieces]
    out, made = _convert_piece(_JOIN.join(pieces), convert, phrases)
    parts = out.split(_JOIN)
    if len(parts) != len(pieces):  # a converter that wrote the joiner: never seen, kept safe
        return [_convert_piece(p, convert, phrases) for p in pieces]
    starts = list(accumulate((len(part) + 1 for part in parts[:-1]), initial=0))
    ranges: list[list[tuple[int, int]]] = [[] for _ in parts]
    for start, end in made:
        i = bisect_right(starts, start) - 1
        ranges[i].append((start - starts[i], end - starts[i]))
    return list(zip(parts, ranges, strict=True))


def _offsets(doc: Document):
    for name in _SPAN_FIELDS:
        for span in getattr(doc, name):
            yield span.start
            yield span.end
    for citation in doc.citations:
        yield citation.pos


def _protected_pieces(cuts: list[int], protected: set[tuple[int, int]]) -> set[tuple[int, int]]:
    pieces = set()
    for start, end in protected:
        i = cuts.index(start)
        while i + 1 < len(cuts) and cuts[i + 1] <= end:
            pieces.add((cuts[i], cuts[i + 1]))
            i += 1
    return pieces


def _move(span, where: dict[int, int], **changes):
    """A copy of `span` at its offsets in the converted text, with `changes`. (Spans are plain
    mutable dataclasses; `dataclasses.replace` re-runs `__init__` and cost 3x as much.)"""
    moved = object.__new__(type(span))
    moved.__dict__.update(span.__dict__, start=where[span.start], end=where[span.end], **changes)
    return moved


def _convert_table(table: Table, convert: Callable[[str], str]) -> Table:
    return Table(
        caption=convert(table.caption) if table.caption else table.caption,
        header=[convert(c) for c in table.header],
        rows=[[convert(c) for c in row] for row in table.rows],
    )


def _convert_reference(ref: Reference, convert: Callable[[str], str]) -> Reference:
    return replace(ref, text=convert(ref.text), title=convert(ref.title) if ref.title else ref.title)


def _convert_infobox(box: Infobox | None, convert: Callable[[str], str]) -> Infobox | None:
    if box is None:
        return None
    return Infobox(convert(box.template), {k: convert(v) for k, v in box.fields.items()})
