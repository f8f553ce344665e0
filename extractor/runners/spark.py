"""Spark runner (`run --engine spark`): the local runner's run folder and bytes, pages done by Spark.

The driver does what the local runner does (`runners.local`'s helpers are
reused): it checks the inputs, prepares the run folder (resume, overwrite),
builds the dumps' title indexes, writes shards, errors, checkpoints and the
manifest through `RunOutput`. Only the pages are done elsewhere: the run's
splits (`sources.splits_of`: byte ranges of a multistream dump, batches of
article files or of a sequential dump's pages) are parallelized one partition
per split, and each partition runs `PageWork` in an executor, through the same
supervised pool as the local runner (`runners.pool`, one worker per task,
forked from a server warmed up once per executor process: see `_WARM`), so a
page gets the same time and memory bounds and the same outcome (a record, a
quarantine line, a skip) as it would locally; Spark itself sets no time limit
on a task. The results, `(split, item,
kind, data, code, warnings)`, come back to the driver in split order and go
to `RunOutput.add` as the local runner's do: the files written are the same
bytes, whatever the engine or the number of workers, and a run interrupted
under one engine can be resumed under the other.

Ordering and parallelism. `RDD.toLocalIterator` would keep the order but
computes one partition at a time (two with prefetching): with N cores, N-1 of
them would idle. Instead the splits are taken `2 * defaultParallelism` at a
time (`--conf spark.extractor.window=N` to change it), each window one job
(`parallelize` with one partition per split, then `collect`), with two jobs in
flight so that the next window's tasks fill the cores while this window's last
task finishes. The splits are read lazily, so the driver holds at most two
windows of splits and results (a split's records: ~1-3 MB with every field;
a sequential dump's pages are read on the driver, as locally, and shipped in
the tasks).

Parquet. An input named `*.parquet` (a file, or a folder of part files read
in name order) is a table of pages, one row a page: columns `title` and
`text`, or Wikimedia's `mediawiki_wikitext_current` names `page_title` and
`revision_text`; optional `page_id`, `ns`/`namespace`/`page_namespace`,
`revision_id`, `timestamp`/`revision_timestamp`, `redirect`/`page_redirect_title`.
Each row becomes a wikitext `Page`; a file's partitions are split by size
only (`spark.sql.files.minPartitionNum=1`, `maxPartitionBytes=32m` unless
configured), so the partitions, and the output, do not depend on the cores.
Such tables have no title index.

Where things must be. Executors open the input files and the title indexes
by path: in local mode they share the driver's filesystem; on a cluster the
inputs, the title index cache (`$EXTRACTOR_CACHE`) and the extractor package
must be available on every executor at the same paths (a shared filesystem),
and the run folder is written by the driver alone.

Spark's settings are Spark's own (spark-submit, `spark-defaults.conf`,
`PYSPARK_SUBMIT_ARGS`); with no master set (spark-submit's default
`local[*]`), the run uses `local[N]`, N = `--workers`, and the executors run
this Python interpreter. A session already active in the process (a notebook)
is used as it is and left running.
"""

from __future__ import annotations

import base64
import hashlib
import os
import pickle
import sys
import tempfile
import threading
import types
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import Any, TextIO

from ..errors import INPUT_LOST
from ..model import Page
from ..options import Options, RunConfig
from ..rundir import MANIFEST, RunDir, write_json
from ..sinks.manifest import file_sha256
from ..sources import find_inputs, splits_of
from ..sources.splits import BATCH, Split, batched_pages
from .base import ERROR, PageWork, Routed
from .local import (
    COMPLETE,
    INCOMPLETE,
    RunResult,
    _check_formats,
    _manifest,
    _mode,
    _tell,
    _total,
    open_output,
    run_title_index,
)
from .pool import Limits, bounded_map
from .progress import Progress

MISSING = "--engine spark needs PySpark: pip install 'extractor[spark]'"
PARQUET = ".parquet"
WINDOW = "spark.extractor.window"  # splits a job (default: twice the cores); the driver holds two jobs' results
_JOBS_AHEAD = 2  # jobs in flight: the next window's tasks run while this one's last task finishes
# Spark settings this run sets unless they are configured (spark-submit --conf, spark-defaults.conf).
_DEFAULTS = {
    "spark.sql.files.minPartitionNum": "1",  # a Parquet file's partitions by size alone, not by the cores
    "spark.sql.files.maxPartitionBytes": "32m",
}
# Parquet columns: a Page field <- the first of these names the table has.
_COLUMNS = {
    "title": ("title", "page_title"),
    "markup": ("text", "revision_text"),
    "page_id": ("page_id", "id"),
    "namespace": ("ns", "namespace", "page_namespace"),
    "revision_id": ("revision_id",),
    "timestamp": ("timestamp", "revision_timestamp"),
    "redirect": ("redirect", "page_redirect_title"),
}


class SparkUnavailable(ValueError):
    """PySpark is not installed, or Spark cannot start (no Java)."""


def run(
    inputs: list[str],
    out_dir: Path,
    options: Options,
    config: RunConfig | None = None,
    log: TextIO | None = None,
    *,
    index: Path | None = None,
) -> RunResult:
    """`runners.local.run` on Spark: the same folder, files and exit status. Parquet tables are
    not read for the title index (`index` or the other inputs give it)."""
    config = config or RunConfig()
    log = log or sys.stderr  # looked up now: a default argument would keep the stderr of import time
    _require_pyspark()
    files = [given for given in inputs if not is_table(given)]
    _check_formats(files)
    for given in inputs:
        if not os.path.exists(given):
            raise FileNotFoundError(2, "No such file or directory", given)
    run_dir = RunDir(out_dir)
    checkpoint = run_dir.prepare(resume=config.resume, overwrite=config.overwrite)
    with _spark(options.workers) as session:
        tables = {given: _table(session, given) for given in inputs if is_table(given)}  # their columns checked
        run_index = run_title_index(files, options, config, log, index)
        output = open_output(run_dir, inputs, options, config, run_index, checkpoint)
        work = PageWork(options, run_index.path if run_index else None, config.output)
        limits = Limits(page_timeout=config.page_timeout, memory_mb=config.memory_mb)
        progress = Progress("pages", _mode(config), total=_total(run_index), stream=log)
        try:
            for split, item, routed in _mapped(session, inputs, tables, work, limits, output.position):
                if options.limit is not None and output.counts.pages_read >= options.limit:
                    break
                output.add(split, item, routed)
                progress.update(quarantined=routed.kind == ERROR)
                _tell(routed, config, log)
        except BaseException:
            output.abandon()
            raise
        finally:
            progress.close()
        shards = output.finish()
        status = INCOMPLETE if INPUT_LOST.intersection(output.counts.quarantined_by_code) else COMPLETE
        manifest = _manifest(inputs, options, config, output.counts, shards, run_index, status)
        manifest["inputs"] = [
            describe_table(Path(given), given) if given in tables else shown
            for given, shown in zip(inputs, manifest["inputs"], strict=True)
        ]
        write_json(out_dir / MANIFEST, manifest)
        output.done()
    if summary := output.counts.warning_summary():
        print(summary, file=log)
    return RunResult(output.counts, status)


def is_table(given: str) -> bool:
    """A Parquet input (a file, or a folder of part files): named `*.parquet`."""
    return given.rstrip("/").lower().endswith(PARQUET)


# --- the Spark session -----------------------------------------------------------------------


def _require_pyspark() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise SparkUnavailable(MISSING) from None


@contextmanager
def _spark(workers: int) -> Iterator[Any]:
    """The active session (left running), or a new one, stopped at the end."""
    from pyspark import SparkConf, SparkContext
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is None and SparkContext._active_spark_context is not None:  # the caller's context, no session
        active = SparkSession.builder.getOrCreate()
    if active is not None:
        yield _classic(active)
        return
    with tempfile.TemporaryDirectory(prefix="extractor-spark-") as tmp:
        try:
            launching = SparkContext._gateway is None and "PYSPARK_GATEWAY_PORT" not in os.environ
            with _quiet_start(Path(tmp), launching):
                SparkContext._ensure_initialized()  # the JVM, with spark-submit's and spark-defaults.conf's settings
        except Exception as exc:
            why = f"{exc} (it needs Java 17+; Spark's own message, if any, is above)"
            raise SparkUnavailable(f"--engine spark could not start Spark: {why}") from exc
        conf = SparkConf()
        builder = SparkSession.builder.appName("extractor")
        builder = builder.config("spark.ui.showConsoleProgress", "false")  # the driver shows its own progress
        master = conf.get("spark.master", "local[*]")
        if master == "local[*]":  # spark-submit's default: nothing configured
            master = f"local[{workers}]"
            builder = builder.master(master)
        if master.startswith("local") and "PYSPARK_PYTHON" not in os.environ:
            # PySpark's workers run `python3` from PATH unless told: here, this interpreter (and its extractor)
            os.environ["PYSPARK_PYTHON"] = conf.get("spark.pyspark.python", sys.executable)
        for key, value in _DEFAULTS.items():
            if not conf.contains(key):
                builder = builder.config(key, value)
        try:
            session = builder.getOrCreate()
        except Exception as exc:
            first = str(exc).strip().splitlines()[:2]
            raise SparkUnavailable(f"--engine spark could not start a Spark session: {' '.join(first)}") from exc
        try:
            _classic(session).sparkContext.setLogLevel("WARN")
            yield session
        finally:
            session.stop()


def _classic(session: Any) -> Any:
    try:
        session.sparkContext  # noqa: B018
    except Exception:
        raise SparkUnavailable("--engine spark needs classic Spark (RDDs), not a Spark Connect session") from None
    return session


@contextmanager
def _quiet_start(folder: Path, launching: bool) -> Iterator[None]:
    """Spark's startup chatter off stderr (its log4j profile, the host name's address, native Hadoop):
    the JVM we launch logs warnings, but not those two loggers'; unless log4j is configured, or the
    JVM is not ours."""
    conf_dir = os.environ.get("SPARK_CONF_DIR") or os.path.join(os.environ.get("SPARK_HOME", "/nonexistent"), "conf")
    configured = os.path.isdir(conf_dir) and any(name.startswith("log4j2") for name in os.listdir(conf_dir))
    if not launching or configured or "LOG4J_CONFIGURATION_FILE" in os.environ:
        yield
        return
    config = folder / "log4j2.properties"
    config.write_text(_LOG4J, encoding="utf-8")
    os.environ["LOG4J_CONFIGURATION_FILE"] = str(config)  # log4j2 reads LOG4J_* variables
    try:
        yield
    finally:
        del os.environ["LOG4J_CONFIGURATION_FILE"]


_LOG4J = """\
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = stderr
appender.stderr.type = Console
appender.stderr.name = stderr
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
logger.utils.name = org.apache.spark.util.Utils
logger.utils.level = error
logger.hadoop.name = org.apache.hadoop.util.NativeCodeLoader
logger.hadoop.level = error
"""


# --- the driver's side: jobs in order --------------------------------------------------------


def _mapped(
    session: Any, inputs: list[str], tables: dict, work: PageWork, limits: Limits, start: tuple[int, int]
) -> Iterator[tuple[int, int, Routed]]:
    """`(split, item, routed)` for every page, in input order, from `start` on (as `pool.bounded_map`)."""
    sc = session.sparkContext
    width = max(1, int(sc.getConf().get(WINDOW) or 2 * sc.defaultParallelism))
    jobs = _jobs(sc, inputs, tables, work, limits, start, width)
    for rows in _ahead(sc, jobs, _JOBS_AHEAD):
        for split, item, kind, data, code, warnings in rows:
            yield split, item, Routed(kind, data, code, tuple(warnings))


def _jobs(
    sc: Any, inputs: list[str], tables: dict, work: PageWork, limits: Limits, start: tuple[int, int], width: int
) -> Iterator[Callable[[], list]]:
    """One callable per window of `width` splits (partitions); each runs a Spark job and returns
    its results in order. Splits are numbered across the whole run, as the local runner numbers them
    (a table's partition i is split `number + i`)."""
    number = 0
    for group, table in _groups(inputs):
        if table:
            (shown,) = group
            rows, partitions = tables[shown]
            name = Path(shown.rstrip("/")).name
            rdd = rows.mapPartitionsWithIndex(partial(_process_rows, work, limits, number, start, shown, name))
            for first in range(max(0, start[0] - number), partitions, width):
                parts = list(range(first, min(partitions, first + width)))
                yield partial(sc.runJob, rdd, _results, parts)
            number += partitions
            continue
        numbered = enumerate(splits_of(find_inputs(group)), number)
        while window := list(islice(numbered, width)):
            number = window[-1][0] + 1
            todo = [(n, split) for n, split in window if n >= start[0]]  # read but not redone, as locally
            if todo:
                yield partial(_collect, sc, todo, work, limits, start)


def _groups(inputs: list[str]) -> Iterator[tuple[list[str], bool]]:
    """Runs of consecutive inputs of one kind: (files and folders, False) or (one table, True)."""
    files: list[str] = []
    for given in inputs:
        if is_table(given):
            if files:
                yield files, False
                files = []
            yield [given], True
        else:
            files.append(given)
    if files:
        yield files, False


def _collect(sc: Any, todo: list[tuple[int, Split]], work: PageWork, limits: Limits, start: tuple[int, int]) -> list:
    rdd = sc.parallelize(todo, len(todo))  # one split a partition
    return rdd.mapPartitions(partial(_process_splits, work, limits, start)).collect()


def _ahead(sc: Any, jobs: Iterator[Callable[[], list]], depth: int) -> Iterator[list]:
    """Each job's results, in the jobs' order, with up to `depth` jobs running. When the caller
    stops early (--limit), the jobs not started are dropped and the running ones finish (cancelled
    tasks fill stderr with Spark's warnings); an error here (Ctrl-C) cancels them."""
    group = f"extractor-{uuid.uuid4().hex}"
    stop = threading.Event()

    def call(job: Callable[[], list]) -> list:
        if stop.is_set():
            return []
        sc.setJobGroup(group, "extractor run", interruptOnCancel=True)  # per thread
        return job()

    threads = ThreadPoolExecutor(depth, thread_name_prefix="extractor-spark")
    running: deque[Future] = deque()
    try:
        for job in jobs:
            running.append(threads.submit(call, job))
            if len(running) >= depth:
                yield running.popleft().result()
        while running:
            yield running.popleft().result()
    except GeneratorExit:
        stop.set()
        raise
    except BaseException:
        stop.set()
        if [future for future in running if not future.cancel() and not future.done()]:
            sc.cancelJobGroup(group)
        raise
    finally:
        threads.shutdown(wait=True, cancel_futures=True)


def _results(rows: Iterator[tuple]) -> Iterator[tuple]:
    return rows


# --- the executors' side ---------------------------------------------------------------------


@dataclass(frozen=True)
class _SplitWork(PageWork):
    """`PageWork` for one split: a split that cannot be read is named by its number in the run
    (`split 17`), as the local runner names it, not by its place in the executor's pool."""

    number: int = 0

    def split_ident(self, index: int) -> tuple[str, str, str | None, str | None]:
        return "", f"split {self.number}", None, None


def _bounded(
    work: PageWork, limits: Limits, number: int, splits: Iterator[Split], start: tuple[int, int], size: int = 0
) -> Iterator[tuple]:
    """The pages of `splits` (one split, or a table partition's batches of `size` pages) through the
    local runner's pool with one worker: the same bounds and outcomes as a local run."""
    handler = _SplitWork(**{f.name: getattr(work, f.name) for f in fields(PageWork)}, number=number)
    results = bounded_map(splits, handler, 1, limits, start=start)
    os.environ[_WARM] = base64.b64encode(pickle.dumps((work.options, work.output))).decode()  # see _warm_up
    with _plain_main():
        first = next(results, None)  # the pool and its worker start here
    if first is None:
        return
    for batch, item, routed in chain([first], results):
        yield (number, batch * size + item, routed.kind, routed.data, routed.code, routed.warnings)


@contextmanager
def _plain_main() -> Iterator[None]:
    """A bare `__main__` while the pool starts its worker. multiprocessing has every process it
    starts import the parent's main module first: in an executor, `pyspark.daemon`, whose imports
    (pyspark.worker, pyspark.sql …) cost a new worker ~1 s; the pool's worker needs none of them.
    Measured here (2,000 pages, 20 splits, local[2]): 24.5 s a run with them, 15-18 s without."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


# The pool starts its workers from a forkserver (one per executor process, kept across tasks), which
# imports this module first. With _WARM set (by _bounded, before the first pool starts it), this module
# warms that server up, so the workers it forks start with jieba's dictionary, OpenCC's tables and the
# parsers loaded: ~1.6 s (measured) that every split's new worker would otherwise spend on its first page,
# inside that page's time limit.
_WARM = "EXTRACTOR_SPARK_WARM"
_WARM_PAGES = (
    Page(
        markup="'''示例城'''（英语：Example City）是[[中华人民共和国]][[河北省]]的一个[[城市]]，"
        "建于1990年5月1日。\n\n== 历史 ==\n[[约翰·史密斯]]与[[李白]]曾在此居住。"
        "<ref>{{cite web|title=示例|url=https://example.org|date=2020-01-02}}</ref>\n\n"
        "{{Infobox settlement|name=示例城|population=1000}}\n[[Category:城市]]\n",
        format="wikitext",
        path="warm-up.wiki",
        title="示例城",
    ),
    Page(
        markup="**示例城**是一个城市，建于1990年5月1日。\n\n## 历史\n\n约翰·史密斯曾在此居住。\n",
        format="pandoc-markdown",
        path="warm-up.md",
        title="示例城",
    ),
)


def _warm_up(encoded: str) -> None:
    """Every kind of page once, with the run's options (no title index: an SQLite connection must
    not cross a fork). A failure only leaves the workers cold."""
    try:
        options, output = pickle.loads(base64.b64decode(encoded))
        work = PageWork(options, (), output)
        for page in _WARM_PAGES:
            work.process(page)
    except Exception:
        pass


def _process_splits(
    work: PageWork, limits: Limits, start: tuple[int, int], numbered: Iterator[tuple[int, Split]]
) -> Iterator[tuple]:
    """A partition of `(split number, split)`: every page from `start` on."""
    for number, split in numbered:
        skip = start[1] if number == start[0] else 0
        yield from _bounded(work, limits, number, iter([split]), (0, skip))


# --- Parquet tables --------------------------------------------------------------------------


def _table(session: Any, shown: str) -> tuple[Any, int]:
    """A table's rows (an RDD of its part files' rows, in file order) and its number of partitions."""
    rdds = [_rows(session, path, shown) for path in _part_files(Path(shown))]
    if not rdds:
        raise ValueError(f"{shown}: no .parquet files in it")
    rows = rdds[0] if len(rdds) == 1 else session.sparkContext.union(rdds)
    return rows, rows.getNumPartitions()


def _part_files(path: Path) -> list[str]:
    """A table's files in name order (a folder: its `*.parquet` files, at any depth, not hidden)."""
    if not path.is_dir():
        return [str(path)]
    found = []
    for folder, dirs, names in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        found += [os.path.join(folder, n) for n in sorted(names) if n.endswith(PARQUET) and n[0] not in "._"]
    return found


def _rows(session: Any, path: str, shown: str) -> Any:
    from pyspark.sql import functions as F
    from pyspark.sql.types import TimestampType

    frame = session.read.parquet(path)
    schema = {field.name: field.dataType for field in frame.schema.fields}
    chosen = {field: next((name for name in names if name in schema), None) for field, names in _COLUMNS.items()}
    if chosen["title"] is None or chosen["markup"] is None:
        raise ValueError(
            f"{shown}: a Parquet input needs the columns title (or page_title) and text (or revision_text); "
            f"{path} has {', '.join(schema) or 'none'}"
        )
    columns = []
    for field, name in chosen.items():
        if name is None:
            continue
        column = F.col(name)
        if field == "timestamp" and isinstance(schema[name], TimestampType):
            column = column.cast("long")  # seconds since the epoch, whatever the session's time zone
        elif field == "namespace":
            column = column.cast("int")
        elif field != "markup":
            column = column.cast("string")
        columns.append(column.alias(field))
    return frame.select(*columns).rdd


def _process_rows(
    work: PageWork, limits: Limits, base: int, start: tuple[int, int], shown: str, dump: str, index: int, rows
) -> Iterator[tuple]:
    """A table partition: its rows as pages, in batches of BATCH pages through the pool."""
    number = base + index
    if number < start[0]:
        return iter(())
    skip = start[1] if number == start[0] else 0
    batches = batched_pages((_page(row.asDict(), shown, dump) for row in rows), BATCH)
    return _bounded(work, limits, number, batches, (skip // BATCH, skip % BATCH), BATCH)


def _page(row: dict, shown: str, dump: str) -> Page:
    """One row: a dump page when it has a page id (its record's id), else a page named by its text's hash."""
    markup = row.get("markup") or ""
    page_id = row.get("page_id")
    namespace = row.get("namespace")
    timestamp = row.get("timestamp")
    if isinstance(timestamp, int):  # a timestamp column: as dumps write it
        timestamp = datetime.fromtimestamp(timestamp, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return Page(
        markup=markup,
        format="wikitext",
        path=shown,
        title=row.get("title"),
        title_from="dump" if row.get("title") else "unknown",
        page_id=page_id,
        revision_id=row.get("revision_id"),
        timestamp=timestamp,
        namespace=namespace if namespace is not None else 0,
        dump=dump if page_id else None,
        redirect=row.get("redirect") or None,
        sha256=None if page_id else hashlib.sha256(markup.encode()).hexdigest(),
    )


def describe_table(path: Path, shown: str) -> dict:
    """The manifest's entry for a Parquet input: a file by its sha256, a folder by its listing
    (each part file's relative path and size), as `sinks.manifest.describe_input` does."""
    if not path.is_dir():
        return {"path": shown, "format": "parquet", "sha256": file_sha256(path), "bytes": path.stat().st_size}
    listing, size = hashlib.sha256(), 0
    parts = [Path(p) for p in _part_files(path)]
    for part in parts:
        bytes_ = part.stat().st_size
        listing.update(f"{part.relative_to(path)}\t{bytes_}\n".encode())
        size += bytes_
    return {"path": shown, "format": "parquet", "sha256": listing.hexdigest(), "bytes": size, "files": len(parts)}


if os.environ.get(_WARM):  # imported by the pool's forkserver in an executor: see _WARM
    _warm_up(os.environ[_WARM])
