"""Local runner: every input's splits through worker processes into the run directory.

It only orchestrates: the folder's layout and states are `rundir`'s, a page's
outcome is `base.PageWork`'s, bounds and ordering are the pool's, shards and
checkpoints are `output.RunOutput`'s. Outcomes come back in input order, so
the bytes written do not depend on the number of workers, nor on whether the
run was interrupted and resumed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..errors import INPUT_LOST
from ..index import ensure_index, open_index, write_redirects
from ..options import Options, RunConfig
from ..pipeline import needs_title_index
from ..record import SCHEMA_VERSION
from ..rundir import MANIFEST, RunDir, redirects_name, write_json
from ..sinks import output_format
from ..sinks.manifest import Counts, describe_input
from ..sources import find_inputs, format_for, splits_of
from .base import ERROR, PageWork, Routed
from .output import RunOutput
from .pool import Limits, bounded_map
from .progress import Progress

COMPLETE, INCOMPLETE = "complete", "incomplete"


class UnknownFormat(ValueError):
    pass


@dataclass
class RunResult:
    counts: Counts
    status: str  # COMPLETE, or INCOMPLETE when an input could not be read to its end


def run(
    inputs: list[str], out_dir: Path, options: Options, config: RunConfig | None = None, log: TextIO | None = None
) -> RunResult:
    """Process every input into `out_dir`. Raises `rundir.RunDirError` for a folder that cannot
    be used as asked; KeyboardInterrupt leaves the folder resumable. `config` None: the defaults."""
    config = config or RunConfig()
    log = log or sys.stderr  # looked up now: a default argument would keep the stderr of import time
    _check_formats(inputs)
    run_dir = RunDir(out_dir)
    checkpoint = run_dir.prepare(resume=config.resume, overwrite=config.overwrite)
    identity = {"options": options.to_dict(), "inputs": inputs, "output": _output(config)}
    dumps = _dumps(inputs)
    indexes = _indexes(dumps, out_dir, config, log) if needs_title_index(options) else ()
    output = RunOutput(
        run_dir, output_format(config.output), config.compression, config.shard_size, identity, checkpoint
    )
    work = PageWork(options, indexes, config.output)
    progress = Progress("pages", _mode(config), total=_total(indexes, options), stream=log)
    try:
        for split, item, routed in _mapped(inputs, work, options, config, output.position):
            if options.limit is not None and output.counts.pages_read >= options.limit:
                break
            output.add(split, item, routed)
            progress.update(quarantined=routed.kind == ERROR, input_bytes=routed.size)
            _tell(routed, config, log)
    except BaseException:
        output.abandon()
        raise
    finally:
        progress.close()
    shards = output.finish()
    status = INCOMPLETE if INPUT_LOST.intersection(output.counts.quarantined_by_code) else COMPLETE
    write_json(out_dir / MANIFEST, _manifest(inputs, options, config, output.counts, shards, dumps, status))
    output.done()
    if summary := output.counts.warning_summary():
        print(summary, file=log)
    return RunResult(output.counts, status)


def _mapped(
    inputs: list[str], work: PageWork, options: Options, config: RunConfig, start: tuple[int, int]
) -> Iterator[tuple[int, int, Routed]]:
    limits = Limits(page_timeout=config.page_timeout, memory_mb=config.memory_mb)
    return bounded_map(splits_of(find_inputs(inputs)), work, options.workers, limits, start=start)


def _check_formats(inputs: list[str]) -> None:
    """A file named explicitly must be of a known format (a folder's other files are ignored),
    and a folder must hold at least one input (the walk stops at the first)."""
    for given in inputs:
        path = Path(given)
        if path.is_file() and format_for(path) is None:
            raise UnknownFormat(f"{given}: unknown input format (expected .wiki, .md, .txt, .xml or .xml.bz2)")
        if not path.exists():
            raise FileNotFoundError(2, "No such file or directory", given)
        if path.is_dir() and next(find_inputs([given]), None) is None:
            raise UnknownFormat(f"{given}: no article or dump files in this folder "
                                "(.wiki, .md, .txt, .xml, .xml.bz2, .xml.gz; hidden files are skipped)")


def _dumps(inputs: list[str]) -> list[tuple[Path, str]]:
    return [(path, shown) for path, shown in find_inputs(inputs) if format_for(path).is_dump]


def _indexes(dumps: list[tuple[Path, str]], out_dir: Path, config: RunConfig, log: TextIO) -> tuple:
    """(shown path, title index file) for every dump (built once, reused while the dump is
    unchanged); each dump's redirect table goes to the run folder."""
    indexes = []
    for n, (path, shown) in enumerate(dumps):
        progress = Progress(f"title index of {shown}", _mode(config), stream=log)
        index_path = str(ensure_index(path, on_page=progress.update))
        progress.close()
        write_redirects(open_index(index_path), out_dir / redirects_name(n, len(dumps)))
        indexes.append((shown, index_path))
    return tuple(indexes)


def _total(indexes: tuple, options: Options) -> int | None:
    """The pages the run will read, when every input is a dump with a title index."""
    if not indexes:
        return None
    return sum(open_index(path).count() for _, path in indexes)


def _mode(config: RunConfig) -> str:
    return config.progress


def _tell(routed: Routed, config: RunConfig, log: TextIO) -> None:
    """-v: one line per quarantined page."""
    if config.verbose and routed.kind == ERROR:
        print(f"extractor: quarantined: {routed.data.decode().strip()}", file=log)


def _output(config: RunConfig) -> dict:
    return {"format": config.output, "compression": config.compression, "shard_size": config.shard_size}


def _manifest(
    inputs: list[str],
    options: Options,
    config: RunConfig,
    counts: Counts,
    shards: list[dict],
    dumps: list[tuple[Path, str]],
    status: str,
) -> dict:
    redirects = {f"redirects of {shown}": redirects_name(n, len(dumps)) for n, (_, shown) in enumerate(dumps)}
    return {
        "tool": "extractor",
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "status": status,
        "options": options.to_dict(),
        "output": _output(config),
        "inputs": [describe_input(Path(given), given, _format_name(Path(given))) for given in inputs],
        "shards": shards,
        "outputs": {"errors": "errors.jsonl", **(redirects if needs_title_index(options) else {})},
        "counts": counts.to_dict(),
    }


def _format_name(path: Path) -> str:
    fmt = format_for(path)
    return fmt.name if fmt else "directory"
