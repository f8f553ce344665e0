"""Records, quarantine lines and manifests checked against `schemas/`.

Two validators of the same schemas: `jsonschema` is the reference (its messages,
`extractor validate`), `jsonschema_rs` (compiled, ~200x faster) decides on the hot
path, and the reference explains a record it rejects. tests/test_validate.py proves
they accept and reject the same records. A record is also held to the optional
fields its run selected (`fields`, see `extractor.fields`): those are filled, the others null.

JSON Schema cannot say that an offset points at its mention, so `problems`
adds the span checks: every span lies inside `text`, and a date's `text` is
`text[start:end]`. Used before a record is written and by `extractor validate`.
"""

from __future__ import annotations

import json
from functools import cache

import jsonschema_rs
from jsonschema import Draft202012Validator

from .fields import ALL, OPTIONAL
from .resources import schema_file

KINDS = {"record": "record.schema.json", "error": "error.schema.json", "manifest": "manifest.schema.json"}
# schema_version -> the record schema of that version (schemas/CHANGELOG.md); the first is current
RECORD_VERSIONS = {"2": "record.schema.json", "1": "record-1.schema.json"}
CURRENT = next(iter(RECORD_VERSIONS))


@cache
def schema(kind: str, fields: tuple[str, ...] = ALL, version: str = CURRENT) -> dict:
    """The schema with its local `$ref`s inlined (jsonschema resolves a `$ref` on every
    item of every array otherwise: twice the time). A record schema is held to the run's
    `fields`: a selected optional field is not null, the others are null (version 1: the
    selected ones are present)."""
    name = RECORD_VERSIONS[version] if kind == "record" else KINDS[kind]
    raw = json.loads(schema_file(name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(raw)
    inlined = _inline_refs(raw, raw.get("$defs", {}))
    if kind == "record" and version == "1":
        inlined["required"] = [*inlined["required"], *fields]
    elif kind == "record":
        properties = inlined["properties"]
        for name in OPTIONAL:
            if name not in fields:
                properties[name] = {"type": "null", "description": f"not selected by the run (--fields): {name}"}
            elif properties[name].get("type") == ["array", "null"]:
                properties[name] = {**properties[name], "type": "array"}
    return inlined


@cache
def validator(kind: str, fields: tuple[str, ...] = ALL, version: str = CURRENT) -> Draft202012Validator:
    """The reference validator."""
    return Draft202012Validator(schema(kind, fields, version))


@cache
def fast_validator(kind: str, fields: tuple[str, ...] = ALL, version: str = CURRENT):
    """The compiled validator of the same schema (hot path)."""
    return jsonschema_rs.Draft202012Validator(schema(kind, fields, version))


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
    """Every way `obj` breaks its schema (and, for records, its offsets); [] if valid. A record is
    held to the schema of its `schema_version` (RECORD_VERSIONS); an unknown version is a problem.

    The compiled validator decides unless `reference`; the messages are always the reference's."""
    version = CURRENT
    if kind == "record":
        version = obj.get("schema_version") if isinstance(obj, dict) else None
        if version not in RECORD_VERSIONS:
            known = ", ".join(repr(v) for v in RECORD_VERSIONS)
            return [f"schema_version: {version!r} is not a version this extractor knows ({known})"]
    check = validator if reference else fast_validator
    valid = check(kind, fields, version).is_valid(obj)
    found = [] if valid else schema_problems(obj, kind, fields, version)
    if kind == "record":
        try:
            found += span_problems(obj)
        except (KeyError, TypeError, AttributeError):  # a span of the wrong shape: the schema said why
            if not found:
                raise
    return found


def schema_problems(
    obj: dict, kind: str = "record", fields: tuple[str, ...] = ALL, version: str = CURRENT
) -> list[str]:
    """The reference validator's messages, by path; if it finds nothing where the compiled
    one rejected (a disagreement: a bug the differential test exists to catch), the compiled one's."""
    errors = sorted(validator(kind, fields, version).iter_errors(obj), key=lambda e: list(e.path))
    if errors:
        return [_describe(e) for e in errors]
    return [f"(record): {e.message[:300]}" for e in fast_validator(kind, fields, version).iter_errors(obj)]


def span_problems(record: dict) -> list[str]:
    """The offsets JSON Schema cannot check, each problem named by its path (`links/3`):
    every span lies inside `text`; a date's `text` is what its span covers (in the text, the infobox
    value or the reference field it points into); an entity's mention covers its name or an alias."""
    text = record["text"]
    found = []
    for field in ("sections", "blocks", "links", "external_links"):
        for i, span in enumerate(record.get(field) or ()):
            found += _check_span(f"{field}/{i}", span, len(text))
    found += _entity_problems(record.get("entities") or (), text)
    for i, date in enumerate(record.get("dates") or ()):
        found += _check_date(f"dates/{i}", date, _date_source(record, date))
    for i, citation in enumerate(record.get("citations") or ()):
        if citation["pos"] > len(text):
            found.append(f"citations/{i}/pos: {citation['pos']} is past the end of text")
    return found


def _entity_problems(entities, text: str) -> list[str]:
    found = []
    for i, entity in enumerate(entities):
        names = {entity["name"], *entity["aliases"]}
        for j, mention in enumerate(entity["mentions"]):
            where = f"entities/{i}/mentions/{j}"
            span = _check_span(where, mention, len(text))
            covered = text[mention["start"] : mention["end"]] if _is_offsets(mention) else None
            if not span and covered is not None and covered not in names:
                span = [f"{where}: text[{mention['start']}:{mention['end']}] is {covered!r}, "
                        "not the entity's name or an alias"]
            found += span
    return found


def _date_source(record: dict, date: dict) -> str | None:
    """The string a date's offsets point into: the text, an infobox value, a reference field or a table cell."""
    source = date.get("source", "text")
    if source == "text":
        return record["text"]
    if source == "infobox":
        return ((record.get("infobox") or {}).get("fields") or {}).get(date.get("field"))
    if source == "table":
        return _pointed(record, date.get("field") or "")
    values = [r.get(date.get("field")) or "" for r in record.get("references") or () if r["id"] == date.get("ref_id")]
    # ids repeat (a named reference used twice): the one whose field holds the date
    matching = [v for v in values if v[date["start"] : date["end"]] == date["text"]]
    return (matching or values or [None])[0]


def _pointed(record: dict, pointer: str) -> str | None:
    """The string at a JSON pointer into the record (`tables/0/rows/3/1`), or None."""
    node: object = record
    for part in pointer.split("/"):
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node if isinstance(node, str) else None


def _check_date(where: str, date: dict, value: str | None) -> list[str]:
    if value is None:
        return [f"{where}: its {date.get('source')} field {date.get('field')!r} is not in the record"]
    found = _check_span(where, date, len(value))
    if not found and _is_offsets(date) and value[date["start"] : date["end"]] != date["text"]:
        source = date.get("source", "text")
        found.append(f"{where}: {source}[{date['start']}:{date['end']}] is not {date['text']!r}")
    return found


def _check_span(where: str, span: dict, size: int) -> list[str]:
    if not _is_offsets(span):
        return []  # the schema says what is wrong with it
    if not span["start"] <= span["end"] <= size:
        return [f"{where}: span [{span['start']}, {span['end']}) is not inside a text of length {size}"]
    return []


def _is_offsets(span: dict) -> bool:
    start, end = span["start"], span["end"]
    return isinstance(start, int) and isinstance(end, int) and start >= 0 and end >= 0


def _describe(error) -> str:
    """`path: message`; a missing property is named in the path (`source/url: … is a required property`)."""
    path = [str(p) for p in error.absolute_path]
    if error.validator == "required" and isinstance(error.instance, dict):
        path += [name for name in error.validator_value if name not in error.instance][:1]
    return f"{'/'.join(path) or '(record)'}: {error.message[:300]}"
