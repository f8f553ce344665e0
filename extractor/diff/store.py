"""OLD's records on disk, keyed by id, so that a diff holds one record at a time whatever the size.

A SQLite file (in the caller's temporary folder) with one row per distinct id
of OLD, in OLD's order: the id, the record's field digests (`digests`: 8 bytes
per field of the table, then one for the keys no field names) and the record
itself, zlib-compressed JSON, decoded only when a digest differs or an example
needs it. A row is marked `seen` when NEW has that id; the rows never seen are
the removed records. NEW's ids that OLD lacks go to a table of their own, which
tells a repeated id in NEW (a duplicate) from a first one. Not thread-safe: one
store per diff, used by one thread.
"""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from collections.abc import Iterator
from pathlib import Path

import orjson

from .fields import FIELDS, KNOWN_KEYS, value_of

_SCHEMA = """
CREATE TABLE old (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, digests BLOB NOT NULL,
                  record BLOB NOT NULL, seen INTEGER NOT NULL DEFAULT 0);
CREATE TABLE added (id TEXT PRIMARY KEY) WITHOUT ROWID;
"""
SEEN = "seen"  # take(): NEW already had this id


def digest(value: object) -> bytes:
    """8 bytes that differ when the value's JSON (keys sorted) differs."""
    return hashlib.blake2b(orjson.dumps(value, option=orjson.OPT_SORT_KEYS), digest_size=8).digest()


def digests(record: dict) -> bytes:
    """The digest of every field of the table, in table order, then of the keys it does not name."""
    extra = {key: value for key, value in record.items() if key not in KNOWN_KEYS}
    return b"".join(digest(value_of(record, field.name)) for field in FIELDS) + digest(extra)


def decode(blob: bytes) -> dict:
    return orjson.loads(zlib.decompress(blob))


class OldStore:
    """The records of OLD by id (see the module docstring). Use as a context manager."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        self._db.execute("BEGIN")

    def __enter__(self) -> OldStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self._db.close()

    def add(self, record_id: str, record: dict) -> bool:
        """Store a record of OLD; False (and nothing stored) when OLD already had its id."""
        blob = zlib.compress(orjson.dumps(record), 1)
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO old (id, digests, record) VALUES (?, ?, ?)", (record_id, digests(record), blob)
        )
        return cursor.rowcount == 1

    def take(self, record_id: str) -> tuple[bytes, bytes] | str | None:
        """OLD's (digests, compressed record) for an id of NEW, and mark it seen;
        SEEN when NEW had the id before; None when OLD lacks it."""
        row = self._db.execute("SELECT seq, digests, record, seen FROM old WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            return None
        if row[3]:
            return SEEN
        self._db.execute("UPDATE old SET seen = 1 WHERE seq = ?", (row[0],))
        return row[1], row[2]

    def add_new(self, record_id: str) -> bool:
        """Note an id of NEW that OLD lacks; False when NEW had it before."""
        return self._db.execute("INSERT OR IGNORE INTO added (id) VALUES (?)", (record_id,)).rowcount == 1

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM old").fetchone()[0]

    def count_unseen(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM old WHERE seen = 0").fetchone()[0]

    def unseen(self, limit: int) -> Iterator[dict]:
        """The first `limit` records of OLD that NEW lacks, in OLD's order."""
        rows = self._db.execute("SELECT record FROM old WHERE seen = 0 ORDER BY seq LIMIT ?", (limit,))
        for (blob,) in rows.fetchall():
            yield decode(blob)
