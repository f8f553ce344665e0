"""The main job (raw/ -> output/) is the regression baseline: re-running it must
reproduce output/ byte for byte, with any worker count. A change of output is a
visible diff in the same commit (regenerate with `make run`)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FILES = ("articles-00000.jsonl", "errors.jsonl", "manifest.json", "redirects.jsonl")


def _run(out: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "extractor", "run", "raw/", "--out", str(out), *extra]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def rerun(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("output")
    done = _run(out)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""  # data goes to files, the summary to stderr
    assert "records" in done.stderr
    return out


@pytest.mark.parametrize("name", FILES)
def test_rerun_reproduces_committed_output(rerun, name):
    assert (rerun / name).read_bytes() == (ROOT / "output" / name).read_bytes(), (
        f"output/{name} is stale: regenerate it with `make run` and commit the diff"
    )


def test_two_workers_give_identical_bytes(rerun, tmp_path):
    done = _run(tmp_path, "--workers", "2")
    assert done.returncode == 0, done.stderr
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (rerun / name).read_bytes()


def test_manifest_reconciles_and_counts_the_dump_pages(rerun):
    manifest = json.loads((rerun / "manifest.json").read_text(encoding="utf-8"))
    counts = manifest["counts"]
    assert counts["pages_read"] == counts["records_written"] + counts["quarantined"] + counts["skipped"]
    # Template:示例, and the redirects 中上健治 and 贛江 (in the redirect table, not records)
    assert counts["skipped_by_reason"] == {"namespace": 1, "redirect": 2}
    assert counts["quarantined"] == 0
    assert manifest["status"] == "complete"
    ((given),) = manifest["inputs"]
    assert (given["path"], given["format"], given["files"]) == ("raw/", "directory", 18)
    ((shard),) = manifest["shards"]
    assert (shard["path"], shard["records"]) == ("articles-00000.jsonl", counts["records_written"])
    assert manifest["options"] == {"fields": "all", "limit": None, "variant": "zh-hans"}
    redirects = [json.loads(line) for line in (rerun / "redirects.jsonl").read_text(encoding="utf-8").splitlines()]
    # 中上健次 is not in the sample dump, but raw/wikitext/中上健次.wiki is among the run's inputs
    assert {"from": "中上健治", "to": "中上健次", "final": "中上健次"} in redirects


def test_validate_accepts_output_and_rejects_a_broken_record(rerun, tmp_path):
    ok = subprocess.run([sys.executable, "-m", "extractor", "validate", str(ROOT / "output")], capture_output=True)
    assert ok.returncode == 0, ok.stdout
    lines = (rerun / "articles-00000.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    record["links"][0]["end"] = len(record["text"]) + 5  # an offset past the text
    del record["variant"]
    broken = tmp_path / "articles.jsonl"
    broken.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "extractor", "validate", str(broken)], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "'variant' is a required property" in bad.stdout


def test_usage_and_io_exit_codes(tmp_path):
    missing = subprocess.run(
        [sys.executable, "-m", "extractor", "run", "no/such/input", "--out", str(tmp_path)], capture_output=True
    )
    assert missing.returncode == 3 and b"input not found" in missing.stderr
    usage = subprocess.run([sys.executable, "-m", "extractor", "run", "raw/"], capture_output=True)
    assert usage.returncode == 2
    helped = subprocess.run([sys.executable, "-m", "extractor", "--help"], capture_output=True, text=True)
    assert helped.returncode == 0 and "validate" in helped.stdout


def test_strict_exits_1_when_a_page_is_quarantined_and_the_run_still_completes(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "好.wiki").write_text("'''好'''是[[中国]]的字。", encoding="utf-8")
    (src / "坏.wiki").write_bytes(b"'''\xff\xfe'''")  # not UTF-8 (synthetic)
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "extractor", "run", str(src), "--out", str(out), "--strict"], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "2 pages read, 1 records, 1 quarantined" in done.stderr
    (error,) = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (error["code"], error["stage"], error["title"]) == ("source.decode", "source", "坏")
    lenient = subprocess.run(
        [sys.executable, "-m", "extractor", "run", str(src), "--out", str(out), "--overwrite"], capture_output=True
    )
    assert lenient.returncode == 0


def test_a_folder_holding_a_run_is_refused_and_overwrite_leaves_nothing_stale(rerun, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name in FILES:
        (out / name).write_bytes((rerun / name).read_bytes())
    (out / "notes.txt").write_text("the user's own file", encoding="utf-8")
    refused = subprocess.run(
        [sys.executable, "-m", "extractor", "run", "raw/seed", "--out", str(out)], cwd=ROOT, capture_output=True, text=True
    )
    assert refused.returncode == 2 and "--resume" in refused.stderr and "--overwrite" in refused.stderr
    assert (out / "articles-00000.jsonl").read_bytes() == (rerun / "articles-00000.jsonl").read_bytes()
    again = subprocess.run(
        [sys.executable, "-m", "extractor", "run", "raw/seed", "--out", str(out), "--overwrite", "--fields", "text"],
        cwd=ROOT,
        capture_output=True,
    )
    assert again.returncode == 0
    # the seed is a single file: no dump, no title index, no redirect table left from the old run
    assert sorted(p.name for p in out.iterdir()) == ["articles-00000.jsonl", "errors.jsonl", "manifest.json", "notes.txt"]
