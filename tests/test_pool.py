"""The bounded pool: results in input order whatever the worker count, planted bad items (a
sleeper, a regex that backtracks for ever, a loop in C that never sees the timer, a memory hog,
exits and signals) cost exactly themselves, resuming is exact, and no worker outlives the pool."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from extractor import Options, Page
from extractor.model import Quarantine
from extractor.pipeline import process_page
from extractor.runners.pool import Limits, bounded_map

TESTS = Path(__file__).resolve().parent
QUICK = Limits(page_timeout=0.5, memory_mb=512, kill_grace=0.25)  # the parent kills at 0.5 * 1.5 + 0.25 = 1 s


@dataclass(frozen=True)
class Numbers:
    """A split is a tuple of strings; `process` squares the number, or misbehaves as its name says."""

    def items(self, split):
        for item in split:
            if item == "badread":
                raise ValueError("planted reader bug")
            if item == "slowread":
                time.sleep(60)
            yield item

    def ident(self, item):
        return (item,)

    def process(self, item):
        if item == "sleep":
            time.sleep(60)
        elif item == "nap":  # slow enough for the other worker to finish the next splits first
            time.sleep(1.5)
            return "nap"
        elif item == "regex":  # catastrophic backtracking; re checks for signals, so the timer stops it
            re.match(r"(a+)+$", "a" * 40 + "b")
        elif item == "spin":  # a C loop that never returns to the interpreter: only the parent's kill stops it
            sum(itertools.repeat(0, 10**12))
        elif item == "hog":
            return len(bytearray(8 << 30))
        elif item == "crash":
            os._exit(3)
        elif item == "segv":
            os.kill(os.getpid(), signal.SIGSEGV)
        elif item == "oom":  # as the kernel's OOM killer would
            os.kill(os.getpid(), signal.SIGKILL)
        elif item == "raise":
            raise ValueError("planted bug")
        elif item == "pid":
            return os.getpid()
        return int(item) ** 2

    def failed(self, ident, code, detail):
        return ("failed", ident, code, detail)


SPLITS = [("1", "2", "3"), ("4",), (), ("5", "6"), tuple(str(n) for n in range(7, 80))]
POSITIONS = [(s, i) for s, split in enumerate(SPLITS) for i in range(len(split))]


def _run(splits, workers, limits=QUICK, start=(0, 0)):
    return list(bounded_map(iter(splits), Numbers(), workers, limits, start=start))


def _workers_left() -> list[int]:
    """Processes (zombies included) whose parent is this process or its multiprocessing helpers
    (the forkserver and the resource tracker, which stay, idle, until this process exits)."""
    procs = {}
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit():
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                cmdline = (entry / "cmdline").read_bytes()
                procs[int(entry.name)] = (ppid, b"forkserver" in cmdline or b"resource_tracker" in cmdline)
        except (OSError, ValueError):
            continue
    helpers = {pid for pid, (ppid, helper) in procs.items() if helper and ppid == os.getpid()}
    parents = helpers | {os.getpid()}
    return sorted(pid for pid, (ppid, _) in procs.items() if ppid in parents and pid not in helpers)


def _expect_no_workers():
    deadline = time.monotonic() + 2
    while (_workers_left() or multiprocessing.active_children()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert multiprocessing.active_children() == []
    assert _workers_left() == []


def test_results_come_in_input_order_whatever_the_worker_count():
    expected = [(s, i, int(SPLITS[s][i]) ** 2) for s, i in POSITIONS]
    for workers in (1, 2, 3):
        assert _run(SPLITS, workers) == expected
        _expect_no_workers()


def test_planted_items_fail_with_their_code_and_every_other_item_gets_its_result():
    splits = [
        ("1", "sleep", "2"),
        ("regex", "3", "spin", "4"),
        ("hog", "5"),
        ("6", "crash", "7", "segv"),
        ("oom", "8", "raise", "9"),
    ]
    runs = {}
    for workers in (1, 2):
        started = time.monotonic()
        runs[workers] = [result for _, _, result in _run(splits, workers)]
        assert time.monotonic() - started < 8
        _expect_no_workers()
    assert runs[1] == runs[2]
    assert runs[1] == [
        1, ("failed", ("sleep",), "page.timeout", "0.5 s"), 4,
        ("failed", ("regex",), "page.timeout", "0.5 s"), 9,
        ("failed", ("spin",), "page.timeout", "0.5 s, then killed (it did not yield to the timer)"), 16,
        ("failed", ("hog",), "page.memory", "MemoryError above 512 MiB"), 25,
        36, ("failed", ("crash",), "page.crash", "the worker exited with code 3"), 49,
        ("failed", ("segv",), "page.crash", "the worker died of SIGSEGV"),
        ("failed", ("oom",), "page.memory", "the worker was killed by SIGKILL (the kernel's out-of-memory killer?)"),
        64, ("failed", ("raise",), "page.crash", "ValueError: planted bug"), 81,
    ]  # fmt: skip


def test_a_worker_goes_on_after_a_timeout_or_a_bug_and_is_replaced_after_a_death():
    """A split's end sends its results, so the first split's pids are the ones that ran them (a
    death loses the batch not yet sent: those items are run again by the replacement)."""
    found = [r for _, _, r in _run([("pid", "sleep", "pid", "raise", "pid"), ("crash", "pid")], 1)]
    assert found[1] == ("failed", ("sleep",), "page.timeout", "0.5 s")
    assert found[5] == ("failed", ("crash",), "page.crash", "the worker exited with code 3")
    pids = [found[0], found[2], found[4], found[6]]
    assert pids[0] == pids[1] == pids[2] != pids[3]


def test_start_resumes_exactly_and_earlier_splits_are_not_read():
    full = _run(SPLITS, 2)
    for start in [(0, 0), (0, 2), (1, 0), (2, 0), (3, 1), (4, 40), (4, 72), (5, 0)]:
        assert _run(SPLITS, 2, start=start) == [r for r in full if r[:2] >= start]
    unreadable = [("badread",), ("crash", "5", "6")]  # split 0 would fail if read, item 0 of split 1 if run
    assert _run(unreadable, 1, start=(1, 1)) == [(1, 1, 25), (1, 2, 36)]


def test_a_split_whose_reading_fails_or_hangs_ends_in_one_failed_result():
    found = _run([("1", "badread", "2"), ("3", "slowread"), ("4",)], 2)
    split_failure = (
        "failed",
        ("", "split 0", None, None),
        "page.crash",
        "reading the split: ValueError: planted reader bug",
    )
    assert found == [
        (0, 0, 1), (0, 1, split_failure),
        (1, 0, 9), (1, 1, ("failed", ("", "split 1", None, None), "page.timeout", "reading the split: 0.5 s")),
        (2, 0, 16),
    ]  # fmt: skip


def test_a_consumer_that_stops_early_leaves_no_worker_behind():
    started = time.monotonic()
    results = bounded_map(iter([("1",), ("sleep",), ("spin",)] + SPLITS), Numbers(), 2, Limits(page_timeout=None))
    assert next(results)[2] == 1
    results.close()  # a worker is asleep, another spins in C: both are killed
    assert time.monotonic() - started < 3
    _expect_no_workers()


def test_an_exception_in_the_consumer_stops_the_pool():
    try:
        for _, _, result in bounded_map(iter(SPLITS), Numbers(), 2, QUICK):
            if result == 4:
                raise LookupError("consumer")
    except LookupError:
        pass
    _expect_no_workers()


def test_splits_are_read_on_when_every_open_one_finished_at_once():
    """The first split is slow and the others finish first: when it ends, every open split is
    yielded at once, and the pool reads on (it once waited for ever here, with nothing open)."""
    script = (
        "from test_pool import Numbers\n"
        "from extractor.runners.pool import Limits, bounded_map\n"
        "if __name__ == '__main__':\n"
        "    splits = [('nap',), ('1',), (), ('2',), ('3',)]\n"
        "    print([r for _, _, r in bounded_map(splits, Numbers(), 2, Limits(page_timeout=None))], flush=True)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(TESTS)}
    done = subprocess.run([sys.executable, "-c", script], cwd=TESTS, env=env, capture_output=True, timeout=60)
    assert done.stdout.decode().strip() == "['nap', 1, 4, 9]", done.stderr.decode()[-2000:]


def test_ctrl_c_stops_the_run_at_once_without_tracebacks_from_workers():
    script = (
        "from test_pool import Numbers\n"
        "from extractor.runners.pool import Limits, bounded_map\n"
        "if __name__ == '__main__':\n"
        "    for _, _, r in bounded_map([('1',), ('sleep',), ('sleep',)], Numbers(), 2, Limits(page_timeout=None)):\n"
        "        print(r, flush=True)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=TESTS,
        env={**os.environ, "PYTHONPATH": str(TESTS)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the SIGINT a terminal sends on Ctrl-C
    )
    try:
        assert child.stdout.readline() == b"1\n"
        time.sleep(0.3)  # the workers are asleep in their pages
        os.killpg(child.pid, signal.SIGINT)
        started = time.monotonic()
        _, stderr = child.communicate(timeout=10)
        assert time.monotonic() - started < 3
    finally:
        child.kill()
    assert child.returncode in (-signal.SIGINT, 1, 130)
    assert stderr.decode().count("KeyboardInterrupt") == 1
    assert "Process" not in stderr.decode()  # multiprocessing's header of a worker's traceback
    deadline = time.monotonic() + 3
    while _session(child.pid) and time.monotonic() < deadline:  # the forkserver leaves with its parent
        time.sleep(0.05)
    assert _session(child.pid) == []


def _session(sid: int) -> list[int]:
    """The live processes (zombies included) of a session."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[4]) == sid:
                found.append(int(entry.name))
        except (OSError, ValueError):
            continue
    return found


@dataclass(frozen=True)
class Pages:
    """The real pipeline (text only, no conversion: a cold worker's first page takes ~0.2 s)."""

    def items(self, split):
        return iter(split)

    def ident(self, page):
        return (page.title,)

    def process(self, page):
        outcome = process_page(page, Options(fields=(), variant="zh"))
        return ("quarantine", outcome.code) if isinstance(outcome, Quarantine) else ("record", outcome["text"])

    def failed(self, ident, code, detail):
        return ("failed", ident, code)


def test_a_page_that_mwparserfromhell_takes_seconds_over_is_timed_out_and_the_next_one_is_fine():
    def page(title, markup):
        return Page(markup=markup, format="wikitext", path=f"{title}.wiki", title=title)

    # ~4 s in process_page: the tokenizer backtracks over each unclosed external link (unclosed `{{`
    # no longer does: parse/wikitext/braces.py takes them out when they are that many)
    slow = page("慢", "[http://x " * 6000)
    split = (page("北京", "'''北京'''是[[中国]]的首都。"), slow, page("上海", "[[上海]]是城市。"))
    found = list(bounded_map(iter([split]), Pages(), 1, Limits(page_timeout=1.0)))
    assert [r for _, _, r in found] == [
        ("record", "北京是中国的首都。"),
        ("failed", ("慢",), "page.timeout"),
        ("record", "上海是城市。"),
    ]
