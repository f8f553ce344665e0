"""Where a page's time goes: ms per page for each stage of `process_page`, over the corpus.

    .venv/bin/python benchmarks/stages.py [--rounds 3]

The stages are timed by wrapping the functions `extractor.pipeline` calls (best of `--rounds`
passes, after one warm-up pass that loads jieba, OpenCC tables and the schemas). Compare the
total with wikiextractor's per-page time from benchmarks/residue.py.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import extractor.pipeline as pipeline  # noqa: E402
from extractor import Options  # noqa: E402
from extractor.sources import reader_for  # noqa: E402

STAGES = {
    "parse": "parser_for",  # the page's conversion rules included: the parser collects them
    "script conversion": "convert_document",
    "dates": "find_dates",
    "field dates": "find_field_dates",
    "links": "resolve_links",
    "entities": "find_entities",
    "sentences": "attach_sentences",
    "record": "build_record",
    "validation": "problems",
}


def timed(name: str, fn, spent: dict[str, float]):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - start

    return wrapper


def instrument(spent: dict[str, float]) -> list[str]:
    """Wraps each stage's function in `extractor.pipeline`; returns the stages whose function it no longer has."""
    missing = []
    for stage, attr in STAGES.items():
        real = getattr(pipeline, attr, None)
        if real is None:
            missing.append(stage)
        elif attr == "parser_for":
            setattr(pipeline, attr, lambda fmt, real=real: timed("parse", real(fmt), spent))
        else:
            setattr(pipeline, attr, timed(stage, real, spent))
    return missing


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    args = parser.parse_args()
    files = sorted(Path(args.corpus).glob("wikitext/*.wiki")) + sorted(Path(args.corpus).glob("markdown/*.md"))
    pages = [page for path in files for page in reader_for(path)(path, path.name)]
    spent: dict[str, float] = defaultdict(float)
    missing = instrument(spent)
    best: dict[str, float] = {}
    for round_ in range(args.rounds + 1):
        spent.clear()
        start = time.perf_counter()
        for page in pages:
            pipeline.process_page(page, Options())
        spent["total"] = time.perf_counter() - start
        if round_:  # round 0 warms up
            best = {k: min(v, best.get(k, v)) for k, v in spent.items()}
    print(f"{len(pages)} pages ({len(files)} files), best of {args.rounds} rounds, ms per page\n")
    print("| stage | ms/page | share |\n|---|---|---|")
    for stage in [*STAGES, "total"]:
        if stage in missing:
            print(f"| {stage} | n/a | n/a |")
            continue
        ms = best.get(stage, 0.0) / len(pages) * 1000
        print(f"| {stage} | {ms:.2f} | {best.get(stage, 0.0) / best['total']:.0%} |")


if __name__ == "__main__":
    main()
