"""The same article parsed from wikitext and from its pandoc-markdown rendering.

The shared corpus has four articles in both forms (different revisions for
香云纱 and, for categories, 中上健次), so the records are compared by overlap
(Jaccard of the sets), not equality; the bounds below are what the two parsers
reach today and a drop below them is a regression in one of the parsers.
"""

from pathlib import Path

import pytest

from extractor import process_page
from extractor.sources.files import read_markdown, read_wikitext

ROOT = Path(__file__).resolve().parent.parent

# article: (min link-target overlap, min category overlap, min date-value overlap)
PAIRS = {
    "中上健次": (0.98, 0.5, 0.95),  # the markdown revision renamed a category (和歌山縣 / 新宮市)
    "赣江": (0.98, 0.98, 0.95),
    "_NET框架": (0.98, 0.98, 0.95),
    "香云纱": (0.65, 0.6, 0.95),  # different revisions: links to 西樵 / 陈村 / 永乐 were retargeted
}


def _record(reader, path: Path) -> dict:
    (page,) = reader(path, str(path.relative_to(ROOT)))
    return process_page(page)


def _overlap(a, b) -> float:
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a | b else 1.0


@pytest.mark.parametrize("name", list(PAIRS))
def test_wikitext_and_markdown_records_agree(name):
    wiki = _record(read_wikitext, ROOT / "raw" / "wikitext" / f"{name}.wiki")
    md = _record(read_markdown, ROOT / "raw" / "markdown" / f"{name}.md")
    links = _overlap([x["target"] for x in wiki["links"]], [x["target"] for x in md["links"]])
    categories = _overlap(wiki["categories"], md["categories"])
    text_dates = [[d["value"] for d in r["dates"] if d.get("source", "text") == "text"] for r in (wiki, md)]
    dates = _overlap(*text_dates)  # infobox and reference dates exist in the wikitext form only
    print(f"{name}: links {links:.2f} categories {categories:.2f} dates {dates:.2f}")
    low_links, low_categories, low_dates = PAIRS[name]
    assert links >= low_links and categories >= low_categories and dates >= low_dates
    assert wiki["title"] == md["title"]
    assert abs(len(wiki["text"]) - len(md["text"])) / len(wiki["text"]) < 0.05
