"""`run --fields`: the core fields always, the optional ones exactly as selected; variant `zh`
converts nothing but still resolves `-{…}-`; the choice is in the manifest and validation
holds a run to it."""

import json

import pytest
from _paths import CORPUS, ROOT

from extractor import Options, Page, process_page
from extractor.fields import ALL, CORE, OPTIONAL, describe, parse_fields, parser_needs
from extractor.runners.local import run
from extractor.sinks.jsonl import dumps
from extractor.sources import reader_for
from extractor.validate import problems

ARTICLE = CORPUS / "wikitext" / "中上健次.wiki"


def _record(fields: tuple[str, ...], variant: str = "zh-hans", path=ARTICLE) -> dict:
    (page,) = reader_for(path)(path, path.name)
    record = process_page(page, Options(variant=variant, fields=fields))
    assert isinstance(record, dict), record
    return record


def test_parse_fields_accepts_profiles_and_field_names_in_record_order():
    assert parse_fields("all") == ALL == OPTIONAL
    assert parse_fields("text") == ()
    assert parse_fields("text,entities,links") == ("links", "entities")
    assert parse_fields(" entities , text ") == ("entities",)
    assert parse_fields("dates") == ("infobox", "references", "tables", "dates")  # a date may point into them
    assert parse_fields("citations") == ("references", "citations")
    assert describe(parse_fields("text,entities,links")) == "text,links,entities"
    assert describe(ALL) == "all"
    with pytest.raises(ValueError, match="unknown field 'bogus'.*choose from all, text, links"):
        parse_fields("text,bogus")


def test_the_text_profile_fills_the_core_fields_only_and_the_same_text():
    full, text = _record(ALL), _record(())
    assert set(text) == set(full)  # every field, always: one shape for every run
    assert {k for k, v in text.items() if v is None and k in OPTIONAL} == set(OPTIONAL)
    assert {k: full[k] for k in CORE} == {k: text[k] for k in CORE}
    assert problems(text, fields=()) == []
    assert "links: None is not of type 'array'" in problems(text, fields=ALL)
    assert any(p.startswith("links: [") for p in problems(full, fields=()))  # a run without links has none


def test_selected_fields_are_present_and_dates_name_no_entities_without_them():
    record = _record(parse_fields("links,dates"))
    assert {k for k in OPTIONAL if record[k] is not None} == {"links", "references", "tables", "dates"}  # and infobox
    assert record["infobox"] == _record(ALL)["infobox"]
    assert record["links"] == _record(ALL)["links"]
    assert record["dates"] and all(d["entities"] == [] for d in record["dates"])
    assert [d["value"] for d in record["dates"]] == [d["value"] for d in _record(ALL)["dates"]]


def test_variant_zh_keeps_the_script_as_written():
    written = ARTICLE.read_text(encoding="utf-8")
    zh, hans = _record((), "zh"), _record((), "zh-hans")
    assert zh["variant"] == "zh" and "紀州" in written and "紀州" in zh["text"] and "纪州" in hans["text"]
    assert zh["title"] == "中上健次" and zh["unresolved_conversion_groups"] == []


def test_variant_zh_still_renders_conversion_markup():
    page = Page(
        markup="'''甲'''是-{zh-hans:计算机;zh-hant:電腦}-和-{軟體}-。", format="wikitext", path="t.wiki", title="甲"
    )
    record = process_page(page, Options(variant="zh", fields=()))
    assert record["text"] == "甲是计算机和軟體。"  # zh falls back to zh-hans (ZhConverter::getVariantsFallbacks)


def test_a_text_run_records_its_choice_and_validates(tmp_path):
    out = tmp_path / "run"
    run([str(ROOT / "raw")], out, Options(variant="zh", fields=()))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"] == {"fields": "text", "limit": None, "variant": "zh"}
    assert sorted(manifest["outputs"]) == ["errors"]  # no title index was needed: no redirect table
    assert not (out / "redirects.jsonl").exists()
    lines = (out / "articles-00000.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == manifest["counts"]["records_written"] == 20  # 23 pages: a template and 2 redirects skipped
    records = [json.loads(line) for line in lines]
    assert all(set(r) == {*CORE, *OPTIONAL} and all(r[k] is None for k in OPTIONAL) for r in records)


def test_orjson_lines_are_the_bytes_json_dumps_wrote():
    for line in (ROOT / "output" / "articles-00000.jsonl").read_bytes().splitlines():
        record = json.loads(line)
        assert dumps(record) == json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def test_the_parser_skips_only_what_no_selected_field_can_reach():
    assert parser_needs(()) == frozenset()
    assert parser_needs(("links",)) == {"links"}
    assert parser_needs(("references",)) == {"references", "tables", "infobox"}  # refs stand in tables too
    assert parser_needs(("entities",)) >= {"tables", "infobox", "references"}  # so do category links
