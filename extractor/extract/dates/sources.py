"""Dates of a whole document: its text, its infobox fields, its references, its tables.

Text dates come first in the returned list (so `anchored_to` indices, made
within the text, are indices into the record's `dates` too), then infobox
fields in the infobox's order, then references in theirs, then table cells
(caption, header, rows) in table order. A non-text date's offsets are into
its field's value: `value[start:end] == text`. A table date's `field` is the
JSON pointer of its cell in the record, e.g. `tables/0/rows/3/1`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import DateMention, Document, Table
from .finder import find_dates
from .western import find_western


def find_document_dates(doc: Document) -> list[DateMention]:
    """Text dates (anchored within their sections), then infobox and reference dates."""
    return find_dates(doc.text, [(s.start, s.end) for s in doc.sections]) + find_field_dates(doc)


def find_field_dates(doc: Document) -> list[DateMention]:
    """Dates in the infobox's field values, the references' text and date fields, the tables' cells."""
    found: list[DateMention] = []
    if doc.infobox is not None:
        for name, value in doc.infobox.fields.items():
            found += _field_dates(value, source="infobox", field=name, ref_id=None)
    for ref in doc.references:
        for name, value in (("text", ref.text), ("date", ref.date)):
            if value:
                found += _field_dates(
                    value, source="reference", field=name, ref_id=ref.id, whole=name == "date"
                )
    for pointer, value in _table_cells(doc.tables):
        found += _field_dates(value, source="table", field=pointer, ref_id=None)
    return found


def _table_cells(tables: list[Table]) -> Iterator[tuple[str, str]]:
    """(JSON pointer of the cell in the record, its text) for every cell that may hold a date."""
    for t, table in enumerate(tables):
        if table.caption and _MAY_HOLD_DATE.search(table.caption):
            yield f"tables/{t}/caption", table.caption
        for c, cell in enumerate(table.header):
            if _MAY_HOLD_DATE.search(cell):
                yield f"tables/{t}/header/{c}", cell
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                if _MAY_HOLD_DATE.search(cell):
                    yield f"tables/{t}/rows/{r}/{c}", cell


# Every date the finders know has a digit or one of these (年 月 日, 世纪 for centuries): cells
# without one (names, places, scores) skip both finders. Most cells of most tables are such.
_MAY_HOLD_DATE = re.compile(r"[\d０-９年月日世紀纪]")


def _field_dates(
    value: str, *, source: str, field: str, ref_id: str | None, whole: bool = False
) -> list[DateMention]:
    """Chinese and western dates of one field value, sorted and non-overlapping."""
    found = []
    for d in sorted(
        find_dates(value) + find_western(value, whole_field_is_date=whole), key=lambda d: (d.start, -d.end)
    ):
        if found and d.start < found[-1].end:
            continue
        d.anchored_to = None  # an index within the field, not the record: dropped
        d.source, d.field, d.ref_id = source, field, ref_id
        found.append(d)
    return found
