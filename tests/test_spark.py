"""`run --engine spark` writes what the local runner writes: the same shards, errors, redirects and
manifest, byte for byte, for a multistream dump (byte ranges) and raw/ (article files and a plain
dump) with a slow page and a memory hog under the same bounds; and for a Parquet table of the dump's
pages, the same records. Spark runs in local mode (`local[2]`); the Spark tests need PySpark and
Java (CI installs `.[spark]`)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from extractor.dataset import read_records

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from dump import ensure_dump  # noqa: E402

PAGES = 300
ARGS = ["--variant", "zh", "--shard-size", "200K", "-q"]  # every field (the title index too)


@pytest.fixture(scope="module")
def pyspark():
    return pytest.importorskip("pyspark")


@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    return ensure_dump(tmp_path_factory.mktemp("dump"), PAGES)


def _run(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "extractor", "run", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def _both(inputs: list[str], tmp_path: Path, *args: str) -> tuple[Path, Path]:
    """The inputs run by Spark (2 workers) and by the local runner; both must succeed."""
    spark, local = tmp_path / "spark", tmp_path / "local"
    done = _run(*inputs, "--engine", "spark", "--workers", "2", "--out", str(spark), *args)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    done = _run(*inputs, "--workers", "2", "--out", str(local), *args)
    assert done.returncode == 0, done.stderr
    return spark, local


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def _records(out: Path) -> list[dict]:
    return [json.loads(line) for p in sorted(out.glob("articles-*.jsonl")) for line in p.read_text().splitlines()]


def test_a_dump_and_raw_give_the_local_runs_bytes(pyspark, dump, tmp_path):
    """A multistream dump (byte ranges), then raw/ (article files and a plain dump, read in order)
    and two pages beyond the bounds, all fields: the same files, byte for byte. The slow page and
    the memory hog are quarantined by the executors' pool as by the local one (5 s: a worker's
    first page, which loads the dictionaries, takes ~1.6 s here, more on a busy machine)."""
    bounds = tmp_path / "bounds"
    bounds.mkdir()
    (bounds / "慢.wiki").write_text("[http://a " * 20_000, encoding="utf-8")  # ~1 min unbounded (the tokenizer)
    (bounds / "大.wiki").write_text("'''大'''" + "汉字[[链接]]" * 1_500_000, encoding="utf-8")
    inputs = [str(dump.forms["multistream"]), "raw/", str(bounds)]
    spark, local = _both(inputs, tmp_path, *ARGS, "--page-timeout", "5", "--memory", "300")
    files = _files(spark)
    assert len([name for name in files if name.startswith("articles-")]) > 3
    assert {"errors.jsonl", "redirects.jsonl", "manifest.json"} <= set(files)  # one index over every input
    assert files == _files(local)  # shards, errors, redirects and the manifest (counts, digests) alike
    counts = _manifest(spark)["counts"]
    assert counts["quarantined_by_code"] == {"page.memory": 1, "page.timeout": 1}
    assert counts["records_written"] > dump.articles + 15


def test_a_parquet_table_gives_the_dumps_records(pyspark, dump, tmp_path, monkeypatch):
    """The dump's pages as rows of Wikimedia's `mediawiki_wikitext_current` columns, in three part
    files, written as Parquet: the same records as the dump's (but for the input's name), counts and
    skips alike."""
    from pyspark.sql import SparkSession
    from pyspark.sql.types import IntegerType, LongType, StringType, StructField, StructType, TimestampType

    from extractor.fields import parse_fields
    from extractor.options import Options, RunConfig
    from extractor.runners import spark as engine
    from extractor.sources.xml_dump import read_dump

    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    session = SparkSession.builder.master("local[2]").config("spark.ui.showConsoleProgress", "false").getOrCreate()
    try:
        session.sparkContext.setLogLevel("ERROR")
        rows = [
            (
                int(page.page_id),
                page.namespace,
                page.title,
                page.redirect,
                int(page.revision_id),
                datetime.strptime(page.timestamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc),
                page.markup,
            )
            for page in read_dump(dump.forms["bz2"], "dump")
        ]
        schema = StructType([
            StructField("page_id", LongType()),
            StructField("page_namespace", IntegerType()),
            StructField("page_title", StringType()),
            StructField("page_redirect_title", StringType()),
            StructField("revision_id", LongType()),
            StructField("revision_timestamp", TimestampType()),
            StructField("revision_text", StringType()),
        ])
        table = tmp_path / "zhwiki.parquet"
        session.createDataFrame(session.sparkContext.parallelize(rows, 3), schema).write.parquet(str(table))
        assert len(list(table.glob("part-*.parquet"))) == 3
        options = Options(variant="zh", fields=parse_fields("text"), workers=2)
        config = RunConfig(output="parquet", shard_size=40 << 10, progress="quiet")
        result = engine.run([str(table)], tmp_path / "table", options, config)  # the session above, left running
    finally:
        session.stop()
    done = _run(str(dump.forms["bz2"]), "--out", str(tmp_path / "dump"), "--fields", "text", "--variant", "zh", "-q")
    assert done.returncode == 0, done.stderr
    table_records, dump_records = list(read_records(tmp_path / "table")), _records(tmp_path / "dump")
    assert all(p.suffix == ".parquet" for p in (tmp_path / "table").glob("articles-*"))
    assert len(table_records) == dump.articles
    for record in table_records:
        assert record["source"].pop("path") == str(table) and record["source"].pop("dump") == "zhwiki.parquet"
    for record in dump_records:
        del record["source"]["path"], record["source"]["dump"]
    assert table_records == dump_records
    manifest = _manifest(tmp_path / "table")
    assert manifest["counts"] == _manifest(tmp_path / "dump")["counts"] == result.counts.to_dict()
    assert manifest["inputs"][0]["format"] == "parquet" and manifest["inputs"][0]["files"] == 3


def test_without_pyspark_the_engine_says_how_to_install_it(tmp_path):
    hide = "import sys; sys.modules['pyspark'] = None; from extractor.cli import main; sys.exit(main(sys.argv[1:]))"
    command = [sys.executable, "-c", hide, "run", "raw/", "--engine", "spark", "--out", str(tmp_path / "out")]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip() == "extractor: error: --engine spark needs PySpark: pip install 'extractor[spark]'"
    assert not (tmp_path / "out").exists()
