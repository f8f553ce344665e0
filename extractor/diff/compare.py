"""Compare two outputs record by record, by `id`: the counts and examples of a diff (`Tally`).

OLD is streamed into an on-disk store (`store.OldStore`, in a temporary folder
removed afterwards), then NEW is streamed against it: each record is looked up
by id, its field digests compared to OLD's, and only a record whose digests
differ is decoded and compared field by field (`fields.FIELDS`). Memory holds
one record of each side, the counters and at most `examples` examples per
category, whatever the size of the runs; temporary disk holds OLD compressed.
Examples are the first ones in NEW's order (removed records: in OLD's order).
An id repeated within one side is a duplicate: counted, shown, and its later
records not compared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory

from ..dataset import read_records
from ..rundir import RunDir
from . import examples as ex
from .fields import BY_NAME, FIELDS, Field, value_of
from .store import SEEN, OldStore, decode, digests

RECORD_EXAMPLES = ("added", "removed", "duplicates_old", "duplicates_new")


@dataclass
class FieldTally:
    """One field over the records in both runs. Items are counted where both runs extracted the field."""

    changed: int = 0
    lost: int = 0
    gained: int = 0
    old_items: int = 0
    new_items: int = 0
    unextracted_old: int = 0  # null in OLD (not extracted), a list in NEW
    unextracted_new: int = 0  # a list in OLD, null in NEW
    examples: list[dict] = field(default_factory=list)


@dataclass
class Tally:
    """What a diff found; every count is of records unless named otherwise."""

    limit: int
    old_records: int = 0  # distinct ids
    new_records: int = 0  # distinct ids
    compared: int = 0  # ids in both
    added: int = 0
    removed: int = 0
    changed: int = 0
    unchanged: int = 0
    duplicates_old: int = 0
    duplicates_new: int = 0
    fields: dict[str, FieldTally] = field(default_factory=dict)
    examples: dict[str, list[dict]] = field(default_factory=lambda: {name: [] for name in RECORD_EXAMPLES})

    def of(self, name: str) -> FieldTally:
        return self.fields.setdefault(name, FieldTally())

    def example(self, bucket: list[dict], make: Callable[[], dict]) -> None:
        """Add `make()` to `bucket` unless it is full (`make` is only called when needed)."""
        if len(bucket) < self.limit:
            bucket.append(make())


def compare_runs(old: Path, new: Path, *, examples: int = 3) -> Tally:
    """Read OLD, then NEW, once each, and tally their differences."""
    tally = Tally(limit=examples)
    with TemporaryDirectory(prefix="extractor-diff-") as tmp, OldStore(Path(tmp) / "old.sqlite") as store:
        for record in read_records(old):
            if not store.add(_id_of(record, old), record):
                tally.duplicates_old += 1
                tally.example(tally.examples["duplicates_old"], lambda r=record: ex.record_ref(r))
        tally.old_records = store.count()
        for record in read_records(new):
            _compare_record(store, record, _id_of(record, new), tally)
        tally.removed = store.count_unseen()
        tally.examples["removed"] = [ex.record_ref(r) for r in store.unseen(examples)]
    tally.new_records = tally.compared + tally.added
    return tally


def _id_of(record: object, path: Path) -> str:
    if not isinstance(record, dict) or record.get("id") in (None, ""):
        raise ValueError(f"{path}: a record without an id: {str(record)[:80]}")
    return str(record["id"])


def _compare_record(store: OldStore, record: dict, record_id: str, tally: Tally) -> None:
    found = store.take(record_id)
    if found == SEEN or (found is None and not store.add_new(record_id)):
        tally.duplicates_new += 1
        tally.example(tally.examples["duplicates_new"], lambda: ex.record_ref(record))
    elif found is None:
        tally.added += 1
        tally.example(tally.examples["added"], lambda: ex.record_ref(record))
    else:
        tally.compared += 1
        old_digests, blob = found
        new_digests = digests(record)
        differing = _differing(old_digests, new_digests)
        if differing is None:
            tally.unchanged += 1
            _count_unchanged(record, FIELDS, tally)
        else:
            tally.changed += 1
            _compare_fields(decode(blob), record, differing, tally)


def _differing(old: bytes, new: bytes) -> list[Field | None] | None:
    """The fields whose digests differ (None stands for the keys no field names); None if none."""
    if old == new:
        return None
    slots = [*FIELDS, None]
    return [slots[i // 8] for i in range(0, len(new), 8) if old[i : i + 8] != new[i : i + 8]]


def _count_unchanged(record: dict, fields: list[Field] | tuple[Field, ...], tally: Tally) -> None:
    for f in fields:
        if f.itemized:
            size = f.size(value_of(record, f.name))
            t = tally.of(f.name)
            t.old_items += size
            t.new_items += size


def _compare_fields(old: dict, new: dict, differing: list[Field | None], tally: Tally) -> None:
    names = {f.name for f in differing if f is not None}
    _count_unchanged(new, [f for f in FIELDS if f.name not in names], tally)
    for f in differing:
        if f is None:
            _compare_extra(old, new, tally)
        elif f.itemized:
            _compare_items(f, old, new, tally)
        else:
            _compare_value(f.name, old, new, tally)


def _compare_value(name: str, old: dict, new: dict, tally: Tally) -> None:
    before, after = value_of(old, name), value_of(new, name)
    t = tally.of(name)
    t.changed += 1
    if name == "text" and isinstance(before, str) and isinstance(after, str):
        tally.example(t.examples, lambda: ex.text_example(new, before, after))
    else:
        tally.example(t.examples, lambda: ex.value_example(new, before, after))


def _compare_items(f: Field, old: dict, new: dict, tally: Tally) -> None:
    before, after = value_of(old, f.name), value_of(new, f.name)
    t = tally.of(f.name)
    t.changed += 1
    if not f.extracted(old) or not f.extracted(new):
        t.unextracted_old += not f.extracted(old)
        t.unextracted_new += not f.extracted(new)
        return
    old_keys = Counter(f.keys(before, old.get("text") or ""))
    new_keys = Counter(f.keys(after, new.get("text") or ""))
    lost, gained = old_keys - new_keys, new_keys - old_keys
    t.old_items += f.size(before)
    t.new_items += f.size(after)
    t.lost += lost.total()
    t.gained += gained.total()
    tally.example(t.examples, lambda: ex.items_example(new, list(lost.elements()), list(gained.elements())))


def _compare_extra(old: dict, new: dict, tally: Tally) -> None:
    """Keys the table does not name (a newer schema's): each compared as one value."""
    for name in sorted((set(old) | set(new)) - set(BY_NAME) - {"id"}):
        if old.get(name) != new.get(name):
            _compare_value(name, old, new, tally)


def run_counts(path: Path) -> dict | None:
    """A run folder's manifest counts (the only part of a manifest a diff reads), or None."""
    manifest = RunDir(path).manifest() if path.is_dir() else None
    return manifest.get("counts") if manifest else None
