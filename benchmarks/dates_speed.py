"""Per-page cost of date extraction: `process_page` with it and with it stubbed out.

    .venv/bin/python benchmarks/dates_speed.py raw/
    .venv/bin/python benchmarks/dates_speed.py ../shared/corpus/

Runs every page of the inputs ROUNDS times each way, interleaved, and keeps the best round of
each (the machine is shared: the minimum is the least disturbed run).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import extractor.pipeline as pipeline  # noqa: E402
from extractor.model import Page  # noqa: E402
from extractor.options import Options  # noqa: E402
from extractor.sources import find_inputs, reader_for  # noqa: E402

ROUNDS = 7


def main(inputs: list[str]) -> None:
    pages = [
        p for path, shown in find_inputs(inputs) for p in reader_for(path)(path, shown) if isinstance(p, Page)
    ]
    real = (pipeline.find_dates, pipeline.find_field_dates, pipeline.attach_sentences)
    stub = (lambda text, sections=None: [], lambda doc: [], lambda *args: None)
    run(pages, real)  # warm up: OpenCC tables, jieba, the era table
    with_dates, without = [], []
    for _ in range(ROUNDS):
        with_dates.append(run(pages, real))
        without.append(run(pages, stub))
    a, b = min(with_dates), min(without)
    n = len(pages)
    print(
        f"{n} pages: with dates {1000 * a / n:.1f} ms/page, "
        f"without {1000 * b / n:.1f} ms/page: +{100 * (a - b) / b:.1f}%"
    )


def run(pages: list[Page], funcs) -> float:
    pipeline.find_dates, pipeline.find_field_dates, pipeline.attach_sentences = funcs
    start = time.perf_counter()
    for page in pages:
        pipeline.process_page(page, Options())
    return time.perf_counter() - start


if __name__ == "__main__":
    main(sys.argv[1:] or ["raw/"])
