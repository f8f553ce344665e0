"""process_page: a record, a coded Quarantine, or a Skip; never an exception."""

import json
import shutil
from pathlib import Path

import pytest

import extractor.pipeline as pipeline
from extractor import Options, Page, Quarantine, Skip, process_page
from extractor.runners.local import run

ROOT = Path(__file__).resolve().parent.parent


def _page(markup: str, **kw) -> Page:
    return Page(markup=markup, format=kw.pop("format", "wikitext"), path="t.wiki", title=kw.pop("title", "测试"), **kw)


def test_non_article_namespace_is_skipped():
    assert process_page(_page("x", namespace=10)) == Skip("namespace", "测试")


def test_a_bug_becomes_internal_bug_quarantine(monkeypatch):
    def broken(doc, resolver=None):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(pipeline, "find_entities", broken)
    result = process_page(_page("'''测试'''是[[中国]]的。"))
    assert isinstance(result, Quarantine)
    assert (result.stage, result.code, result.title) == ("internal", "internal.bug", "测试")
    assert "ZeroDivisionError: boom in extract" in result.message


def test_an_invalid_record_is_quarantined_with_the_schema_message(monkeypatch):
    real = pipeline.build_record

    def bad_variant(*args):
        record = real(*args)
        record["variant"] = "zh-xx"
        return record

    monkeypatch.setattr(pipeline, "build_record", bad_variant)
    result = process_page(_page("'''测试'''。"))
    assert isinstance(result, Quarantine) and result.code == "schema.invalid"
    assert "variant: 'zh-xx' is not one of" in result.message


def test_quarantined_pages_go_to_errors_jsonl_and_the_run_goes_on(tmp_path):
    """One file with a byte that is not UTF-8 (pages run in worker processes, so the damage is
    in the input, not monkeypatched): that page is quarantined, the others are written."""
    folder = tmp_path / "in"
    shutil.copytree(ROOT / "raw" / "wikitext", folder)
    damaged = folder / "孫乾.wiki"
    data = damaged.read_bytes()
    damaged.write_bytes(data[:300] + b"\xff" + data[300:])
    counts = run([str(folder)], tmp_path / "out", Options()).counts
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["title"] for e in errors] == ["孫乾"]
    assert errors[0]["code"] == "source.decode" and errors[0]["source"] == {"format": "wikitext", "path": str(damaged)}
    assert "position 300" in errors[0]["message"]
    assert counts.records_written == 8 and counts.quarantined == 1 and counts.reconciles


@pytest.mark.parametrize("variant", ["zh-hant", "zh-tw"])
def test_variant_is_recorded_and_applied(variant):
    record = process_page(_page("'''计算机'''是一种[[机器]]。", title="计算机"), Options(variant=variant))
    assert record["variant"] == variant
    assert record["title"] == "計算機" and record["source"]["title"] == "计算机"
    assert record["links"][0]["target"] == "機器"
