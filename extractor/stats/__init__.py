"""Counts and distributions of a run folder or a records file: what a run produced, at a glance.

`extractor stats PATH [--json] [--html FILE]`. Records, text length, entities
by type and type source, dates by precision, source, unresolved reason and
decade, links found / missing / through a redirect, top templates, categories
per record, infoboxes; for a run folder also its manifest's counts, quarantine
codes (errors.jsonl) and skip reasons. Printed as text (default) or one JSON
object (`--json`); `--html FILE` also writes a self-contained report (inline
CSS and SVG charts, nothing fetched).
Fields the run did not select (`run --fields`) are reported as not extracted.

The CLI imports this module to build its parser: the work is imported inside `main`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "counts and distributions of a run folder or records file (text, --json, or an --html report)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", type=Path, metavar="PATH", help="run folder, or records file (.jsonl, .jsonl.gz, .jsonl.zst, .parquet)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the text summary")
    parser.add_argument(
        "--html", type=Path, default=None, metavar="FILE", help="also write a self-contained HTML report to FILE"
    )


def main(args: argparse.Namespace) -> int:
    """Print the figures of `args.path` (and write the report); 0, or an exception the CLI maps
    to an exit code (a missing path: 3; a line that is not JSON: 2)."""
    import json

    from .collect import collect
    from .text import render_text

    figures = collect(args.path)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_text(figures))
    if args.html is not None:
        from .html import render_html

        args.html.write_text(render_html(figures), encoding="utf-8")
        print(f"extractor: report -> {args.html}", file=sys.stderr)
    return 0
