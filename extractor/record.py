"""Extracted document -> the record dict that is validated and written.

Field names are the JSON Schema's property names one for one
(schemas/record.schema.json); every key is always present (null or empty when
absent) so that columnar sinks see one fixed shape.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import DateMention, Document, Entity, Page
from .options import Options

SCHEMA_VERSION = "1"


def build_record(
    page: Page,
    source: dict,
    doc: Document,
    options: Options,
    dates: list[DateMention],
    entities: list[Entity],
    unresolved_groups: Sequence[str] = (),
) -> dict:
    """`source` is `source_of(page, parsed)`: it keeps the title before conversion.
    `unresolved_groups`: the page's NoteTA conversion groups that were not available.
    The core fields and the optional ones `options.fields` selects, in schema order."""
    record = {
        "schema_version": SCHEMA_VERSION,
        "id": record_id(page),
        "title": doc.title,
        "variant": options.variant,
        "source": source,
        "text": doc.text,
        "redirect": doc.redirect,
        "is_disambiguation": doc.is_disambiguation,
        "sections": _rows(doc.sections),
        "blocks": _rows(doc.blocks),
    }
    for name in options.fields:
        record[name] = _OPTIONAL[name](doc, dates, entities)
    record["unresolved_conversion_groups"] = list(unresolved_groups)
    return record


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
    if page.dump:
        source.update(
            dump=page.dump,
            page_id=page.page_id,
            revision_id=page.revision_id,
            timestamp=page.timestamp,
            namespace=page.namespace,
        )
    else:
        source["sha256"] = page.sha256
    return source
