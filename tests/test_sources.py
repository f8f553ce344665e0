"""Readers: format detection, titles from file names, streamed XML dumps."""

import bz2
import shutil
from pathlib import Path

import pytest

from extractor.model import Page, Quarantine
from extractor.sources import bz2_stream, find_inputs, reader_for
from extractor.sources.files import title_from_filename
from extractor.sources.xml_dump import read_dump

ROOT = Path(__file__).resolve().parent.parent
DUMP = ROOT / "raw" / "dump" / "zhwiki-sample-pages-articles.xml"


@pytest.mark.parametrize(
    "name,title",
    [
        ("中上健次.md", "中上健次"),
        ("_NET框架.wiki", ".NET框架"),  # mirrors write a leading "." as "_"
        ("詹姆士·威爾遜_(商人).md", "詹姆士·威爾遜 (商人)"),
        ("000_b6e711bf4e50eda6.txt", None),  # an identifier, not a title
        ("%E8%B5%A3%E6%B1%9F.md", "赣江"),
    ],
)
def test_title_from_filename(name, title):
    assert title_from_filename(Path(name)) == title


def test_directory_walk_skips_sources_file_and_detects_formats():
    files = list(find_inputs([str(ROOT / "raw")]))
    names = [p.name for p, _ in files]
    assert "SOURCES.md" not in names
    assert "000_b6e711bf4e50eda6.txt" in names
    formats = {p.name: reader_for(p).__name__ for p, _ in files}
    assert formats["赣江.wiki"] == "read_wikitext"
    assert formats["赣江.md"] == "read_markdown"
    assert formats["zhwiki-sample-pages-articles.xml"] == "read_dump"


def test_missing_input_is_an_error_not_an_empty_run():
    with pytest.raises(FileNotFoundError):
        find_inputs(["no/such/dir"])


def test_dump_pages_carry_ids_namespace_and_redirects():
    pages = list(read_dump(DUMP, "dump.xml"))
    assert all(isinstance(p, Page) for p in pages)
    by_title = {p.title: p for p in pages}
    assert by_title["中上健治"].redirect == "中上健次"
    assert by_title["贛江"].redirect == "赣江"
    assert by_title["Template:示例"].namespace == 10
    sui = by_title["隋恭帝"]
    assert (sui.page_id, sui.revision_id, sui.timestamp, sui.namespace) == ("3", "30", "2020-01-01T00:00:00Z", 0)
    assert sui.markup == (ROOT / "raw" / "wikitext" / "隋恭帝.wiki").read_text(encoding="utf-8")
    assert sui.dump == DUMP.name and sui.title_from == "dump"


def test_bz2_dump_reads_the_same_pages(tmp_path):
    packed = tmp_path / "x-pages-articles.xml.bz2"
    packed.write_bytes(bz2.compress(DUMP.read_bytes()))
    assert reader_for(packed) is read_dump
    plain = [(p.title, p.markup) for p in read_dump(DUMP, "a")]
    assert [(p.title, p.markup) for p in read_dump(packed, "b")] == plain


def test_truncated_dump_yields_pages_then_a_quarantine(tmp_path):
    data = DUMP.read_text(encoding="utf-8")
    cut = data.index("<title>隋恭帝</title>")
    broken = tmp_path / "broken.xml"
    broken.write_text(data[:cut] + "<title>oops</page>", encoding="utf-8")
    items = list(read_dump(broken, "broken.xml"))
    assert [type(i) for i in items] == [Page, Page, Quarantine, Quarantine]
    damaged, end = items[2:]
    assert (damaged.code, damaged.title) == ("source.damaged_page", None)  # no </title>: no title to name
    assert end.code == "source.truncated" and "'鄞州区' (id 2)" in end.message
    assert f"ends at byte {broken.stat().st_size} of the file" in end.message


def test_undecodable_file_is_quarantined(tmp_path):
    bad = tmp_path / "坏.wiki"
    bad.write_bytes("'''好'''".encode() + b"\xff\xfe")
    (item,) = reader_for(bad)(bad, str(bad))
    assert isinstance(item, Quarantine) and item.code == "source.decode" and item.title == "坏"


def test_txt_sniffing(tmp_path):
    wiki = tmp_path / "a.txt"
    wiki.write_text("'''甲'''是[[乙]]的{{lang-en|x}}。", encoding="utf-8")
    shutil.copy(ROOT / "raw" / "seed" / "000_b6e711bf4e50eda6.txt", tmp_path / "b.txt")
    (page,) = reader_for(wiki)(wiki, "a.txt")
    (seed,) = reader_for(tmp_path / "b.txt")(tmp_path / "b.txt", "b.txt")
    assert (page.format, seed.format) == ("wikitext", "pandoc-markdown")


def test_multistream_bz2_dump_reads_across_streams(tmp_path):
    """A pages-articles-multistream dump is bz2 streams concatenated at page boundaries."""
    text = DUMP.read_text(encoding="utf-8")
    cut = text.index("  <page>", text.index("</page>"))
    packed = tmp_path / "x-pages-articles-multistream.xml.bz2"
    packed.write_bytes(bz2.compress(text[:cut].encode()) + bz2.compress(text[cut:].encode()))
    plain = [(p.title, p.markup) for p in read_dump(DUMP, "a")]
    assert [(p.title, p.markup) for p in read_dump(packed, "b")] == plain


def test_truncated_bz2_dump_yields_pages_then_an_unreadable_quarantine(tmp_path):
    packed = bz2.compress(DUMP.read_bytes())
    cut = tmp_path / "cut-pages-articles.xml.bz2"
    cut.write_bytes(packed[: len(packed) - 40])  # the end-of-stream marker is gone
    items = list(read_dump(cut, "cut.xml.bz2"))
    assert isinstance(items[-1], Quarantine) and items[-1].code == "source.truncated"
    assert "end-of-stream marker" in items[-1].message
    assert f"compressed byte {cut.stat().st_size}, the end of the file" in items[-1].message
    assert all(isinstance(i, Page) for i in items[:-1])


def test_corrupt_bz2_dump_is_unreadable_not_a_crash(tmp_path):
    bad = tmp_path / "bad-pages-articles.xml.bz2"
    bad.write_bytes(b"BZh91AY&SY" + b"\x00" * 64)
    (item,) = list(read_dump(bad, "bad.xml.bz2"))
    assert isinstance(item, Quarantine) and item.code == "source.unreadable"


def test_bz2_stream_reads_many_chunks_in_order_and_stops_early(tmp_path, monkeypatch):
    monkeypatch.setattr(bz2_stream, "CHUNK", 1000)  # many queue items, the queue full most of the time
    data = b"".join(b"%06d\n" % i for i in range(100_000))
    packed = tmp_path / "d.bz2"
    packed.write_bytes(bz2.compress(data[:300_000]) + bz2.compress(data[300_000:]))
    with bz2_stream.Bz2Stream(packed) as stream:
        assert stream.read() == data
    early = bz2_stream.Bz2Stream(packed)
    assert early.read(10) == data[:10]
    early.close()  # the thread waiting on the full queue ends
    assert not early._thread.is_alive()
