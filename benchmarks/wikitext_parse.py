"""The wikitext parse stage, phase by phase: ms per page over the corpus's wikitext articles.

    .venv/bin/python benchmarks/wikitext_parse.py [--rounds 15] [--dump FILE.xml.bz2]

Phases: mwparserfromhell's C tokenizer, our light tree built from its tokens, the same
markup through `mwparserfromhell.parse` (its Builder's tree, what the parser used to walk),
the template list, the walk; then `parse_wikitext` whole, with every field and with the text
profile (`--fields text --variant zh`, the cheapest run). `--dump` reads a dump's pages instead of
the corpus's wikitext articles (redirects left out). CPU time (`process_time`), best of
`--rounds` rounds with the phases interleaved, so that other processes on the machine count
as little as possible. The phases run with the cyclic garbage collector paused, as
`parse_wikitext` runs.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mwparserfromhell  # noqa: E402

from extractor.fields import parser_needs  # noqa: E402
from extractor.model import Document  # noqa: E402
from extractor.parse.wikitext import tree, walker  # noqa: E402
from extractor.parse.wikitext.langconv import resolve_conversions  # noqa: E402
from extractor.sources import reader_for  # noqa: E402


TEXT_ONLY = parser_needs(())


def walk(code, page) -> None:
    doc = Document(page.title, page.title_from, "")
    ctx = walker._Context(doc, "zh-hans", page.title)
    w = walker._Walker(ctx, main=True)
    w.walk(code)
    doc.text = w.finish()
    walker._finalize(doc, ctx)


def phases(pages, markups) -> dict[str, float]:
    spent = {}
    start = time.process_time()
    tokens = [tree._Tokenizer().tokenize(m, 0, False) for m in markups]
    spent["tokenize (C)"] = time.process_time() - start
    start = time.process_time()
    codes = [tree.build(t) for t in tokens]
    spent["light tree from tokens"] = time.process_time() - start
    start = time.process_time()
    for m in markups:
        mwparserfromhell.parse(m, skip_style_tags=False)
    spent["mwparserfromhell.parse (reference)"] = time.process_time() - start
    start = time.process_time()
    for code in codes:
        walker._templates(code)
    spent["template list"] = time.process_time() - start
    start = time.process_time()
    for code, page in zip(codes, pages, strict=True):
        walk(code, page)
    spent["walk"] = time.process_time() - start
    start = time.process_time()
    for page in pages:
        walker.parse_wikitext(page)
    spent["parse_wikitext"] = time.process_time() - start
    start = time.process_time()
    for page in pages:
        walker.parse_wikitext(page, "zh", TEXT_ONLY)
    spent["parse_wikitext, text profile (zh)"] = time.process_time() - start
    return spent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--dump", help="a dump file to read the pages from instead of the corpus")
    args = parser.parse_args()
    files = [Path(args.dump)] if args.dump else sorted(Path(args.corpus).glob("wikitext/*.wiki"))
    pages = [page for path in files for page in reader_for(path)(path, path.name)]
    pages = [page for page in pages if page.redirect is None and walker.redirect_target(page.markup) is None]
    markups = [resolve_conversions(page.markup, "zh-hans") for page in pages]
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        gc.disable()
        for name, seconds in phases(pages, markups).items():
            best[name] = min(seconds, best.get(name, seconds))
        gc.enable()
    print(f"{len(pages)} wikitext pages ({Path(args.dump).name if args.dump else 'corpus'}), best of {args.rounds} rounds, CPU ms per page\n")
    print("| phase | ms/page |\n|---|---|")
    for name, seconds in best.items():
        print(f"| {name} | {seconds / len(pages) * 1000:.2f} |")


if __name__ == "__main__":
    main()
