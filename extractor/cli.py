"""Command line: `extractor run|validate|timeline|index`. Parses arguments, calls a runner, maps outcomes to exit codes.

Exit codes: 0 ok (quarantined pages are allowed and reported); 1 `validate`
found problems, or `run --strict` quarantined a page; 2 usage; 3 an input or
output could not be read or written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .fields import OPTIONAL, parse_fields
from .normalize.langconv import VARIANTS
from .options import Options

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_IO = 0, 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extractor",
        description="Chinese Wikipedia (wikitext, pandoc-markdown, XML dumps) to validated JSON records.",
    )
    parser.add_argument("--version", action="version", version=f"extractor {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="process articles into DIR/articles.jsonl, errors.jsonl, manifest.json")
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="file or directory (.wiki, .md, .txt, .xml, .xml.bz2)")
    run.add_argument("--out", required=True, type=Path, metavar="DIR", help="output directory")
    run.add_argument(
        "--variant",
        default="zh-hans",
        choices=VARIANTS,
        help="script variant of the output (default zh-hans; zh: no conversion)",
    )
    run.add_argument(
        "--fields",
        default="all",
        metavar="LIST",
        help="record fields to produce: all (default), text (id, title, text, sections … only), "
        "or text plus a comma list of: " + ", ".join(OPTIONAL),
    )
    run.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes (default 1)")
    run.add_argument("--limit", type=int, default=None, metavar="N", help="stop after N pages")
    run.add_argument("--strict", action="store_true", help="exit 1 if any page was quarantined")

    index = commands.add_parser("index", help="build a dump's title index (SQLite) and export its redirects")
    index.add_argument("dump", type=Path, metavar="DUMP", help="MediaWiki XML dump (.xml, .xml.bz2)")
    index.add_argument("--out", type=Path, default=None, metavar="PATH", help="index file (default: the cache folder)")
    index.add_argument(
        "--redirects", type=Path, default=None, metavar="FILE", help="also write the redirect table (JSONL)"
    )

    validate = commands.add_parser("validate", help="check a run directory or a .jsonl file against schemas/")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="run directory, articles.jsonl or errors.jsonl")

    timeline = commands.add_parser("timeline", help="print each article's dated sentences in document order")
    timeline.add_argument("file", type=Path, metavar="FILE", help="articles.jsonl, or one article file")
    timeline.add_argument(
        "--variant", default="zh-hans", choices=VARIANTS, help="for an article file (default zh-hans)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; errors about the inputs or options become one stderr line and an exit code."""
    args = build_parser().parse_args(argv)
    command = {"run": _run, "index": _index, "timeline": _timeline, "validate": _validate}[args.command]
    try:
        return command(args)
    except FileNotFoundError as exc:
        return _fail(f"input not found: {exc.filename or exc}", EXIT_IO)
    except OSError as exc:
        return _fail(str(exc), EXIT_IO)
    except ValueError as exc:  # bad options or an input of unknown format
        return _fail(str(exc), EXIT_USAGE)


def _fail(message: str, code: int) -> int:
    print(f"extractor: error: {message}", file=sys.stderr)
    return code


def _run(args: argparse.Namespace) -> int:
    from .runners.local import run

    options = Options(
        variant=args.variant,
        fields=parse_fields(args.fields),
        workers=args.workers,
        limit=args.limit,
        strict=args.strict,
    )
    counts = run(args.inputs, args.out, options)
    print(
        f"extractor: {counts.pages_read} pages read, {counts.records_written} records, "
        f"{counts.quarantined} quarantined, {counts.skipped} skipped -> {args.out}",
        file=sys.stderr,
    )
    return EXIT_PROBLEMS if args.strict and counts.quarantined else EXIT_OK


def _timeline(args: argparse.Namespace) -> int:
    from .extract.dates.timeline import print_timeline

    print_timeline(args.file, sys.stdout, args.variant)
    return EXIT_OK


def _index(args: argparse.Namespace) -> int:
    from .index import TitleIndex, ensure_index, write_redirects
    from .index_build import build_index

    path = build_index(args.dump, args.out) if args.out else ensure_index(args.dump)
    index = TitleIndex(path)
    redirects = write_redirects(index, args.redirects) if args.redirects else None
    shown = f", {redirects} redirects -> {args.redirects}" if redirects is not None else ""
    print(f"extractor: {index.count()} pages indexed -> {path}{shown}", file=sys.stderr)
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from .checks import check_path

    bad = 0
    for given in args.paths:
        found = check_path(Path(given))
        for problem in found:
            print(problem)
        bad += len(found)
        print(f"extractor: {given}: {'ok' if not found else f'{len(found)} problems'}", file=sys.stderr)
    return EXIT_PROBLEMS if bad else EXIT_OK
