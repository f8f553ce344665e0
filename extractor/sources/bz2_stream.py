""".bz2 files (single or multistream) decompressed by a background thread.

bz2 decompression is as costly as parsing a page's XML several times over, and
CPython's `_bz2` releases the GIL while it works, so a thread decompressing the
next chunks while the caller parses the current one uses a second core at no
cost to determinism: bytes come out in file order. Memory is bounded: at most
`AHEAD` chunks of at most `CHUNK` decompressed bytes wait in the queue, whatever
the compression ratio. Damage (a truncated or corrupt file) reaches the reader
as an `InputDamage` naming the compressed offset (and the bz2 stream it is in),
after the bytes decompressed before it; a file that cannot be read, as `OSError`.
"""

from __future__ import annotations

import bz2
import io
import queue
import threading
from pathlib import Path

from .damage import InputDamage

CHUNK = 1 << 20  # decompressed bytes per queue item
AHEAD = 8  # queue items decompressed ahead of the reader
_READ = 1 << 18  # compressed bytes read from the file at a time
_END = None


class Bz2Stream(io.RawIOBase):
    """A readable binary stream of `path`'s decompressed bytes; `close()` stops the thread."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._queue: queue.Queue = queue.Queue(maxsize=AHEAD)
        self._stop = threading.Event()
        self._pending = memoryview(b"")
        self._done = False
        self._file = open(path, "rb")  # opened here so a missing file fails at once, in the caller
        self._thread = threading.Thread(target=self._decompress, name=f"bz2:{path.name}", daemon=True)
        self._thread.start()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending and not self._done:
            item = self._queue.get()
            if item is _END:
                self._done = True
            elif isinstance(item, BaseException):
                self._done = True
                raise item
            else:
                self._pending = memoryview(item)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def close(self) -> None:
        if not self.closed:
            self._stop.set()
            while self._thread.is_alive():  # unblock a thread waiting on a full queue
                try:
                    self._queue.get(timeout=0.05)
                except queue.Empty:
                    pass
            self._file.close()
        super().close()

    def _decompress(self) -> None:
        try:
            for chunk in _chunks(self._file, self._stop):
                self._put(chunk)
            self._put(_END)
        except (OSError, ValueError, InputDamage) as exc:
            self._put(exc)

    def _put(self, item) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.05)
                return
            except queue.Full:
                continue


def _chunks(file, stop: threading.Event):
    """Decompressed chunks of every bz2 stream in `file`, in order (MediaWiki's multistream
    dumps are many streams back to back); InputDamage when a stream is corrupt or cut short."""
    decompressor = bz2.BZ2Decompressor()
    data = b""
    started = False
    stream = 0  # compressed offset where the current bz2 stream starts
    while not stop.is_set():
        if decompressor.eof:
            data, decompressor = decompressor.unused_data, bz2.BZ2Decompressor()
            started, stream = False, file.tell() - len(data)
        if decompressor.needs_input and not data:
            data = file.read(_READ)
            if not data:
                break
        started = started or bool(data)
        try:
            out = decompressor.decompress(data, CHUNK)
        except OSError as exc:
            where = f"compressed byte {stream} to {file.tell()} (the bz2 stream starting at {stream})"
            raise InputDamage(str(exc), truncated=False, where=where) from exc
        data = b""
        if out:
            yield out
    if started and not decompressor.eof and not stop.is_set():
        where = f"compressed byte {file.tell()}, the end of the file (in the bz2 stream starting at {stream})"
        raise InputDamage("the bz2 data ends before its end-of-stream marker", truncated=True, where=where)
