"""Multistream dumps read by byte ranges: the same pages as a sequential read, damage kept to its stream.

The dumps are tiny and SYNTHETIC (test_dump_reading's pages), laid out as MediaWiki writes them:
the header in a bz2 stream of its own, then streams of STREAM_PAGES pages, then `</mediawiki>` in
a last stream, with the `offset:page_id:title` index beside the file.
"""

from __future__ import annotations

import bz2
import logging
import pickle
import re
from pathlib import Path

import pytest
from test_dump_reading import FOOTER, dump_text, synthetic_pages

from extractor.errors import INPUT_LOST
from extractor.model import Page
from extractor.sources import multistream, split_dump
from extractor.sources.multistream import ByteRange, index_of, plan_ranges
from extractor.sources.splits import Pages
from extractor.sources.xml_dump import read_dump

STREAM_PAGES = 10
PAGES = 95


def build(folder: Path, pages: int = PAGES, version: str = "0.11") -> tuple[Path, list[int]]:
    """The multistream file and its index; returns the file and its page streams' offsets."""
    path = folder / "zhwiki-20240101-pages-articles-multistream.xml.bz2"
    elements = synthetic_pages(pages)
    data, offsets, lines = bz2.compress(dump_text([], version).encode()), [], []
    for first in range(0, pages, STREAM_PAGES):
        offsets.append(len(data))
        for n in range(first, min(first + STREAM_PAGES, pages)):
            title = re.search(r"<title>([^<]*)</title>", elements[n]).group(1)
            lines.append(f"{len(data)}:{n + 1}:{title}\n")
        data += bz2.compress("".join(elements[first : first + STREAM_PAGES]).encode())
    path.write_bytes(data + bz2.compress(FOOTER.encode()))
    index_of(path).write_bytes(bz2.compress("".join(lines).encode()))
    return path, offsets


def read_ranges(ranges: list[ByteRange]) -> list:
    return [item for part in ranges for item in part.read()]


@pytest.fixture
def small_ranges(monkeypatch):
    monkeypatch.setattr(multistream, "RANGE_PAGES", 25)  # 3 streams a range: 4 ranges for 95 pages


@pytest.mark.parametrize("version", ["0.10", "0.11"])
def test_ranges_give_exactly_the_sequential_pages(tmp_path, small_ranges, version):
    path, offsets = build(tmp_path, version=version)
    ranges = plan_ranges(path, "shown.xml.bz2")
    assert [(r.start, r.end, r.last) for r in ranges] == [
        (0, offsets[3], False),
        (offsets[3], offsets[6], False),
        (offsets[6], offsets[9], False),
        (offsets[9], path.stat().st_size, True),
    ]
    assert ranges[0].streams == (0, *offsets[:3]) and ranges[3].streams == (offsets[9],)
    assert dict(ranges[0].siteinfo.namespaces)[10] == "Template"
    sequential = list(read_dump(path, "shown.xml.bz2"))
    assert read_ranges(ranges) == sequential
    assert len(sequential) == PAGES and all(isinstance(p, Page) for p in sequential)
    assert [p.title for p in sequential[:2]] == ["甲条目1", "甲条目2"] and sequential[4].namespace == 10
    assert sequential[-1].path == "shown.xml.bz2" and sequential[-1].dump == path.name


def test_a_range_is_a_small_picklable_split(tmp_path):
    path, _ = build(tmp_path)
    (whole,) = plan_ranges(path, "x")  # 95 pages: one range of the default size
    copy = pickle.loads(pickle.dumps(whole))
    assert copy == whole and len(pickle.dumps(whole)) < 2000
    assert [p.page_id for p in copy.read()] == [str(n) for n in range(1, PAGES + 1)]


def test_split_dump_uses_the_index_when_there_is_one(tmp_path):
    path, _ = build(tmp_path)
    assert all(isinstance(s, ByteRange) for s in split_dump(path, "x"))
    index_of(path).unlink()
    splits = list(split_dump(path, "x"))
    assert all(isinstance(s, Pages) for s in splits)
    assert [p.title for s in splits for p in s.read()] == [p.title for p in read_dump(path, "x")]


@pytest.mark.parametrize(
    "spoil,problem",
    [
        (lambda lines, size: [lines[0], f"{size + 100}:2:乙\n"], "is not the start of a bz2 stream"),
        (lambda lines, size: [f"{int(lines[1].split(':')[0]) + 3}:2:乙\n"], "is not the start of a bz2 stream"),
        (lambda lines, size: [lines[20], lines[0]], "is not in file order"),
        (lambda lines, size: ["no colon here\n"], "cannot be read"),
    ],
)
def test_an_index_that_does_not_match_falls_back_with_a_warning(tmp_path, caplog, spoil, problem):
    path, _ = build(tmp_path)
    index = index_of(path)
    lines = bz2.decompress(index.read_bytes()).decode().splitlines(keepends=True)
    index.write_bytes(bz2.compress("".join(spoil(lines, path.stat().st_size)).encode()))
    with caplog.at_level(logging.WARNING, logger="extractor.sources.multistream"):
        assert plan_ranges(path, "in/dump.xml.bz2") is None
    assert problem in caplog.text and "in/dump.xml.bz2" in caplog.text and "read sequentially" in caplog.text
    assert all(isinstance(s, Pages) for s in split_dump(path, "x"))


def test_a_damaged_stream_costs_only_its_pages(tmp_path, small_ranges):
    path, offsets = build(tmp_path)
    data = bytearray(path.read_bytes())
    data[(offsets[4] + offsets[5]) // 2] ^= 0xFF  # inside stream 5 (pages 41-50), the middle of range 2
    path.write_bytes(bytes(data))
    ranges = plan_ranges(path, "x")
    items = read_ranges(ranges)
    damaged = [i for i in items if not isinstance(i, Page)]
    assert [q.page_id for q in damaged] == [str(n) for n in range(41, 51)]
    assert damaged[0].title == "甲条目41" and {q.code for q in damaged} == {"source.damaged_stream"}
    assert f"the bz2 stream at compressed bytes {offsets[4]} to {offsets[5]}" in damaged[0].message
    assert "the last page read is 'Template:模板40' (id 40)" in damaged[0].message
    read = [int(p.page_id) for p in items if isinstance(p, Page)]
    assert read == [n for n in range(1, PAGES + 1) if not 41 <= n <= 50]  # the rest of range 2 too
    sequential = list(read_dump(path, "x"))  # the sequential reader stops at the damage
    assert sequential[-1].code == "source.unreadable" and len(sequential) <= 41


def test_a_truncated_multistream_file_ends_with_truncated(tmp_path, small_ranges):
    path, offsets = build(tmp_path)
    path.write_bytes(path.read_bytes()[: offsets[-1] + 40])  # inside the last page stream
    ranges = plan_ranges(path, "x")
    items = read_ranges(ranges)
    assert [int(p.page_id) for p in items[:-1]] == list(range(1, 91))
    assert items[-1].code == "source.truncated" and items[-1].code in INPUT_LOST
    assert f"the bz2 stream at compressed byte {offsets[-1]} ends at compressed byte {offsets[-1] + 40}" in (
        items[-1].message
    )


def test_a_file_cut_after_a_whole_stream_is_truncated_too(tmp_path):
    path, offsets = build(tmp_path)
    footer = len(bz2.compress(FOOTER.encode()))
    path.write_bytes(path.read_bytes()[:-footer])  # the </mediawiki> stream is gone
    items = read_ranges(plan_ranges(path, "x"))
    assert len(items) == PAGES + 1 and items[-1].code == "source.truncated"
    assert "without </mediawiki>" in items[-1].message
