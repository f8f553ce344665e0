"""The pandoc-markdown parse stage, phase by phase: ms per page over the corpus's markdown pages.

    .venv/bin/python benchmarks/markdown_parse.py [--rounds 15]

Phases: markdown-it's parse with the engine's fast paths (`parse/markdown/engine.py`) and
without them (a plain instance configured the same way: the reference), the pre-pass that
collects link labels, the walk (and, inside it, anchor recovery and jieba's part of that);
then `parse_markdown` whole. CPU time (`process_time`), best of `--rounds` rounds with the
phases interleaved, with the cyclic garbage collector paused as `parse_markdown` runs. The
per-process caches (link kinds, script forms of titles) are cleared before each round, so
that every round meets its pages for the first time, as a run over new pages does.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from markdown_it import MarkdownIt  # noqa: E402
from mdit_py_plugins.footnote import footnote_plugin  # noqa: E402

import extractor.parse.anchors as anchors  # noqa: E402
import extractor.parse.markdown.inline as inline  # noqa: E402
from extractor.model import Document  # noqa: E402
from extractor.parse.markdown import engine, links, parser  # noqa: E402
from extractor.sources import reader_for  # noqa: E402

REFERENCE = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
REFERENCE.validateLink = lambda url: True


def clocked(module, name: str, spent: dict[str, float], key: str) -> None:
    """Wrap `module.name` so that its CPU time adds up in `spent[key]`."""
    real = getattr(module, name)

    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return real(*args, **kwargs)
        finally:
            spent[key] += time.process_time() - start

    setattr(module, name, wrapper)


def phases(pages, sources) -> dict[str, float]:
    anchors._script_forms.cache_clear()
    links.classify.cache_clear()
    spent = dict.fromkeys(
        [
            "markdown-it, as configured",
            "markdown-it, plain (reference)",
            "link labels",
            "walk",
            "  anchor recovery",
            "    jieba",
            "parse_markdown",
        ],
        0.0,
    )
    real = inline.recover_anchor, anchors._words
    clocked(inline, "recover_anchor", spent, "  anchor recovery")
    clocked(anchors, "_words", spent, "    jieba")
    for page, source in zip(pages, sources, strict=True):
        start = time.process_time()
        REFERENCE.parse(source)
        spent["markdown-it, plain (reference)"] += time.process_time() - start
        start = time.process_time()
        tokens = engine.MD.parse(source)
        spent["markdown-it, as configured"] += time.process_time() - start
        start = time.process_time()
        labels = parser.link_labels(tokens)
        spent["link labels"] += time.process_time() - start
        start = time.process_time()
        walker = parser._Walker(Document(page.title or "", page.title_from, ""), source.splitlines(), labels)
        walker.walk(tokens, parser.trailing_lists(tokens))
        walker.finish()
        spent["walk"] += time.process_time() - start
    inline.recover_anchor, anchors._words = real
    anchors._script_forms.cache_clear()
    links.classify.cache_clear()
    start = time.process_time()
    for page in pages:
        parser.parse_markdown(page)
    spent["parse_markdown"] = time.process_time() - start
    return spent


def main() -> None:
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--rounds", type=int, default=15)
    arguments.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    args = arguments.parse_args()
    files = sorted(Path(args.corpus).glob("markdown/*.md"))
    pages = [page for path in files for page in reader_for(path)(path, path.name)]
    sources = [parser.render_conversions(page.markup, "zh-hans") for page in pages]
    for page in pages:  # loads jieba and the OpenCC tables
        parser.parse_markdown(page)
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        gc.disable()
        for name, seconds in phases(pages, sources).items():
            best[name] = min(seconds, best.get(name, seconds))
        gc.enable()
    print(f"{len(pages)} markdown pages, best of {args.rounds} rounds, CPU ms per page\n")
    print("| phase | ms/page |\n|---|---|")
    for name, seconds in best.items():
        print(f"| {name} | {seconds / len(pages) * 1000:.2f} |")


if __name__ == "__main__":
    main()
