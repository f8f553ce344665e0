"""The title-index cache: a cached index is reused only when whole (its sha256 sidecar, its meta);
a corrupt, truncated, unsealed or unfinished one is built again with one warning line; partial
files of dead builders are removed; two builders at once both succeed; a cache folder that cannot
be written falls back to a temporary folder; an index SQLite cannot read is a clear error (exit 3).

The dump is raw/dump/zhwiki-sample-pages-articles.xml (real articles, see raw/SOURCES.md, and
synthetic redirects), copied per test; the concurrency test generates a dump of synthetic pages.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.index import IndexReadError, TitleIndex, ensure_index, index_defect, open_index
from extractor.index_build import build_index, file_key, seal_index

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "raw" / "dump" / "zhwiki-sample-pages-articles.xml"
SAMPLE_PAGES = 6
RUN_FILES = {"articles-00000.jsonl", "errors.jsonl", "manifest.json", "redirects.jsonl"}
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
from make_dump import HEADER, page_xml  # noqa: E402


@pytest.fixture
def dump(tmp_path) -> Path:
    copy = tmp_path / SAMPLE.name
    shutil.copyfile(SAMPLE, copy)
    return copy


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("EXTRACTOR_CACHE", str(folder))
    return folder


def run_links(dump: Path, out: Path) -> list[tuple[str, list[dict]]]:
    """Run `dump` into `out` (exit 0 asserted); each record's title and links."""
    assert main(["run", str(dump), "--out", str(out), "--workers", "1", "-q"]) == 0
    lines = (out / "articles-00000.jsonl").read_text(encoding="utf-8").splitlines()
    return [(r["title"], r["links"]) for r in map(json.loads, lines)]


@pytest.fixture(scope="module")
def clean_links(tmp_path_factory) -> list[tuple[str, list[dict]]]:
    """The links of a run whose index was built into an empty cache."""
    tmp = tmp_path_factory.mktemp("clean")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EXTRACTOR_CACHE", str(tmp / "cache"))
        links = run_links(SAMPLE, tmp / "out")
    assert any(link["exists"] for _, record in links for link in record)  # resolved through the index
    return links


def quick_check(path: Path) -> str:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        db.close()


def overwrite_middle(path: Path) -> None:
    """4 KiB of garbage in the middle of the file, its size kept."""
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek(size // 2 - 2048)
        f.write(random.Random(0).randbytes(4096))
    assert path.stat().st_size == size


def test_whole_index_reused_silently(dump, cache, capsys):
    path = ensure_index(dump)
    stamp = path.stat()
    assert ensure_index(dump) == path
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (stamp.st_ino, stamp.st_mtime_ns)
    assert sorted(p.name for p in cache.iterdir()) == [path.name, path.name + ".sha256"]
    assert capsys.readouterr().err == ""


def test_corrupt_index_rebuilt_by_the_next_run(dump, cache, tmp_path, capsys, clean_links):
    path = ensure_index(dump)
    overwrite_middle(path)
    before = path.stat()
    with open(path, "rb"):  # held open, as a reader would: the rebuilt file cannot reuse its inode
        links = run_links(dump, tmp_path / "out")
    err = capsys.readouterr().err
    warning = (
        f"extractor: warning: title index {path} does not match the sha256 in {path.name}.sha256 "
        "(corrupt or truncated); building it again\n"
    )
    assert warning in err and err.count("warning") == 1
    after = path.stat()
    assert after.st_ino != before.st_ino and after.st_mtime_ns > before.st_mtime_ns
    assert index_defect(path, file_key(dump)) is None and quick_check(path) == "ok"
    assert links == clean_links


def _truncate(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _unseal(path: Path) -> None:
    Path(f"{path}.sha256").unlink()


def _drop_a_row(path: Path) -> None:  # what a build stopped before its meta would leave, sealed
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM pages WHERE rowid = (SELECT max(rowid) FROM pages)")
    seal_index(path)


def _old_version(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '2' WHERE key = 'version'")
    seal_index(path)


def _not_a_database(path: Path) -> None:
    path.write_bytes(random.Random(1).randbytes(path.stat().st_size))
    seal_index(path)


DAMAGE = {  # how the cached index is damaged -> the reason the warning gives
    "truncated": (_truncate, "does not match the sha256 in {name}.sha256 (corrupt or truncated)"),
    "unsealed": (_unseal, "has no readable {name}.sha256 beside it (an unfinished build, or an older extractor)"),
    "unfinished": (_drop_a_row, f"is incomplete ({SAMPLE_PAGES - 1} rows, completion mark {SAMPLE_PAGES})"),
    "old version": (_old_version, "has index version 2, this extractor writes 5"),
    "not a database": (_not_a_database, "cannot be read (file is not a database)"),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_damaged_index_rebuilt(damage, dump, cache, capsys):
    spoil, reason = DAMAGE[damage]
    path = ensure_index(dump)
    spoil(path)
    assert ensure_index(dump) == path
    warning = f"extractor: warning: title index {path} {reason.format(name=path.name)}; building it again\n"
    assert capsys.readouterr().err == warning
    assert index_defect(path, file_key(dump)) is None and quick_check(path) == "ok"
    assert TitleIndex(path).count() == SAMPLE_PAGES


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_partials_of_dead_builders_removed(dump, cache):
    cache.mkdir()
    name, host, dead = "titles-0123456789abcdef0123.sqlite", socket.gethostname(), _dead_pid()
    stale = [f"{name}.{host}.{dead}.partial", f"{name}.sha256.{host}.{dead}.partial", f"{name}.elsewhere.1.partial"]
    live = [f"{name}.{host}.{os.getpid()}.partial", f"{name}.elsewhere.{dead}.partial", "notes.partial"]
    for file in stale + live:
        (cache / file).write_bytes(b"half an index")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(cache / stale[2], (two_days_ago, two_days_ago))  # another host's: judged by age alone
    path = ensure_index(dump)
    assert sorted(p.name for p in cache.iterdir()) == sorted([path.name, path.name + ".sha256", *live])


def test_failed_build_leaves_no_partial(dump, tmp_path):
    def interrupt() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_index(dump, tmp_path / "index" / "t.sqlite", on_page=interrupt)
    assert list((tmp_path / "index").iterdir()) == []


def synthetic_dump(folder: Path, pages: int) -> Path:
    """Synthetic pages (labelled so in their text), enough for a build to last most of a second."""
    body = "".join(
        page_xml(i, f"合成页面{i}", 0, f"synthetic page {i}: [[合成页面{i + 1}]]。\n[[Category:合成]]")
        for i in range(1, pages + 1)
    )
    dump = folder / "zhwiki-synthetic-pages-articles.xml"
    dump.write_text(HEADER + body + "</mediawiki>\n", encoding="utf-8")
    return dump


def test_two_concurrent_builds_both_succeed(tmp_path):
    dump, cache = synthetic_dump(tmp_path, 10_000), tmp_path / "cache"
    env = {**os.environ, "EXTRACTOR_CACHE": str(cache)}
    command = [sys.executable, "-m", "extractor", "index", str(dump)]
    builders = [subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    overlap = 0
    while any(b.poll() is None for b in builders):
        overlap = max(overlap, len(list(cache.glob("*.sqlite.*.partial"))))
        time.sleep(0.01)
    errs = [b.stderr.read() for b in builders]
    assert [b.returncode for b in builders] == [0, 0], errs
    assert overlap == 2  # the two builds did run at the same time
    path = cache / f"titles-{file_key(dump)[:20]}.sqlite"
    assert all(err == f"extractor: 10000 pages indexed -> {path}\n" for err in errs)
    assert sorted(p.name for p in cache.iterdir()) == [path.name, path.name + ".sha256"]
    assert quick_check(path) == "ok" and index_defect(path, file_key(dump)) is None


def test_reader_keeps_working_when_a_builder_replaces_the_index(dump, cache):
    path = ensure_index(dump)
    reader = open_index(str(path))
    assert open_index(str(path)) is reader
    build_index(dump, path)  # a second builder finishing later
    seal_index(path)
    assert reader.count() == SAMPLE_PAGES and reader.resolve("中上健治").redirect_from == "中上健治"
    fresh = open_index(str(path))
    assert fresh is not reader and fresh.count() == SAMPLE_PAGES


def test_unwritable_cache_falls_back_for_a_run(dump, tmp_path, monkeypatch, capsys, clean_links):
    (tmp_path / "file.txt").write_text("a file, not a folder", encoding="utf-8")
    monkeypatch.setenv("EXTRACTOR_CACHE", str(tmp_path / "file.txt" / "cache"))
    assert run_links(dump, tmp_path / "out") == clean_links
    err = capsys.readouterr().err
    assert err.count("warning") == 1
    assert re.search(
        r"extractor: warning: cannot write the index cache \(\[Errno 20\] Not a directory: .*file\.txt"
        r"/cache'\); building the title index in \S+/extractor-index-\w+, removed at exit\n",
        err,
    )
    assert {p.name for p in (tmp_path / "out").iterdir()} == RUN_FILES


@pytest.mark.parametrize("where", ["file", "proc"])
def test_unwritable_cache_temporary_folder_removed_at_exit(where, dump, tmp_path):
    (tmp_path / "file.txt").write_text("a file, not a folder", encoding="utf-8")
    cache = tmp_path / "file.txt" / "cache" if where == "file" else Path("/proc/nonexistent")
    env = {**os.environ, "EXTRACTOR_CACHE": str(cache)}
    done = subprocess.run(
        [sys.executable, "-m", "extractor", "index", str(dump)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    warning, summary = done.stderr.splitlines()
    folder = re.fullmatch(
        r"extractor: warning: cannot write the index cache \(.+\); building the title index "
        r"in (\S+), removed at exit",
        warning,
    )[1]
    assert summary == f"extractor: {SAMPLE_PAGES} pages indexed -> {folder}/titles-{file_key(dump)[:20]}.sqlite"
    assert not Path(folder).exists()


def test_unreadable_index_is_a_clear_error(dump, tmp_path, monkeypatch, capsys):
    garbage = tmp_path / "titles-garbage.sqlite"
    garbage.write_bytes(random.Random(2).randbytes(8192))
    message = f"cannot read the title index {garbage}: file is not a database (remove the file to have it rebuilt)"
    with pytest.raises(IndexReadError, match=re.escape(message)):
        TitleIndex(garbage).count()
    with pytest.raises(IndexReadError, match=re.escape(str(tmp_path / "absent.sqlite"))):
        open_index(str(tmp_path / "absent.sqlite"))
    monkeypatch.setattr("extractor.runners.local.ensure_index", lambda path, on_page=None: garbage)
    assert main(["run", str(dump), "--out", str(tmp_path / "out"), "--workers", "1", "-q"]) == 3
    assert capsys.readouterr().err == f"extractor: error: {message}\n"
