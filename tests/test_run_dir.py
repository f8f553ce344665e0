"""Whole runs over a dump built from the corpus articles: shards, checkpoints, resume after
`kill -9`, identical bytes for any worker count, a truncated dump, Ctrl-C.

The dump is synthetic (benchmarks/dump.py: real corpus articles under generated
titles and ids, every tenth page a redirect), small enough for CI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from dump import ensure_dump  # noqa: E402

PAGES = 300
FAST = ["--fields", "text", "--variant", "zh", "--shard-size", "40K", "-q"]  # no pre-pass, many shards


@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    return ensure_dump(tmp_path_factory.mktemp("dump"), PAGES)


def _run(*args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "extractor", "run", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, env=env, **kw)


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.fixture(scope="module")
def whole(dump, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("whole")
    done = _run(str(dump.forms["bz2"]), "--out", str(out), "--workers", "1", *FAST, "--overwrite")
    assert done.returncode == 0, done.stderr
    return out


def test_shards_are_cut_by_size_and_listed_with_digests(whole, dump):
    manifest = json.loads((whole / "manifest.json").read_text(encoding="utf-8"))
    shards = manifest["shards"]
    assert len(shards) > 3
    assert [s["path"] for s in shards] == [f"articles-{n:05d}.jsonl" for n in range(len(shards))]
    assert sum(s["records"] for s in shards) == manifest["counts"]["records_written"] == dump.articles
    assert manifest["counts"]["skipped_by_reason"] == {"redirect": PAGES - dump.articles}
    assert manifest["status"] == "complete" and not (whole / "checkpoint.json").exists()
    for shard in shards[:-1]:
        assert shard["bytes"] >= 40 * 1024  # cut after the record that passed the size
    lines = (whole / "articles-00000.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["source"]["title"] == "合成条目0"


def test_two_workers_write_the_same_bytes(whole, dump, tmp_path):
    done = _run(str(dump.forms["bz2"]), "--out", str(tmp_path / "two"), "--workers", "2", *FAST)
    assert done.returncode == 0, done.stderr
    assert _files(tmp_path / "two") == _files(whole)


def test_kill_9_then_resume_equals_an_uninterrupted_run(whole, dump, tmp_path):
    out = tmp_path / "killed"
    command = [sys.executable, "-m", "extractor", "run", str(dump.forms["bz2"]), "--out", str(out), *FAST]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not (out / "articles-00002.jsonl").exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    child.kill()  # SIGKILL to the runner alone: its workers must notice and go
    child.wait()
    assert not (out / "manifest.json").exists(), "the run finished before it could be killed"
    checkpoint = json.loads((out / "checkpoint.json").read_text(encoding="utf-8"))
    assert len(checkpoint["shards"]) >= 2
    refused = _run(str(dump.forms["bz2"]), "--out", str(out), *FAST)
    assert refused.returncode == 2 and "--resume" in refused.stderr
    resumed = _run(str(dump.forms["bz2"]), "--out", str(out), *FAST, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert _files(out) == _files(whole)


def test_resume_after_a_kill_during_the_index_pre_pass(dump, tmp_path):
    """What `kill -9` leaves during the pre-pass: a half-built index under a temporary
    name in the cache, a redirect table not yet renamed, no checkpoint."""
    cache = tmp_path / "cache"
    cache.mkdir()
    env = {**os.environ, "EXTRACTOR_CACHE": str(cache)}
    args = [str(dump.forms["bz2"]), "--fields", "text,links", "--variant", "zh", "-q"]
    whole = _run(*args, "--out", str(tmp_path / "whole"), env=env)
    assert whole.returncode == 0, whole.stderr
    for index in cache.iterdir():
        index.rename(index.with_name(index.name + ".12345.partial"))  # as a killed build leaves it
    out = tmp_path / "killed"
    out.mkdir()
    (out / "redirects.jsonl.partial").write_text('{"from": "half', encoding="utf-8")
    resumed = _run(*args, "--out", str(out), "--resume", env=env)
    assert resumed.returncode == 0, resumed.stderr
    assert _files(out) == _files(tmp_path / "whole")


def test_a_truncated_dump_keeps_its_earlier_pages_and_exits_4(whole, dump, tmp_path):
    data = dump.forms["bz2"].read_bytes()
    cut = tmp_path / "zhwiki-cut-pages-articles.xml.bz2"
    cut.write_bytes(data[: len(data) // 2])
    done = _run(str(cut), "--out", str(tmp_path / "cut"), *FAST)
    assert done.returncode == 4, done.stderr
    assert "incomplete" in done.stderr
    manifest = json.loads((tmp_path / "cut" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "incomplete"
    (error,) = [json.loads(line) for line in (tmp_path / "cut" / "errors.jsonl").read_text().splitlines()]
    assert error["code"].startswith("source.")
    kept = manifest["counts"]["records_written"]
    assert 0 < kept < dump.articles
    kept_records, all_records = _records(tmp_path / "cut"), _records(whole)
    assert kept_records == all_records[: len(kept_records)]  # the pages before the damage, as in a whole run
    last = kept_records[-1]["source"]
    assert f"the last page read is '{last['title']}' (id {last['page_id']})" in error["message"]
    assert int(error["page_id"]) > int(last["page_id"])  # the page the cut fell in


def _records(out: Path) -> list[dict]:
    """The run's records in order, without the input's file name (`source.path`, `source.dump`)."""
    records = [json.loads(line) for p in sorted(out.glob("articles-*.jsonl")) for line in p.read_text().splitlines()]
    for record in records:
        del record["source"]["path"], record["source"]["dump"]
    return records


def test_ctrl_c_exits_130_with_one_line_and_the_run_resumes(whole, dump, tmp_path):
    out = tmp_path / "interrupted"
    command = [sys.executable, "-m", "extractor", "run", str(dump.forms["bz2"]), "--out", str(out), *FAST]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not (out / "articles-00001.jsonl").exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    child.send_signal(signal.SIGINT)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 130
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1].startswith("extractor: error: interrupted")
    resumed = _run(str(dump.forms["bz2"]), "--out", str(out), *FAST, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert _files(out) == _files(whole)


def test_compressed_shards_hold_the_same_records(whole, dump, tmp_path):
    done = _run(str(dump.forms["bz2"]), "--out", str(tmp_path / "gz"), *FAST, "--compress", "gz")
    assert done.returncode == 0, done.stderr
    import gzip

    plain = b"".join(p.read_bytes() for p in sorted(whole.glob("articles-*.jsonl")))
    packed = b"".join(gzip.decompress(p.read_bytes()) for p in sorted((tmp_path / "gz").glob("articles-*.jsonl.gz")))
    assert packed == plain
    check = subprocess.run([sys.executable, "-m", "extractor", "validate", str(tmp_path / "gz")], capture_output=True)
    assert check.returncode == 0, check.stdout



def test_a_slow_page_and_a_memory_hog_are_quarantined_and_the_run_completes(tmp_path):
    """Unclosed bracketed external links take mwparserfromhell's tokenizer seconds (it looks ahead to
    the end of the page for each: 20,000 take about a minute); a 12-million character line of links
    needs far more than 300 MB. Both synthetic, beside a real article."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "慢.wiki").write_text("[http://a " * 20_000, encoding="utf-8")
    (src / "大.wiki").write_text("'''大'''" + "汉字[[链接]]" * 1_500_000, encoding="utf-8")
    (src / "孫乾.wiki").write_bytes((ROOT / "raw" / "wikitext" / "孫乾.wiki").read_bytes())
    out = tmp_path / "out"
    done = _run(str(src), "--out", str(out), "--page-timeout", "3", "--memory", "300", "--workers", "2", "-q")
    assert done.returncode == 0, done.stderr
    errors = {e["title"]: e["code"] for e in map(json.loads, (out / "errors.jsonl").read_text().splitlines())}
    assert errors == {"慢": "page.timeout", "大": "page.memory"}
    (record,) = [json.loads(line) for line in (out / "articles-00000.jsonl").read_text().splitlines()]
    assert record["source"]["title"] == "孫乾"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "complete"
    assert manifest["counts"]["quarantined_by_code"] == {"page.memory": 1, "page.timeout": 1}
