"""`extractor diff`: real runs over the sample dump (plus one pandoc-markdown article), compared.

The edited run removes one paragraph of 孫乾 (page id 1) inside a copy of the dump, so the page
keeps its id: one date (214年) and three links (益州, 麋竺, 簡雍) go with it. A single file's id is
the hash of its bytes, so the "fewer" run leaves the article file out instead of editing it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from extractor import cli, diff
from extractor.dataset import read_records
from extractor.diff.fields import BY_NAME, FIELDS
from extractor.diff.rules import metric_names

ROOT = Path(__file__).resolve().parent.parent
DUMP = ROOT / "raw" / "dump" / "zhwiki-sample-pages-articles.xml"
ARTICLE = ROOT / "raw" / "markdown" / "东方红一号.md"
PARAGRAPH = (
    "214年，劉備入主[[益州|益州]]，孫乾被拜為秉忠將軍，其待遇僅次於[[麋竺|麋竺]]，與[[簡雍|簡雍]]一樣。不久便病死。\n\n"
)


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("diff")
    dump = DUMP.read_bytes()
    paragraph = PARAGRAPH.encode("utf-8")
    assert dump.count(paragraph) == 1
    inputs = {"orig": dump, "edited": dump.replace(paragraph, b""), "fewer": dump}
    for name, content in inputs.items():
        (base / name).mkdir()
        (base / name / "dump.xml").write_bytes(content)
        if name != "fewer":
            shutil.copy(ARTICLE, base / name)
    made = {}
    for name, source, options in [
        ("old", "orig", []),
        ("edited", "edited", []),
        ("fewer", "fewer", []),
        ("gz", "orig", ["--compress", "gz"]),
        ("text", "orig", ["--fields", "text"]),
    ]:
        made[name] = base / f"run-{name}"
        argv = ["run", str(base / source), "--out", str(made[name]), "--workers", "1", "-q", *options]
        assert cli.main(argv) == 0
    return made


def run_diff(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main(["diff", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def report_of(capsys, old: Path, new: Path, *options: str) -> dict:
    code, out, _ = run_diff(capsys, old, new, "--json", *options)
    assert code == 0
    return json.loads(out)


def test_an_edited_page_is_changed_with_its_lost_date_and_links(runs, capsys):
    report = report_of(capsys, runs["old"], runs["edited"])
    assert report["records"] == {"added": 0, "removed": 0, "changed": 1, "unchanged": 3}
    assert report["compared"] == report["old"]["records"] == report["new"]["records"] == 4
    assert list(report["fields"]) == ["text", "sections", "blocks", "links", "external_links", "dates", "entities"]
    assert [(e["id"], e["title"]) for e in report["examples"]["fields"]["text"]] == [("1", "孙乾")]
    assert "[-214年，刘备入主益州，孙乾被拜为秉忠将军" in report["examples"]["fields"]["text"][0]["excerpt"]
    dates, links = report["fields"]["dates"], report["fields"]["links"]
    assert (dates["changed"], dates["lost"], dates["gained"]) == (1, 1, 0)
    assert (links["changed"], links["lost"], links["gained"]) == (1, 3, 0)
    assert report["examples"]["fields"]["dates"][0]["lost"] == ["214年 | 0214 | year | text"]
    assert sorted(report["examples"]["fields"]["links"][0]["lost"]) == ["益州 | 益州", "简雍 | 简雍", "麋竺 | 麋竺"]
    # shifted offsets alone are no lost item: the later sections and the reference link only moved
    assert report["fields"]["sections"]["lost"] == report["fields"]["external_links"]["lost"] == 0
    old_dates = sum(len(r["dates"]) for r in read_records(runs["old"]))
    assert report["metrics"]["dates.lost"] == {"count": 1, "base": old_dates, "percent": round(100 / old_dates, 4)}
    assert report["metrics"]["text.changed"] == {"count": 1, "base": 4, "percent": 25.0}


def test_rules_gate_on_what_changed(runs, capsys):
    code, _, err = run_diff(capsys, runs["old"], runs["edited"], "--fail-on", "dates.lost>0")
    assert code == 1
    assert "rule broken: dates.lost>0 (measured 1)" in err
    assert run_diff(capsys, runs["old"], runs["edited"], "--fail-on", "removed>0")[0] == 0
    code, out, err = run_diff(capsys, runs["old"], runs["edited"], "--fail-on", "removed>0, text.changed>20%")
    assert code == 1 and "text.changed>20% (measured 25%)" in err and "removed>0" not in err
    assert "text.changed>20%        BROKEN: 1 of 4 (25.00%)" in out
    rules = ["--fail-on", "text.changed>25%", "--fail-on", "links.lost<3,changed!=1,unchanged<3,dates.gained>=1"]
    assert run_diff(capsys, runs["old"], runs["edited"], *rules)[0] == 0


def test_summary_names_the_page_and_the_counts(runs, capsys):
    code, out, _ = run_diff(capsys, runs["old"], runs["edited"])
    assert code == 0
    assert "4 records compared by id, on content (source.path, source.dump ignored)" in out
    assert "  changed          1  (25.0% of OLD)" in out
    assert "  dates: 1 孙乾: lost 214年 | 0214 | year | text / gained -" in out
    assert out.count("1 孙乾") == 7  # one example line per changed field


def test_a_missing_article_is_removed_and_added_the_other_way(runs, capsys):
    article = next(r for r in read_records(runs["old"]) if r["source"]["format"] == "pandoc-markdown")
    assert article["id"].startswith("sha256:")
    code, out, err = run_diff(capsys, runs["old"], runs["fewer"], "--json", "--fail-on", "removed>0")
    report = json.loads(out)
    assert code == 1 and "rule broken: removed>0 (measured 1)" in err
    assert report["records"] == {"added": 0, "removed": 1, "changed": 0, "unchanged": 3}
    assert report["examples"]["removed"] == [{"id": article["id"], "title": article["title"]}]
    back = report_of(capsys, runs["fewer"], runs["old"], "--fail-on", "removed>0")
    assert back["records"] == {"added": 1, "removed": 0, "changed": 0, "unchanged": 3}
    assert back["examples"]["added"] == [{"id": article["id"], "title": "东方红一号"}]
    assert back["metrics"]["added"] == {"count": 1, "base": 3, "percent": 33.3333}


def test_identical_runs_and_formats_show_no_change(runs, capsys):
    rules = "added>0,removed>0,changed>0,text.changed>0%,dates.lost>0,entities.gained>0,links.unextracted>0"
    for new in (runs["old"], runs["gz"], runs["gz"] / "articles-00000.jsonl.gz"):
        code, out, _ = run_diff(capsys, runs["old"], new, "--fail-on", rules)
        assert code == 0
        assert "no differences" in out and "  unchanged        4  (100.0% of OLD)" in out
    report = report_of(capsys, runs["old"] / "articles-00000.jsonl", runs["gz"])
    assert report["fields"] == {} and report["compared"] == 4
    assert all(
        rule["measured"] == 0 for rule in report_of(capsys, runs["old"], runs["gz"], "--fail-on", rules)["rules"]
    )


def test_a_parquet_run_shows_no_change(runs, capsys):
    pytest.importorskip("pyarrow")
    out = runs["old"].parent / "run-parquet"
    argv = ["run", str(runs["old"].parent / "orig"), "--out", str(out), "--workers", "1", "-q", "--format", "parquet"]
    assert cli.main(argv) == 0
    report = report_of(capsys, out, runs["old"], "--fail-on", "changed>0")
    assert report["records"] == {"added": 0, "removed": 0, "changed": 0, "unchanged": 4} and report["fields"] == {}


def test_fields_a_run_did_not_extract_are_not_lost_items(runs, capsys):
    report = report_of(capsys, runs["old"], runs["text"], "--fail-on", "dates.lost>0,infobox.lost>0,links.lost>0")
    assert report["records"]["changed"] == 4
    dates = report["fields"]["dates"]
    assert (dates["unextracted_new"], dates["lost"], dates["old_items"]) == (4, 0, 0)
    assert report["fields"]["infobox"] == {**report["fields"]["infobox"], "unextracted_new": 1, "lost": 0}
    assert "text" not in report["fields"]
    code, out, _ = run_diff(capsys, runs["old"], runs["text"], "--fail-on", "dates.unextracted>=100%")
    assert code == 1
    assert "not extracted in NEW: 4 records (items not counted)" in out


def test_duplicate_ids_and_keys_an_old_schema_lacks(runs, capsys, tmp_path):
    records = list(read_records(runs["old"]))
    older = tmp_path / "v1.jsonl"
    with older.open("w", encoding="utf-8") as f:
        for record in [*records, records[1]]:
            trimmed = {k: v for k, v in record.items() if k not in ("url", "dates")}
            trimmed["source"] = {k: v for k, v in record["source"].items() if k != "sha256"}
            f.write(json.dumps(trimmed, ensure_ascii=False) + "\n")
    report = report_of(capsys, older, runs["old"])
    assert report["old"]["duplicate_ids"] == 1 and report["old"]["records"] == 4
    assert report["examples"]["duplicates_old"] == [{"id": records[1]["id"], "title": records[1]["title"]}]
    assert report["fields"]["url"]["changed"] == report["fields"]["source"]["changed"] == 4
    page = next(e for e in report["examples"]["fields"]["source"] if e["id"] == "1")  # a dump page: no sha256
    assert (page["old"], page["new"]) == ('{"sha256": "(absent)"}', '{"sha256": null}')
    assert report["fields"]["dates"] == {**report["fields"]["dates"], "unextracted_old": 4, "gained": 0}
    assert report["records"] == {"added": 0, "removed": 0, "changed": 4, "unchanged": 0}
    again = report_of(capsys, runs["old"], older)
    assert again["new"]["duplicate_ids"] == 1 and again["examples"]["duplicates_new"][0]["id"] == records[1]["id"]


def test_examples_are_bounded(runs, capsys):
    report = report_of(capsys, runs["old"], runs["text"], "--examples", "0")
    assert report["examples"]["fields"] and not any(report["examples"]["fields"].values())
    with pytest.raises(SystemExit) as stop:
        cli.main(["diff", str(runs["old"]), str(runs["text"]), "--examples", "-1"])
    assert stop.value.code == 2 and "expected a number >= 0, got '-1'" in capsys.readouterr().err


@pytest.mark.parametrize("rule", ["dates.lost>>1", "nosuch>1", "dates.lost>1%%", "text.lost>0", "removed", "changed>x"])
def test_a_bad_rule_is_a_usage_error_naming_it(rule, capsys, tmp_path):
    code, out, err = run_diff(capsys, tmp_path / "absent", tmp_path / "absent", "--fail-on", f"removed>0,{rule}")
    assert code == 2 and not out
    assert f"--fail-on {rule!r}" in err and "metrics: added, removed, changed, unchanged; FIELD.changed" in err
    assert "FIELD.lost, FIELD.gained, FIELD.unextracted for FIELD in sections, blocks, links" in err


def test_item_keys_ignore_offsets(runs):
    record = next(r for r in read_records(runs["old"]) if r["id"] == "1")
    shift = "前言。\n\n"
    moved = shift + record["text"]
    for name in ("links", "external_links", "blocks", "dates"):
        items = [
            {**item, "start": item["start"] + len(shift), "end": item["end"] + len(shift)} for item in record[name]
        ]
        assert BY_NAME[name].keys(items, moved) == BY_NAME[name].keys(record[name], record["text"]), name


def test_help_and_docstring_name_every_metric(capsys):
    with pytest.raises(SystemExit):
        cli.main(["diff", "--help"])
    shown = capsys.readouterr().out
    for field in FIELDS:
        assert field.name in shown and field.name in diff.__doc__
    assert {"added", "dates.lost", "text.changed", "links.unextracted"} <= set(metric_names())
    assert "FIELD.lost" in shown and "FIELD.lost" in diff.__doc__
