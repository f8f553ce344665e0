"""Script conversion keeps every span exact even when OpenCC changes length."""

from extractor.model import Citation, Document, Link, Section, Span
from extractor.normalize.variant import convert_document


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
