"""A supervised process pool: splits of pages in, ordered results out, every page bounded.

`bounded_map` hands whole splits to long-lived worker processes (one per slot,
reused across splits) and yields one result per item, in split order then item
order, whatever the number of workers. Each page runs in a child process, even
with one worker, under two bounds:

- **time**: a SIGALRM timer in the worker interrupts a page after
  `Limits.page_timeout` (the page gets `failed(..., "page.timeout")` and the
  worker goes on); code that never returns to the interpreter does not see the
  signal, so the parent kills a worker whose page has run for
  `page_timeout * 1.5 + kill_grace` and starts another;
- **memory**: the worker's address space is capped (RLIMIT_AS) at its baseline
  after imports plus `Limits.memory_mb`; a MemoryError fails the page with
  `page.memory` and the worker exits (its heap may be in a bad state).

A worker that dies on a page (segfault, `os._exit`, the kernel's OOM killer)
fails that page (`page.crash`, or `page.memory` for a SIGKILL the pool did not
send); a new worker takes the rest of the split from the next page, and the
results already received are kept. At most `2 * workers` splits are open
(read from `splits` and not yet yielded), so a whole dump streams in bounded
memory. Unix only (signals, rlimits).

The worker streams one message per page: the previous page's result and the
start of the next one (its index and identity), so the parent always knows
which page a worker is on. Measured on 2 cores, 20,000 trivial items: see
tests/test_pool.py and the figures in the module's commit message.

Start method: forkserver. Measured with workers importing extractor.pipeline,
on this 2-core machine: spawn costs ~0.25-0.3 s per worker (a fresh interpreter
and the package's imports, again for every replacement); fork is ~5 ms but
copies a parent that may run the bz2 decompression thread (a lock held by that
thread at fork time stays locked in the child forever) and holds the title
index caches; forkserver forks from a clean single-threaded server that has
imported the handler's module once (`set_forkserver_preload`), ~10-20 ms per
worker after the server's own start. The server is a child of the parent that
lives, idle, until the parent exits.
"""

from __future__ import annotations

import ctypes
import heapq
import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Protocol

_EXIT_MEMORY = 86  # a worker's exit code after a MemoryError
_START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
_READY_TIMEOUT = 60.0  # seconds a new worker may take to import and report ready


@dataclass(frozen=True)
class Limits:
    """Per-page bounds; None: unbounded."""

    page_timeout: float | None = 10.0  # seconds of wall time per page
    memory_mb: int | None = 4096  # MiB of address space per worker, above its baseline after imports
    kill_grace: float = 2.0  # seconds past page_timeout * 1.5 before the parent kills the worker

    def __post_init__(self) -> None:
        if self.page_timeout is not None and self.page_timeout <= 0:
            raise ValueError("page_timeout must be positive (or None: unbounded)")
        if self.memory_mb is not None and self.memory_mb <= 0:
            raise ValueError("memory_mb must be positive (or None: unbounded)")

    @property
    def hard_timeout(self) -> float | None:
        return None if self.page_timeout is None else self.page_timeout * 1.5 + self.kill_grace


class Handler(Protocol):
    """What the pool runs; picklable (a frozen dataclass in practice). Methods run in the
    worker, except `failed`, which the parent also calls for a page whose worker died."""

    def items(self, split: Any) -> Iterator[Any]:
        """The split's items (pages) in order."""
        ...

    def ident(self, item: Any) -> tuple:
        """A small picklable identity of the item (path, title, page id)."""
        ...

    def process(self, item: Any) -> Any:
        """The expensive pure function; a picklable result."""
        ...

    def failed(self, ident: tuple, code: str, detail: str) -> Any:
        """The result standing for an item that failed with `code` (page.timeout, page.memory,
        page.crash). A split whose reading fails gets `split_ident(split_index)`."""
        ...


def split_ident(handler: Handler, index: int) -> tuple:
    """The ident given to `failed` for a split that could not be read: the handler's own
    `split_ident(index)` if it has one, else `("", "split <index>", None, None)`, the shape of
    `runners.base.PageWork`'s idents (format, path, title, page id)."""
    own = getattr(handler, "split_ident", None)
    return own(index) if own is not None else ("", f"split {index}", None, None)


class PoolError(RuntimeError):
    """The pool cannot run at all (a worker cannot start): a setup problem, not a page's."""


def bounded_map(
    splits: Iterable[Any], handler: Handler, workers: int, limits: Limits = Limits(), *, start: tuple[int, int] = (0, 0)
) -> Iterator[tuple[int, int, Any]]:
    """Yields `(split_index, item_index, result)` for every item of every split, in split
    order then item order. `start = (s, i)` resumes: splits before `s` are not read, items
    before `i` of split `s` are read but neither processed nor yielded. Closing the generator
    (or an exception, Ctrl-C) kills every worker at once; none is left behind."""
    if workers < 1:
        raise ValueError("workers must be >= 1")
    pool = _Pool(handler, workers, limits)
    try:
        yield from pool.run(iter(splits), start)
    finally:
        pool.close()


# --- parent side -----------------------------------------------------------------------------


@dataclass
class _Split:
    """A split read from the input and not yet yielded whole."""

    index: int
    split: Any
    results: list[tuple[int, Any]] = field(default_factory=list)  # in item order
    shown: int = 0  # results yielded so far
    finished: bool = False


@dataclass
class _Slot:
    """One worker process and what it is doing."""

    process: Any
    conn: Connection
    ready: bool = False
    task: _Split | None = None
    current: tuple[int, tuple, float] | None = None  # item index, ident, when the parent heard of its start
    first: int = 0  # the task's first item
    killed: str | None = None  # the code, when the pool killed it
    launched: float = field(default_factory=time.monotonic)


class _Pool:
    def __init__(self, handler: Handler, workers: int, limits: Limits) -> None:
        self.handler = handler
        self.limits = limits
        self.context = multiprocessing.get_context(_START_METHOD)
        if _START_METHOD == "forkserver" and type(handler).__module__ != "__main__":
            self.context.set_forkserver_preload([type(handler).__module__])  # only before the server starts
        self.slots: list[_Slot] = []
        self.slots = [self._start() for _ in range(workers)]  # they report ready while the first splits are read
        self.open: dict[int, _Split] = {}
        self.queue: list[tuple[int, int, int]] = []  # (split index, first item, tiebreak): earliest split first
        self.next = 0  # split index to yield from

    def run(self, splits: Iterator[Any], start: tuple[int, int]) -> Iterator[tuple[int, int, Any]]:
        self.next = start[0]
        indexed = ((n, split) for n, split in enumerate(splits) if n >= start[0])
        exhausted = False
        while True:
            while not exhausted and len(self.open) < 2 * len(self.slots):
                got = next(indexed, None)
                if got is None:
                    exhausted = True
                else:
                    self._open(*got, first=start[1] if got[0] == start[0] else 0)
            yield from self._ordered()
            if exhausted and not self.open:
                return
            self._dispatch()
            self._wait()

    def _open(self, index: int, split: Any, first: int) -> None:
        self.open[index] = _Split(index, split)
        heapq.heappush(self.queue, (index, first, 0))

    def _ordered(self) -> Iterator[tuple[int, int, Any]]:
        while (head := self.open.get(self.next)) is not None:
            while head.shown < len(head.results):
                item, result = head.results[head.shown]
                head.shown += 1
                yield head.index, item, result
            if not head.finished:
                return
            del self.open[self.next]
            self.next += 1

    def _dispatch(self) -> None:
        for slot in self.slots:
            if self.queue and slot.ready and slot.task is None:
                index, first, _ = heapq.heappop(self.queue)
                slot.task, slot.first = self.open[index], first
                slot.conn.send((index, slot.task.split, first))

    def _wait(self) -> None:
        """Takes in what the workers sent, or enforces the deadline that came first."""
        ready = wait([s.conn for s in self.slots] + [s.process.sentinel for s in self.slots], self._timeout())
        for slot in list(self.slots):
            if slot.conn in ready or slot.process.sentinel in ready:
                self._receive(slot)
        now = time.monotonic()
        for slot in list(self.slots):
            if not slot.ready and now - slot.launched > _READY_TIMEOUT:
                raise PoolError(f"a worker did not start within {_READY_TIMEOUT:g} s")
            if slot.current is not None and self.limits.hard_timeout is not None:
                if now - slot.current[2] > self.limits.hard_timeout:
                    self._kill(slot, "page.timeout")

    def _timeout(self) -> float:
        hard = self.limits.hard_timeout
        deadlines = [s.launched + _READY_TIMEOUT for s in self.slots if not s.ready]
        deadlines += [s.current[2] + hard for s in self.slots if s.current is not None] if hard else []
        return max(0.0, min(deadlines, default=time.monotonic() + 1.0) - time.monotonic())

    def _receive(self, slot: _Slot) -> None:
        """Every message the worker has sent; its death if its pipe or sentinel says so."""
        try:
            while slot.conn.poll():
                for event in slot.conn.recv():
                    self._on_event(slot, event)
        except (EOFError, OSError):
            pass
        if not slot.process.is_alive():
            self._replace(slot)

    def _on_event(self, slot: _Slot, event: tuple) -> None:
        kind = event[0]
        if kind == "start":
            slot.current = (event[1], event[2], time.monotonic())
        elif kind in ("done", "read_failed"):
            slot.current = None
            slot.task.results.append((event[1], event[2]))
        elif kind == "end":
            slot.task.finished = True
            slot.task = slot.current = None
        elif kind == "ready":
            slot.ready = True

    def _kill(self, slot: _Slot, code: str) -> None:
        self._receive(slot)  # a page that finished meanwhile keeps its result
        if slot.current is None or slot not in self.slots:
            return
        slot.killed = code
        slot.process.kill()
        slot.process.join()
        self._receive(slot)

    def _replace(self, slot: _Slot) -> None:
        """A dead worker: its page failed, a new worker takes its place, the split goes on."""
        slot.process.join()
        if not slot.ready:
            raise PoolError(f"a worker exited while starting (exit code {slot.process.exitcode})")
        if slot.task is not None:
            self._fail(slot)
        slot.conn.close()
        self.slots[self.slots.index(slot)] = self._start()

    def _fail(self, slot: _Slot) -> None:
        code, detail = self._cause(slot)
        task = slot.task
        if slot.current is None:  # died while reading the split: a reader's bug, do not read it again
            item = task.results[-1][0] + 1 if task.results else slot.first
            task.results.append(
                (max(item, slot.first), self.handler.failed(split_ident(self.handler, task.index), code, detail))
            )
            task.finished = True
            return
        item, ident, _ = slot.current
        task.results.append((item, self.handler.failed(ident, code, detail)))
        heapq.heappush(self.queue, (task.index, item + 1, 1))

    def _cause(self, slot: _Slot) -> tuple[str, str]:
        exitcode = slot.process.exitcode
        if slot.killed == "page.timeout":
            return "page.timeout", f"{self.limits.page_timeout} s, killed at the hard limit: the page ignored the timer"
        if exitcode == _EXIT_MEMORY:
            return "page.memory", f"MemoryError above {self.limits.memory_mb} MiB"
        if exitcode == -signal.SIGKILL:
            return "page.memory", "the worker was killed by SIGKILL (likely the kernel's out-of-memory killer)"
        if exitcode is not None and exitcode < 0:
            return "page.crash", f"the worker died of {signal.Signals(-exitcode).name}"
        return "page.crash", f"the worker exited with code {exitcode}"

    def _start(self) -> _Slot:
        """A new worker; it is given work once it has sent "ready" (imports done, bounds set)."""
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(child, self.handler, self.limits), daemon=True)
        process.start()
        child.close()
        return _Slot(process, parent)

    def close(self) -> None:
        """Stops every worker: a polite stop when idle, SIGKILL for any still busy a moment later."""
        for slot in self.slots:
            if slot.task is None and slot.process.is_alive():
                try:
                    slot.conn.send(None)
                except OSError:
                    pass
            else:
                slot.process.kill()
        for slot in self.slots:
            slot.process.join(1.0)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join()
            slot.conn.close()
        self.slots = []


# --- worker side -----------------------------------------------------------------------------


class _Timeout(BaseException):
    """Raised by the page timer; a BaseException so that `except Exception` in a page's code
    (process_page's catch-all) does not swallow it."""


class _Timer:
    """SIGALRM as a per-page timeout; `armed` keeps a late signal from hitting the next page."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.armed = False
        signal.signal(signal.SIGALRM, self._ring)

    def _ring(self, signum, frame) -> None:
        if self.armed:
            self.armed = False
            raise _Timeout

    def __enter__(self) -> None:
        if self.seconds is not None:
            self.armed = True
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc) -> None:
        self.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)


def _serve(conn: Connection, handler: Handler, limits: Limits) -> None:
    """A worker's life: splits in, one message per page out, until told to stop (or the pipe closes)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent()
    _cap_memory(limits.memory_mb)
    timer = _Timer(limits.page_timeout)
    try:
        conn.send([("ready",)])
        while (task := conn.recv()) is not None:
            index, split, first = task
            conn.send(_run_split(conn, handler, timer, limits, index, split, first))
    except (EOFError, OSError):
        pass  # the parent is gone or closed the pool: nothing to report to


def _die_with_parent() -> None:
    """SIGKILL when the process that started this one exits (Linux; the forkserver, which itself
    leaves when the pool's process does), so a page stuck in C code does not outlive a killed run."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _run_split(conn, handler: Handler, timer: _Timer, limits: Limits, index: int, split, first: int) -> list:
    """Processes one split; returns its last message (the last result, the end)."""
    pending: list[tuple] = []
    items = enumerate(handler.items(split))
    position = 0  # the item being read
    while True:
        try:
            with timer:
                got = next(items, None)
        except (_Timeout, Exception) as exc:  # a reader's bug must not hang the pool
            code, detail = (
                ("page.timeout", f"{limits.page_timeout} s") if isinstance(exc, _Timeout) else ("page.crash", repr(exc))
            )
            failure = handler.failed(split_ident(handler, index), code, f"reading the split: {detail}")
            return [*pending, ("read_failed", max(position, first), failure), ("end",)]
        if got is None:
            return [*pending, ("end",)]
        position, item = got[0] + 1, got[1]
        if got[0] < first:
            continue
        ident = handler.ident(item)
        conn.send([*pending, ("start", got[0], ident)])
        pending = [("done", got[0], _run_item(handler, timer, limits, item, ident))]


def _run_item(handler: Handler, timer: _Timer, limits: Limits, item, ident: tuple):
    try:
        with timer:
            return handler.process(item)
    except _Timeout:
        return handler.failed(ident, "page.timeout", f"{limits.page_timeout} s")
    except MemoryError:
        os._exit(_EXIT_MEMORY)  # the parent reports the page; this heap is not to be trusted


def _cap_memory(memory_mb: int | None) -> None:
    if memory_mb is None:
        return
    cap = _address_space() + (memory_mb << 20)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))


def _address_space() -> int:
    """This process's virtual memory size in bytes (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0
