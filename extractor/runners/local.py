"""Local runner: pages from every input, through `process_page`, into the sinks.

With `workers > 1` pages go to a process pool in bounded batches (Pool.imap
alone would read a whole dump ahead into memory) and results come back in
input order, so the output is byte-identical whatever the worker count.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from functools import partial
from itertools import islice
from multiprocessing import Pool
from pathlib import Path

from .. import __version__
from ..index import ensure_index, open_index, write_redirects
from ..model import Page, Quarantine, Skip
from ..normalize.rules import UNRESOLVED_GROUP
from ..options import Options
from ..pipeline import Outcome, needs_title_index, process_page
from ..record import SCHEMA_VERSION
from ..sinks.jsonl import JsonlSink
from ..sinks.manifest import Counts, describe_input, write_manifest
from ..sources import find_inputs, reader_for
from ..sources.xml_dump import read_dump

ARTICLES = "articles.jsonl"
ERRORS = "errors.jsonl"
MANIFEST = "manifest.json"
REDIRECTS = "redirects.jsonl"
_BATCH = 64


class UnknownFormat(ValueError):
    pass


def run(inputs: list[str], out_dir: Path, options: Options, log=sys.stderr) -> Counts:
    """Process every input into `out_dir`; returns the counts written to the manifest."""
    files = list(find_inputs(inputs))
    for path, shown in files:
        if reader_for(path) is None:
            raise UnknownFormat(f"{shown}: unknown input format (expected .wiki, .md, .txt, .xml or .xml.bz2)")
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = Counts()
    indexes = _dump_indexes(files, out_dir, log) if needs_title_index(options) else {}
    with JsonlSink(out_dir / ARTICLES) as articles, JsonlSink(out_dir / ERRORS) as errors:
        for outcome in _outcomes(_items(files, options.limit), options, indexes):
            counts.pages_read += 1
            _route(outcome, articles, errors, counts)
            if counts.pages_read % 1000 == 0:
                print(f"extractor: {counts.pages_read} pages", file=log)
        counts.records_written = articles.count
    write_manifest(out_dir / MANIFEST, _manifest(files, options, counts))
    if summary := counts.warning_summary():
        print(summary, file=log)
    return counts


def _items(files: list[tuple[Path, str]], limit: int | None) -> Iterator[Page | Quarantine]:
    items = (item for path, shown in files for item in reader_for(path)(path, shown))
    return islice(items, limit) if limit is not None else items


def _outcomes(items: Iterable[Page | Quarantine], options: Options, indexes: dict[str, str]) -> Iterator[Outcome]:
    work = partial(_process, options=options, indexes=indexes)
    if options.workers == 1:
        yield from map(work, items)
        return
    items = iter(items)
    with Pool(options.workers) as pool:
        while batch := list(islice(items, _BATCH * options.workers)):
            yield from pool.imap(work, batch, chunksize=4)


def _process(item: Page | Quarantine, options: Options, indexes: dict[str, str] | None = None) -> Outcome:
    if isinstance(item, Quarantine):
        return item
    index = open_index(indexes[item.path]) if indexes and item.path in indexes else None
    return process_page(item, options, index.groups if index else None, index=index)


def _dump_indexes(files: list[tuple[Path, str]], out_dir: Path, log) -> dict[str, str]:
    """Shown path -> title index path, for every dump input (built once, reused while the dump is unchanged).

    The redirect tables go to `out_dir/redirects.jsonl` (one dump) or `redirects-<n>.jsonl`."""
    dumps = [(path, shown) for path, shown in files if reader_for(path) is read_dump]
    indexes: dict[str, str] = {}
    for n, (path, shown) in enumerate(dumps):
        print(f"extractor: title index for {shown}", file=log)
        indexes[shown] = str(ensure_index(path))
        write_redirects(open_index(indexes[shown]), out_dir / _redirects_name(n, len(dumps)))
    return indexes


def _redirects_name(n: int, dumps: int) -> str:
    return REDIRECTS if dumps == 1 else f"redirects-{n + 1}.jsonl"


def _route(outcome: Outcome, articles: JsonlSink, errors: JsonlSink, counts: Counts) -> None:
    if isinstance(outcome, Quarantine):
        errors.write(asdict(outcome))
        counts.quarantined_by_code[outcome.code] += 1
    elif isinstance(outcome, Skip):
        counts.skipped_by_reason[outcome.reason] += 1
    else:
        articles.write(outcome)
        if unresolved := outcome["unresolved_conversion_groups"]:
            counts.warnings_by_code[UNRESOLVED_GROUP] += len(unresolved)


def _manifest(files: list[tuple[Path, str]], options: Options, counts: Counts) -> dict:
    return {
        "tool": "extractor",
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "options": options.to_dict(),
        "inputs": [describe_input(path, shown, _format_name(path)) for path, shown in files],
        "outputs": {"articles": ARTICLES, "errors": ERRORS, **_redirect_outputs(files, options)},
        "counts": counts.to_dict(),
    }


def _redirect_outputs(files: list[tuple[Path, str]], options: Options) -> dict[str, str]:
    """The redirect tables written, if the run built title indexes."""
    dumps = [shown for path, shown in files if reader_for(path) is read_dump] if needs_title_index(options) else []
    return {f"redirects of {shown}": _redirects_name(n, len(dumps)) for n, shown in enumerate(dumps)}


def _format_name(path: Path) -> str:
    return reader_for(path).__name__.removeprefix("read_")
