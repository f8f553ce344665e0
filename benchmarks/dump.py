"""Whole-dump throughput: `extractor run` against wikiextractor, same dump, interleaved rounds.

The dump is SYNTHETIC (written under `--dir`, default /tmp/extractor-dump-bench, never committed):
every corpus article (raw/wikitext and ../shared/corpus/wikitext) repeated under generated titles
and ids, one page in ten a `#REDIRECT [[...]]` page with its `<redirect title=.../>`, as real dumps
have. It is written in the three forms MediaWiki publishes: plain `.xml`, `.xml.bz2`, and
`-pages-articles-multistream.xml.bz2` (siteinfo in its own bz2 stream, then streams of 100 pages,
then `</mediawiki>` in its own stream) with its `-multistream-index.txt.bz2` (`offset:page_id:title`).
The files are rebuilt only when missing (or the corpus changed); every index offset is checked to be
the start of a bz2 stream holding exactly the pages the index lists there.

What is measured, on the `--input` form (default bz2), one process per run:
- wall time of `wikiextractor --json --no-templates --processes 1` and of `extractor run --workers 1`
  for each `--profile` (full; text-zh = `--fields text --variant zh`; text-hans = `--fields text
  --variant zh-hans`), interleaved (A B C D A B C D ...) for `--rounds` rounds. Our time includes the
  title-index pre-pass: every run gets a fresh, empty EXTRACTOR_CACHE. pages/s counts ARTICLE pages
  (namespace 0, not redirects) for both tools: wikiextractor skips redirects; extractor also writes
  a (small) record for each redirect, which is not counted. MB/s is uncompressed XML (10^6 bytes).
  Each run's output is checked (wikiextractor: one JSON line per article; extractor: the manifest
  reconciles, every page read) and the script fails loudly otherwise.
- peak memory (KiB) of `extractor run --limit 5000` and of the whole dump (full profile), and of
  wikiextractor's whole-dump run: the largest sum of Pss over the command's process tree, sampled
  every 0.2 s (extractor: the parent, the forkserver and the workers; wikiextractor: its reader,
  extract worker and reducer), or the command's own ru_maxrss if that is larger.
- ms/page per stage, in this process, on the first `--stage-pages` article pages of the dump, by
  wrapping the functions `extractor.pipeline` calls (benchmarks/stages.py's STAGES / instrument;
  a stage whose function is gone from the pipeline shows n/a), plus reading the dump and JSON encoding.

wikiextractor lives in its own venv (`--wikiextractor-python`). Python >= 3.11 rejects a global flag in
the middle of a pattern, and wikiextractor 3.0.x's extract.py compiles `'\\[(((?i)' + ...`
(ExtLinkBracketedRegex): `re.error: global flags not at the start of the expression`. When the
installed copy has that text, the script moves the `(?i)` to the start of the pattern
(`'(?i)\\[((' + ...`, same meaning: the flag applies to the whole pattern either way), once; PyPI's
3.1.0 already has `r'(?i)\\[((' + ...` and is left untouched.

    python3 -m venv /work/bench-venv-wx && /work/bench-venv-wx/bin/pip install wikiextractor
    .venv/bin/python benchmarks/dump.py                      # 20,000 pages, bz2, 3 rounds, all profiles
    .venv/bin/python benchmarks/dump.py --quick              # 2,000 pages, 1 round: a smoke run
    .venv/bin/python benchmarks/dump.py --pages 2000 --rounds 1 --input multistream --json /tmp/dump.json
"""

from __future__ import annotations

import argparse
import bz2
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

import stages  # noqa: E402
from index_speed import articles  # noqa: E402
from make_dump import HEADER, page_xml  # noqa: E402

import extractor.pipeline as pipeline  # noqa: E402
from extractor import Options, Page, __version__  # noqa: E402
from extractor.sinks.jsonl import dumps  # noqa: E402
from extractor.sources.xml_dump import read_dump  # noqa: E402

REDIRECT_EVERY = 10  # one page in ten is a redirect
STREAM_PAGES = 100  # pages per bz2 stream of the multistream file, as MediaWiki writes them
DUMP_FORMAT = 2  # bump when the generated dump changes, so cached dumps are rebuilt
MB = 1_000_000
FOOTER = b"</mediawiki>\n"
PROFILES = {
    "full": [],
    "text-zh": ["--fields", "text", "--variant", "zh"],
    "text-hans": ["--fields", "text", "--variant", "zh-hans"],
}
WX_BROKEN, WX_FIXED = r"\[(((?i)", r"(?i)\[(("  # wikiextractor 3.0.x extract.py, ExtLinkBracketedRegex


# ---------------------------------------------------------------- the dump


@dataclass
class Dump:
    forms: dict[str, Path]  # xml, bz2, multistream, index
    pages: int
    articles: int
    xml_bytes: int


def dump_paths(folder: Path, pages: int) -> dict[str, Path]:
    stem = folder / f"zhwiki-synthetic{pages}-pages-articles"
    return {
        "xml": Path(f"{stem}.xml"),
        "bz2": Path(f"{stem}.xml.bz2"),
        "multistream": Path(f"{stem}-multistream.xml.bz2"),
        "index": Path(f"{stem}-multistream-index.txt.bz2"),
        "meta": Path(f"{stem}.json"),
    }


def synthetic_pages(pages: int, texts: list[str]) -> Iterator[tuple[int, str, str]]:
    """(page id, title, page XML): the corpus articles in turn, every tenth page a redirect."""
    for i in range(pages):
        page_id = i + 1
        if i % REDIRECT_EVERY == REDIRECT_EVERY - 1:
            title, text = f"合成重定向{i}", f"#REDIRECT [[合成条目{i - 1}]]"
        else:
            title, text = f"合成条目{i}", texts[i % len(texts)]
        yield page_id, title, page_xml(page_id, title, 0, text)


def header() -> bytes:
    """make_dump's <mediawiki> and <siteinfo>, with a comment saying what this dump is."""
    label = (
        "  <!-- SYNTHETIC BENCHMARK DUMP written by benchmarks/dump.py: real corpus articles (raw/SOURCES.md,"
        " ../shared/corpus) repeated under generated titles and ids; one page in ten a redirect -->\n"
    )
    return (HEADER.rsplit("  <!--", 1)[0] + label).encode()


def write_forms(paths: dict[str, Path], pages: int, texts: list[str]) -> int:
    """Writes the xml, bz2, multistream and index files (under .partial names); returns the article count."""
    tmp = {form: path.with_name(path.name + ".partial") for form, path in paths.items() if form != "meta"}
    count = 0
    with (
        open(tmp["xml"], "wb") as xml,
        bz2.open(tmp["bz2"], "wb") as single,
        open(tmp["multistream"], "wb") as multi,
        bz2.open(tmp["index"], "wt", encoding="utf-8") as index,
    ):

        def write(data: bytes) -> int:
            """Appends `data` to the three forms; returns its stream's offset in the multistream file."""
            offset = multi.tell()
            xml.write(data)
            single.write(data)
            multi.write(bz2.compress(data))
            return offset

        write(header())
        generated = synthetic_pages(pages, texts)
        while batch := list(islice(generated, STREAM_PAGES)):
            offset = write("".join(page for _, _, page in batch).encode())
            index.writelines(f"{offset}:{page_id}:{title}\n" for page_id, title, _ in batch)
            count += sum(not title.startswith("合成重定向") for _, title, _ in batch)
        write(FOOTER)
    for form, path in tmp.items():
        path.rename(paths[form])
    return count


def one_stream(f: IO[bytes]) -> bytes:
    """Decompresses the one bz2 stream at the file's position and leaves the file at its end."""
    decompressor, out = bz2.BZ2Decompressor(), []
    while not decompressor.eof:
        chunk = f.read(1 << 16)
        if not chunk:
            raise ValueError("truncated bz2 stream")
        out.append(decompressor.decompress(chunk))
    f.seek(-len(decompressor.unused_data), os.SEEK_CUR)  # leave the file at the next stream
    return b"".join(out)


def check_multistream(data: Path, index: Path) -> int:
    """Every index offset starts a bz2 stream of `<page>`s with exactly the ids listed there; returns streams."""
    streams: dict[int, list[str]] = defaultdict(list)
    with bz2.open(index, "rt", encoding="utf-8") as f:
        for line in f:
            offset, page_id, _title = line.rstrip("\n").split(":", 2)
            streams[int(offset)].append(page_id)
    with open(data, "rb") as f:
        assert one_stream(f).startswith(b"<mediawiki"), "first stream is not the header"
        for offset, ids in streams.items():
            f.seek(offset)
            text = one_stream(f).decode("utf-8")
            assert text.lstrip().startswith("<page>"), f"offset {offset}: stream does not start with <page>"
            found = re.findall(r"<page>\s*<title>[^<]*</title>\s*<ns>\d+</ns>\s*<id>(\d+)</id>", text)
            assert found == ids, f"offset {offset}: pages {found[:3]}... but the index lists {ids[:3]}..."
        assert one_stream(f) == FOOTER, "last stream is not </mediawiki>"
        assert not f.read(), "bytes after the last stream"
    return len(streams)


def corpus_key(texts: list[str]) -> str:
    digest = hashlib.sha256(f"{DUMP_FORMAT}".encode())
    for text in texts:
        digest.update(hashlib.sha256(text.encode()).digest())
    return digest.hexdigest()


def ensure_dump(folder: Path, pages: int) -> Dump:
    """The cached dump of `pages` pages, built (and its multistream index checked) when missing or stale."""
    folder.mkdir(parents=True, exist_ok=True)
    paths, texts = dump_paths(folder, pages), articles()
    key = corpus_key(texts)
    meta = json.loads(paths["meta"].read_text()) if paths["meta"].exists() else {}
    if meta.get("key") != key or not all(p.exists() for p in paths.values()):
        started = time.perf_counter()
        print(f"dump: writing {pages} pages ({len(texts)} corpus articles) to {folder}", file=sys.stderr)
        count = write_forms(paths, pages, texts)
        streams = check_multistream(paths["multistream"], paths["index"])
        meta = {"key": key, "pages": pages, "articles": count, "xml_bytes": paths["xml"].stat().st_size}
        paths["meta"].write_text(json.dumps(meta))
        print(
            f"dump: written in {time.perf_counter() - started:.0f} s; {streams} page streams checked", file=sys.stderr
        )
    forms = {form: path for form, path in paths.items() if form != "meta"}
    return Dump(forms, meta["pages"], meta["articles"], meta["xml_bytes"])


# ---------------------------------------------------------------- running the tools


@dataclass
class Child:
    seconds: float
    maxrss_kib: int


@dataclass
class Contestant:
    name: str
    command: list[str]  # "DUMP" stands for the dump's path
    out_flag: str  # the flag naming the output directory
    seconds: list[float] = field(default_factory=list)
    maxrss_kib: list[int] = field(default_factory=list)


def run_child(command: list[str], env: dict[str, str] | None = None) -> Child:
    """Runs `command` to completion; its wall time and the peak memory of its whole process tree
    (`tree_pss_kib`, sampled every 0.2 s: extractor's workers are the forkserver's children, which
    os.wait4's ru_maxrss never sees)."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, env=env)
        peak = [0]
        sampler = threading.Thread(target=_sample_tree, args=(proc.pid, peak), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-3000:]
            raise SystemExit(f"FAILED (exit {proc.returncode}): {' '.join(command)}\n{tail}")
    return Child(seconds, max(peak[0], usage.ru_maxrss))


def _sample_tree(root: int, peak: list[int]) -> None:
    """Keeps in `peak[0]` the largest sum of Pss (KiB: each shared page counted once across the
    processes sharing it) over `root` and its descendants, until `root` is gone."""
    while os.path.exists(f"/proc/{root}/stat"):
        peak[0] = max(peak[0], sum(_pss_kib(pid) for pid in _descendants(root)))
        time.sleep(0.2)


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as stat:
                    ppid = int(stat.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children[ppid].append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def wikiextractor_records(out: Path) -> int:
    return sum(1 for part in out.rglob("wiki_*") for line in part.open(encoding="utf-8") if line.strip())


def check_extractor(out: Path, expected_pages: int) -> None:
    counts = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["counts"]
    records = sum(1 for shard in out.glob("articles-*.jsonl") for line in shard.open(encoding="utf-8") if line.strip())
    reconciles = counts["pages_read"] == counts["records_written"] + counts["quarantined"] + counts["skipped"]
    if counts["pages_read"] != expected_pages or records != counts["records_written"] or not reconciles:
        raise SystemExit(
            f"extractor: read {counts['pages_read']} of {expected_pages} pages, {records} records: {counts}"
        )
    if counts["quarantined"]:
        print(
            f"  note: extractor quarantined {counts['quarantined']} pages: {counts['quarantined_by_code']}",
            file=sys.stderr,
        )


def run_once(contestant: Contestant, dump: Dump, path: Path, limit: int | None = None) -> Child:
    """One run into a fresh output folder and a fresh, empty EXTRACTOR_CACHE, checked, then deleted."""
    work = Path(tempfile.mkdtemp(prefix="dump-bench-"))
    try:
        out, env = work / "out", dict(os.environ, EXTRACTOR_CACHE=str(work / "cache"))
        command = [str(path) if part == "DUMP" else part for part in contestant.command]
        command += [contestant.out_flag, str(out), *(["--limit", str(limit)] if limit is not None else [])]
        child = run_child(command, env)
        if contestant.name == "wikiextractor":
            if (found := wikiextractor_records(out)) != dump.articles:
                raise SystemExit(f"wikiextractor wrote {found} records, expected {dump.articles} articles")
        else:
            check_extractor(out, limit or dump.pages)
        return child
    finally:
        shutil.rmtree(work, ignore_errors=True)


def interleave(contestants: list[Contestant], dump: Dump, path: Path, rounds: int) -> None:
    """A B C ... A B C ...: each round runs every contestant once, so load drifts hit them all alike."""
    for round_ in range(1, rounds + 1):
        for contestant in contestants:
            child = run_once(contestant, dump, path)
            contestant.seconds.append(child.seconds)
            contestant.maxrss_kib.append(child.maxrss_kib)
            rate = dump.articles / child.seconds
            print(
                f"round {round_}/{rounds} {contestant.name}: {child.seconds:.1f} s, {rate:.1f} pages/s", file=sys.stderr
            )


# ---------------------------------------------------------------- wikiextractor's venv


def ensure_wikiextractor(python: str) -> str:
    """Applies the Python >= 3.11 fix to the installed wikiextractor if it needs it; returns its version and what
    was done (see the module docstring)."""
    if not Path(python).exists():
        venv = Path(python).parent.parent
        raise SystemExit(f"{python} not found: python3 -m venv {venv} && {venv}/bin/pip install wikiextractor")
    locate = "import importlib.metadata as m, importlib.util as u; print(m.version('wikiextractor')); "
    locate += "print(u.find_spec('wikiextractor').submodule_search_locations[0])"
    found = subprocess.run([python, "-c", locate], capture_output=True, text=True, check=True).stdout
    version, package = found.splitlines()[:2]
    source = Path(package) / "extract.py"
    text = source.read_text(encoding="utf-8")
    done = "no fix needed: its ExtLinkBracketedRegex has (?i) first"
    if WX_BROKEN in text:
        source.write_text(text.replace(WX_BROKEN, WX_FIXED), encoding="utf-8")
        done = f"fixed: {WX_BROKEN!s} -> {WX_FIXED!s} in {source}"
    check = subprocess.run([python, "-c", "import wikiextractor.extract"], capture_output=True, text=True)
    if check.returncode:
        raise SystemExit(f"wikiextractor does not import under {python}:\n{check.stderr[-2000:]}")
    return f"wikiextractor {version} ({done})"


def ours(python: str, profile: str, workers: int = 1) -> Contestant:
    command = [python, "-m", "extractor", "run", "DUMP", "-q", "--workers", str(workers), *PROFILES[profile]]
    return Contestant(f"extractor {profile}" + (f" x{workers}" if workers > 1 else ""), command, "--out")


def contestants(args: argparse.Namespace) -> list[Contestant]:
    """wikiextractor first, then one contestant per available profile."""
    wx = [args.wikiextractor_python, "-m", "wikiextractor.WikiExtractor", "DUMP", "--json", "--no-templates"]
    chosen = [Contestant("wikiextractor", [*wx, "--processes", "1", "-q"], "-o")]
    run_help = [args.extractor_python, "-m", "extractor", "run", "--help"]
    help_text = subprocess.run(run_help, capture_output=True, text=True, check=True).stdout
    for name in args.profile or list(PROFILES):
        missing = [flag for flag in PROFILES[name] if flag.startswith("--") and flag not in help_text]
        if missing:
            print(
                f"profile {name}: skipped, `extractor run --help` does not list {', '.join(missing)}", file=sys.stderr
            )
            continue
        chosen += [ours(args.extractor_python, name, workers) for workers in args.workers]
    return chosen


# ---------------------------------------------------------------- peak RSS


def rss_figures(chosen: list[Contestant], dump: Dump, path: Path, limit: int, python: str) -> dict[str, int]:
    """Peak RSS (KiB): extractor full at `limit` pages and on the whole dump (its timed rounds when it
    had some), wikiextractor on the whole dump (its timed rounds)."""
    full = next((c for c in chosen if c.name == "extractor full"), None) or ours(python, "full")
    small = run_once(full, dump, path, limit)
    print(f"rss: extractor full --limit {limit}: {small.maxrss_kib / 1024:.0f} MiB", file=sys.stderr)
    whole = max(full.maxrss_kib) if full.maxrss_kib else run_once(full, dump, path).maxrss_kib
    return {
        "limit": limit,
        "extractor_limit": small.maxrss_kib,
        "extractor_full": whole,
        "wikiextractor_full": max(chosen[0].maxrss_kib),
    }


# ---------------------------------------------------------------- stages, in process


def first_articles(path: Path, n: int) -> tuple[list[Page], float]:
    """The first `n` article pages of the dump and the seconds spent reading them."""
    started, pages = time.perf_counter(), []
    for item in read_dump(path, str(path)):
        if isinstance(item, Page) and item.namespace == 0 and not item.redirect:
            pages.append(item)
            if len(pages) == n:
                break
    return pages, time.perf_counter() - started


def title_index(path: Path, cache: Path):
    """The dump's title index, as `extractor run` builds it (None, with a notice, if that API moved)."""
    try:
        from extractor.index import ensure_index, open_index

        return open_index(str(ensure_index(path, cache)))
    except Exception as exc:  # noqa: BLE001 - the pipeline is being refactored: degrade, don't crash
        print(f"stages: no title index ({type(exc).__name__}: {exc}); pages run without one", file=sys.stderr)
        return None


def stage_figures(path: Path, n: int) -> dict:
    """ms per article page for each stage, for the whole of process_page, for reading and for JSON encoding."""
    pages, read = first_articles(path, n)
    with tempfile.TemporaryDirectory(prefix="dump-bench-index-") as cache:
        index = title_index(path, Path(cache))
        groups = index.groups if index is not None else None
        spent: dict[str, float] = defaultdict(float)
        missing = stages.instrument(spent)
        options = Options()
        for page in pages[:20]:  # warm-up: jieba, OpenCC tables, schemas
            pipeline.process_page(page, options, groups, index=index)
        spent.clear()
        started = time.perf_counter()
        records = [pipeline.process_page(page, options, groups, index=index) for page in pages]
        total = time.perf_counter() - started
    started = time.perf_counter()
    for record in records:
        if isinstance(record, dict):
            dumps(record)
    encode = time.perf_counter() - started
    per_page = {
        stage: (None if stage in missing or stage not in spent else spent[stage] / len(pages) * 1000)
        for stage in stages.STAGES
    }
    return {
        "pages": len(pages),
        "quarantined": sum(not isinstance(record, dict) for record in records),  # their later stages never ran
        "read_from": path.name,
        "read_ms": read / len(pages) * 1000,
        "process_page_ms": total / len(pages) * 1000,
        "json_ms": encode / len(pages) * 1000,
        "stages_ms": per_page,
        "missing": missing,
    }


# ---------------------------------------------------------------- report


def figures(contestant: Contestant, dump: Dump) -> dict:
    best, median = min(contestant.seconds), statistics.median(contestant.seconds)
    return {
        "name": contestant.name,
        "command": contestant.command,
        "seconds": contestant.seconds,
        "min_s": best,
        "median_s": median,
        "pages_per_s_min": dump.articles / best,
        "pages_per_s_median": dump.articles / median,
        "mb_per_s_min": dump.xml_bytes / MB / best,
        "mb_per_s_median": dump.xml_bytes / MB / median,
        "maxrss_kib": contestant.maxrss_kib,
    }


def speed_table(rows: list[dict]) -> str:
    wx = rows[0]["pages_per_s_median"]
    lines = [
        "| contestant | min s | median s | pages/s (min) | pages/s (median) | MB/s (min) | MB/s (median) "
        "| vs wikiextractor |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['name']} | {r['min_s']:.1f} | {r['median_s']:.1f} | {r['pages_per_s_min']:.1f} | "
            f"{r['pages_per_s_median']:.1f} | {r['mb_per_s_min']:.2f} | {r['mb_per_s_median']:.2f} | "
            f"{r['pages_per_s_median'] / wx:.3f} |"
        )
    return "\n".join(lines)


def rss_table(rss: dict[str, int], pages: int) -> str:
    mib = 1024
    return "\n".join(
        [
            f"| peak memory (process tree) | {rss['limit']:,} pages | {pages:,} pages | ratio |",
            "|---|---|---|---|",
            f"| extractor full | {rss['extractor_limit'] / mib:.0f} MiB | {rss['extractor_full'] / mib:.0f} MiB | "
            f"{rss['extractor_full'] / rss['extractor_limit']:.2f} |",
            f"| wikiextractor | | {rss['wikiextractor_full'] / mib:.0f} MiB | |",
        ]
    )


def stage_table(found: dict) -> str:
    total = found["process_page_ms"]
    rows = [*found["stages_ms"].items(), ("**process_page total**", total)]
    rows += [(f"read dump ({found['read_from']}, outside process_page)", found["read_ms"])]
    rows += [("JSON encoding (outside process_page)", found["json_ms"])]
    cut = f", {found['quarantined']} quarantined" if found["quarantined"] else ""
    lines = [f"| stage ({found['pages']} article pages{cut}, in process) | ms/page | share of process_page |"]
    lines.append("|---|---|---|")
    for stage, ms in rows:
        lines.append(f"| {stage} | n/a | n/a |" if ms is None else f"| {stage} | {ms:.2f} | {ms / total:.0%} |")
    return "\n".join(lines)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=20000, help="pages in the dump (default 20000)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--input", choices=["bz2", "xml", "multistream"], default="bz2")
    parser.add_argument("--profile", action="append", choices=list(PROFILES), help="repeatable; default: all")
    parser.add_argument(
        "--dir", type=Path, default=Path("/tmp/extractor-dump-bench"), help="where the dumps are cached"
    )
    parser.add_argument("--wikiextractor-python", default="/work/bench-venv-wx/bin/python")
    parser.add_argument("--extractor-python", default=str(ROOT / ".venv" / "bin" / "python"))
    parser.add_argument(
        "--workers",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1],
        help="worker counts to run each profile with, e.g. 1,2 for the scaling figure (default 1)",
    )
    parser.add_argument("--rss-limit", type=int, default=5000, help="pages of the smaller RSS run (default 5000)")
    parser.add_argument("--stage-pages", type=int, default=2000, help="article pages of the stage breakdown")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: 2,000 pages, 1 round, 500-page RSS and stage runs"
    )
    args = parser.parse_args()
    if args.quick:
        args.pages, args.rounds, args.rss_limit, args.stage_pages = 2000, 1, 500, 200
    if args.rounds < 3 and not args.quick:
        print(f"note: {args.rounds} round(s); published figures use at least 3", file=sys.stderr)
    if args.rss_limit >= args.pages:
        args.rss_limit = args.pages // 4
    return args


def revision() -> str:
    """extractor's git commit, with `+changes` when extractor/ differs from it (the tree is shared)."""
    git = ["git", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run([*git, "status", "--porcelain", "--", "extractor"], capture_output=True, text=True).stdout
    return f"{head or 'unknown'}{'+changes' if dirty.strip() else ''}"


def describe(args: argparse.Namespace, dump: Dump, path: Path, wx_version: str) -> dict:
    return {
        "pages": dump.pages,
        "articles": dump.articles,
        "redirects": dump.pages - dump.articles,
        "xml_bytes": dump.xml_bytes,
        "input": args.input,
        "file": path.name,
        "rounds": args.rounds,
        "cores": os.cpu_count(),
        "wikiextractor": wx_version,
        "extractor": f"{__version__} at {revision()}",
    }


def heading(meta: dict) -> str:
    return (
        f"SYNTHETIC dump: {meta['pages']:,} pages ({meta['articles']:,} articles, {meta['redirects']:,} redirects), "
        f"{meta['xml_bytes'] / MB:.0f} MB of XML, read as {meta['file']}; {meta['rounds']} interleaved round(s), "
        f"one process each, {meta['cores']} cores; extractor {meta['extractor']}; {meta['wikiextractor']}.\n"
        "pages/s = article pages (ns 0, not redirects) per second of wall time; extractor's time includes its "
        "title-index pre-pass; the ratio compares medians.\n"
    )


def main() -> None:
    args = parse_args()
    wx_version = ensure_wikiextractor(args.wikiextractor_python)
    dump = ensure_dump(args.dir, args.pages)
    path = dump.forms[args.input]
    chosen = contestants(args)
    meta = describe(args, dump, path, wx_version)
    print(heading(meta), file=sys.stderr)
    interleave(chosen, dump, path, args.rounds)
    rows = [figures(c, dump) for c in chosen]
    rss = rss_figures(chosen, dump, path, args.rss_limit, args.extractor_python)
    found = stage_figures(dump.forms["xml"], args.stage_pages)
    print(heading(meta))
    print(speed_table(rows), rss_table(rss, dump.pages), stage_table(found), sep="\n\n")
    if args.json:
        report = {"dump": meta, "runs": rows, "rss_kib": rss, "stages": found}
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
