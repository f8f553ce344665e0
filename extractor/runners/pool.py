"""Worker processes with a time and a memory bound per page, results in input order.

`bounded_map(splits, handler, workers, limits)` hands each split to a worker
process, which reads its items (pages) and processes them one by one, telling
the parent when it starts an item and sending each result. The parent yields
`(split, item, result)` in split order, then item order, whatever the number
of workers, and keeps at most a few splits per worker in flight (a lazy split
stream may be a whole dump).

Bounds: in the worker, a SIGALRM timer interrupts an item still running after
`page_timeout` seconds (Python code sees it at once); a page stuck in C code
that never returns to the interpreter is killed by the parent after
`page_timeout * 1.5 + 2` seconds. The worker's address space is capped at its
size at start plus `memory_mb`, so a page that wants more gets MemoryError.
Either way the page becomes `handler.failed(ident, "page.timeout" |
"page.memory" | "page.crash", detail)`, the worker is replaced when it is
killed, dies or ran out of memory, and the rest of its split is handed to
the replacement: no page is processed twice and none is lost.

Workers are forked (Linux): start-up is a few milliseconds and they inherit
the loaded package, where spawn or forkserver would re-import it (about a
second each, and again for every replacement). They ignore SIGINT, so Ctrl-C
reaches the parent alone, which stops them; they also die with the parent
(PR_SET_PDEATHSIG), and leave when their pipe closes.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Protocol

_AHEAD = 4  # splits per worker that may be finished but not yet yielded
_GRACE = 2.0  # seconds the parent waits past the soft limit before it kills


@dataclass(frozen=True)
class Limits:
    page_timeout: float | None = 10.0  # seconds of wall time per page; None: unbounded
    memory_mb: int | None = 4096  # address space a worker may add to its size at start; None: unbounded


class Handler(Protocol):
    def items(self, split: Any) -> Iterator[Any]: ...
    def ident(self, item: Any) -> tuple: ...
    def process(self, item: Any) -> Any: ...
    def failed(self, ident: tuple, code: str, detail: str) -> Any: ...


class _PageTimeout(BaseException):
    """Raised by the worker's alarm; a BaseException, so no page-level `except Exception` swallows it."""


# ---------------------------------------------------------------- the worker side


def _serve(conn: Connection, handler: Handler, limits: Limits) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    _cap_memory(limits.memory_mb)
    signal.signal(signal.SIGALRM, _alarm)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        number, split, first = task
        if not _work(conn, handler, limits, number, split, first):
            os._exit(0)  # out of memory: its heap may be damaged; the parent replaces it
        conn.send(("end", number))


def _work(conn: Connection, handler: Handler, limits: Limits, number: int, split: Any, first: int) -> bool:
    """Process one split's items from `first`; False when the worker must be replaced."""
    try:
        for i, item in enumerate(handler.items(split)):
            if i < first:
                continue
            ident = handler.ident(item)
            conn.send(("start", number, i, ident))
            result, healthy = _bounded(handler, item, ident, limits.page_timeout)
            conn.send(("done", number, i, result))
            if not healthy:
                return False
    except Exception as exc:  # noqa: BLE001 - a reader's bug must not hang the pool
        conn.send(("broken", number, f"{type(exc).__name__}: {exc}"))
    return True


def _bounded(handler: Handler, item: Any, ident: tuple, timeout: float | None) -> tuple[Any, bool]:
    try:
        if timeout:
            signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            return handler.process(item), True
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _PageTimeout:
        return handler.failed(ident, "page.timeout", f"still running after {timeout:g} s"), True
    except MemoryError:
        return handler.failed(ident, "page.memory", "needed more memory than the worker's limit"), False


def _alarm(signum: int, frame: object) -> None:
    raise _PageTimeout


def _cap_memory(memory_mb: int | None) -> None:
    if not memory_mb:
        return
    with open("/proc/self/statm") as f:
        size = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    limit = size + memory_mb * (1 << 20)
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))


def _die_with_parent() -> None:
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


# ---------------------------------------------------------------- the parent side


class _Worker:
    def __init__(self, handler: Handler, limits: Limits) -> None:
        context = multiprocessing.get_context("fork")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, handler, limits), daemon=True)
        self.process.start()
        child.close()
        self.task: tuple[int, Any] | None = None  # (split number, split)
        self.next_item = 0  # the item the worker will send next
        self.current: tuple[int, tuple, float] | None = None  # (item, ident, started)

    def give(self, number: int, split: Any, first: int) -> None:
        self.task, self.next_item, self.current = (number, split), first, None
        self.conn.send((number, split, first))

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        elif self.process.is_alive():
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(0.5 if not kill else None)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class _Pool:
    def __init__(self, splits: Iterator[tuple[int, Any]], handler: Handler, workers: int, limits: Limits) -> None:
        self.splits = splits
        self.handler = handler
        self.limits = limits
        self.workers = [_Worker(handler, limits) for _ in range(workers)]
        self.results: dict[int, list] = {}  # split -> [(item, result)] received, in item order
        self.finished: set[int] = set()
        self.exhausted = False

    def feed(self, waiting: int) -> None:
        """Give idle workers the next splits, unless too many finished ones wait to be yielded."""
        for worker in self.workers:
            if worker.task is not None or self.exhausted or waiting >= _AHEAD * len(self.workers):
                continue
            try:
                number, split, first = next(self.splits)
            except StopIteration:
                self.exhausted = True
                return
            self.results[number] = []
            worker.give(number, split, first)

    def busy(self) -> list[_Worker]:
        return [w for w in self.workers if w.task is not None]

    def step(self) -> None:
        """Wait for any worker's news (or a deadline) and take it in."""
        busy = self.busy()
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=self._until_deadline(busy))
        for worker in busy:
            if worker.conn in ready:
                self._receive(worker)
            if worker.task is not None and worker.process.sentinel in ready and not worker.process.is_alive():
                self._receive(worker)  # what it sent before it died
                if worker.task is not None:
                    self._replace(worker, "page.crash", f"the worker died (exit {worker.process.exitcode})")
        self._enforce_deadlines()

    def _receive(self, worker: _Worker) -> None:
        try:
            while worker.task is not None and worker.conn.poll():
                self._take(worker, worker.conn.recv())
        except (EOFError, OSError):
            pass

    def _take(self, worker: _Worker, message: tuple) -> None:
        kind, number = message[0], message[1]
        if kind == "start":
            worker.current = (message[2], message[3], time.monotonic())
        elif kind == "done":
            self.results[number].append((message[2], message[3]))
            worker.next_item, worker.current = message[2] + 1, None
        elif kind == "broken":
            ident = ("", f"split {number}", None, None)
            self.results[number].append((worker.next_item, self.handler.failed(ident, "page.crash", message[2])))
        elif kind == "end":
            self.finished.add(number)
            worker.task, worker.current = None, None

    def _replace(self, worker: _Worker, code: str, detail: str) -> None:
        """The worker is gone: fail its current item, start another worker on the rest of the split."""
        number, split = worker.task
        first = worker.next_item
        if worker.current is not None:
            item, ident, _ = worker.current
            self.results[number].append((item, self.handler.failed(ident, code, detail)))
            first = item + 1
        worker.stop(kill=True)
        fresh = _Worker(self.handler, self.limits)
        self.workers[self.workers.index(worker)] = fresh
        fresh.give(number, split, first)

    def _hard_limit(self) -> float | None:
        timeout = self.limits.page_timeout
        return timeout * 1.5 + _GRACE if timeout else None

    def _until_deadline(self, busy: list[_Worker]) -> float | None:
        limit = self._hard_limit()
        starts = [w.current[2] for w in busy if w.current is not None]
        if limit is None or not starts:
            return 1.0
        return max(0.0, min(starts) + limit - time.monotonic()) + 0.01

    def _enforce_deadlines(self) -> None:
        limit = self._hard_limit()
        if limit is None:
            return
        now = time.monotonic()
        for worker in self.busy():
            if worker.current is not None and now - worker.current[2] > limit:
                self._replace(worker, "page.timeout", f"still running after {limit:g} s (killed)")

    def close(self) -> None:
        for worker in self.workers:
            worker.stop(kill=worker.task is not None)


def bounded_map(
    splits: Iterable[Any], handler: Handler, workers: int, limits: Limits, *, start: tuple[int, int] = (0, 0)
) -> Iterator[tuple[int, int, Any]]:
    """`(split, item, result)` for every item of every split from `start` = (split, item), in
    input order. Splits before `start` are read past but not processed."""
    first_split, first_item = start
    numbered = (
        (number, split, first_item if number == first_split else 0)
        for number, split in enumerate(splits)
        if number >= first_split
    )
    pool = _Pool(numbered, handler, max(1, workers), limits)
    expected, done = first_split, 0  # the split to yield next, and how many of its results are out
    try:
        while True:
            pool.feed(waiting=len(pool.finished))
            if expected not in pool.results:
                if pool.exhausted and not pool.busy():
                    return
                pool.step()
                continue
            received = pool.results[expected]
            for item, result in received[done:]:
                yield expected, item, result
            done = len(received)
            if expected in pool.finished:
                del pool.results[expected]
                pool.finished.discard(expected)
                expected, done = expected + 1, 0
            else:
                pool.step()
    finally:
        pool.close()
