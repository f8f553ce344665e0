"""`extractor timeline FILE`: the dated sentences of each article, in order.

Reads an articles.jsonl (records as written by `extractor run`) or one article
file (processed on the fly). One line per text date:
    VALUE  PRECISION  SENTENCE
VALUE is ISO 8601, `A/B` for a range, `?` plus the reason when unresolved.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from ...dataset import is_records, read_file


def records_of(path: Path, variant: str) -> Iterator[dict]:
    """Records from a records file (any format `run` writes), or from processing one article file."""
    if is_records(path):
        yield from read_file(path)
        return
    from ...model import Page
    from ...options import Options
    from ...pipeline import process_page
    from ...sources import reader_for

    reader = reader_for(path)
    if reader is None:
        raise ValueError(f"{path}: not an articles.jsonl nor an article file (.wiki, .md, .txt, .xml)")
    options = Options(variant=variant)
    for page in reader(path, str(path)):
        outcome = process_page(page, options) if isinstance(page, Page) else None
        if isinstance(outcome, dict):
            yield outcome


def timeline_lines(record: dict) -> Iterator[str]:
    """`VALUE\\tPRECISION\\tSENTENCE` for each text date of one record."""
    text = record["text"]
    for d in record["dates"]:
        if d.get("source", "text") != "text" or d.get("sentence_start") is None:
            continue
        sentence = text[d["sentence_start"] : d["sentence_end"]].strip()
        yield f"{_value(d)}\t{_precision(d)}\t{sentence}"


def print_timeline(path: Path, out: TextIO, variant: str = "zh-hans") -> int:
    """Print every article's timeline; returns the number of articles."""
    count = 0
    for record in records_of(path, variant):
        count += 1
        print(f"# {record['title']}", file=out)
        for line in timeline_lines(record):
            print(line, file=out)
    return count


def _value(d: dict) -> str:
    if d["value"] is None:
        return f"?({d.get('unresolved_reason') or 'unresolved'})"
    return d["value"] + (f"/{d['end_value']}" if d.get("end_value") else "")


def _precision(d: dict) -> str:
    return d["precision"] + (f",{d['qualifier']}" if d.get("qualifier") else "")
