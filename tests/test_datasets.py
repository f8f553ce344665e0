"""Two different runs (a dump, single files) load together in Hugging Face datasets, pandas and
DuckDB, from Parquet and from JSON Lines, and real values come back: a date, an entity's
mentions, an infobox field. The expected values are read from the runs' own JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.arrow import from_arrow, hf_features, record_schema, to_arrow
from extractor.cli import main
from extractor.dataset import read_records

ROOT = Path(__file__).resolve().parent.parent
DUMP = ROOT / "raw" / "dump" / "zhwiki-sample-pages-articles.xml"
FILES = [ROOT / "raw" / "wikitext" / "孫乾.wiki", ROOT / "raw" / "markdown" / "方苞.md",
         ROOT / "raw" / "wikitext" / "汕头大学.wiki"]


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, Path]:
    """run name -> folder: the dump and the files, each as jsonl and as parquet."""
    base = tmp_path_factory.mktemp("runs")
    made = {}
    for name, inputs in (("dump", [DUMP]), ("files", FILES)):
        for fmt in ("jsonl", "parquet"):
            out = base / f"{name}-{fmt}"
            assert main(["run", *map(str, inputs), "--out", str(out), "--workers", "1", "-q", "--format", fmt]) == 0
            made[f"{name}-{fmt}"] = out
    return made


def _json_records(*folders: Path) -> dict[str, dict]:
    records = {}
    for folder in folders:
        for shard in sorted(folder.glob("articles-*.jsonl")):
            for line in shard.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                records[record["id"]] = record
    return records


def _files(folder: Path, pattern: str) -> list[str]:
    found = sorted(str(p) for p in folder.glob(pattern))
    assert found, f"no {pattern} in {folder}"
    return found


@pytest.fixture(scope="module")
def expected(runs) -> dict[str, dict]:
    return _json_records(runs["dump-jsonl"], runs["files-jsonl"])


def _probe(expected: dict[str, dict]) -> tuple[dict, dict, dict]:
    """A record with a resolved date, one with a mentioned entity, one with an infobox."""
    dated = next(r for r in expected.values() if any(d["value"] for d in r["dates"]))
    mentioned = next(r for r in expected.values() if any(len(e["mentions"]) > 1 for e in r["entities"]))
    boxed = next(r for r in expected.values() if r["infobox"] and r["infobox"]["fields"])
    return dated, mentioned, boxed


def test_the_runs_differ_in_kind_and_nullness(expected):
    kinds = {r["source"]["title_from"] for r in expected.values()}
    assert {"dump", "filename"} <= kinds
    # what broke loading two runs together: all-null in one run, strings in the other
    files = [r for r in expected.values() if r["source"]["title_from"] == "filename"]
    assert all(link["redirect_from"] is None for r in files for link in r["links"])
    assert all(r["source"]["page_id"] is None and r["source"]["sha256"] for r in files)


def test_parquet_rows_are_the_records(runs, expected):
    back = {r["id"]: r for r in read_records(runs["dump-parquet"])}
    back.update({r["id"]: r for r in read_records(runs["files-parquet"])})
    assert back == expected


def test_arrow_conversion_round_trips(expected):
    import pyarrow as pa

    table = pa.Table.from_pylist([to_arrow(r) for r in expected.values()], schema=record_schema())
    assert [from_arrow(row) for row in table.to_pylist()] == list(expected.values())


def test_hugging_face_datasets_loads_two_parquet_runs(runs, expected):
    datasets = pytest.importorskip("datasets")
    files = _files(runs["dump-parquet"], "*.parquet") + _files(runs["files-parquet"], "*.parquet")
    loaded = datasets.load_dataset("parquet", data_files=files, split="train")
    assert len(loaded) == len(expected)
    rows = {row["id"]: row for row in loaded}
    dated, mentioned, boxed = _probe(expected)
    assert [d["value"] for d in rows[dated["id"]]["dates"]] == [d["value"] for d in dated["dates"]]
    entity = next(e for e in mentioned["entities"] if len(e["mentions"]) > 1)
    got = next(e for e in rows[mentioned["id"]]["entities"] if e["name"] == entity["name"])
    assert [(m["start"], m["end"]) for m in got["mentions"]] == [(m["start"], m["end"]) for m in entity["mentions"]]
    pairs = rows[boxed["id"]]["infobox"]["fields"]  # free keys: a list of {key, value}
    assert {p["key"]: p["value"] for p in pairs} == boxed["infobox"]["fields"]


def test_hugging_face_datasets_loads_two_jsonl_runs_with_the_features(runs, expected):
    datasets = pytest.importorskip("datasets")
    files = _files(runs["dump-jsonl"], "articles-*.jsonl") + _files(runs["files-jsonl"], "articles-*.jsonl")
    loaded = datasets.load_dataset("json", data_files=files, split="train", features=hf_features("jsonl"))
    rows = {row["id"]: row for row in loaded}
    assert set(rows) == set(expected)
    dated, _, boxed = _probe(expected)
    assert rows[dated["id"]]["dates"][0]["precision"] == dated["dates"][0]["precision"]
    assert rows[boxed["id"]]["infobox"]["fields"] == boxed["infobox"]["fields"]  # Json(): the object again
    assert rows[dated["id"]]["source"]["page_id"] == dated["source"]["page_id"]


def test_pandas_keeps_ids_and_versions_as_strings(runs, expected):
    pd = pytest.importorskip("pandas")
    frame = pd.concat(
        [pd.read_parquet(f) for run in ("dump-parquet", "files-parquet") for f in _files(runs[run], "*.parquet")]
    )
    assert len(frame) == len(expected)
    assert set(frame["id"]) == set(expected)
    assert set(frame["schema_version"]) == {"2"}
    dated, _, _ = _probe(expected)
    row = frame[frame["id"] == dated["id"]].iloc[0]
    assert [d["value"] for d in row["dates"]] == [d["value"] for d in dated["dates"]]
    lines = pd.concat(
        [pd.read_json(f, lines=True, dtype=False) for f in _files(runs["dump-jsonl"], "articles-*.jsonl")]
    )
    assert all(isinstance(i, str) for i in lines["id"])


def test_duckdb_queries_two_runs_in_both_formats(runs, expected):
    duckdb = pytest.importorskip("duckdb")
    dated, mentioned, boxed = _probe(expected)
    parquet = _files(runs["dump-parquet"], "*.parquet") + _files(runs["files-parquet"], "*.parquet")
    count = duckdb.execute("select count(*) from read_parquet(?)", [parquet]).fetchone()[0]
    assert count == len(expected)
    values = duckdb.execute(
        "select d.value from (select unnest(dates) as d from read_parquet(?) where id = ?)", [parquet, dated["id"]]
    ).fetchall()
    assert [v for (v,) in values] == [d["value"] for d in dated["dates"]]
    key, value = next(iter(boxed["infobox"]["fields"].items()))
    got = duckdb.execute(
        "select map_from_entries(infobox.fields)[?] from read_parquet(?) where id = ?", [key, parquet, boxed["id"]]
    ).fetchone()[0]
    assert got == value
    jsonl = _files(runs["dump-jsonl"], "articles-*.jsonl") + _files(runs["files-jsonl"], "articles-*.jsonl")
    rows = duckdb.execute(
        "select id, source.sha256, len(entities) from read_json(?, format='newline_delimited') order by id", [jsonl]
    ).fetchall()
    assert rows == sorted((r["id"], r["source"]["sha256"], len(r["entities"])) for r in expected.values())
