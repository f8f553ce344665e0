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
from ..index import IndexReadError, ensure_index, index_defect, open_index, write_redirects
from ..index_build import WIKI
from ..options import Options, RunConfig
from ..pipeline import needs_title_index
from ..record import SCHEMA_VERSION
from ..rundir import MANIFEST, REDIRECTS, RunDir, write_json
from ..sinks import output_format
from ..sinks.manifest import Counts, describe_input
from ..sources import InputFiles, find_inputs, format_for, splits_of
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
    inputs: list[str],
    out_dir: Path,
    options: Options,
    config: RunConfig | None = None,
    log: TextIO | None = None,
    *,
    index: Path | None = None,
) -> RunResult:
    """Process every input into `out_dir`. Raises `rundir.RunDirError` for a folder that cannot
    be used as asked; KeyboardInterrupt leaves the folder resumable. `config` None: the defaults.
    `index`: a title index the user built (`extractor index`), used instead of one of the inputs."""
    config = config or RunConfig()
    log = log or sys.stderr  # looked up now: a default argument would keep the stderr of import time
    _check_formats(inputs)
    run_dir = RunDir(out_dir)
    checkpoint = run_dir.prepare(resume=config.resume, overwrite=config.overwrite)
    run_index = run_title_index(inputs, options, config, log, index)
    output = open_output(run_dir, inputs, options, config, run_index, checkpoint)
    work = PageWork(options, run_index.path if run_index else None, config.output)
    progress = Progress("pages", _mode(config), total=_total(run_index), stream=log)
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
    write_json(out_dir / MANIFEST, _manifest(inputs, options, config, output.counts, shards, run_index, status))
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


@dataclass(frozen=True)
class RunIndex:
    """The title index every page of a run resolves its links through."""

    path: str  # the SQLite file
    given: bool  # the user's (`--index`), not built from the run's inputs
    key: str  # what it was built from (index meta `sha256`)
    pages: int
    scope: str  # index_build.WIKI or SAMPLE

    def describe(self) -> dict:
        """The manifest's `index`: the same for the same inputs on any machine (an index built from
        the inputs lives in a cache folder; its key holds file paths and times, in the checkpoint)."""
        path = self.path if self.given else None
        return {"path": path, "given": self.given, "pages": self.pages, "scope": self.scope}


def title_index(inputs: list[str], config: RunConfig, log: TextIO, given: Path | None = None) -> RunIndex:
    """The run's title index: `given` (checked whole, any inputs), or one over every input file
    together, dumps and article files (built once, reused while they are unchanged). Raises
    `IndexReadError` for a given index that is missing, damaged or of another version."""
    if given is not None:
        defect = index_defect(given, None)
        if defect is not None:
            raise IndexReadError(f"--index {given}: the file {defect}")
        path = given
    else:
        files = InputFiles(tuple(inputs))
        shown = inputs[0] if len(inputs) == 1 else f"{len(inputs)} inputs"
        progress = Progress(f"title index of {shown}", _mode(config), stream=log)
        path = ensure_index(files, on_page=progress.update)
        progress.close()
    index = open_index(str(path))
    meta = index.meta()
    return RunIndex(str(path), given is not None, meta.get("sha256", ""), index.count(), meta.get("scope", WIKI))


def run_title_index(
    files: list[str], options: Options, config: RunConfig, log: TextIO, given: Path | None
) -> RunIndex | None:
    """The title index of a run over `files` (its inputs that pages are read from): the user's
    (`given`), or one built when the records need it (`pipeline.needs_title_index`), else None."""
    if given is None and not (files and needs_title_index(options, dumps=_has_dump(files))):
        return None
    return title_index(files, config, log, given)


def _has_dump(inputs: list[str]) -> bool:
    return any(format_for(path).is_dump for path in InputFiles(tuple(inputs)))


def open_output(
    run_dir: RunDir,
    inputs: list[str],
    options: Options,
    config: RunConfig,
    index: RunIndex | None,
    checkpoint: dict | None,
) -> RunOutput:
    """The run's output, under the identity a resumed run must share with the first (options,
    inputs, output, and the title index its links resolved through); the index's redirect table
    is written to the run folder."""
    identity = {"options": options.to_dict(), "inputs": inputs, "output": _output(config)}
    if index is not None:
        identity["index"] = index.key
        run_dir.path.mkdir(parents=True, exist_ok=True)
        write_redirects(open_index(index.path), run_dir.path / REDIRECTS)
    return RunOutput(
        run_dir, output_format(config.output), config.compression, config.shard_size, identity, checkpoint
    )


def _total(index: RunIndex | None) -> int | None:
    """The pages the run will read, when its title index was built from its inputs."""
    return index.pages if index is not None and not index.given else None


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
    index: RunIndex | None,
    status: str,
) -> dict:
    redirects = {"redirects": REDIRECTS} if index is not None else {}
    described = {"index": index.describe()} if index is not None else {}
    return {
        "tool": "extractor",
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "status": status,
        "options": options.to_dict(),
        "output": _output(config),
        "inputs": [describe_input(Path(given), given, _format_name(Path(given))) for given in inputs],
        "shards": shards,
        "outputs": {"errors": "errors.jsonl", **redirects},
        **described,
        "counts": counts.to_dict(),
    }


def _format_name(path: Path) -> str:
    fmt = format_for(path)
    return fmt.name if fmt else "directory"
