"""Parquet shards through pyarrow, in the record's Arrow schema (`extractor.arrow`).

The worker encodes a record as one JSON line already in Arrow's shape
(`arrow.to_arrow`: free-key objects as `{key, value}` lists), so the shard's
size is counted as for JSON Lines; the parent's shard writer buffers the rows
and writes a row group every `ROW_GROUP_ROWS` records or `ROW_GROUP_BYTES` of
JSON, whichever comes first, so the cut points depend on the records alone.
Columns are zstd-compressed (the format compresses itself: `--compress` does
not apply), with statistics and dictionary encoding; the same records give
the same bytes under the same pyarrow version.
"""

from __future__ import annotations

from pathlib import Path

import orjson

ROW_GROUP_ROWS = 2000
ROW_GROUP_BYTES = 64 << 20


class Parquet:
    name = "parquet"
    extension = "parquet"
    compressible = False

    @staticmethod
    def encode(record: dict) -> bytes:
        from ..arrow import to_arrow

        return orjson.dumps(to_arrow(record)) + b"\n"

    @staticmethod
    def open(path: Path) -> ParquetShard:
        return ParquetShard(path)


class ParquetShard:
    """A shard being written: `write(encoded)` takes what `Parquet.encode` made, one record a call."""

    def __init__(self, path: Path) -> None:
        import pyarrow.parquet as pq

        from ..arrow import record_schema

        self._schema = record_schema()
        self._writer = pq.ParquetWriter(
            path, self._schema, compression="zstd", compression_level=6, write_statistics=True
        )
        self._rows: list[dict] = []
        self._bytes = 0

    def write(self, data: bytes) -> int:
        self._rows.append(orjson.loads(data))
        self._bytes += len(data)
        if len(self._rows) >= ROW_GROUP_ROWS or self._bytes >= ROW_GROUP_BYTES:
            self._flush()
        return len(data)

    def _flush(self) -> None:
        import pyarrow as pa

        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self._schema))
        self._rows, self._bytes = [], 0

    def close(self) -> None:
        self._flush()
        self._writer.close()
