"""Time process_page on synthetic hostile pages: long runs that make a careless regex quadratic.

Every page here is synthetic (labelled so) and built to stress one stage: a run of one character,
tens of thousands of list items, links, institution heads, cast notes, role words, mixed scripts.
A page of this size should take seconds, never minutes; a jump between runs points at a pattern
that retries from every position.

    .venv/bin/python benchmarks/hostile.py [--scale 1.0]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.model import Page  # noqa: E402
from extractor.options import Options  # noqa: E402
from extractor.pipeline import process_page  # noqa: E402

_CHARS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土"
_TITLES = "".join(f"《书{a}{b}{c}》" for a in _CHARS for b in _CHARS for c in _CHARS)  # 19,683 distinct names

PAGES = {  # name -> (unit, repeats)
    "distinct titles, one first character": (_TITLES, 1),
    "one character": ("中", 100_000),
    "list items": ("王小明、", 20_000),
    "linked list items": ("[[北京]]、", 20_000),
    "institution heads": ("上海射击队中心大学公司集团", 5_000),
    "cast notes": ("养父唐秋水(吴孟达饰)", 5_000),
    "role words": ("教练是翁绍兴，", 10_000),
    "Latin names": ("Aaaa B. Cccc、", 5_000),
    "mixed scripts": ("日本東京大学の学生、アメリカ人。ab cd ", 5_000),
}


def main(argv: list[str]) -> None:
    scale = float(argv[argv.index("--scale") + 1]) if "--scale" in argv else 1.0
    process_page(Page(markup="中国", format="wikitext", path="warm.wiki", title="测试"), Options())  # load tables
    print("| page (synthetic) | characters | outcome | seconds |\n|---|---|---|---|")
    for name, (unit, repeats) in PAGES.items():
        markup = unit * max(int(repeats * scale), 1)
        start = time.perf_counter()
        result = process_page(Page(markup=markup, format="wikitext", path="hostile.wiki", title="测试"), Options())
        outcome = "record" if isinstance(result, dict) else type(result).__name__
        print(f"| {name} | {len(markup):,} | {outcome} | {time.perf_counter() - start:.2f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
