"""Markup residue and text length: extractor vs wikiextractor vs mwparserfromhell's strip_code().

All three tools read the same articles (every file of ../shared/corpus/wikitext, packed into one
MediaWiki export by tests/fixtures/make_dump.py) and the script counts, per tool, the records whose
text still holds markup a reader never sees. wikiextractor is benchmark-only: install it in its own
venv and pass that venv's python:

    python3 -m venv /tmp/wx && /tmp/wx/bin/pip install wikiextractor
    .venv/bin/python benchmarks/residue.py --wikiextractor-python /tmp/wx/bin/python
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import mwparserfromhell

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
sys.path.insert(0, str(ROOT))

from make_dump import build  # noqa: E402

from extractor import Options, process_page  # noqa: E402
from extractor.sources.xml_dump import read_dump  # noqa: E402

RESIDUE = ["{{", "}}", "[[", "]]", "'''", "<ref", "-{", "}-", "&nbsp;", "__TOC__", "{|", "|}", "<!--"]
EMPTY_BRACKETS = re.compile(r"[（(][\s，,、；;：:]*[）)]")


def residue_kinds(text: str) -> list[str]:
    kinds = [r for r in RESIDUE if r in text]
    return kinds + (["empty brackets"] if EMPTY_BRACKETS.search(text) else [])


def ours(dump: Path) -> tuple[dict[str, str], float]:
    start = time.perf_counter()
    texts = {}
    for page in read_dump(dump, str(dump)):
        record = process_page(page, Options())
        texts[page.title] = record["text"] if isinstance(record, dict) else ""
    return texts, time.perf_counter() - start


def strip_code(dump: Path) -> tuple[dict[str, str], float]:
    pages = list(read_dump(dump, str(dump)))
    start = time.perf_counter()
    texts = {p.title: mwparserfromhell.parse(p.markup).strip_code() for p in pages}
    return texts, time.perf_counter() - start


def wikiextractor(dump: Path, python: str) -> tuple[dict[str, str], float]:
    out = Path(tempfile.mkdtemp())
    command = [python, "-m", "wikiextractor.WikiExtractor", str(dump), "--json", "--no-templates", "-q", "-o", str(out)]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    elapsed = time.perf_counter() - start
    texts = {}
    for part in sorted(out.rglob("wiki_*")):
        for line in part.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            texts[doc["title"]] = doc["text"]
    return texts, elapsed


def report(name: str, texts: dict[str, str], seconds: float) -> str:
    dirty = {t: residue_kinds(x) for t, x in texts.items() if residue_kinds(x)}
    kinds: dict[str, int] = {}
    for found in dirty.values():
        for kind in found:
            kinds[kind] = kinds.get(kind, 0) + 1
    top = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])[:6]) or "-"
    chars = sum(len(x) for x in texts.values())
    return f"| {name} | {len(texts)} | {len(dirty)} | {chars:,} | {seconds:.2f} | {top} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wikiextractor-python", help="python of a venv where wikiextractor is installed")
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "wikitext"))
    args = parser.parse_args()
    dump = Path(tempfile.mkdtemp()) / "corpus-pages-articles.xml"
    pages = sorted(Path(args.corpus).glob("*.wiki"))
    dump.write_text(build(pages), encoding="utf-8")
    print(f"{len(pages)} articles from {args.corpus}\n")
    print("| tool | pages | pages with residue | text chars | seconds | residue kinds (pages) |")
    print("|---|---|---|---|---|---|")
    print(report("extractor", *ours(dump)))
    print(report("mwparserfromhell strip_code()", *strip_code(dump)))
    if args.wikiextractor_python:
        print(report("wikiextractor --json --no-templates", *wikiextractor(dump, args.wikiextractor_python)))
    else:
        print("| wikiextractor | not installed (pass --wikiextractor-python) | | | | |")


if __name__ == "__main__":
    main()
