"""Records, quarantine lines and manifests checked against `schemas/`.

JSON Schema cannot say that an offset points at its mention, so `problems`
adds the span checks: every span lies inside `text`, and a date's `text` is
`text[start:end]`. Used before a record is written and by `extractor validate`.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
KINDS = {"record": "record.schema.json", "error": "error.schema.json", "manifest": "manifest.schema.json"}


@cache
def validator(kind: str) -> Draft202012Validator:
    """The schema with its local `$ref`s inlined: the same checks, half the time
    (jsonschema resolves a `$ref` on every item of every array otherwise)."""
    schema = json.loads((SCHEMA_DIR / KINDS[kind]).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(_inline_refs(schema, schema.get("$defs", {})))


def _inline_refs(node, defs: dict):
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/") and len(node) == 1:
            return _inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
        return {k: _inline_refs(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline_refs(item, defs) for item in node]
    return node


def problems(obj: dict, kind: str = "record") -> list[str]:
    """Every way `obj` breaks its schema (and, for records, its offsets); [] if valid."""
    found = [_describe(e) for e in sorted(validator(kind).iter_errors(obj), key=lambda e: list(e.path))]
    if kind == "record" and not found:
        found = span_problems(obj)
    return found


def span_problems(record: dict) -> list[str]:
    text = record["text"]
    found = []
    for field in ("sections", "blocks", "links", "external_links"):
        for i, span in enumerate(record[field]):
            found += _check_span(f"{field}[{i}]", span, len(text))
    for i, entity in enumerate(record["entities"]):
        for j, mention in enumerate(entity["mentions"]):
            found += _check_span(f"entities[{i}].mentions[{j}]", mention, len(text))
    for i, date in enumerate(record["dates"]):
        found += _check_date(f"dates[{i}]", date, _date_source(record, date))
    for i, citation in enumerate(record["citations"]):
        if citation["pos"] > len(text):
            found.append(f"citations[{i}]: pos {citation['pos']} is past the end of text")
    return found


def _date_source(record: dict, date: dict) -> str | None:
    """The string a date's offsets point into: the text, an infobox value or a reference field."""
    source = date.get("source", "text")
    if source == "text":
        return record["text"]
    if source == "infobox":
        return ((record["infobox"] or {}).get("fields") or {}).get(date.get("field"))
    values = [r.get(date.get("field")) or "" for r in record["references"] if r["id"] == date.get("ref_id")]
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
