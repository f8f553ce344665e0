"""Hostile input: XML that declares entities, pages too large to hold, pages without a title or text.

Every dump here is SYNTHETIC, built in the test (tests/fixtures/make_dump.py's layout). The
hostile prologs are the classic attacks (billion laughs, quadratic blowup, external and
parameter entities, an external DTD); the secret they point at is a file made here whose
content is a unique marker, which must never reach a record or a message. The bz2 bombs are
generated streaming (BZ2Compressor), so a 200 MB page costs the test about a second.
"""

from __future__ import annotations

import bz2
import gzip
import json
import logging
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from make_dump import HEADER, page_xml  # noqa: E402

from extractor.errors import INPUT_LOST  # noqa: E402
from extractor.model import Page, Quarantine  # noqa: E402
from extractor.sources import multistream, split_dump  # noqa: E402
from extractor.sources.damage import MAX_PAGE_BYTES  # noqa: E402
from extractor.sources.files import read_markdown, read_text, read_wikitext  # noqa: E402
from extractor.sources.multistream import index_of, plan_ranges  # noqa: E402
from extractor.sources.xml_dump import read_dump  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FOOTER = "</mediawiki>\n"
MARKER = "SECRET-MARKER-4f1d9b2e"
MIB = 1 << 20


def pages(*numbers: int) -> str:
    return "".join(page_xml(n, f"甲条目{n}", 0, f"'''甲条目{n}'''是一个合成的条目。") for n in numbers)


def codes(items) -> list[str]:
    return [item.code if isinstance(item, Quarantine) else item.title for item in items]


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(MARKER, encoding="utf-8")
    return path


# ------------------------------------------------------------------ DTDs and entities


def _laughs() -> tuple[str, str]:
    levels = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">\n' for n in range(1, 10))
    return f'<!DOCTYPE mediawiki [\n<!ENTITY lol0 "lol">\n{levels}]>\n', "&lol9;"  # 10^9 "lol"s


def _quadratic() -> tuple[str, str]:
    return f'<!DOCTYPE mediawiki [\n<!ENTITY a "{"a" * 100_000}">\n]>\n', "&a;" * 100_000


def _external(secret: Path) -> tuple[str, str]:
    return f'<!DOCTYPE mediawiki [\n<!ENTITY x SYSTEM "{secret.as_uri()}">\n]>\n', "&x;"


def _parameter(secret: Path) -> tuple[str, str]:
    # a parameter entity that would pull the file into the DTD, and one that expands without bound
    nested = "".join(f'<!ENTITY % p{n} "%p{n - 1};%p{n - 1};">\n' for n in range(1, 30))
    return f'<!DOCTYPE mediawiki [\n<!ENTITY % s SYSTEM "{secret.as_uri()}">\n%s;\n<!ENTITY % p0 "x">\n{nested}]>\n', ""


def _external_dtd(secret: Path) -> tuple[str, str]:
    return f'<!DOCTYPE mediawiki SYSTEM "{secret.as_uri()}">\n', "&x;"


PROLOGS = {
    "billion_laughs": lambda secret: _laughs(),
    "quadratic_blowup": lambda secret: _quadratic(),
    "external_entity": _external,
    "parameter_entity": _parameter,
    "external_dtd": _external_dtd,
}


def hostile_dump(prolog: str, use: str, *, xml_decl: bool = True) -> str:
    head = '<?xml version="1.0" encoding="utf-8"?>\n' if xml_decl else ""
    body = pages(1) + page_xml(2, "乙条目", 0, "@") + pages(3)
    return head + prolog + HEADER + body.replace("@", f"秘密：{use}") + FOOTER


@pytest.mark.parametrize("attack", sorted(PROLOGS))
def test_a_dump_declaring_a_dtd_is_refused_whole_at_once(tmp_path, secret, attack):
    text = hostile_dump(*PROLOGS[attack](secret))
    path = tmp_path / "hostile.xml"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    items = list(read_dump(path, "in/hostile.xml"))
    assert time.perf_counter() - started < 2
    assert len(items) == 1 and isinstance(items[0], Quarantine)
    refused = items[0]
    assert refused.code == "source.forbidden_xml" and refused.code in INPUT_LOST
    at = text.encode().index(b"<!DOCTYPE")
    assert f"in/hostile.xml: a document type declaration (<!DOCTYPE …>) at byte {at} of the file" in refused.message
    assert "no page of it is read" in refused.message
    assert MARKER not in repr(items) and str(secret) not in refused.message


@pytest.mark.parametrize("suffix", [".xml.bz2", ".xml.gz"])
def test_compressed_and_utf16_dumps_are_refused_too(tmp_path, secret, suffix):
    """Expat decodes UTF-16 itself: the refusal is expat's, not a scan of the bytes."""
    data = hostile_dump(*_external(secret), xml_decl=False).encode("utf-16")
    path = tmp_path / f"hostile{suffix}"
    path.write_bytes(bz2.compress(data) if suffix == ".xml.bz2" else gzip.compress(data))
    (refused,) = list(read_dump(path, path.name))
    assert refused.code == "source.forbidden_xml" and "of the decompressed XML" in refused.message
    assert MARKER not in refused.message


def test_an_entity_reference_without_a_dtd_is_damage_of_its_page_only(tmp_path, secret):
    text = HEADER + pages(1) + page_xml(2, "乙条目", 0, "@").replace("@", "&x;") + pages(3) + FOOTER
    path = tmp_path / "undefined.xml"
    path.write_text(text, encoding="utf-8")
    items = list(read_dump(path, "undefined.xml"))
    assert codes(items) == ["甲条目1", "source.damaged_page", "甲条目3"]
    assert "undefined entity: line " in items[1].message and items[1].title == "乙条目"


def test_a_run_over_an_external_entity_is_incomplete_and_never_shows_the_secret(tmp_path, secret):
    dump = tmp_path / "zhwiki-hostile-pages-articles.xml"
    dump.write_text(hostile_dump(*_external(secret)), encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "EXTRACTOR_CACHE": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "extractor", "run", str(dump), "--out", str(out), "--workers", "1", "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert done.returncode == 4, done.stderr
    (error,) = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert error["code"] == "source.forbidden_xml" and error["source"]["path"] == str(dump)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "incomplete" and manifest["counts"]["records_written"] == 0
    written = [p.read_bytes() for folder in (out, tmp_path / "cache") for p in folder.rglob("*") if p.is_file()]
    assert all(MARKER.encode() not in data for data in written) and MARKER not in done.stderr + done.stdout


def _multistream(folder: Path, header: str, streams: list[list[tuple[int, str, bytes]]]) -> Path:
    """A multistream dump and its index: the header stream, one bz2 stream per list, the footer
    stream. A list's (page id, title, bytes) are the stream's pages as the index lists them, and
    their bytes joined are the stream (`_stream` puts them all in its first page's)."""
    path = folder / "zhwiki-20240101-pages-articles-multistream.xml.bz2"
    data, lines = bz2.compress(header.encode()), []
    for stream in streams:
        lines += [f"{len(data)}:{page_id}:{title}\n" for page_id, title, _ in stream]
        data += b"".join(packed for _, _, packed in stream)
    path.write_bytes(data + bz2.compress(FOOTER.encode()))
    index_of(path).write_bytes(bz2.compress("".join(lines).encode()))
    return path


def _stream(*numbers: int) -> list[tuple[int, str, bytes]]:
    packed = bz2.compress(pages(*numbers).encode())
    return [(n, f"甲条目{n}", packed if i == 0 else b"") for i, n in enumerate(numbers)]


def test_a_multistream_header_with_a_dtd_is_read_sequentially_and_refused(tmp_path, secret, caplog):
    prolog, _ = _external(secret)
    path = _multistream(tmp_path, '<?xml version="1.0"?>\n' + prolog + HEADER, [_stream(1, 2), _stream(3)])
    with caplog.at_level(logging.WARNING):
        assert plan_ranges(path, "ms.xml.bz2") is None
    assert "the header stream cannot be read (source.forbidden_xml)" in caplog.text
    items = [item for split in split_dump(path, "ms.xml.bz2") for item in split.read()]
    assert codes(items) == ["source.forbidden_xml"]


# ------------------------------------------------------------------ pages too large


def write_bomb(path: Path, zeros: int) -> dict:
    """A dump: page 1, page 2 whose text is `zeros` bytes of "0", page 3, written as one bz2
    stream without ever holding the big page; returns the XML offsets of pages 2 and 3."""
    before = HEADER + pages(1)
    head, tail = page_xml(2, "炸弹", 0, "@").split("@")
    compressor = bz2.BZ2Compressor(9)
    with open(path, "wb") as out:
        out.write(compressor.compress((before + head).encode()))
        block = b"0" * MIB
        for _ in range(zeros // MIB):
            out.write(compressor.compress(block))
        out.write(compressor.compress((tail + pages(3) + FOOTER).encode()))
        out.write(compressor.flush())
    big = len(before.encode()) + 2  # page_xml writes "  <page>"
    return {"big": big, "next": big - 2 + len(head.encode()) + zeros + len(tail.encode()) + 2}


_MEASURE = """
import json, sys
from dataclasses import replace
from pathlib import Path
from extractor.model import Quarantine
from extractor.sources.multistream import plan_ranges
from extractor.sources.xml_dump import read_dump

kind, path, bound = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
if kind == "sequential":
    items = read_dump(path, path.name, max_page=bound)
else:
    items = (item for part in plan_ranges(path, path.name) for item in replace(part, max_page=bound).read())
out = [[item.title, item.page_id, getattr(item, "code", None), getattr(item, "message", None)] for item in items]
# VmHWM, this program's own peak: ru_maxrss keeps the peak of the process that forked it (Linux
# carries it across exec), which is pytest's after the tests before this one
status = Path("/proc/self/status").read_text()
peak = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))) * 1024
print(json.dumps({"items": out, "rss": peak}))
"""


def measure(kind: str, path: Path, bound: int) -> dict:
    """Reads the dump in a fresh process: its items and its peak resident memory in bytes."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, kind, str(path), str(bound)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("bomb") / "zhwiki-bomb-pages-articles.xml.bz2"
    return path, write_bomb(path, 200 * MIB)


@pytest.mark.parametrize(("bound", "peak"), [(MIB, 100 * MIB), (MAX_PAGE_BYTES, 300 * MIB)])
def test_a_bz2_bomb_page_is_skipped_in_bounded_memory(bomb, bound, peak):
    path, at = bomb
    assert path.stat().st_size < 2000  # 200 MB of zeros in a page, a kilobyte or so of bz2
    found = measure("sequential", path, bound)
    titles = [(title, page_id, code) for title, page_id, code, _ in found["items"]]
    assert titles == [("甲条目1", "1", None), ("炸弹", "2", "source.page_too_large"), ("甲条目3", "3", None)]
    message = found["items"][1][3]
    assert (
        f"{path.name}: the page at byte {at['big']} of the decompressed XML is larger than {bound} bytes, "
        f"the bound on one page; it is skipped unread; the last page read is '甲条目1' (id 1); "
        f"reading resumes at byte {at['next']} of the decompressed XML"
    ) in message
    assert found["rss"] < peak, f"peak RSS {found['rss'] / MIB:.0f} MiB"


def test_a_bz2_bomb_in_a_multistream_range_is_skipped_in_bounded_memory(tmp_path):
    head, tail = page_xml(2, "炸弹", 0, "@").split("@")  # the bomb page as a bz2 stream of its own
    compressor = bz2.BZ2Compressor(9)
    packed = compressor.compress(head.encode())
    for _ in range(200):
        packed += compressor.compress(b"0" * MIB)
    packed += compressor.compress(tail.encode()) + compressor.flush()
    path = _multistream(tmp_path, HEADER, [_stream(1), [(2, "炸弹", packed)], _stream(3)])
    found = measure("multistream", path, MIB)
    titles = [(title, page_id, code) for title, page_id, code, _ in found["items"]]
    assert titles == [("甲条目1", "1", None), ("炸弹", "2", "source.page_too_large"), ("甲条目3", "3", None)]
    assert "the page at byte 2 of the XML in the bz2 stream at compressed byte" in found["items"][1][3]
    assert found["rss"] < 100 * MIB, f"peak RSS {found['rss'] / MIB:.0f} MiB"


def test_a_page_past_the_bound_is_skipped_unread_with_exact_offsets_and_reading_goes_on(tmp_path):
    big = page_xml(2, "大条目", 0, "长" * 100_000)  # 300 kB: several of the reader's 64 KiB chunks
    text = HEADER + pages(1) + big + pages(3, 4) + FOOTER
    path = tmp_path / "big.xml"
    path.write_text(text, encoding="utf-8")
    items = list(read_dump(path, "big.xml", max_page=4096))
    assert codes(items) == ["甲条目1", "source.page_too_large", "甲条目3", "甲条目4"]
    data = text.encode()
    start, resume = data.index("<page>\n    <title>大条目".encode()), data.index("<page>\n    <title>甲条目3".encode())
    assert (items[1].title, items[1].page_id) == ("大条目", "2")
    assert f"the page at byte {start} of the file is larger than 4096 bytes" in items[1].message
    assert f"it is skipped unread; the last page read is '甲条目1' (id 1); reading resumes at byte {resume}" in (
        items[1].message
    )


def test_the_bound_is_exact_for_a_page_read_at_once(tmp_path):
    """A page that ends in the bytes where it crosses the bound is measured at its end."""
    big = page_xml(2, "大条目", 0, "长" * 2000)
    size = len(big.encode()) - len("  ") - len("\n")  # from <page> to </page>
    path = tmp_path / "big.xml"
    path.write_text(HEADER + pages(1) + big + pages(3) + FOOTER, encoding="utf-8")
    assert codes(read_dump(path, "big.xml", max_page=size)) == ["甲条目1", "大条目", "甲条目3"]
    items = list(read_dump(path, "big.xml", max_page=size - 1))
    assert codes(items) == ["甲条目1", "source.page_too_large", "甲条目3"]
    assert (items[1].title, items[1].page_id) == ("大条目", "2") and f"larger than {size - 1} bytes" in items[1].message


def test_a_page_past_the_bound_at_the_end_of_the_data_is_skipped_then_truncated(tmp_path):
    path = tmp_path / "cut.xml"
    path.write_text(HEADER + pages(1) + page_xml(2, "大条目", 0, "长" * 5000)[:-200], encoding="utf-8")
    assert codes(read_dump(path, "cut.xml", max_page=4096)) == ["甲条目1", "source.page_too_large", "source.truncated"]


def test_so_much_data_outside_any_page_ends_the_input(tmp_path):
    text = HEADER + pages(1) + "<junk>" + "垃圾" * 50_000 + "</junk>\n" + pages(2) + FOOTER  # 300 kB
    path = tmp_path / "junk.xml"
    path.write_text(text, encoding="utf-8")
    items = list(read_dump(path, "junk.xml", max_page=4096))
    assert codes(items) == ["甲条目1", "source.malformed_xml"]
    assert "more than 4096 bytes outside any page" in items[1].message and items[1].code in INPUT_LOST


def test_a_damaged_stream_does_not_count_again_the_pages_read_before_the_damage(tmp_path):
    """Streams are decompressed a chunk at a time, so a stream damaged in a later bz2 block
    has given its first pages already: only the others are quarantined."""
    rng = random.Random(7)
    common = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    numbers = range(1, 21)
    bodies = "".join(page_xml(n, f"甲条目{n}", 0, "".join(rng.choices(common, k=10_000))) for n in numbers)
    packed = bytearray(bz2.compress(bodies.encode(), compresslevel=1))  # blocks of 100 kB: ~6 blocks
    packed[len(packed) * 3 // 4] ^= 0xFF
    path = _multistream(tmp_path, HEADER, [[(n, f"甲条目{n}", bytes(packed) if n == 1 else b"") for n in numbers]])
    items = [item for part in plan_ranges(path, "ms.xml.bz2") for item in part.read()]
    read = [item.page_id for item in items if isinstance(item, Page)]
    lost = [item.page_id for item in items if isinstance(item, Quarantine) and item.code == "source.damaged_stream"]
    assert 0 < len(read) < 20 and sorted(read + lost, key=int) == [str(n) for n in numbers]


def test_a_range_too_large_to_read_at_once_makes_the_dump_read_sequentially(tmp_path, monkeypatch, caplog):
    """An index that lists too few streams would make one worker read most of the file at once."""
    path = _multistream(tmp_path, HEADER, [_stream(1, 2), _stream(3)])
    assert len(plan_ranges(path, "ms.xml.bz2")) == 1
    monkeypatch.setattr(multistream, "RANGE_MAX", 200)
    with caplog.at_level(logging.WARNING):
        assert plan_ranges(path, "ms.xml.bz2") is None
    assert "(the index lists too few streams); the dump is read sequentially" in caplog.text
    assert codes(item for split in split_dump(path, "ms.xml.bz2") for item in split.read()) == [
        "甲条目1",
        "甲条目2",
        "甲条目3",
    ]


# ------------------------------------------------------------------ pages without a title or text


NO_TEXT = {
    "no_text_element": (lambda p: re.sub(r"      <text[^>]*>.*?</text>\n", "", p, flags=re.S), "no <revision> with a"),
    "no_revision": (lambda p: re.sub(r"    <revision>.*</revision>\n", "", p, flags=re.S), "no <revision> with a"),
    "deleted": (lambda p: re.sub(r"<text [^>]*>.*?</text>", '<text deleted="deleted" />', p, flags=re.S), "deleted"),
    "empty": (lambda p: re.sub(r"(<text [^>]*>).*?(</text>)", r"\1 \n \2", p, flags=re.S), "an empty text"),
    "empty_element": (lambda p: re.sub(r"<text ([^>]*)>.*?</text>", r"<text \1/>", p, flags=re.S), "an empty text"),
    "no_title": (lambda p: p.replace("<title>甲条目2</title>", "<title> </title>"), "empty or missing <title>"),
    "title_missing": (lambda p: p.replace("<title>甲条目2</title>\n", ""), "empty or missing <title>"),
}


@pytest.mark.parametrize("case", sorted(NO_TEXT))
def test_a_page_without_title_or_text_is_quarantined_not_an_empty_record(tmp_path, case):
    spoil, said = NO_TEXT[case]
    text = HEADER + pages(1) + spoil(pages(2)) + pages(3) + FOOTER
    path = tmp_path / "pages.xml"
    path.write_text(text, encoding="utf-8")
    items = list(read_dump(path, "pages.xml"))
    code = "source.no_title" if "title" in case else "source.no_text"
    assert codes(items) == ["甲条目1", code, "甲条目3"]
    assert items[1].page_id == "2" and items[1].title == (None if "title" in case else "甲条目2")
    start = text.encode().index(b"<page>", text.encode().index(b"<id>1</id>"))
    assert f"pages.xml: the page at byte {start} of the file (id 2) has" in items[1].message
    assert said in items[1].message
    assert items[1].code not in INPUT_LOST


@pytest.mark.parametrize(
    ("content", "said"), [(b"", "is empty (0 bytes)"), (" \n\u3000\t\n".encode(), "holds only whitespace")]
)
@pytest.mark.parametrize("reader", [read_wikitext, read_markdown, read_text])
def test_an_empty_article_file_is_quarantined(tmp_path, reader, content, said):
    path = tmp_path / "赣江.txt"
    path.write_bytes(content)
    (item,) = list(reader(path, "in/赣江.txt"))
    assert isinstance(item, Quarantine) and item.code == "source.no_text" and item.title == "赣江"
    assert f"in/赣江.txt: the file {said}" in item.message


def test_an_article_file_past_the_bound_is_not_read(tmp_path):
    path = tmp_path / "大.wiki"
    path.write_text("长" * 2000, encoding="utf-8")  # 6,000 bytes
    (item,) = list(read_wikitext(path, "大.wiki", max_page=4096))
    assert item.code == "source.page_too_large" and "larger than 4096 bytes" in item.message
    (page,) = list(read_wikitext(path, "大.wiki", max_page=6000))
    assert isinstance(page, Page) and len(page.markup) == 2000


def test_a_txt_file_that_cannot_be_read_is_quarantined_not_raised(tmp_path):
    path = tmp_path / "gone.txt"
    path.symlink_to(tmp_path / "nowhere.txt")
    (item,) = list(read_text(path, "gone.txt"))
    assert item.code == "source.unreadable"
