"""Document -> the same document in a script variant, with every span kept exact.

OpenCC phrase conversion can change length, so the text is converted piece by
piece between span boundaries and each old boundary is mapped to its new
position: spans are derived from the pieces, never patched by searching.
Spans the page protected (`-{...}-`, see langconv) are copied unconverted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..model import Document, Infobox, Reference, Table
from .opencc_backend import converter

_SPAN_FIELDS = ("sections", "blocks", "links", "external_links", "bold", "protected")


def convert_document(doc: Document, variant: str) -> Document:
    convert = converter(variant)
    text, where = _convert_text(doc, convert)
    changes: dict = {name: [_move(s, where) for s in getattr(doc, name)] for name in _SPAN_FIELDS}
    changes["sections"] = [replace(s, title=convert(s.title)) for s in changes["sections"]]
    changes["links"] = [replace(link, target=convert(link.target)) for link in changes["links"]]
    changes["citations"] = [replace(c, pos=where[c.pos]) for c in doc.citations]
    return replace(
        doc,
        text=text,
        title=convert(doc.title),
        categories=[convert(c) for c in doc.categories],
        tables=[_convert_table(t, convert) for t in doc.tables],
        references=[_convert_reference(r, convert) for r in doc.references],
        infobox=_convert_infobox(doc.infobox, convert),
        redirect=convert(doc.redirect) if doc.redirect else None,
        **changes,
    )


def _convert_text(doc: Document, convert: Callable[[str], str]) -> tuple[str, dict[int, int]]:
    cuts = sorted(set(_offsets(doc)) | {0, len(doc.text)})
    protected = {(s.start, s.end) for s in doc.protected}
    inside = _protected_pieces(cuts, protected)
    parts: list[str] = []
    where = {0: 0}
    pos = 0
    for a, b in zip(cuts, cuts[1:]):
        piece = doc.text[a:b]
        out = piece if (a, b) in inside else convert(piece)
        parts.append(out)
        pos += len(out)
        where[b] = pos
    return "".join(parts), where


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


def _move(span, where: dict[int, int]):
    return replace(span, start=where[span.start], end=where[span.end])


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

