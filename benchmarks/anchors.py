"""Glued link labels in the pandoc-markdown rendering: how many were repaired, how many are guesses,
and how often the recovered boundary is right.

1. Over every file of ../shared/corpus/markdown: links, labels shortened (repaired), anchors marked
   uncertain (a piped link whose boundary was guessed).
2. Accuracy where the truth is known: in ../shared/corpus/wikitext, every `[[T|L]]trail` / `[[T]]trail`
   with a letter trail is glued as pandoc does (label L + trail) and recovered; the boundary must be len(L).

    .venv/bin/python benchmarks/anchors.py
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import extractor.parse.markdown.inline as inline  # noqa: E402
from extractor import process_page  # noqa: E402
from extractor.parse.anchors import is_letter, recover_anchor  # noqa: E402
from extractor.sources.files import read_markdown  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
WIKILINK = re.compile(r"\[\[([^\[\]|#]+)(?:#[^\[\]|]*)?(?:\|([^\[\]]*))?\]\]")


def markdown_counts() -> tuple[int, int, int]:
    seen: list[tuple[str, int]] = []
    real = inline.recover_anchor

    def spy(label, target, peers=()):
        anchor = real(label, target, peers)
        seen.append((label, anchor.length))
        return anchor

    inline.recover_anchor = spy
    links = uncertain = 0
    for path in sorted((CORPUS / "markdown").glob("*.md")):
        (page,) = read_markdown(path, path.name)
        record = process_page(page)
        links += len(record["links"])
        uncertain += sum(link["anchor_uncertain"] for link in record["links"])
    inline.recover_anchor = real
    return links, sum(length < len(label) for label, length in seen), uncertain


def glued_cases(markup: str) -> list[tuple[str, str, int]]:
    """(glued label, target, true anchor length) for links followed by letters."""
    cases = []
    for m in WIKILINK.finditer(markup):
        label = m.group(2) if m.group(2) is not None else m.group(1)
        trail = ""
        for ch in markup[m.end() : m.end() + 40]:
            if not is_letter(ch):
                break
            trail += ch
        if trail and label.strip():
            cases.append((label.strip() + trail, m.group(1).strip(), len(label.strip())))
    return cases


def accuracy() -> tuple[int, int, int]:
    total = right = wrong_certain = 0
    for path in sorted((CORPUS / "wikitext").glob("*.wiki")):
        cases = glued_cases(path.read_text(encoding="utf-8"))
        peers = defaultdict(list)
        for glued, target, _ in cases:
            peers[target].append(glued)
        for glued, target, length in cases:
            anchor = recover_anchor(glued, target, [p for p in peers[target] if p != glued])
            total += 1
            right += anchor.length == length
            wrong_certain += anchor.length != length and not anchor.uncertain
    return total, right, wrong_certain


def main() -> None:
    links, repaired, uncertain = markdown_counts()
    print(f"markdown corpus: {links} links, {repaired} labels repaired (shortened), {uncertain} marked uncertain")
    total, right, wrong_certain = accuracy()
    print(
        f"wikitext truth: {total} glued links, boundary right {right} ({right / total:.1%}), "
        f"wrong but marked certain {wrong_certain}"
    )


if __name__ == "__main__":
    main()
