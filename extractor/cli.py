"""Command line: `extractor run|validate|timeline|index`. Parses arguments, calls a runner, maps outcomes to exit codes.

Exit codes: 0 ok (quarantined pages are allowed and reported); 1 `validate`
found problems, or `run --strict` quarantined a page; 2 usage (including an
output folder that holds another run); 3 an input or output could not be
read or written; 4 the run finished but is incomplete: an input was damaged
or truncated, its pages after the damage are lost (the manifest says
`incomplete`); 130 interrupted (Ctrl-C): the folder can be `--resume`d.
"""

from __future__ import annotations

import argparse
import errno
import sys
from importlib import import_module
from pathlib import Path

from . import __version__
from .fields import OPTIONAL, parse_fields
from .normalize.langconv import VARIANTS
from .normalize.rules import LEVELS, SCOPES
from .options import Options, RunConfig, default_workers
from .sinks import COMPRESSIONS, format_choices, split_format

# --engine -> the module whose `run(inputs, out_dir, options, config)` does the work
ENGINES = {"local": "extractor.runners.local", "spark": "extractor.runners.spark"}
# Commands that live in a module of their own: the module has HELP, `add_arguments(parser)` and
# `main(args) -> exit code` (importing it must stay cheap: heavy imports inside `main`).
MODULE_COMMANDS: dict[str, str] = {"diff": "extractor.diff", "stats": "extractor.stats"}
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_IO, EXIT_INCOMPLETE, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extractor",
        description="Chinese Wikipedia (wikitext, pandoc-markdown, XML dumps) to validated JSON records.",
    )
    parser.add_argument("--version", action="version", version=f"extractor {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser(
        "run", help="process articles into DIR: articles-NNNNN.jsonl shards, errors.jsonl, manifest.json"
    )
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="file or directory (.wiki, .md, .txt, .xml, .xml.bz2)")
    run.add_argument("--out", required=True, type=Path, metavar="DIR", help="output directory")
    run.add_argument(
        "--variant",
        default="zh-hans",
        choices=VARIANTS,
        help="script variant of the output (default zh-hans; zh: no conversion)",
    )
    run.add_argument(
        "--rule-scope",
        default="position",
        choices=SCOPES,
        help="a page's -{H|…}- / -{A|…}- / -{-|…}- rules apply from where they stand (position, default: "
        "MediaWiki's) or to the whole page",
    )
    run.add_argument(
        "--rule-levels",
        default="explicit",
        choices=LEVELS,
        help="which variants take a page's bidirectional rules: explicit (default: MediaWiki's manual levels, "
        "and zh-hans/zh-hant also take rules that name them), mediawiki (exactly), all (every variant)",
    )
    run.add_argument(
        "--fields",
        default="all",
        metavar="LIST",
        help="record fields to produce: all (default), text (id, title, text, sections … only), "
        "or text plus a comma list of: " + ", ".join(OPTIONAL),
    )
    run.add_argument(
        "--namespaces", default="0", metavar="LIST", help="namespace numbers to make records of (default 0: articles)"
    )
    run.add_argument(
        "--workers", type=int, default=None, metavar="N", help="worker processes (default: the cores available)"
    )
    run.add_argument(
        "--engine",
        default="local",
        choices=ENGINES,
        help="local processes (default) or spark (pip install 'extractor[spark]'; Spark's own configuration)",
    )
    run.add_argument(
        "--index",
        type=Path,
        default=None,
        metavar="PATH",
        help="resolve links and type entities through this title index (`extractor index DUMP --out PATH`) "
        "instead of one built from the inputs",
    )
    run.add_argument("--limit", type=int, default=None, metavar="N", help="stop after N pages")
    run.add_argument("--strict", action="store_true", help="exit 1 if any page was quarantined")
    out = run.add_argument_group("output")
    out.add_argument(
        "--format",
        default="jsonl",
        choices=format_choices(),
        help="record shards: jsonl (default), jsonl.gz, jsonl.zst or parquet (zstd columns, the record's Arrow schema)",
    )
    out.add_argument(
        "--compress", default="none", choices=COMPRESSIONS, help="compress jsonl shards: gz, zst (as --format jsonl.gz)"
    )
    out.add_argument(
        "--shard-size", default="256M", metavar="SIZE", help="cut a shard after SIZE bytes of records (default 256M)"
    )
    again = out.add_mutually_exclusive_group()
    again.add_argument("--resume", action="store_true", help="continue the interrupted run in DIR")
    again.add_argument("--overwrite", action="store_true", help="replace the run in DIR")
    bounds = run.add_argument_group("bounds")
    bounds.add_argument(
        "--page-timeout",
        type=float,
        default=10.0,
        metavar="S",
        help="quarantine a page still running after S seconds (default 10; 0: no limit)",
    )
    bounds.add_argument(
        "--memory",
        type=int,
        default=4096,
        metavar="MB",
        help="quarantine a page that needs more than MB of memory (default 4096; 0: no limit)",
    )
    shown = run.add_mutually_exclusive_group()
    shown.add_argument("-q", "--quiet", action="store_true", help="no progress, only errors and the summary")
    shown.add_argument("-v", "--verbose", action="store_true", help="also one line per quarantined page")

    index = commands.add_parser(
        "index", help="build the title index (SQLite) of a dump or of article files, and export its redirects"
    )
    index.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="MediaWiki XML dump (.xml, .xml.bz2), article files or folders of them: one index over all",
    )
    index.add_argument("--out", type=Path, default=None, metavar="PATH", help="index file (default: the cache folder)")
    index.add_argument(
        "--redirects", type=Path, default=None, metavar="FILE", help="also write the redirect table (JSONL)"
    )

    validate = commands.add_parser(
        "validate", help="check run folders or files against schemas/ and every span against its text"
    )
    validate.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="run folder, records file (.jsonl, .jsonl.gz, .jsonl.zst, .parquet), errors.jsonl or manifest.json",
    )

    timeline = commands.add_parser("timeline", help="print each article's dated sentences in document order")
    timeline.add_argument(
        "file", type=Path, metavar="FILE", help="a records shard (articles-NNNNN.jsonl), or one article file"
    )
    timeline.add_argument(
        "--variant", default="zh-hans", choices=VARIANTS, help="for an article file (default zh-hans)"
    )
    for name, module in MODULE_COMMANDS.items():
        command = import_module(module)
        description = command.__doc__.split("\n\n")[0]
        command.add_arguments(commands.add_parser(name, help=command.HELP, description=description))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; errors about the inputs or options become one stderr line and an exit code."""
    args = build_parser().parse_args(argv)
    handlers = {"run": _run, "index": _index, "timeline": _timeline, "validate": _validate}
    command = handlers.get(args.command) or import_module(MODULE_COMMANDS[args.command]).main
    try:
        return command(args)
    except KeyboardInterrupt:
        return _fail("interrupted; the output folder can be continued with --resume", EXIT_INTERRUPTED)
    except BrokenPipeError:  # `extractor timeline … | head -1`: the reader has what it wanted
        _quiet_stdout()
        return EXIT_OK
    except FileNotFoundError as exc:
        return _fail(f"input not found: {exc.filename or exc}", EXIT_IO)
    except OSError as exc:
        return _fail(str(exc), EXIT_IO)
    except ValueError as exc:  # bad options or an input of unknown format
        return _fail(str(exc), EXIT_USAGE)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit does not raise again (Python's
    documented way out of a broken pipe)."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _fail(message: str, code: int) -> int:
    print(f"extractor: error: {message}", file=sys.stderr)
    return code


def _run(args: argparse.Namespace) -> int:
    from .runners.local import INCOMPLETE

    run = import_module(ENGINES[args.engine]).run

    options = Options(
        variant=args.variant,
        fields=parse_fields(args.fields),
        rule_scope=args.rule_scope,
        rule_levels=args.rule_levels,
        namespaces=_numbers(args.namespaces),
        workers=args.workers if args.workers is not None else default_workers(),
        limit=args.limit,
        strict=args.strict,
    )
    output, compression = split_format(args.format, args.compress)
    config = RunConfig(
        output=output,
        compression=compression,
        shard_size=_size(args.shard_size),
        page_timeout=args.page_timeout or None,
        memory_mb=args.memory or None,
        resume=args.resume,
        overwrite=args.overwrite,
        progress="quiet" if args.quiet else "auto",
        verbose=args.verbose,
    )
    try:
        result = run(args.inputs, args.out, options, config, index=args.index)
    except OSError as exc:
        if exc.errno not in _FULL:
            raise
        raise OSError(exc.errno, f"cannot write to {args.out}: {exc.strerror}; make room, "
                      "then continue the run with --resume (what was complete is kept)") from None
    counts = result.counts
    print(
        f"extractor: {counts.pages_read} pages read, {counts.records_written} records, "
        f"{counts.quarantined} quarantined, {counts.skipped} skipped -> {args.out}",
        file=sys.stderr,
    )
    if result.status == INCOMPLETE:
        print(f"extractor: incomplete: an input was damaged; see {args.out / 'errors.jsonl'}", file=sys.stderr)
        return EXIT_INCOMPLETE
    return EXIT_PROBLEMS if args.strict and counts.quarantined else EXIT_OK


# A full or read-only output device: the run stops, resumable.
_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS})


def _numbers(text: str) -> tuple[int, ...]:
    try:
        return tuple(sorted({int(part) for part in text.split(",") if part.strip()}))
    except ValueError:
        raise ValueError(f"--namespaces: expected numbers separated by commas, got {text!r}") from None


_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def _size(text: str) -> int:
    """`256M`, `1G`, `500000` -> bytes."""
    number, unit = text.strip().upper().removesuffix("B"), ""
    if number and number[-1] in _UNITS:
        number, unit = number[:-1], number[-1]
    try:
        return int(float(number) * _UNITS[unit])
    except ValueError:
        raise ValueError(f"--shard-size: expected a size such as 256M or 1G, got {text!r}") from None


def _timeline(args: argparse.Namespace) -> int:
    from .extract.dates.timeline import print_timeline

    print_timeline(args.file, sys.stdout, args.variant)
    return EXIT_OK


def _index(args: argparse.Namespace) -> int:
    from .index import TitleIndex, ensure_index, write_redirects
    from .index_build import build_index, seal_index
    from .runners.local import UnknownFormat
    from .sources import InputFiles

    files = InputFiles(tuple(str(given) for given in args.inputs))
    if next(iter(files), None) is None:
        raise UnknownFormat(f"{' '.join(map(str, args.inputs))}: no dump or article files to index")
    if args.out:
        path = build_index(files, args.out)
        seal_index(path)  # a whole index, as `run --index` checks
    else:
        path = ensure_index(files)
    index = TitleIndex(path)
    redirects = write_redirects(index, args.redirects) if args.redirects else None
    shown = f", {redirects} redirects -> {args.redirects}" if redirects is not None else ""
    print(f"extractor: {index.count()} pages indexed -> {path}{shown}", file=sys.stderr)
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    """Problems one a line on stdout, then the summary grouped by error path; exit 1 if any."""
    from .checks import Report, check_path

    report = Report()
    for given in args.paths:
        before = len(report.problems)
        check_path(Path(given), report)
        for problem in report.problems[before:]:
            print(problem)
        found = len(report.problems) - before
        print(f"extractor: {given}: {'ok' if not found else f'{found} problems'}", file=sys.stderr)
    for line in report.summary():
        print(line)
    return EXIT_PROBLEMS if report.problems else EXIT_OK
