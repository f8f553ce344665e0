"""Counts reconcile on a dump with planted bad pages of every kind: every page id read comes out
once, as a record, a quarantined error or a counted skip, and the manifest adds up.

The dump is built here from real articles (raw/wikitext) with synthetic damage planted between
them: an invalid character reference, a raw control byte, invalid UTF-8, a broken tag, a page
without text, deleted text, an empty title, a page too slow, a page too big for memory, a
redirect and a template. Ids are the page ids MediaWiki would give."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from make_dump import HEADER, page_xml  # noqa: E402

from extractor.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "raw" / "wikitext").glob("*.wiki"))
# mwparserfromhell's tokenizer looks ahead to the end of the page for every unclosed bracketed
# external link: 20,000 of them (200 KB) take about a minute unbounded.
SLOW = "[http://a " * 20_000


def _real(page_id: int, n: int) -> str:
    path = ARTICLES[n % len(ARTICLES)]
    return page_xml(page_id, path.stem.replace("_", " ") + f" {page_id}", 0, path.read_text(encoding="utf-8"))


def _planted() -> tuple[bytes, dict[int, str]]:
    """The dump's bytes, and each page id -> what must become of it (a record, a skip reason or an
    error code)."""
    expected: dict[int, str] = {}
    parts: list[bytes] = [HEADER.encode()]

    def add(page_id: int, xml: str | bytes, outcome: str) -> None:
        parts.append(xml.encode() if isinstance(xml, str) else xml)
        expected[page_id] = outcome

    def damaged(page_id: int, what: bytes) -> bytes:
        text = page_xml(page_id, f"损坏 {page_id}", 0, "正文。MARK").encode()
        return text.replace(b"MARK", what)

    add(1, _real(1, 0), "record")
    add(2, damaged(2, b"&#1;"), "source.damaged_page")
    add(3, _real(3, 1), "record")
    add(4, damaged(4, b"\x01"), "source.damaged_page")
    add(5, damaged(5, b"\xff\xfe"), "source.damaged_page")
    add(6, _real(6, 2), "record")
    add(7, damaged(7, b"<b>unclosed"), "source.damaged_page")
    add(8, re.sub(r"      <text [^\n]*\n", "", page_xml(8, "无正文", 0, "x")), "source.no_text")
    add(9, re.sub(r"<text [^>]*>x</text>", '<text deleted="deleted" />', page_xml(9, "已删除", 0, "x")),
        "source.no_text")
    add(10, page_xml(10, "", 0, "没有标题的正文。"), "source.no_title")
    add(11, page_xml(11, "慢", 0, SLOW), "page.timeout")
    add(12, page_xml(12, "大", 0, "'''大'''" + "汉字[[链接]]" * 1_500_000), "page.memory")
    add(13, page_xml(13, "重定向", 0, "#REDIRECT [[孫乾 1]]"), "redirect")
    add(14, page_xml(14, "Template:模板", 10, "{{{1}}}"), "namespace")
    add(15, _real(15, 3), "record")
    parts.append(b"</mediawiki>\n")
    return b"".join(parts), expected


def test_every_page_id_comes_out_once_and_the_manifest_adds_up(tmp_path):
    data, expected = _planted()
    dump = tmp_path / "zhwiki-planted-pages-articles.xml"
    dump.write_bytes(data)
    out = tmp_path / "out"
    code = main(["run", str(dump), "--out", str(out), "--workers", "2", "-q",
                 "--page-timeout", "5", "--memory", "300", "--fields", "text,links"])
    assert code == 0
    records = [json.loads(line) for line in (out / "articles-00000.jsonl").read_text("utf-8").splitlines()]
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text("utf-8").splitlines()]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    counts = manifest["counts"]

    got = {int(r["id"]): "record" for r in records}
    for error in errors:
        page_id = int(error["page_id"])
        assert page_id not in got, f"page {page_id} came out twice"
        got[page_id] = error["code"]
    skipped = {page_id for page_id, outcome in expected.items() if outcome in ("redirect", "namespace")}
    assert got == {k: v for k, v in expected.items() if k not in skipped}

    wanted = [v for v in expected.values()]
    assert counts["pages_read"] == len(expected) == 15
    assert counts["records_written"] == wanted.count("record") == 4
    assert counts["quarantined"] == len(errors) == 9
    assert counts["skipped_by_reason"] == {"redirect": 1, "namespace": 1}
    assert counts["pages_read"] == counts["records_written"] + counts["quarantined"] + counts["skipped"]
    assert counts["quarantined_by_code"] == {
        "source.damaged_page": 4, "source.no_text": 2, "source.no_title": 1, "page.timeout": 1, "page.memory": 1,
    }
    assert manifest["status"] == "complete"
