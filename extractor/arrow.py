"""The record's Arrow schema, derived from `schemas/record.schema.json` (the one place).

Every writer of columnar data (the Parquet sink, the Spark engine) and every
loader helper uses `record_schema()`, so runs written apart load together:

- a JSON Schema object with `properties` is a struct, its fields in schema order;
- an array is a list of its items' type (nested lists of structs, never JSON strings);
- an object whose keys are free (`additionalProperties` only: an infobox's
  fields, a template's parameters) is a list of `{key, value}` structs in the
  record's order: Arrow's own map layout, spelled as a list because Hugging
  Face `datasets` has no map type (it refuses `map<string, string>` columns);
  DuckDB makes a MAP of it with `map_from_entries`;
- strings, enums and consts are strings, integers int64, booleans bool;
- a value that may be null (`"type": [X, "null"]`, `oneOf` with null, an enum
  with null) is a nullable field; the others are not nullable.

`to_arrow(record)` and `from_arrow(row)` convert the free-key objects; every
other value is the same in both.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pyarrow as pa

from .resources import schema_file

KEY, VALUE = "key", "value"


@cache
def record_schema() -> pa.Schema:
    """The Arrow schema of a record (current schema version)."""
    raw = json.loads(schema_file("record.schema.json").read_text(encoding="utf-8"))
    defs = raw.get("$defs", {})
    return pa.schema([_field(name, node, defs) for name, node in raw["properties"].items()])


@cache
def free_key_paths() -> tuple[tuple[str, ...], ...]:
    """Paths of the free-key objects (`("infobox", "fields")`, `("templates", "params")`): a list
    step is not named, so `templates.params` is each template's params."""
    found: list[tuple[str, ...]] = []

    def walk(arrow_type: pa.DataType, path: tuple[str, ...]) -> None:
        if _is_pairs(arrow_type) and path:
            found.append(path)
        elif pa.types.is_struct(arrow_type):
            for child in arrow_type:
                walk(child.type, (*path, child.name))
        elif pa.types.is_list(arrow_type):
            walk(arrow_type.value_type, path)

    for field in record_schema():
        walk(field.type, (field.name,))
    return tuple(found)


def to_arrow(record: dict) -> dict:
    """A record as `record_schema()` holds it: free-key objects become `{key, value}` lists."""
    out = dict(record)
    for path in free_key_paths():
        _convert(out, path, _pairs)
    return out


def from_arrow(row: dict) -> dict:
    """A row read back (`Table.to_pylist()`) as the record it was: free-key objects again."""
    out = dict(row)
    for path in free_key_paths():
        _convert(out, path, _object)
    return out


def hf_features(fmt: str = "parquet") -> Any:
    """`datasets.Features` of records, for `datasets.load_dataset(fmt, data_files=…, features=…)`.

    Parquet: the Arrow schema as it is. JSON Lines: the same, except that free-key objects are
    `datasets.Json()` (they stay JSON objects in the file; datasets re-encodes and decodes them),
    so two runs whose infoboxes have other field names still load together."""
    import datasets

    features = datasets.Features.from_arrow_schema(record_schema())
    if fmt in ("json", "jsonl"):
        for path in free_key_paths():
            features = _with_json(features, path, datasets)
    return features


def _field(name: str, node: dict, defs: dict) -> pa.Field:
    arrow_type, nullable = _type(node, defs)
    return pa.field(name, arrow_type, nullable=nullable)


def _type(node: dict, defs: dict) -> tuple[pa.DataType, bool]:
    node = _resolve(node, defs)
    if "oneOf" in node or "anyOf" in node:
        options = [_resolve(n, defs) for n in node.get("oneOf", node.get("anyOf"))]
        real = [n for n in options if n.get("type") != "null"]
        if len(real) != 1:
            raise ValueError(f"no Arrow type for a union of {len(real)} non-null schemas: {node}")
        arrow_type, _ = _type(real[0], defs)
        return arrow_type, len(real) < len(options)
    kinds = node.get("type")
    kinds = [kinds] if isinstance(kinds, str) else list(kinds or [])
    nullable = "null" in kinds or None in node.get("enum", ())
    kinds = [k for k in kinds if k != "null"]
    if "enum" in node or "const" in node:
        values = [v for v in node.get("enum", [node.get("const")]) if v is not None]
        if all(isinstance(v, str) for v in values):
            return pa.string(), nullable
        raise ValueError(f"no Arrow type for an enum of non-strings: {node}")
    kind = kinds[0] if len(kinds) == 1 else None
    if kind == "object" and "properties" in node:
        return pa.struct([_field(k, v, defs) for k, v in node["properties"].items()]), nullable
    if kind == "object":
        value, _ = _type(node.get("additionalProperties") or {"type": "string"}, defs)
        return pa.list_(pa.struct([pa.field(KEY, pa.string(), nullable=False), pa.field(VALUE, value)])), nullable
    if kind == "array":
        item, item_nullable = _type(node["items"], defs)
        return pa.list_(pa.field("item", item, nullable=item_nullable)), nullable
    scalar = {"string": pa.string(), "integer": pa.int64(), "boolean": pa.bool_(), "number": pa.float64()}
    if kind in scalar:
        return scalar[kind], nullable
    raise ValueError(f"no Arrow type for the schema {node}")


def _resolve(node: dict, defs: dict) -> dict:
    ref = node.get("$ref", "")
    if ref.startswith("#/$defs/"):
        return {**defs[ref.removeprefix("#/$defs/")], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _is_pairs(arrow_type: pa.DataType) -> bool:
    if not pa.types.is_list(arrow_type) or not pa.types.is_struct(arrow_type.value_type):
        return False
    return [f.name for f in arrow_type.value_type] == [KEY, VALUE]


def _pairs(obj: dict | None) -> list[dict] | None:
    return None if obj is None else [{KEY: k, VALUE: v} for k, v in obj.items()]


def _object(pairs: list[dict] | None) -> dict | None:
    return None if pairs is None else {p[KEY]: p[VALUE] for p in pairs}


def _convert(node: Any, path: tuple[str, ...], convert) -> None:
    """Replace, in place, the value at `path` under `node` (through lists) by `convert(value)`."""
    if isinstance(node, list):
        for item in node:
            _convert(item, path, convert)
        return
    if not isinstance(node, dict) or path[0] not in node:
        return
    if len(path) == 1:
        node[path[0]] = convert(node[path[0]])
        return
    child = node[path[0]]
    if isinstance(child, dict):
        child = node[path[0]] = dict(child)
    elif isinstance(child, list):
        child = node[path[0]] = [dict(c) if isinstance(c, dict) else c for c in child]
    _convert(child, path[1:], convert)


def _with_json(features: Any, path: tuple[str, ...], datasets: Any) -> Any:
    """`features` with the feature at `path` (through lists) replaced by `datasets.Json()`."""

    def replace(feature: Any, rest: tuple[str, ...]) -> Any:
        if not rest:
            return datasets.Json()
        if isinstance(feature, datasets.List):
            return datasets.List(replace(feature.feature, rest))
        if isinstance(feature, (dict, datasets.Features)):
            return {**feature, rest[0]: replace(feature[rest[0]], rest[1:])}
        raise ValueError(f"cannot follow {rest} into {feature}")

    return datasets.Features(replace(features, path))
