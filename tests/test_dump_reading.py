"""Dump reading: export schemas 0.10 / 0.11, .xml / .bz2 / .gz, namespaces, and an honest end on damage.

The dumps are tiny and SYNTHETIC, built here: `page_xml` is tests/fixtures/make_dump.py's layout
(one tag a line, as MediaWiki writes), the texts are short made-up sentences.
"""

from __future__ import annotations

import bz2
import gzip
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from make_dump import HEADER, page_xml  # noqa: E402

from extractor.errors import INPUT_LOST  # noqa: E402
from extractor.model import Page, Quarantine  # noqa: E402
from extractor.sources import DUMP, format_for  # noqa: E402
from extractor.sources.xml_dump import read_dump  # noqa: E402

FOOTER = "</mediawiki>\n"


def synthetic_pages(count: int, first_id: int = 1) -> list[str]:
    """`count` page elements: 甲条目N in the main namespace, every fifth a Template: page."""
    pages = []
    for n in range(first_id, first_id + count):
        title, ns = (f"Template:模板{n}", 10) if n % 5 == 0 else (f"甲条目{n}", 0)
        pages.append(page_xml(n, title, ns, f"'''甲条目{n}'''是一个合成的条目。\n\n第二段，编号{n}。"))
    return pages


def dump_text(pages: list[str], version: str = "0.11") -> str:
    return HEADER.replace("export-0.11/", f"export-{version}/").replace('"0.11"', f'"{version}"') + "".join(pages)


def write(path: Path, text: str) -> Path:
    data = text.encode()
    if path.name.endswith(".bz2"):
        data = bz2.compress(data)
    elif path.name.endswith(".gz"):
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def pages_of(items) -> list[tuple]:
    return [(p.title, p.page_id, p.namespace, p.markup) for p in items if isinstance(p, Page)]


@pytest.mark.parametrize("version", ["0.10", "0.11"])
@pytest.mark.parametrize("suffix", [".xml", ".xml.bz2", ".xml.gz"])
def test_schemas_and_compressions_read_the_same_pages(tmp_path, version, suffix):
    path = write(tmp_path / f"zhwiki-pages-articles{suffix}", dump_text(synthetic_pages(6), version) + FOOTER)
    assert format_for(path) is DUMP
    items = list(read_dump(path, "shown"))
    assert all(isinstance(i, Page) for i in items)
    assert [(p.title, p.page_id, p.namespace) for p in items] == [
        ("甲条目1", "1", 0),
        ("甲条目2", "2", 0),
        ("甲条目3", "3", 0),
        ("甲条目4", "4", 0),
        ("Template:模板5", "5", 10),
        ("甲条目6", "6", 0),
    ]
    assert items[0].markup == "'''甲条目1'''是一个合成的条目。\n\n第二段，编号1。"
    assert (items[0].revision_id, items[0].dump, items[0].path) == ("10", path.name, "shown")


def test_namespace_from_the_title_when_ns_is_missing(tmp_path):
    pages = [p.replace("    <ns>10</ns>\n", "").replace("    <ns>0</ns>\n", "") for p in synthetic_pages(5)]
    pages.append(page_xml(6, "category:合成", 14, "x").replace("    <ns>14</ns>\n", ""))
    pages.append(page_xml(7, "无此前缀:合成", 0, "x").replace("    <ns>0</ns>\n", ""))
    path = write(tmp_path / "old.xml", dump_text(pages) + FOOTER)
    assert [(p.title, p.namespace) for p in read_dump(path, "old.xml")][3:] == [
        ("甲条目4", 0),
        ("Template:模板5", 10),
        ("category:合成", 14),
        ("无此前缀:合成", 0),
    ]


def test_truncated_xml_names_the_input_the_last_page_and_the_offset(tmp_path):
    text = dump_text(synthetic_pages(4)) + FOOTER
    cut = text.index("<id>3</id>") + 20
    path = write(tmp_path / "cut.xml", text[:cut])
    *pages, end = read_dump(path, "in/cut.xml")
    assert [p.title for p in pages] == ["甲条目1", "甲条目2"]
    assert end.code == "source.truncated" and end.code in INPUT_LOST
    assert (end.title, end.page_id) == ("甲条目3", "3")
    size = path.stat().st_size
    assert f"in/cut.xml: the XML ends at byte {size} of the file" in end.message
    assert "the last page read is '甲条目2' (id 2)" in end.message


def test_truncated_bz2_and_gz_say_compressed_offsets(tmp_path):
    text = dump_text(synthetic_pages(40)) + FOOTER
    for suffix, packed in ((".xml.bz2", bz2.compress(text.encode())), (".xml.gz", gzip.compress(text.encode()))):
        path = tmp_path / f"cut{suffix}"
        path.write_bytes(packed[: len(packed) * 2 // 3])
        *pages, end = read_dump(path, path.name)
        assert end.code == "source.truncated", end.message
        assert f"compressed byte {path.stat().st_size}, the end of the file" in end.message
        assert all(isinstance(p, Page) for p in pages)


def test_corrupt_bz2_block_is_unreadable_with_its_stream(tmp_path):
    text = dump_text(synthetic_pages(3)) + FOOTER
    first, second = bz2.compress(text[:2000].encode()), bz2.compress(text[2000:].encode())
    damaged = bytearray(second)
    damaged[len(damaged) // 2] ^= 0xFF
    path = tmp_path / "bad-pages-articles.xml.bz2"
    path.write_bytes(first + bytes(damaged))
    end = list(read_dump(path, path.name))[-1]
    assert end.code == "source.unreadable" and end.code in INPUT_LOST
    assert f"the bz2 stream starting at {len(first)}" in end.message


@pytest.mark.parametrize(
    "damage,found",
    # a bad character reference, invalid UTF-8, an unclosed tag (expat points at the name of `</text>`)
    [("&#1;", b"&#1;"), ("\udcff", b"\xff"), ("<b>", b"text>")],
)
def test_damaged_page_is_skipped_and_reading_goes_on(tmp_path, damage, found):
    pages = synthetic_pages(5)
    pages[2] = pages[2].replace("第二段", "第二" + damage + "段")
    data = (dump_text(pages) + FOOTER).encode("utf-8", "surrogateescape")
    path = tmp_path / "damaged.xml"
    path.write_bytes(data)
    items = list(read_dump(path, "damaged.xml"))
    assert [type(i) for i in items] == [Page, Page, Quarantine, Page, Page]
    bad = items[2]
    assert (bad.code, bad.title, bad.page_id) == ("source.damaged_page", "甲条目3", "3")
    assert bad.code not in INPUT_LOST
    at = int(bad.message.split(" at byte ", 1)[1].split(" ", 1)[0])
    assert data[at : at + len(found)] == found
    start = data.rindex(b"<page>", 0, data.index("<title>甲条目3<".encode()))
    assert f"the page at byte {start} of the file is skipped" in bad.message
    assert "the last page read is '甲条目2' (id 2)" in bad.message
    assert [p.title for p in items[3:]] == ["甲条目4", "Template:模板5"]


def test_missing_end_tag_of_a_page_costs_that_page(tmp_path):
    pages = synthetic_pages(4)
    pages[1] = pages[1].replace("  </page>\n", "")
    path = write(tmp_path / "nested.xml", dump_text(pages) + FOOTER)
    items = list(read_dump(path, "nested.xml"))
    assert [getattr(i, "code", i.title) for i in items] == ["甲条目1", "source.damaged_page", "甲条目3", "甲条目4"]
    assert items[1].title == "甲条目2"


def test_damage_in_the_last_page_of_a_complete_file_is_not_truncation(tmp_path):
    pages = synthetic_pages(3)
    pages[2] = pages[2].replace("第二段", "&#1;")
    path = write(tmp_path / "last.xml", dump_text(pages) + FOOTER)
    assert [getattr(i, "code", i.title) for i in read_dump(path, "last.xml")] == [
        "甲条目1",
        "甲条目2",
        "source.damaged_page",
    ]


def test_damage_and_then_the_end_of_data_is_both(tmp_path):
    pages = synthetic_pages(3)
    pages[2] = pages[2].replace("第二段", "&#1;")
    path = write(tmp_path / "both.xml", dump_text(pages))  # no </mediawiki>
    codes = [getattr(i, "code", i.title) for i in read_dump(path, "both.xml")]
    assert codes == ["甲条目1", "甲条目2", "source.damaged_page", "source.truncated"]


def test_damage_outside_pages_ends_the_input(tmp_path):
    text = dump_text(synthetic_pages(3)).replace("<dbname>zhwiki</dbname>", "<dbname>zh&#1;wiki</dbname>")
    path = write(tmp_path / "header.xml", text + FOOTER)
    (item,) = list(read_dump(path, "header.xml"))
    assert item.code == "source.malformed_xml" and item.code in INPUT_LOST
    at = text.encode().index(b"&#1;")
    assert f"at byte {at} of the file, outside any page" in item.message
    assert "no page was read before it" in item.message


def test_many_chunks_and_a_damaged_page_far_in(tmp_path):
    """Offsets hold across the reader's 64 KiB chunks and its trimmed buffer."""
    pages = synthetic_pages(3000)
    pages[2500] = pages[2500].replace("第二段", "第二&#1;段")
    data = (dump_text(pages) + FOOTER).encode()
    path = tmp_path / "long.xml"
    path.write_bytes(data)
    items = list(read_dump(path, "long.xml"))
    assert len(items) == 3000 and items[2500].code == "source.damaged_page"
    at = int(items[2500].message.split(" at byte ", 1)[1].split(" ", 1)[0])
    assert data[at : at + 4] == b"&#1;"
    assert items[-1].title == "Template:模板3000"
