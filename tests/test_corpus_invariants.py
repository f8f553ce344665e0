"""Every real article of the shared corpus, through the whole pipeline: a valid record (never a
quarantine), no markup residue in the text, every span pointing at its mention."""

import re
from pathlib import Path

import pytest

from extractor import Options, process_page
from extractor.fields import CORE, OPTIONAL, parse_fields
from extractor.sources import reader_for
from extractor.validate import fast_validator, validator

ROOT = Path(__file__).resolve().parent.parent
from _paths import CORPUS  # noqa: E402

FILES = sorted([*CORPUS.glob("wikitext/*.wiki"), *CORPUS.glob("markdown/*.md")])

RESIDUE = {
    "wikitext": ["{{", "}}", "[[", "]]", "'''", "<ref", "-{", "}-", "&nbsp;", "__TOC__", "{|", "|}", "<!--"],
    "pandoc-markdown": ["](", '"wikilink"', "ⓦ", "**", "\\[", "[^", "<!--", "fig:", "-{", "}-"],
}
EMPTY_BRACKETS = re.compile(r"[（(][\s，,、；;：:]*[）)]")

pytestmark = pytest.mark.skipif(not FILES, reason=f"no corpus at {CORPUS}")


@pytest.fixture(scope="module", params=["zh-hans", "zh-tw"])
def records(request) -> list[tuple[str, dict]]:
    found = []
    for path in FILES:
        (page,) = reader_for(path)(path, path.name)
        found.append((path.name, process_page(page, Options(variant=request.param))))
    return found


def test_no_page_is_quarantined(records):
    assert [(name, r.message) for name, r in records if not isinstance(r, dict)] == []
    assert len(records) == len(FILES) >= 100


def test_no_markup_residue_in_any_text(records):
    dirty = {}
    for name, record in records:
        found = [r for r in RESIDUE[record["source"]["format"]] if r in record["text"]]
        found += ["empty brackets"] if EMPTY_BRACKETS.search(record["text"]) else []
        if found:
            dirty[name] = found
    assert dirty == {}


def test_every_span_is_its_mention(records):
    for name, record in records:
        text = record["text"]
        for link in record["links"]:
            assert 0 <= link["start"] < link["end"] <= len(text), (name, link)
        for entity in record["entities"]:
            for m in entity["mentions"]:
                assert text[m["start"] : m["end"]].strip(), (name, entity["name"], m)
        for date in record["dates"]:
            if date["source"] == "text":
                assert text[date["start"] : date["end"]] == date["text"], (name, date)


def test_compiled_and_reference_validators_accept_every_record(records):
    for name, record in records:
        assert fast_validator("record").is_valid(record), name
        assert validator("record").is_valid(record), name


@pytest.mark.parametrize("spec", ["text", "text,links,dates"])
def test_a_narrower_run_gives_the_same_values_for_its_fields(records, spec):
    """What a profile skips (stages, tables, infobox values, reference texts) changes nothing it keeps."""
    fields = parse_fields(spec)
    for (name, full), path in zip(records, FILES, strict=True):
        (page,) = reader_for(path)(path, path.name)
        narrow = process_page(page, Options(variant=full["variant"], fields=fields))
        assert set(narrow) == set(full), name
        assert {k for k in OPTIONAL if narrow[k] is not None} <= set(fields), name
        for key in (*CORE, *fields):
            if key == "dates":  # without entities a date names none
                assert narrow[key] == [{**d, "entities": []} for d in full[key]], name
            else:
                assert narrow[key] == full[key], (name, key)
