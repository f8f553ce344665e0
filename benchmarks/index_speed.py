"""Time the title-index pre-pass on a synthetic dump of >= 20,000 pages.

The dump (written to /tmp, never committed) repeats the real corpus articles
(raw/wikitext and, if present, ../shared/corpus/wikitext) under generated
titles, plus one redirect per three articles (half `#REDIRECT`, half `#重定向`)
and a few chains; it is synthetic and labelled so. Reports the pre-pass time,
pages per second, the SQLite file size and the redirect export time. Then the
same for folders of article files (a folder is indexed as a dump is): as many
`.wiki` files (the corpus wikitext under generated names) and `.md` files (the
corpus markdown), each built cold and then reused (the listing's stat key).

    .venv/bin/python benchmarks/index_speed.py [--pages 20000] [--dir /tmp/extractor-index-bench]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

from make_dump import HEADER, page_xml  # noqa: E402

from extractor.index import TitleIndex, ensure_index, write_redirects  # noqa: E402
from extractor.index_build import build_index  # noqa: E402


def articles() -> list[str]:
    folders = [ROOT / "raw" / "wikitext", ROOT.parent / "shared" / "corpus" / "wikitext"]
    return [
        p.read_text(encoding="utf-8") for folder in folders if folder.is_dir() for p in sorted(folder.glob("*.wiki"))
    ]


def write_dump(path: Path, pages: int) -> int:
    texts = articles()
    count = 0
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER.replace("-->", "SYNTHETIC BENCHMARK DUMP: generated titles -->"))
        for i in range(pages):
            count += 1
            if i % 4 == 3:
                keyword = "#REDIRECT" if i % 8 == 3 else "#重定向"
                f.write(page_xml(count, f"合成重定向{i}", 0, f"{keyword} [[合成条目{i - 1}]]"))
            else:
                f.write(page_xml(count, f"合成条目{i}", 0, texts[i % len(texts)]))
        f.write("</mediawiki>\n")
    return count


def write_folder(folder: Path, suffix: str, sources: list[Path], files: int) -> int:
    """`files` article files named 合成条目<n><suffix>, cycling through `sources`' texts."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in sources]
    for n in range(files):
        (folder / f"合成条目{n}{suffix}").write_text(texts[n % len(texts)], encoding="utf-8")
    return files


def time_folder(folder: Path, cache: Path) -> tuple[float, float]:
    """Seconds to build the folder's index cold, and to find it reusable."""
    files = sorted(folder.iterdir())
    started = time.perf_counter()
    ensure_index(files, cache)
    built = time.perf_counter() - started
    started = time.perf_counter()
    ensure_index(files, cache)
    return built, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=20000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/extractor-index-bench"))
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    dump, db = args.dir / "synthetic-pages-articles.xml", args.dir / "titles.sqlite"
    pages = write_dump(dump, args.pages)
    started = time.perf_counter()
    build_index(dump, db)
    built = time.perf_counter() - started
    index = TitleIndex(db)
    started = time.perf_counter()
    redirects = write_redirects(index, args.dir / "redirects.jsonl")
    exported = time.perf_counter() - started
    mib = 1 << 20
    print(f"dump: {pages} pages, {dump.stat().st_size / mib:.1f} MiB")
    print(f"pre-pass: {built:.2f} s ({pages / built:,.0f} pages/s); SQLite {db.stat().st_size / mib:.2f} MiB")
    print(f"redirect export: {redirects} redirects in {exported:.2f} s")
    corpus = ROOT.parent / "shared" / "corpus"
    for suffix, kind in ((".wiki", "wikitext"), (".md", "markdown")):
        sources = sorted((corpus / kind).glob(f"*{suffix}"))
        if not sources:
            continue
        folder = args.dir / f"folder{suffix}"
        shutil.rmtree(folder, ignore_errors=True)
        files = write_folder(folder, suffix, sources, args.pages)
        shutil.rmtree(args.dir / "cache", ignore_errors=True)
        built, reused = time_folder(folder, args.dir / "cache")
        rate = files / built
        print(f"folder of {files} {suffix} files: built in {built:.2f} s ({rate:,.0f} pages/s), ", end="")
        print(f"reused in {reused:.2f} s")


if __name__ == "__main__":
    main()
