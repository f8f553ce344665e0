"""`extractor stats`: the figures of a real run equal the same figures counted directly from its records.

The run is over raw/ (wikitext, pandoc-markdown and the sample dump), the corpus's 勾践 (dates before
1 CE), and two planted files named `<script>…</script>`: a damaged copy of 孫乾.wiki (a byte that is
not UTF-8: quarantined as `source.decode`) and a copy of 隋恭帝.wiki (the shortest article, so its
title is shown as the shortest record's)."""

from __future__ import annotations

import io
import json
import math
import re
import shutil
from collections import Counter
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from _paths import CORPUS, ROOT

from extractor.cli import main

RAW = ROOT / "raw"
GOUJIAN = CORPUS / "wikitext" / "勾践.wiki"
DAMAGED_TITLE = "<script>alert(1)</script>"
PLANTED_TITLE = "<script>alert(2)</script>"


def _name(title: str) -> str:
    """A file name standing for `title` (`/` cannot be in a file name: percent-encoded, as mirrors do)."""
    return "".join(f"%{ord(c):02X}" if c in "<>/" else c for c in title) + ".wiki"


def _stdout(argv: list[str]) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(argv) == 0
    return out.getvalue()


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Path:
    if not GOUJIAN.exists():
        pytest.skip(f"the shared corpus is not at {CORPUS} (set EXTRACTOR_SHARED)")
    planted = tmp_path_factory.mktemp("planted")
    data = (RAW / "wikitext" / "孫乾.wiki").read_bytes()
    (planted / _name(DAMAGED_TITLE)).write_bytes(data[:200] + b"\xff" + data[200:])
    shutil.copy(RAW / "wikitext" / "隋恭帝.wiki", planted / _name(PLANTED_TITLE))
    out = tmp_path_factory.mktemp("run")
    assert main(["run", str(planted), str(GOUJIAN), str(RAW), "--out", str(out), "--workers", "1", "-q"]) == 0
    return out


@pytest.fixture(scope="module")
def records(run) -> list[dict]:
    """The run's records, read straight from its JSON Lines shards."""
    return [json.loads(line) for shard in sorted(run.glob("articles-*.jsonl")) for line in shard.open(encoding="utf-8")]


@pytest.fixture(scope="module")
def figures(run) -> dict:
    """`stats --json` parses as one JSON object."""
    return json.loads(_stdout(["stats", str(run), "--json"]))


def _all(records: list[dict], field: str) -> list[dict]:
    return [item for record in records for item in record[field]]


def _nearest_rank(values: list[int], p: float) -> int:
    return sorted(values)[math.ceil(p * len(values)) - 1]


def test_records_and_text_length(run, records, figures):
    lengths = [len(r["text"]) for r in records]
    t = figures["text_length"]
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    assert figures["records"] == len(records) == manifest["counts"]["records_written"]
    assert (t["min"], t["median"], t["p90"], t["max"]) == (
        min(lengths),
        _nearest_rank(lengths, 0.5),
        _nearest_rank(lengths, 0.9),
        max(lengths),
    )
    assert t["total"] == sum(lengths) and t["quantiles"] == "exact"
    assert figures["formats"] == dict(Counter(r["source"]["format"] for r in records))
    assert t["shortest"] == {"length": min(lengths), "title": PLANTED_TITLE}


def test_text_length_histogram_has_log_bins_that_hold_every_record(records, figures):
    lengths = [len(r["text"]) for r in records]
    bins = figures["text_length"]["histogram"]
    assert [b["to"] for b in bins[:-1]] == [b["from"] for b in bins[1:]]  # contiguous
    assert all(b["to"] == 1 if b["from"] == 0 else b["to"] / b["from"] in (2, 2.5) for b in bins)  # 1-2-5
    assert sum(b["count"] for b in bins) == len(records)
    known = len(next(r["text"] for r in records if r["title"] == "汕头大学"))
    holding = next(b for b in bins if b["from"] <= known < b["to"])
    assert holding["count"] == sum(holding["from"] <= n < holding["to"] for n in lengths) > 0


def test_dates_by_precision_source_and_unresolved_reason(records, figures):
    dates, d = _all(records, "dates"), figures["dates"]
    assert d["total"] == len(dates) > 500
    assert d["by_precision"] == dict(Counter(x["precision"] for x in dates))
    assert d["by_source"] == dict(Counter(x["source"] for x in dates))
    unresolved = Counter(x["unresolved_reason"] for x in dates if x["value"] is None)
    assert d["unresolved_by_reason"] == dict(unresolved) and d["resolved"] == len(dates) - unresolved.total()


def _decade(value: str) -> int:
    return math.floor(int(re.match(r"-?\d{4}", value).group()) / 10) * 10


def test_dates_by_decade_count_every_decade_in_range_zeros_included(records, figures):
    resolved = [x for x in _all(records, "dates") if x["value"] is not None]
    expected = Counter(_decade(x["value"]) for x in resolved if x["precision"] != "century")
    rows = figures["dates"]["by_decade"]
    assert [r["decade"] for r in rows] == list(range(min(expected), max(expected) + 10, 10))
    assert {r["decade"]: r["count"] for r in rows if r["count"]} == dict(expected)
    assert any(r["count"] == 0 for r in rows)  # the centuries between 勾践 and 隋恭帝 have none
    by_decade = {r["decade"]: r["count"] for r in rows}
    # 隋恭帝 was born in 605; 勾践 died in 464 BC (前464年), astronomical year -463, in the decade -470 … -461
    assert by_decade[600] == expected[600] > 0
    assert any(x["text"] == "前464年" and x["value"] == "-0463" for x in resolved)
    assert by_decade[-470] == expected[-470] > 0
    centuries = sum(x["precision"] == "century" for x in resolved)
    assert figures["dates"]["century_precision_not_in_decades"] == centuries


def test_entities_by_type_and_type_source(records, figures):
    entities, e = _all(records, "entities"), figures["entities"]
    types = Counter(x["type"] for x in entities)
    assert e["total"] == len(entities) and e["untyped"] == types.pop(None)
    assert e["by_type"] == dict(types) and e["by_type"]["PERSON"] > 0
    assert e["untyped_share"] == round(e["untyped"] / len(entities), 4)
    assert e["by_type_source"] == dict(Counter(x["type_source"] or "none" for x in entities))
    mentions = _all(entities, "mentions")
    linked = sum(m["linked"] for m in mentions)
    assert e["mentions"] == {"linked": linked, "unlinked": len(mentions) - linked}


def test_links_resolved_missing_and_through_redirects(records, figures):
    links, k = _all(records, "links"), figures["links"]
    exists = Counter(x["exists"] for x in links)
    assert k["total"] == len(links)
    assert (k["exists"], k["missing"], k["unknown"]) == (exists[True], exists[False], exists[None])
    # one title index over raw/'s dump and every file: the dump is the wiki, so a link is known either way
    assert k["exists"] > 0 and k["missing"] > 0 and k["unknown"] == 0
    assert k["via_redirect"] == sum(x["redirect_from"] is not None for x in links)


def test_top_templates_categories_and_infoboxes(records, figures):
    names = Counter(x["name"] for x in _all(records, "templates"))
    t = figures["templates"]
    assert (t["total"], t["distinct"]) == (names.total(), len(names))
    assert t["top"] == [list(pair) for pair in sorted(names.items(), key=lambda p: (-p[1], p[0]))[:20]]
    per_record = [len(r["categories"]) for r in records]
    c = figures["categories"]
    assert (c["per_record"]["median"], c["per_record"]["max"]) == (_nearest_rank(per_record, 0.5), max(per_record))
    assert c["records_without"] == per_record.count(0)
    boxes = Counter(r["infobox"]["template"] for r in records if r["infobox"])
    i = figures["infobox"]
    assert (i["records_with"], i["records_without"]) == (boxes.total(), len(records) - boxes.total())
    assert dict(i["top"]) == dict(boxes) and "Infobox university" in boxes
    assert figures["not_extracted"] == []


def test_a_run_folder_adds_its_manifest_counts_quarantine_codes_and_skip_reasons(run, figures):
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    r = figures["run"]
    assert r["status"] == "complete" and r["counts"] == manifest["counts"]
    assert r["quarantine"]["by_code"] == {"source.decode": 1} == manifest["counts"]["quarantined_by_code"]
    (example,) = r["quarantine"]["examples"]
    assert example["title"] == DAMAGED_TITLE and example["code"] == "source.decode"
    assert manifest["counts"]["skipped_by_reason"] == {"namespace": 1, "redirect": 2}


def test_text_summary_names_the_figures(run, figures):
    text = _stdout(["stats", str(run)])
    lines = {line.strip().split("  ")[0]: line for line in text.splitlines()}
    assert re.search(rf"^records +{figures['records']} \(", lines["records"])
    assert f"median {figures['text_length']['median']:,}" in lines["text length"]
    assert "source.decode 1" in lines["quarantined"]
    assert "namespace 1 · redirect 2" in lines["skipped"]
    assert f"PERSON {figures['entities']['by_type']['PERSON']:,}" in lines["by type"]


def test_a_records_file_gives_the_records_figures_without_a_run(run, figures):
    (shard,) = run.glob("articles-*.jsonl")
    alone = json.loads(_stdout(["stats", str(shard), "--json"]))
    assert alone["run"] is None
    assert {k: v for k, v in alone.items() if k not in ("path", "run")} == {
        k: v for k, v in figures.items() if k not in ("path", "run")
    }


def test_html_report_escapes_the_data_and_fetches_nothing(run, tmp_path):
    report = tmp_path / "report.html"
    _stdout(["stats", str(run), "--html", str(report)])
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "<script" not in page.lower()
    for title in (DAMAGED_TITLE, PLANTED_TITLE):
        assert title.replace("<", "&lt;").replace(">", "&gt;") in page
    assert not re.search(r"<link|<img|src=|@import|url\(|https?://(?!www\.w3\.org/2000/svg\")", page)
    for chart in ("chart-decades", "chart-entity-types", "chart-text-length"):
        assert f'<svg id="{chart}"' in page


def test_fields_a_run_did_not_select_are_not_extracted(tmp_path):
    out = tmp_path / "run"
    article = RAW / "wikitext" / "孫乾.wiki"
    assert main(["run", str(article), "--out", str(out), "--fields", "text,links", "--workers", "1", "-q"]) == 0
    (record,) = [json.loads(line) for line in (out / "articles-00000.jsonl").open(encoding="utf-8")]
    for path in (out, out / "articles-00000.jsonl"):  # the manifest says so; a lone file's records say so
        figures = json.loads(_stdout(["stats", str(path), "--json"]))
        assert figures["links"]["total"] == len(record["links"]) > 0
        assert figures["not_extracted"] == [
            "external_links",
            "categories",
            "templates",
            "infobox",
            "references",
            "citations",
            "tables",
            "dates",
            "entities",
        ]
        assert figures["dates"] is None and figures["entities"] is None and figures["infobox"] is None
    text = _stdout(["stats", str(out), "--html", str(tmp_path / "r.html")])
    assert re.search(r"^dates +not extracted$", text, re.M) and re.search(r"^entities +not extracted$", text, re.M)
    assert "not extracted: the run did not select <code>dates</code>" in (tmp_path / "r.html").read_text("utf-8")


def test_every_format_a_run_writes_gives_the_same_figures(tmp_path):
    figures = {}
    for form in ("jsonl", "jsonl.zst", "parquet"):
        out = tmp_path / form
        assert main(["run", str(RAW / "wikitext"), "--out", str(out), "--format", form, "--workers", "1", "-q"]) == 0
        figures[form] = json.loads(_stdout(["stats", str(out), "--json"]))
        figures[form].pop("path")
        figures[form]["run"].pop("options")  # options hold the format
    assert figures["jsonl"] == figures["jsonl.zst"] == figures["parquet"]
    assert figures["jsonl"]["records"] == 9 and figures["jsonl"]["dates"]["total"] > 0
