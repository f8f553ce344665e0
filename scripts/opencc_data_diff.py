"""What the vendored OpenCC data change on real text: every corpus file converted with each config
of the variants, with opencc-python-reimplemented's own (older) data and with the vendored data
(both by fastcc, the same matching), and the changed spans counted.

    .venv/bin/python scripts/opencc_data_diff.py [--corpus ../shared/corpus] [--top 25]

A changed span is a differing stretch of the two outputs of one line (difflib opcodes), widened
by up to CONTEXT equal CJK characters on each side, so that a count reads as a phrase,
"old -> new".
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.normalize import fastcc, opencc_backend  # noqa: E402
from extractor.normalize.opencc_dicts import REIMPLEMENTATION, VENDORED  # noqa: E402

CONFIGS = sorted({c for c in opencc_backend.CONFIGS.values() if c})
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
CONTEXT = 2


def changed(old: str, new: str) -> list[tuple[str, str]]:
    """(old span, new span) of each differing stretch, widened by up to CONTEXT CJK characters."""
    out = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        a1, a2, b1, b2 = i1, i2, j1, j2
        while a1 > max(0, i1 - CONTEXT) and b1 > 0 and CJK.match(old[a1 - 1]) and old[a1 - 1] == new[b1 - 1]:
            a1, b1 = a1 - 1, b1 - 1
        while a2 < min(len(old), i2 + CONTEXT) and b2 < len(new) and CJK.match(old[a2]) and old[a2] == new[b2]:
            a2, b2 = a2 + 1, b2 + 1
        out.append((old[a1:a2], new[b1:b2]))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    files = sorted(args.corpus.glob("wikitext/*.wiki")) + sorted(args.corpus.glob("markdown/*.md"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    chars = sum(map(len, texts))
    print(f"{len(files)} files, {chars} characters")
    for config in CONFIGS:
        old_convert = fastcc.converter(config, REIMPLEMENTATION)
        new_convert = fastcc.converter(config, VENDORED)
        counts: Counter[tuple[str, str]] = Counter()
        lines = changed_files = 0
        start = time.perf_counter()
        for text in texts:
            old, new = old_convert(text), new_convert(text)
            if old == new:
                continue
            changed_files += 1
            for old_line, new_line in zip(old.split("\n"), new.split("\n"), strict=True):
                if old_line != new_line:
                    lines += 1
                    counts.update(changed(old_line, new_line))
        total = sum(counts.values())
        print(
            f"\n## {config}: {changed_files}/{len(files)} files, {lines} lines, {total} spans changed "
            f"({len(counts)} distinct; {time.perf_counter() - start:.1f} s)"
        )
        for (old_span, new_span), n in counts.most_common(args.top):
            print(f"{n:6d}  {old_span} -> {new_span}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
