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
- **memory**: the worker's address space is capped (RLIMIT_AS) at its size
  after imports plus `Limits.memory_mb`; a MemoryError fails the page with
  `page.memory` and the worker exits (its heap may be in a bad state).

A worker that dies on a page (segfault, `os._exit`, the kernel's OOM killer)
fails that page (`page.crash`, or `page.memory` for a SIGKILL the pool did not
send). A new worker takes the split from the first result the parent had not
received: it re-reads the items before it without processing them, gives the
dead page `failed(ident, code, detail)` and goes on. A reader that fails or
dies ends its split with one `failed(split_ident(...), ...)` result. At most
`2 * workers` splits are open (read from `splits` and not yet yielded), so a
whole dump streams in bounded memory. Unix only (signals, rlimits).

Messages. Each worker publishes what it is doing in three shared numbers
(reading or processing, item index, start time), which the parent reads for the
hard deadline and for a death's cause; results go over the pipe in batches
(every `_FLUSH` seconds and at a split's end). One message per page cost the
parent ~60-80 us of CPU per page (a wake-up, a selector, a pickle) on 2 busy
cores; batched, it is a few us. Figures in the commit that introduced this.

Start method: forkserver. Measured on this 2-core machine, a pool of 2 workers
importing extractor.pipeline (ready to work): spawn 0.45-0.85 s per pool and
~0.45 s per replacement (a fresh interpreter importing the package each time);
fork ~15 ms and ~5 ms, but it copies a parent that may run the bz2
decompression thread (a lock that thread holds at fork time stays locked in the
child for ever) and holds the title index caches; forkserver ~0.4 s for the
first pool (the server starts and imports the handler's module once, through
`set_forkserver_preload`), then ~40 ms per pool and ~20 ms per replacement, from
a clean single-threaded process. The server is a child of the parent that
stays, idle, until the parent exits.
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

_START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
_EXIT_MEMORY = 86  # a worker's exit code after a MemoryError
_READY_TIMEOUT = 60.0  # seconds a new worker may take to import and report ready
_FLUSH = 0.05  # seconds a worker may keep results before it sends them
_STALLS = 3  # deaths without progress in a split before the parent gives the rest of it up
_IDLE, _READING, _PROCESSING = 0.0, 1.0, 2.0  # a worker's phase, in its shared state


@dataclass(frozen=True)
class Limits:
    """Per-page bounds; None: unbounded."""

    page_timeout: float | None = 10.0  # seconds of wall time per page
    memory_mb: int | None = 4096  # MiB of address space per worker, above its size after imports
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
    """What the pool runs; picklable (a frozen dataclass in practice). Its methods run in the
    worker; `failed` also in the parent, for a split it gives up."""

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
        page.crash); `detail` is the same whatever the worker count. A split whose reading
        fails gets `ident == split_ident(handler, split_index)`."""
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
    first: int  # its first item to process
    results: list[tuple[int, Any]] = field(default_factory=list)  # received, in item order
    shown: int = 0  # results yielded so far
    finished: bool = False
    failures: dict[int, tuple[str, str, str]] = field(default_factory=dict)  # item -> (phase, code, detail)
    last_death: int = -1  # the item a worker last died on
    stalls: int = 0  # deaths at or before the last one (a worker died reporting a failure)

    @property
    def next_item(self) -> int:
        return self.results[-1][0] + 1 if self.results else self.first


@dataclass
class _Slot:
    """One worker process, its shared state ([phase, item, started]) and its split."""

    process: Any
    conn: Connection
    state: Any  # RawArray("d", 3), written by the worker
    launched: float = field(default_factory=time.monotonic)
    ready: bool = False
    task: _Split | None = None
    killed: bool = False  # by the pool, at the hard deadline


class _Pool:
    def __init__(self, handler: Handler, workers: int, limits: Limits) -> None:
        self.handler = handler
        self.limits = limits
        self.context = multiprocessing.get_context(_START_METHOD)
        if _START_METHOD == "forkserver" and type(handler).__module__ != "__main__":
            self.context.set_forkserver_preload([type(handler).__module__])  # only before the server starts
        self.slots: list[_Slot] = []
        self.slots = [self._start() for _ in range(workers)]  # they get ready while the first splits are read
        self.open: dict[int, _Split] = {}
        self.queue: list[tuple[int, int]] = []  # (split index, first item): earliest split first
        self.next = 0  # the split to yield from

    def run(self, splits: Iterator[Any], start: tuple[int, int]) -> Iterator[tuple[int, int, Any]]:
        self.next = start[0]
        indexed = ((n, split) for n, split in enumerate(splits) if n >= start[0])
        exhausted = False
        while True:
            while not exhausted and len(self.open) < 2 * len(self.slots):
                got = next(indexed, None)
                exhausted = got is None
                if got is not None:
                    self._open(*got, first=start[1] if got[0] == start[0] else 0)
            yield from self._ordered()
            if not exhausted and len(self.open) < 2 * len(self.slots):
                continue  # yielding made room: read more splits first (with none open, a wait never ends)
            if exhausted and not self.open:
                return
            self._dispatch()
            self._wait()

    def _open(self, index: int, split: Any, first: int) -> None:
        self.open[index] = _Split(index, split, first)
        heapq.heappush(self.queue, (index, first))

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
                index, first = heapq.heappop(self.queue)
                task = slot.task = self.open[index]
                slot.state[:] = [_IDLE, first, time.monotonic()]  # the worker writes it again once it has the split
                failures = {item: failure for item, failure in task.failures.items() if item >= first}
                slot.conn.send((index, task.split, first, failures))

    def _wait(self) -> None:
        """Takes in what the workers sent or did (died), then enforces the deadlines."""
        ready = wait([s.conn for s in self.slots] + [s.process.sentinel for s in self.slots], self._timeout())
        for slot in list(self.slots):
            if slot.conn in ready or slot.process.sentinel in ready:
                self._receive(slot, dead=slot.process.sentinel in ready)
        now = time.monotonic()
        for slot in list(self.slots):
            if not slot.ready and now - slot.launched > _READY_TIMEOUT:
                raise PoolError(f"a worker did not start within {_READY_TIMEOUT:g} s")
            if (deadline := self._deadline(slot)) is not None and now > deadline:
                self._kill(slot)

    def _deadline(self, slot: _Slot) -> float | None:
        """When the worker's current read or page is to be killed (None: no deadline)."""
        if not slot.ready:
            return slot.launched + _READY_TIMEOUT
        if slot.task is None or self.limits.hard_timeout is None:
            return None
        return slot.state[2] + self.limits.hard_timeout  # a later start may have moved it: checked again then

    def _timeout(self) -> float | None:
        deadlines = [d for d in map(self._deadline, self.slots) if d is not None]
        return max(0.0, min(deadlines) - time.monotonic()) if deadlines else None

    def _receive(self, slot: _Slot, dead: bool = False) -> None:
        """One message of a live worker (`wait` reports the next one); every message a dead one
        sent before it died, then its replacement. A closed pipe means the worker died."""
        try:
            while not dead or slot.conn.poll():
                for event in slot.conn.recv():
                    self._on_event(slot, event)
                if not dead:
                    return
        except (EOFError, OSError):
            dead = True
        if dead:
            self._replace(slot)

    def _on_event(self, slot: _Slot, event: tuple) -> None:
        kind = event[0]
        if kind == "done":
            slot.task.results.append(event[1:])
            slot.task.failures.pop(event[1], None)
        elif kind == "end":
            slot.task.finished = True
            slot.task = None
        elif kind == "ready":
            slot.ready = True

    def _kill(self, slot: _Slot) -> None:
        slot.killed = True
        slot.process.kill()
        slot.process.join()
        self._receive(slot, dead=True)  # results sent before the kill are kept

    def _replace(self, slot: _Slot) -> None:
        """A dead worker: a new one takes its place, and its split goes on."""
        slot.process.join()
        if not slot.ready:
            raise PoolError(f"a worker exited while starting (exit code {slot.process.exitcode})")
        if slot.task is not None:
            self._resubmit(slot.task, slot)
        slot.conn.close()
        self.slots[self.slots.index(slot)] = self._start()

    def _resubmit(self, task: _Split, slot: _Slot) -> None:
        """The split again from its first missing result; the item the worker died on (or the
        read it died in) becomes a failure that the next worker reports without running it."""
        phase, item, _ = slot.state[:]
        item = int(item) if phase != _IDLE else task.next_item  # idle: it died before reading (the split itself)
        code, detail = self._cause(slot, phase)
        stalled = item <= task.last_death
        task.stalls, task.last_death = task.stalls + stalled, max(item, task.last_death)
        if task.stalls >= _STALLS:  # even the failure cannot be reported: give the rest of the split up
            failure = self.handler.failed(split_ident(self.handler, task.index), code, detail)
            task.results.append((task.next_item, failure))
            task.finished = True
            return
        task.failures[item] = ("item" if phase == _PROCESSING and not stalled else "read", code, detail)
        heapq.heappush(self.queue, (task.index, task.next_item))

    def _cause(self, slot: _Slot, phase: float) -> tuple[str, str]:
        exitcode = slot.process.exitcode
        doing = "reading the split: " if phase != _PROCESSING else ""
        if slot.killed:
            return "page.timeout", f"{doing}{self.limits.page_timeout} s, then killed (it did not yield to the timer)"
        if exitcode == _EXIT_MEMORY:
            return "page.memory", f"{doing}MemoryError above {self.limits.memory_mb} MiB"
        if exitcode == -signal.SIGKILL:
            return "page.memory", f"{doing}the worker was killed by SIGKILL (the kernel's out-of-memory killer?)"
        if exitcode is not None and exitcode < 0:
            return "page.crash", f"{doing}the worker died of {signal.Signals(-exitcode).name}"
        return "page.crash", f"{doing}the worker exited with code {exitcode}"

    def _start(self) -> _Slot:
        """A new worker; it is given work once it has sent "ready" (imports done, bounds set)."""
        parent, child = self.context.Pipe()
        state = self.context.RawArray("d", 3)
        process = self.context.Process(target=_serve, args=(child, state, self.handler, self.limits), daemon=True)
        process.start()
        child.close()
        return _Slot(process, parent, state)

    def close(self) -> None:
        """Stops every worker: idle ones are told to leave, busy ones are killed."""
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


def _serve(conn: Connection, state, handler: Handler, limits: Limits) -> None:
    """A worker's life: splits in, batches of results out, until told to stop (or the pipe closes)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent()
    _cap_memory(limits.memory_mb)
    worker = _Worker(conn, state, handler, limits)
    try:
        conn.send([("ready",)])
        while (task := conn.recv()) is not None:
            worker.run(*task)
            worker.send(("end",))
    except (EOFError, OSError):
        pass  # the parent is gone or closed the pool: nothing to report to


class _Worker:
    def __init__(self, conn: Connection, state, handler: Handler, limits: Limits) -> None:
        self.conn, self.state, self.handler, self.limits = conn, state, handler, limits
        self.timer = _Timer(limits.page_timeout)
        self.pending: list[tuple] = []
        self.sent = time.monotonic()

    def run(self, index: int, split: Any, first: int, failures: dict[int, tuple[str, str, str]]) -> None:
        """Results for the split's items from `first`; `failures` are reported, not run again."""
        items: Iterator[Any] | None = None
        position = 0
        while True:
            phase, code, detail = failures.get(position, ("", "", ""))
            if phase == "read":
                return self.emit(position, self.handler.failed(split_ident(self.handler, index), code, detail))
            self.mark(_READING, position)
            try:
                with self.timer:
                    items = iter(self.handler.items(split)) if items is None else items
                    item = next(items, _END)
            except (_Timeout, Exception) as exc:  # a reader's bug must not hang the pool
                code, detail = _read_failure(exc, self.limits)
                return self.emit(
                    max(position, first), self.handler.failed(split_ident(self.handler, index), code, detail)
                )
            if item is _END:
                return
            if position >= first:
                self.mark(_PROCESSING, position)
                self.emit(
                    position, self.handler.failed(self.handler.ident(item), code, detail) if code else self.page(item)
                )
            position += 1

    def page(self, item: Any) -> Any:
        try:
            with self.timer:
                return self.handler.process(item)
        except _Timeout:
            return self.handler.failed(self.handler.ident(item), "page.timeout", f"{self.limits.page_timeout} s")
        except MemoryError:
            try:
                self.send()  # the results before this page (the failed allocation is freed by now)
            finally:
                os._exit(_EXIT_MEMORY)  # this heap is not to be trusted: the parent replaces the worker
        except Exception as exc:  # noqa: BLE001 - the handler's bug: the page fails, the worker goes on
            return self.handler.failed(self.handler.ident(item), "page.crash", f"{type(exc).__name__}: {exc}")

    def mark(self, phase: float, item: int) -> None:
        state = self.state
        state[2] = time.monotonic()  # the start time first: the parent never sees a new item with an old time
        state[1] = item
        state[0] = phase

    def emit(self, item: int, result: Any) -> None:
        self.pending.append(("done", item, result))
        if time.monotonic() - self.sent >= _FLUSH:
            self.send()

    def send(self, *events: tuple) -> None:
        self.conn.send([*self.pending, *events])
        self.pending = []
        self.sent = time.monotonic()


_END = object()


def _read_failure(exc: BaseException, limits: Limits) -> tuple[str, str]:
    if isinstance(exc, _Timeout):
        return "page.timeout", f"reading the split: {limits.page_timeout} s"
    return "page.crash", f"reading the split: {type(exc).__name__}: {exc}"


def _die_with_parent() -> None:
    """SIGKILL when the process that started this one exits (Linux; the forkserver, which itself
    leaves when the pool's process does), so a page stuck in C code does not outlive a killed run."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


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
