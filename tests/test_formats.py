"""Output formats (`run --format`), record URLs, and `validate` over every kind of file it knows."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.dataset import read_records
from extractor.sinks import split_format
from extractor.titles import page_url

ROOT = Path(__file__).resolve().parent.parent
DUMP = ROOT / "raw" / "dump" / "zhwiki-sample-pages-articles.xml"
WIKI = ROOT / "raw" / "wikitext"


def _run(*args: str) -> int:
    return main(["run", *args, "-q"])


def _validate(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extractor", "validate", *map(str, paths)], capture_output=True, text=True
    )


def test_format_names():
    assert split_format("jsonl") == ("jsonl", "none")
    assert split_format("jsonl.gz") == ("jsonl", "gz")
    assert split_format("jsonl", "zst") == ("jsonl", "zst")
    assert split_format("parquet") == ("parquet", "none")
    with pytest.raises(ValueError, match="--compress gz does not apply to parquet"):
        split_format("parquet", "gz")
    with pytest.raises(ValueError, match="--format jsonl.gz and --compress zst disagree"):
        split_format("jsonl.gz", "zst")


def test_parquet_with_compress_is_a_usage_error(tmp_path, capsys):
    assert _run(str(DUMP), "--out", str(tmp_path / "o"), "--format", "parquet", "--compress", "gz") == 2
    assert "does not apply to parquet" in capsys.readouterr().err


def test_every_format_holds_the_same_records_and_validates(tmp_path):
    runs = {}
    for fmt in ("jsonl", "jsonl.gz", "jsonl.zst", "parquet"):
        out = tmp_path / fmt
        assert _run(str(DUMP), str(WIKI / "孫乾.wiki"), "--out", str(out), "--workers", "1", "--format", fmt) == 0
        (shard,) = out.glob("articles-00000.*")
        assert shard.name == f"articles-00000.{fmt}"
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["output"]["format"] == fmt.split(".")[0]
        runs[fmt] = list(read_records(out))
        checked = _validate(out)
        assert checked.returncode == 0, checked.stdout
        assert f"{len(runs[fmt])} records ({len(runs[fmt])} of schema_version '2'), 0 invalid" in checked.stdout
    assert runs["jsonl"] and all(records == runs["jsonl"] for records in runs.values())


def test_parquet_bytes_do_not_depend_on_the_workers(tmp_path):
    shards = []
    for workers in ("1", "2"):
        out = tmp_path / workers
        args = ("--workers", workers, "--format", "parquet", "--shard-size", "40K")
        assert _run(str(WIKI), "--out", str(out), *args) == 0
        shards.append({p.name: p.read_bytes() for p in sorted(out.glob("articles-*"))})
    assert len(shards[0]) > 1 and shards[0] == shards[1]


def test_urls_follow_the_variant_and_mediawiki_encoding():
    assert page_url("孫乾", "zh-hans") == "https://zh.wikipedia.org/zh-hans/%E5%AD%AB%E4%B9%BE"
    assert page_url("孫乾", "zh") == "https://zh.wikipedia.org/wiki/%E5%AD%AB%E4%B9%BE"
    assert page_url("C++ 程序", "zh-tw") == "https://zh.wikipedia.org/zh-tw/C%2B%2B_%E7%A8%8B%E5%BA%8F"
    assert page_url("mac OS (操作系统)", "zh-hk") == (
        "https://zh.wikipedia.org/zh-hk/Mac_OS_(%E6%93%8D%E4%BD%9C%E7%B3%BB%E7%BB%9F)"
    )
    assert page_url("", "zh") is None and page_url("a[b]", "zh") is None


def test_records_carry_the_url_of_their_source_title(tmp_path):
    out = tmp_path / "o"
    assert _run(str(DUMP), "--out", str(out), "--workers", "1", "--variant", "zh-tw", "--fields", "text") == 0
    records = list(read_records(out))
    assert records and all(r["url"] == page_url(r["source"]["title"], "zh-tw") for r in records)
    assert records[0]["url"] == "https://zh.wikipedia.org/zh-tw/%E5%AD%AB%E4%B9%BE"  # the dump's title, 孫乾


def test_validate_names_each_problem_by_file_line_and_path(tmp_path):
    out = tmp_path / "o"
    assert _run(str(WIKI / "孫乾.wiki"), str(WIKI / "赣江.wiki"), "--out", str(out), "--workers", "1") == 0
    first, second = [json.loads(line) for line in (out / "articles-00000.jsonl").read_text("utf-8").splitlines()]
    entity = next(i for i, e in enumerate(first["entities"]) if e["mentions"])
    mention = first["entities"][entity]["mentions"][0]
    mention["start"] += 1  # moved: the span no longer covers the name
    second["dates"][0]["precision"] = "week"  # invalid
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (first, second)), encoding="utf-8")
    checked = _validate(bad)
    assert checked.returncode == 1
    lines = checked.stdout.splitlines()
    assert lines[0].startswith(f"{bad}:1: entities/{entity}/mentions/0: text[{mention['start']}:{mention['end']}] is ")
    assert lines[0].endswith("not the entity's name or an alias")
    assert lines[1].startswith(f"{bad}:2: dates/0/precision: 'week' is not one of")
    assert "2 records (2 of schema_version '2'), 2 invalid, 2 problems" in lines
    assert "        1  entities/*/mentions/*" in lines and "        1  dates/*/precision" in lines


def test_validate_recognises_manifests_and_error_files(tmp_path):
    out = tmp_path / "o"
    assert _run(str(DUMP), "--out", str(out), "--workers", "1") == 0
    assert _validate(out / "manifest.json", out / "errors.jsonl").returncode == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    del manifest["counts"]
    lone = tmp_path / "elsewhere"
    lone.mkdir()
    (lone / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (lone / "errors.jsonl").write_text('{"source": "x.wiki", "title": null}\n', encoding="utf-8")
    checked = _validate(lone / "manifest.json", lone / "errors.jsonl")
    assert checked.returncode == 1
    assert f"{lone / 'manifest.json'}: counts: 'counts' is a required property" in checked.stdout
    assert f"{lone / 'errors.jsonl'}:1: " in checked.stdout
    assert "not JSON" not in checked.stdout


def test_validate_checks_a_run_folder_against_its_manifest(tmp_path):
    out = tmp_path / "o"
    assert _run(str(DUMP), "--out", str(out), "--workers", "1", "--format", "parquet") == 0
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["counts"]["records_written"] += 1
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    checked = _validate(copy)
    assert checked.returncode == 1
    assert "counts/records_written:" in checked.stdout and "pages_read" in checked.stdout
