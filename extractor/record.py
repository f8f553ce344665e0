"""Extracted document -> the record dict that is validated and written.

Field names are the JSON Schema's property names one for one
(schemas/record.schema.json); every key is always present, with one type
whatever the page (an optional field the run did not select is null), so that
every record of every run has one shape: columnar formats, runs loaded together.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import DateMention, Document, Entity, Page
from .normalize.rules import UNRESOLVED_GROUP
from .options import Options
from .titles import page_url

SCHEMA_VERSION = "2"  # schemas/CHANGELOG.md


class Record(dict):
    """A record: the dict that is validated and written, and the caveats met while it was made
    (`warnings`, codes of errors.WARNINGS, one per occurrence), which are counted, not written."""

    def __init__(self, fields: dict, warnings: Sequence[str] = ()) -> None:
        super().__init__(fields)
        self.warnings = tuple(warnings)


def warnings_of(record: dict) -> tuple[str, ...]:
    """Every caveat of a record, one code per occurrence: its unresolved conversion groups, then
    what the stages met (`Record.warnings`; a plain dict has none)."""
    groups = (UNRESOLVED_GROUP,) * len(record.get("unresolved_conversion_groups") or ())
    return groups + tuple(getattr(record, "warnings", ()))


def build_record(
    page: Page,
    source: dict,
    doc: Document,
    options: Options,
    dates: list[DateMention],
    entities: list[Entity],
    unresolved_groups: Sequence[str] = (),
) -> Record:
    """`source` is `source_of(page, parsed)`: it keeps the title before conversion.
    `unresolved_groups`: the page's NoteTA conversion groups that were not available.
    Every field in schema order; the optional ones `options.fields` does not select are null.
    `doc.warnings` become the Record's `warnings`."""
    record = {
        "schema_version": SCHEMA_VERSION,
        "id": record_id(page),
        "title": doc.title,
        "url": page_url(source["title"] if source["title_from"] != "unknown" else None, options.variant),
        "variant": options.variant,
        "source": source,
        "text": doc.text,
        "redirect": doc.redirect,
        "is_disambiguation": doc.is_disambiguation,
        "sections": _rows(doc.sections),
        "blocks": _rows(doc.blocks),
    }
    selected = options.fields
    for name, value in _OPTIONAL.items():
        record[name] = value(doc, dates, entities) if name in selected else None
    record["unresolved_conversion_groups"] = list(unresolved_groups)
    return Record(record, doc.warnings)


_OPTIONAL = {
    "links": lambda doc, dates, entities: _rows(doc.links),
    "external_links": lambda doc, dates, entities: _rows(doc.external_links),
    "categories": lambda doc, dates, entities: doc.categories,
    "templates": lambda doc, dates, entities: _rows(doc.templates),
    "infobox": lambda doc, dates, entities: _row(doc.infobox) if doc.infobox else None,
    "references": lambda doc, dates, entities: _rows(doc.references),
    "citations": lambda doc, dates, entities: _rows(doc.citations),
    "tables": lambda doc, dates, entities: _rows(doc.tables),
    "dates": lambda doc, dates, entities: _rows(dates),
    "entities": lambda doc, dates, entities: [{**_row(e), "mentions": _rows(e.mentions)} for e in entities],
}


def _row(obj) -> dict:
    """A flat dataclass as a dict: `dataclasses.asdict` deep-copies every value, which
    cost ~4 ms a page; the record is serialized at once, so sharing values is safe."""
    return dict(vars(obj))


def _rows(objs) -> list[dict]:
    return [dict(vars(obj)) for obj in objs]


def record_id(page: Page) -> str:
    """Dump pages: the page id. Files: `sha256:` + the file hash's first 16 hex digits."""
    if page.page_id:
        return page.page_id
    return f"sha256:{(page.sha256 or '')[:16]}"


def source_of(page: Page, doc: Document) -> dict:
    source = {
        "format": page.format,
        "path": page.path,
        "title": page.title if page.title is not None else doc.title,
        "title_from": page.title_from if page.title else doc.title_from,
    }
    dump = bool(page.dump)
    source.update(
        sha256=None if dump else page.sha256,
        dump=page.dump if dump else None,
        page_id=page.page_id if dump else None,
        revision_id=page.revision_id if dump else None,
        timestamp=page.timestamp if dump else None,
        namespace=page.namespace if dump else None,
    )
    return source
