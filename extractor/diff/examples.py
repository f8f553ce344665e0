"""Short examples for a diff report: which record, and what changed in a field, in a line or two.

Every example names the record (`id`, `title`); a text change is an excerpt
around the first difference (`…before[-old-]{+new+}after…`, line breaks shown as
⏎); a list field shows its first lost and gained item keys; any other field
its old and new values, cut short (of an object, the keys that differ). Nothing here reads or counts: callers decide
which records are examples (the first ones, in NEW's order).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .fields import Key, show_key

CONTEXT = 12  # characters of unchanged text either side of a text change
WIDTH = 60  # longest shown value
ITEMS = 3  # lost or gained items shown per example
ABSENT = "(absent)"  # an object's key that one side lacks


def record_ref(record: dict) -> dict:
    return {"id": str(record.get("id")), "title": record.get("title")}


def text_example(record: dict, old: str, new: str) -> dict:
    return {**record_ref(record), "excerpt": text_excerpt(old, new)}


def items_example(record: dict, lost: Sequence[Key], gained: Sequence[Key]) -> dict:
    example = record_ref(record)
    for name, keys in (("lost", lost), ("gained", gained)):
        example[name] = [show_key(key) for key in keys[:ITEMS]]
        if len(keys) > ITEMS:
            example[name].append(f"… {len(keys) - ITEMS} more")
    return example


def value_example(record: dict, old: Any, new: Any) -> dict:
    """Old and new values; of two objects (`source`), only the keys whose values differ."""
    if isinstance(old, dict) and isinstance(new, dict):
        keys = sorted(k for k in old.keys() | new.keys() if old.get(k, ABSENT) != new.get(k, ABSENT))
        old, new = ({k: side.get(k, ABSENT) for k in keys} for side in (old, new))
    return {**record_ref(record), "old": _short(old), "new": _short(new)}


def text_excerpt(old: str, new: str) -> str:
    """`…before[-removed-]{+inserted+}after…` around the first difference."""
    start = _common_prefix(old, new)
    tail = _common_prefix(old[start:][::-1], new[start:][::-1])
    gone, came = old[start : len(old) - tail], new[start : len(new) - tail]
    before = ("…" if start > CONTEXT else "") + old[max(0, start - CONTEXT) : start]
    rest = old[len(old) - tail :]
    after = rest[:CONTEXT] + ("…" if len(rest) > CONTEXT else "")
    change = (f"[-{_cut(gone)}-]" if gone else "") + (f"{{+{_cut(came)}+}}" if came else "")
    return (before + change + after).replace("\n", "⏎")


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by halving (fast on long texts)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _cut(text: str) -> str:
    return text if len(text) <= WIDTH else text[: WIDTH // 2] + "…" + text[-(WIDTH // 2 - 1) :]


def _short(value: Any) -> str:
    shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return _cut(shown)
