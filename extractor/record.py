"""Extracted document -> the record dict that is validated and written.

Field names are the JSON Schema's property names one for one
(schemas/record.schema.json); every key is always present (null or empty when
absent) so that columnar sinks see one fixed shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from .model import DateMention, Document, Entity, Page

SCHEMA_VERSION = "1"


def build_record(
    page: Page,
    source: dict,
    doc: Document,
    variant: str,
    dates: list[DateMention],
    entities: list[Entity],
    unresolved_groups: Sequence[str] = (),
) -> dict:
    """`source` is `source_of(page, parsed)`: it keeps the title before conversion.
    `unresolved_groups`: the page's NoteTA conversion groups that were not available."""
    return {
        "schema_version": SCHEMA_VERSION,
        "id": record_id(page),
        "title": doc.title,
        "variant": variant,
        "source": source,
        "text": doc.text,
        "redirect": doc.redirect,
        "is_disambiguation": doc.is_disambiguation,
        "sections": [asdict(s) for s in doc.sections],
        "blocks": [asdict(b) for b in doc.blocks],
        "links": [asdict(link) for link in doc.links],
        "external_links": [asdict(e) for e in doc.external_links],
        "categories": doc.categories,
        "templates": [asdict(t) for t in doc.templates],
        "infobox": asdict(doc.infobox) if doc.infobox else None,
        "references": [asdict(r) for r in doc.references],
        "citations": [asdict(c) for c in doc.citations],
        "tables": [asdict(t) for t in doc.tables],
        "dates": [asdict(d) for d in dates],
        "entities": [asdict(e) for e in entities],
        "unresolved_conversion_groups": list(unresolved_groups),
    }


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
