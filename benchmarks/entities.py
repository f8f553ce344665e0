"""Entity benchmark on the hand-annotated set tests/fixtures/entities_eval.jsonl.

Reports, over all articles:
- typed named entities: precision, recall, F1. A system entity counts when it
  has a mention and an OntoNotes named-entity label (CONCEPT and null are not
  named entities); it matches a gold entity when their names or aliases meet
  (exact names first), and is right when the label is the gold label.
- unlinked mentions: recall and precision of `linked: false` spans, for the
  entities both sides have (a mention is right when its span is a gold span of
  the matched gold entity); recall over every gold entity is shown too.

Honest measurement: the articles sorted by file name are split into a
development half (the first 11, the only ones rules were tuned on) and a
held-out half (the other 10); `--split` picks one (default: all).

    .venv/bin/python benchmarks/entities.py [--details] [--split dev|heldout|all|fresh|fresh2|fresh3] [--index corpus]

`--index corpus` gives every article the title index of the whole corpus (both formats) and the
evaluation copies, as a run over those folders together has it (the dump-level measurement).

`fresh` scores tests/fixtures/entities_fresh.jsonl instead: 8 more articles
annotated after the rules were written, by annotators who never saw the
system's output (how: entities_eval.md). `fresh2` scores
tests/fixtures/entities_fresh2.jsonl: 4 more articles (the next shortest of
each format), annotated in the entity-typing session after `fresh`'s misses had
been read, before any system output for them was seen (entities_fresh2.spec).
`fresh3` scores tests/fixtures/entities_fresh3.jsonl: 4 more articles, annotated by
a helper session from the clean text alone after `fresh2`'s misses had been read
(entities_fresh3.spec).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from os.path import basename
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.index import TitleIndex, ensure_index  # noqa: E402
from extractor.options import Options  # noqa: E402
from extractor.pipeline import process_page  # noqa: E402
from extractor.sources import find_inputs, reader_for  # noqa: E402

SHARED = Path(os.environ.get("EXTRACTOR_SHARED", ROOT.parent / "shared"))

GOLD = ROOT / "tests" / "fixtures" / "entities_eval.jsonl"
FRESH = ROOT / "tests" / "fixtures" / "entities_fresh.jsonl"  # annotated after the rules were written
FRESH2 = ROOT / "tests" / "fixtures" / "entities_fresh2.jsonl"  # annotated after `fresh`'s misses were read
FRESH3 = ROOT / "tests" / "fixtures" / "entities_fresh3.jsonl"  # annotated after `fresh2`'s misses were read
FRESH_SETS = {"fresh": FRESH, "fresh2": FRESH2, "fresh3": FRESH3}
DEV_SIZE = 11
NAMED = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}


INDEX: list[TitleIndex] = []  # --index corpus: the one title index every article resolves through


def corpus_index() -> TitleIndex:
    """One title index over every corpus article (both formats) and the evaluation copies, as a run
    over those folders together builds it: links between corpus articles resolve and linked pages
    are typed from their own categories and infoboxes."""
    folders = [str(SHARED / "corpus" / "wikitext"), str(SHARED / "corpus" / "markdown")]
    folders.append(str(ROOT / "tests" / "fixtures" / "entities"))
    return TitleIndex(ensure_index([path for path, _ in find_inputs(folders)]))


def system_record(path: str) -> dict:
    (page,) = list(reader_for(ROOT / path)(ROOT / path, path))[:1]
    index = INDEX[0] if INDEX else None
    record = process_page(page, Options(), index.groups if index else None, index=index)
    if not isinstance(record, dict):
        raise SystemExit(f"{path}: {record}")
    return record


def names_of(entity: dict, text: str | None = None) -> set[str]:
    names = {entity["name"], *entity["aliases"]}
    if text is not None:
        names |= {text[m["start"] : m["end"]] for m in entity["mentions"]}
    return names


def match(gold: list[dict], system: list[dict], text: str) -> dict[int, int]:
    """system index -> gold index, one to one: exact names first, then any shared name."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for exact in (True, False):
        for si, s in enumerate(system):
            if si in pairs:
                continue
            s_names = {s["name"]} if exact else names_of(s, text)
            for gi, g in enumerate(gold):
                g_names = {g["name"]} if exact else names_of(g)
                if gi not in used and s_names & g_names:
                    pairs[si] = gi
                    used.add(gi)
                    break
    return pairs


def score_article(row: dict, details: bool) -> dict:
    record = system_record(row["path"])
    text = record["text"]
    if hashlib.sha256(text.encode()).hexdigest() != row["text_sha256"]:
        print(f"warning: {row['path']}: clean text changed since annotation", file=sys.stderr)
    gold = row["entities"]
    system = [e for e in record["entities"] if e["mentions"]]
    pairs = match(gold, system, text)
    typed = [si for si, s in enumerate(system) if s["type"] in NAMED]
    correct = [si for si in typed if si in pairs and system[si]["type"] == gold[pairs[si]]["type"]]
    links = {(lk["start"], lk["end"]) for lk in record["links"]}
    gold_unlinked = {gi: {tuple(m) for m in g["mentions"]} - links for gi, g in enumerate(gold)}
    matched_gold = set(pairs.values())
    found = {(si, (m["start"], m["end"])) for si, s in enumerate(system) for m in s["mentions"] if not m["linked"]}
    counted = [(si, span) for si, span in found if si in pairs or system[si]["type"] in NAMED]
    right = [(si, span) for si, span in counted if si in pairs and span in gold_unlinked[pairs[si]]]
    if details:
        _show(row["path"], gold, system, pairs, typed, correct, text)
        wanted = {(pairs[si], span) for si, span in counted if si in pairs}
        missed = sorted(span for gi in matched_gold for span in gold_unlinked[gi] if (gi, span) not in wanted)
        _show_mentions(text, sorted(set(counted) - set(right), key=lambda c: c[1]), missed, system)
    return {
        "gold": len(gold),
        "typed": len(typed),
        "correct": len(correct),
        "gold_mentions_matched": sum(len(gold_unlinked[gi]) for gi in matched_gold),
        "gold_mentions_all": sum(len(v) for v in gold_unlinked.values()),
        "system_mentions": len(counted),
        "right_mentions": len(right),
    }


def _show(path, gold, system, pairs, typed, correct, text) -> None:
    print(f"== {path}")
    for si in typed:
        if si not in correct:
            want = gold[pairs[si]]["type"] if si in pairs else "(not gold)"
            print(f"  FP {system[si]['name']} {system[si]['type']}/{system[si]['type_source']} gold={want}")
    hit = {pairs[si] for si in correct}
    for gi, g in enumerate(gold):
        if gi not in hit:
            got = next((system[si] for si, g2 in pairs.items() if g2 == gi), None)
            print(f"  FN {g['name']} {g['type']} system={got and (got['name'], got['type'], got['type_source'])}")


def split_rows(rows: list[dict], split: str) -> list[dict]:
    """The development half (first 11 by file name), the held-out half, or all."""
    ordered = sorted(rows, key=lambda row: basename(row["path"]))
    halves = {"dev": ordered[:DEV_SIZE], "heldout": ordered[DEV_SIZE:], "all": ordered}
    if split not in halves:
        raise SystemExit(f"--split must be one of {', '.join(halves)}")
    return halves[split]


def _option(argv: list[str], name: str, default: str) -> str:
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return default


def _show_mentions(text: str, wrong: list, missed: list, system: list[dict]) -> None:
    """Unlinked mentions the system got wrong (MFP) or missed (MFN), with ten characters of context."""

    def context(start: int, end: int) -> str:
        return f"{text[max(start - 10, 0) : start]}[{text[start:end]}]{text[end : end + 10]}".replace("\n", " ")

    for si, (start, end) in wrong:
        print(f"  MFP {system[si]['name']}: {context(start, end)}")
    for start, end in missed:
        print(f"  MFN {context(start, end)}")


def main(argv: list[str]) -> None:
    split = _option(argv, "--split", "all")
    if _option(argv, "--index", "none") == "corpus":
        INDEX.append(corpus_index())
    if split in FRESH_SETS:
        path = FRESH_SETS[split]
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    else:
        rows = split_rows([json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()], split)
    totals: dict[str, int] = {}
    for row in rows:
        for key, value in score_article(row, "--details" in argv).items():
            totals[key] = totals.get(key, 0) + value
    p = totals["correct"] / max(totals["typed"], 1)
    r = totals["correct"] / max(totals["gold"], 1)
    f1 = 2 * p * r / max(p + r, 1e-9)
    mp = totals["right_mentions"] / max(totals["system_mentions"], 1)
    mr = totals["right_mentions"] / max(totals["gold_mentions_matched"], 1)
    mr_all = totals["right_mentions"] / max(totals["gold_mentions_all"], 1)
    mode = "with the corpus title index" if INDEX else "single files"
    print(
        f"split {split} ({mode}): articles {len(rows)}; gold entities {totals['gold']}; "
        f"system typed entities {totals['typed']}"
    )
    print(f"typed entities: precision {p:.3f} recall {r:.3f} F1 {f1:.3f}")
    print(
        f"unlinked mentions (matched entities): precision {mp:.3f} recall {mr:.3f} "
        f"({totals['right_mentions']}/{totals['gold_mentions_matched']}); recall over all gold entities {mr_all:.3f}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
