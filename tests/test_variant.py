"""Script conversion keeps every span exact even when OpenCC changes length."""

import pytest
from _paths import CORPUS

from extractor.model import Citation, Document, Link, Section, Span
from extractor.normalize import variant
from extractor.normalize.variant import convert_document
from extractor.parse import parser_for
from extractor.sources import reader_for


def _doc() -> Document:
    text = "U盘和方便面\n\n打印机在服务器旁边，计算机不变。"
    return Document(
        title="打印机",
        title_from="filename",
        text=text,
        sections=[Section("打印机", 1, 8, len(text))],
        links=[Link("方便面", 3, 6, "方便面"), Link("服务器", 12, 15, "服务器")],
        citations=[Citation("1", 6)],
        protected=[Span(18, 21)],  # 计算机: the page protected it
        categories=["太空組織"],
    )


def test_zh_tw_phrases_change_length_and_spans_follow():
    doc = convert_document(_doc(), "zh-tw")
    assert doc.text == "隨身碟和泡麵\n\n印表機在伺服器旁邊，计算机不變。"
    anchors = [doc.text[link.start : link.end] for link in doc.links]
    assert anchors == ["泡麵", "伺服器"]
    assert [link.target for link in doc.links] == ["泡麵", "伺服器"]
    assert doc.citations[0].pos == doc.text.index("泡麵") + 2
    assert doc.title == "印表機" and doc.sections[0].title == "印表機"


def test_protected_span_is_not_converted():
    doc = convert_document(_doc(), "zh-hant")
    assert doc.text[doc.protected[0].start : doc.protected[0].end] == "计算机"
    assert "服務器" in doc.text


def test_zh_hans_converts_traditional_categories():
    doc = convert_document(_doc(), "zh-hans")
    assert doc.categories == ["太空组织"]
    assert doc.text == _doc().text


def _one_call_per_piece(pieces, convert, phrases):
    return [variant._convert_piece(p, convert, phrases) for p in pieces]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no corpus")
@pytest.mark.parametrize("code", ["zh-hans", "zh-tw", "zh-hk", "zh-cn"])
def test_joined_pieces_convert_as_if_apart_on_every_corpus_page(code, monkeypatch):
    """The text's pieces (one per span boundary) go to OpenCC joined by a private-use character:
    the same Document as one conversion per piece, page rules and rule spans included."""
    paths = sorted([*CORPUS.glob("wikitext/*.wiki"), *CORPUS.glob("markdown/*.md")])
    parsed = [parser_for(page.format)(page, code) for path in paths for page in reader_for(path)(path, path.name)]
    joined = [convert_document(doc, code, doc.rules) for doc in parsed]
    monkeypatch.setattr(variant, "_convert_pieces", _one_call_per_piece)
    apart = [convert_document(doc, code, doc.rules) for doc in parsed]
    assert len(parsed) >= 100 and joined == apart
    if code != "zh-hans":  # zh-hans takes only rules naming it (ZhConverter's manual level): none in the corpus
        assert sum(len(doc.protected) for doc in joined) > sum(len(doc.protected) for doc in parsed)  # rule spans made


def test_a_piece_holding_the_joiner_is_converted_alone():
    text = "计算机\ue003打印机"
    doc = Document(title="x", title_from="filename", text=text, links=[Link("打印机", 4, 7, "打印机")])
    assert convert_document(doc, "zh-tw").text == "計算機\ue003印表機"
