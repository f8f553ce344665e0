"""Subject typing: how well a page's type follows from the facts the title index keeps of it.

Every corpus article (../shared/corpus/wikitext/*.wiki, ../shared/corpus/markdown/*.md) has a
hand-annotated gold OntoNotes type for its subject (tests/fixtures/subject_types.tsv, annotated
from the lead before any system output was seen). The system's type is what a link to that page
gets in a dump run: `index_build.page_row` makes the page's index row (first infobox template,
categories, disambiguation flag: the same regexes as the index pre-pass), and
`typing.entity_type(title, Evidence(infobox, categories, disambig, linked=True))` types it, as
`entities._evidence` does for a link target with a PageInfo.

Scores (gold CONCEPT means "no named entity": null or CONCEPT is right there, a named type wrong):
- accuracy: right / articles (a null type for a named subject is a miss);
- coverage: articles given a type (any label) / articles;
- wrong: a type that is not the gold type (a named type for a CONCEPT subject, or another label).
`facts only` repeats the count with the infobox and category signals alone (no name rules).

    .venv/bin/python benchmarks/subject_types.py [--details]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.extract.typing import Evidence, category_type, entity_type, infobox_type  # noqa: E402
from extractor.index_build import page_row  # noqa: E402
from extractor.sources import reader_for  # noqa: E402

CORPUS = Path(os.environ.get("EXTRACTOR_SHARED", ROOT.parent / "shared")) / "corpus"
GOLD = ROOT / "tests" / "fixtures" / "subject_types.tsv"
NOT_NAMED = {None, "CONCEPT"}


def gold_rows() -> list[dict[str, str]]:
    lines = [line for line in GOLD.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


def system_types(path: Path) -> tuple[str | None, str | None, str | None, str]:
    """(type, type_source, facts-only type, facts shown) of the page at `path`."""
    (page,) = list(reader_for(path)(path, str(path)))[:1]
    row = page_row(page)
    categories = tuple(filter(None, row.categories.split("\n")))
    evidence = Evidence(row.infobox, categories, bool(row.disambig), True)
    label, source = entity_type(row.title, evidence)
    facts = None if row.disambig else infobox_type(row.infobox) or category_type(categories)
    shown = f"infobox={row.infobox!r} categories={list(categories)[:6]}"
    return label, source, facts, shown


def right(gold: str, label: str | None) -> bool:
    return label in NOT_NAMED if gold == "CONCEPT" else label == gold


def wrong(gold: str, label: str | None) -> bool:
    """A label that is not the gold one; CONCEPT for a named subject is wrong too (it says "no entity")."""
    return label is not None and not right(gold, label)


def score() -> dict:
    rows = gold_rows()
    results = []
    for row in rows:
        label, source, facts, shown = system_types(CORPUS / row["file"])
        results.append({**row, "label": label, "source": source, "facts": facts, "shown": shown})
    total = len(results)

    def summary(key: str) -> dict:
        return {
            "accuracy": sum(right(r["gold"], r[key]) for r in results) / total,
            "coverage": sum(r[key] is not None for r in results) / total,
            "wrong": [r for r in results if wrong(r["gold"], r[key])],
        }

    return {"articles": total, "results": results, "system": summary("label"), "facts": summary("facts")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--details", action="store_true", help="list every miss")
    args = parser.parse_args()
    report = score()
    print(f"articles {report['articles']}")
    for key, title in (("system", "index facts + name rules (as a link is typed)"), ("facts", "facts only")):
        s = report[key]
        print(f"{title}: accuracy {s['accuracy']:.3f} coverage {s['coverage']:.3f} wrong {len(s['wrong'])}")
        for r in s["wrong"]:
            print(f"  WRONG {r['file']}: gold {r['gold']} system {r[key if key == 'facts' else 'label']} "
                  f"({r['source'] if key == 'system' else 'facts'}) {r['shown']}")
    if args.details:
        for r in report["results"]:
            if not right(r["gold"], r["label"]):
                print(f"  MISS {r['file']}: gold {r['gold']} system {r['label']} ({r['source']}) {r['shown']}")


if __name__ == "__main__":
    main()
