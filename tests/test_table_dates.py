"""Dates inside tables: `source: "table"`, `field` the JSON pointer of the cell in the record,
offsets into the cell's string (issue: dates inside tables appear in `dates`)."""

from __future__ import annotations

from _paths import CORPUS

from extractor import Options
from extractor.fields import parse_fields
from extractor.pipeline import process_page
from extractor.sources.files import read_wikitext
from extractor.validate import _pointed, problems, span_problems


def record(name: str, options: Options | None = None) -> dict:
    path = CORPUS / "wikitext" / f"{name}.wiki"
    (page,) = read_wikitext(path, path.name)
    return process_page(page, options or Options())


def table_dates(rec: dict) -> list[tuple[str, str, str | None, str]]:
    return [(d["field"], d["text"], d["value"], d["precision"]) for d in rec["dates"] if d["source"] == "table"]


def test_palau_presidents_terms_from_the_table_cells():
    rec = record("帛琉總統")
    found = table_dates(rec)
    assert ("tables/0/rows/1/4", "1981年3月2日", "1981-03-02", "day") in found
    assert ("tables/0/rows/1/5", "1985年6月30日", "1985-06-30", "day") in found
    for d in rec["dates"]:
        if d["source"] == "table":
            cell = _pointed(rec, d["field"])
            assert cell is not None and cell[d["start"] : d["end"]] == d["text"]
            assert d["sentence_start"] is None and d["anchored_to"] is None
    assert span_problems(rec) == [] and problems(rec) == []


def test_header_cells_and_era_years_in_cells():
    found = table_dates(record("日之影町"))
    assert ("tables/0/header/1", "1889年5月1日", "1889-05-01", "day") in found
    found = table_dates(record("清兵入塞"))
    assert ("tables/0/rows/1/1", "崇祯二年", "1629", "year") in found


def test_table_dates_follow_text_infobox_and_reference_dates():
    sources = [d["source"] for d in record("勾践")["dates"]]
    first_table = sources.index("table")
    assert sources[0] == "text" and "table" not in sources[:first_table]
    assert set(sources[first_table:]) == {"table"}


def test_selecting_dates_selects_the_tables_they_point_into():
    assert "tables" in parse_fields("text,dates")
    rec = record("帛琉總統", Options(fields=parse_fields("text,dates")))
    assert rec["tables"] is not None and table_dates(rec)
    assert span_problems(rec) == []


def test_a_pointer_to_no_cell_is_a_problem():
    rec = record("帛琉總統")
    date = next(d for d in rec["dates"] if d["source"] == "table")
    date["field"] = "tables/99/rows/0/0"
    assert any("tables/99/rows/0/0" in p for p in span_problems(rec))
