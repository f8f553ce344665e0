"""Which templates occur in the wikitext corpus, and what the parser does with each.

    .venv/bin/python benchmarks/templates.py [--top 60]

Kinds: rendered (a native renderer writes reader-visible text), infobox (kept as data),
disambiguation (flag), magic (parser function or magic word), unknown (renders nothing, kept in
`templates`). Unknown templates with many uses are the candidates for a renderer.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import mwparserfromhell

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.mediawiki import INFOBOX, is_disambiguation, is_magic, template_name  # noqa: E402
from extractor.parse.wikitext.templates import renderer_for  # noqa: E402


def kind(name: str) -> str:
    key = name.lower()
    if is_magic(name):
        return "magic"
    if renderer_for(key) is not None:
        return "rendered"
    if INFOBOX.search(name):
        return "infobox"
    if is_disambiguation(key):
        return "disambiguation"
    return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=60)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "wikitext"))
    args = parser.parse_args()
    uses: Counter[str] = Counter()
    pages: Counter[str] = Counter()
    for path in sorted(Path(args.corpus).glob("*.wiki")):
        names = [template_name(str(t.name)) for t in mwparserfromhell.parse(path.read_text()).filter_templates()]
        uses.update(names)
        pages.update(set(names))
    by_kind: Counter[str] = Counter()
    for name, n in uses.items():
        by_kind[kind(name)] += n
    print(
        f"{sum(uses.values())} template uses, {len(uses)} names: " + ", ".join(f"{k} {n}" for k, n in by_kind.items())
    )
    print("\n| template | uses | pages | kind |\n|---|---|---|---|")
    for name, n in uses.most_common(args.top):
        print(f"| {name} | {n} | {pages[name]} | {kind(name)} |")


if __name__ == "__main__":
    main()
