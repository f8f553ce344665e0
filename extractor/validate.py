"""Records, quarantine lines and manifests checked against `schemas/`.

Two validators of the same schemas: `jsonschema` is the reference (its messages,
`extractor validate`), `jsonschema_rs` (compiled, ~200x faster) decides on the hot
path, and the reference explains a record it rejects. tests/test_validate.py proves
they accept and reject the same records. A record must also carry the optional
fields its run selected (`fields`, see `extractor.fields`).

JSON Schema cannot say that an offset points at its mention, so `problems`
adds the span checks: every span lies inside `text`, and a date's `text` is
`text[start:end]`. Used before a record is written and by `extractor validate`.
"""

from __future__ import annotations

import json
from functools import cache

import jsonschema_rs
from jsonschema import Draft202012Validator

from .fields import ALL
from .resources import schema_file

KINDS = {"record": "record.schema.json", "error": "error.schema.json", "manifest": "manifest.schema.json"}


@cache
def schema(kind: str, fields: tuple[str, ...] = ALL) -> dict:
    """The schema with its local `$ref`s inlined (jsonschema resolves a `$ref` on every
    item of every array otherwise: twice the time); a record schema also requires `fields`."""
    raw = json.loads(schema_file(KINDS[kind]).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(raw)
    inlined = _inline_refs(raw, raw.get("$defs", {}))
    if kind == "record":
        inlined["required"] = [*inlined["required"], *fields]
    return inlined


@cache
def validator(kind: str, fields: tuple[str, ...] = ALL) -> Draft202012Validator:
    """The reference validator."""
    return Draft202012Validator(schema(kind, fields))


@cache
def fast_validator(kind: str, fields: tuple[str, ...] = ALL):
    """The compiled validator of the same schema (hot path)."""
    return jsonschema_rs.Draft202012Validator(schema(kind, fields))


def _inline_refs(node, defs: dict):
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/") and len(node) == 1:
            return _inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
        return {k: _inline_refs(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline_refs(item, defs) for item in node]
    return node


def problems(obj: dict, kind: str = "record", fields: tuple[str, ...] = ALL, *, reference: bool = False) -> list[str]:
    """Every way `obj` breaks its schema (and, for records, its offsets); [] if valid.

    The compiled validator decides unless `reference`; the messages are always the reference's."""
    valid = validator(kind, fields).is_valid(obj) if reference else fast_validator(kind, fields).is_valid(obj)
    found = [] if valid else schema_problems(obj, kind, fields)
    if kind == "record" and not found:
        found = span_problems(obj)
    return found


def schema_problems(obj: dict, kind: str = "record", fields: tuple[str, ...] = ALL) -> list[str]:
    """The reference validator's messages, by path; if it finds nothing where the compiled
    one rejected (a disagreement: a bug the differential test exists to catch), the compiled one's."""
    errors = sorted(validator(kind, fields).iter_errors(obj), key=lambda e: list(e.path))
    if errors:
        return [_describe(e) for e in errors]
    return [f"(record): {e.message[:300]}" for e in fast_validator(kind, fields).iter_errors(obj)]


def span_problems(record: dict) -> list[str]:
    text = record["text"]
    found = []
    for field in ("sections", "blocks", "links", "external_links"):
        for i, span in enumerate(record.get(field, ())):
            found += _check_span(f"{field}[{i}]", span, len(text))
    for i, entity in enumerate(record.get("entities", ())):
        for j, mention in enumerate(entity["mentions"]):
            found += _check_span(f"entities[{i}].mentions[{j}]", mention, len(text))
    for i, date in enumerate(record.get("dates", ())):
        found += _check_date(f"dates[{i}]", date, _date_source(record, date))
    for i, citation in enumerate(record.get("citations", ())):
        if citation["pos"] > len(text):
            found.append(f"citations[{i}]: pos {citation['pos']} is past the end of text")
    return found


def _date_source(record: dict, date: dict) -> str | None:
    """The string a date's offsets point into: the text, an infobox value or a reference field."""
    source = date.get("source", "text")
    if source == "text":
        return record["text"]
    if source == "infobox":
        return ((record.get("infobox") or {}).get("fields") or {}).get(date.get("field"))
    values = [r.get(date.get("field")) or "" for r in record.get("references", ()) if r["id"] == date.get("ref_id")]
    # ids repeat (a named reference used twice): the one whose field holds the date
    matching = [v for v in values if v[date["start"] : date["end"]] == date["text"]]
    return (matching or values or [None])[0]


def _check_date(where: str, date: dict, value: str | None) -> list[str]:
    if value is None:
        return [f"{where}: its {date.get('source')} field {date.get('field')!r} is not in the record"]
    found = _check_span(where, date, len(value))
    if not found and value[date["start"] : date["end"]] != date["text"]:
        source = date.get("source", "text")
        found.append(f"{where}: {source}[{date['start']}:{date['end']}] is not {date['text']!r}")
    return found


def _check_span(where: str, span: dict, size: int) -> list[str]:
    if not 0 <= span["start"] <= span["end"] <= size:
        return [f"{where}: span [{span['start']}, {span['end']}) is not inside text of length {size}"]
    return []


def _describe(error) -> str:
    where = "/".join(str(p) for p in error.absolute_path) or "(record)"
    return f"{where}: {error.message[:300]}"
