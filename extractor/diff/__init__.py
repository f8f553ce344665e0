"""Compare two outputs record by record, by id: what a parser change or a new dump did to the data.

`extractor diff OLD NEW [--json] [--fail-on RULE]... [--examples N]`. OLD and
NEW are each a run folder or a records file in any format `run` writes
(JSON Lines, .jsonl.gz, .jsonl.zst, Parquet), read through
`dataset.read_records`. Records are matched by `id` (a dump's page id; for a
single file the hash of its bytes, so an edited file is one record removed
and one added) and compared on content: `source.path` and `source.dump` are
ignored, and of a manifest only the counts are shown. The summary (stdout)
says how many records were compared, how many were added, removed, changed
and unchanged, and for each changed field how many records and items; with
`--json` the same report is printed as JSON. Examples (`--examples N`, 3 by
default, per category) are the first ones in NEW's order; removed ones in
OLD's order. An id repeated within one side is reported as a duplicate.

Metrics (`--fail-on`, comma-separated or repeated: `removed>0`, `changed>=10`,
`dates.lost>1%`, `text.changed>5%`; a `%` is relative to the base in brackets):
    added, removed, changed, unchanged   records [OLD's records]
    FIELD.changed      records in both runs whose FIELD differs [records in both]
    FIELD.lost         items of FIELD in OLD and not in NEW, per record, as multisets of
                       item keys, where both runs extracted FIELD [OLD's items there]
    FIELD.gained       items in NEW and not in OLD [OLD's items, as for lost]
    FIELD.unextracted  records whose FIELD is null (not extracted) on one side only [records in both]
FIELD.changed exists for every field: schema_version, title, url, variant,
source, text, redirect, is_disambiguation, sections, blocks, links,
external_links, categories, templates, infobox, references, citations, tables,
dates, entities, unresolved_conversion_groups; lost, gained and unextracted
for those with items (all from `sections` on). An item's key (`fields.FIELDS`)
is what it means, not its offsets: links (target, anchor text), dates (text,
value, precision, source, field), entities (name, type) …

Exit codes: 0 no rule broken; 1 a --fail-on rule is broken (each named on
stderr with its measured value); 2 usage (a rule that cannot be read: the
message names it and the metrics; an input whose lines are not records);
3 the comparison could not be made (an input missing or unreadable, the
temporary database, or a bug: traceback on stderr).
Memory stays bounded: OLD goes to a SQLite file in a temporary folder ($TMPDIR),
about OLD's size compressed, removed at the end (`compare.py`, `store.py`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELP = "compare two runs record by record (added, removed, changed; per field), gate CI with --fail-on"
EXIT_OK, EXIT_BROKEN, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments, and the metrics as the help's epilog."""
    from .rules import metrics_doc

    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = metrics_doc() + "\n\nexample: extractor diff old/ new/ --fail-on 'removed>0,dates.lost>1%'"
    parser.add_argument("old", type=Path, metavar="OLD", help="run folder or records file (.jsonl[.gz|.zst], .parquet)")
    parser.add_argument("new", type=Path, metavar="NEW", help="run folder or records file, compared with OLD")
    parser.add_argument("--json", action="store_true", help="print the report as JSON (stdout) instead of the summary")
    parser.add_argument(
        "--fail-on",
        action="append",
        default=[],
        metavar="RULE",
        help="exit 1 when METRIC OP NUMBER[%%] holds, e.g. 'removed>0', 'dates.lost>1%%'; comma-separated, repeatable",
    )
    parser.add_argument(
        "--examples", type=_count, default=3, metavar="N", help="examples shown per category (default 3)"
    )


def main(args: argparse.Namespace) -> int:
    """Compare, print the report, and return the exit code the rules give."""
    from .rules import RuleError, parse_rules

    try:
        rules = parse_rules(args.fail_on)
    except RuleError as exc:
        print(f"extractor: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = _report(args, rules)
    except (OSError, ValueError, KeyboardInterrupt):
        raise  # the CLI's own exit codes (3, 2, 130)
    except Exception:  # a bug or a damaged temporary database: never exit 1, which means "rule broken"
        import traceback

        traceback.print_exc()
        return EXIT_FAILED
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(_text(report))
    broken = [rule for rule in report["rules"] if rule["broken"]]
    for rule in broken:
        print(f"extractor: diff: rule broken: {rule['rule']} (measured {_number(rule['measured'])})", file=sys.stderr)
    return EXIT_BROKEN if broken else EXIT_OK


def _report(args: argparse.Namespace, rules: list) -> dict:
    from .compare import compare_runs, run_counts
    from .report import build_report

    tally = compare_runs(args.old, args.new, examples=args.examples)
    counts = (run_counts(args.old), run_counts(args.new))
    return build_report(tally, rules, old=args.old, new=args.new, counts=counts)


def _text(report: dict) -> str:
    from .report import render_text

    return render_text(report)


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, int) else f"{value:.4g}%"


def _count(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {text!r}")
    return number
