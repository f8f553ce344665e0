"""The fields `extractor diff` compares, and what one item of each list field is: one table, `FIELDS`.

A field is compared either as one value (`text`, `title`, `source` …) or, when
it holds items, also as a multiset of item *keys*. A key is what the item means
to a reader, never its raw offsets: an edit early in the text shifts every
later offset, so an item that points into the text is keyed by the text it
covers (`text[start:end]`) plus its values. Two runs' items are "the same" when
their keys are equal; anything else about them (offsets, other attributes,
order) still makes the field `changed`, without a lost or gained item.

Null: an optional list field (`links`, `dates` …) is null when the run did not
extract it (`run --fields`); that is "not extracted", never "every item lost".
`infobox` is null both for "no infobox" and "not selected": its null reads as
no items, unless every optional list field of the record is null too (the
`--fields text` profile), which says the run extracted none of them. A key
missing from a record (schema version 1) reads as null.
`source.path` and `source.dump` name file locations, not content: ignored.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..fields import OPTIONAL

Key = tuple
IGNORED_SOURCE_KEYS = ("path", "dump")


@dataclass(frozen=True)
class Field:
    """One compared field. `key` is None for a field compared as one value; otherwise
    `key(item, text)` is an item's identity and `items(value)` the field's items."""

    name: str
    key: Callable[[Any, str], Key] | None = None
    key_doc: str = ""
    items: Callable[[Any], list] = list
    null_is_empty: bool = False

    @property
    def itemized(self) -> bool:
        return self.key is not None

    def extracted(self, record: dict) -> bool:
        """False when the record's field is null because the run did not extract it."""
        if not self.itemized or record.get(self.name) is not None:
            return True
        return self.null_is_empty and any(record.get(name) is not None for name in OPTIONAL_LISTS)

    def keys(self, value: Any, text: str) -> list[Key]:
        """The item keys of a value, in the record's order (no items for null)."""
        if value is None:
            return []
        return [self.key(item, text) for item in self.items(value)]  # type: ignore[misc]

    def size(self, value: Any) -> int:
        return 0 if value is None else len(self.items(value))


def _covered(item: dict, text: str) -> str:
    return text[item["start"] : item["end"]]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _infobox_items(infobox: dict) -> list[tuple[str, str]]:
    return [("{template}", infobox["template"]), *sorted(infobox["fields"].items())]


def _values(*names: str) -> Callable[[dict, str], Key]:
    return lambda item, _text: tuple(item.get(name) for name in names)


def _itself(item: Any, _text: str) -> Key:
    return item if isinstance(item, tuple) else (item,)


# In record order (schema/record.schema.json). `id` is the match key, not a compared field.
FIELDS: tuple[Field, ...] = (
    Field("schema_version"),
    Field("title"),
    Field("url"),
    Field("variant"),
    Field("source"),
    Field("text"),
    Field("redirect"),
    Field("is_disambiguation"),
    Field("sections", _values("title", "level"), "title, level"),
    Field("blocks", lambda b, text: (b["kind"], _covered(b, text)), "kind, covered text"),
    Field("links", lambda link, text: (link["target"], _covered(link, text)), "target, anchor text"),
    Field("external_links", lambda e, text: (e["url"], _covered(e, text)), "url, covered text"),
    Field("categories", _itself, "name"),
    Field("templates", lambda t, _text: (t["name"], _json(t["params"])), "name, parameters"),
    Field("infobox", _itself, "template, each (name, value)", items=_infobox_items, null_is_empty=True),
    Field("references", _values("id", "text", "url", "title", "date", "publisher"), "every value"),
    Field("citations", lambda c, text: (c["ref_id"], text[max(0, c["pos"] - 8) : c["pos"]]), "ref id, 8 chars before"),
    Field("tables", lambda t, _text: (t["caption"], _json(t["header"]), _json(t["rows"])), "caption, header, rows"),
    Field("dates", _values("text", "value", "precision", "source", "field"), "text, value, precision, source, field"),
    Field("entities", _values("name", "type"), "name, type"),
    Field("unresolved_conversion_groups", _itself, "name"),
)
BY_NAME = {field.name: field for field in FIELDS}
# The optional fields that are a list when extracted (null: not extracted).
OPTIONAL_LISTS = tuple(name for name in OPTIONAL if name != "infobox")
KNOWN_KEYS = frozenset({"id", *BY_NAME})


def value_of(record: dict, name: str) -> Any:
    """A field's compared value: null when missing; `source` without its file locations."""
    value = record.get(name)
    if name == "source" and isinstance(value, dict):
        return {k: v for k, v in value.items() if k not in IGNORED_SOURCE_KEYS}
    return value


def extra_keys(records: Iterable[dict]) -> list[str]:
    """Keys no field of the table names (a newer schema's), sorted: compared as plain values."""
    return sorted({key for record in records for key in record if key not in KNOWN_KEYS})


def show_key(key: Key, width: int = 60) -> str:
    """An item key as a short line for a report."""
    shown = " | ".join(str(part) for part in key if part not in (None, ""))
    return shown if len(shown) <= width else shown[: width - 1] + "…"
