"""TextBuilder decides whitespace before characters are placed, so spans stay exact."""

from extractor.parse.textbuilder import TextBuilder


def test_paragraphs_are_separated_by_one_blank_line_and_lines_are_trimmed():
    b = TextBuilder()
    b.write("  第一段 ")
    b.paragraph_break()
    b.paragraph_break()
    b.write("  第二段")
    b.line_break()
    b.write("第三行")
    assert b.build() == "第一段\n\n第二段\n第三行"


def test_span_started_before_a_break_starts_after_it():
    b = TextBuilder()
    b.write("甲")
    b.paragraph_break()
    mark = b.begin()
    b.write("曼谷")
    span = b.end(mark)
    b.write("举行")
    text = b.build()
    assert text == "甲\n\n曼谷举行"
    assert text[span.start : span.end] == "曼谷"


def test_empty_span_and_no_trimming_inside_a_span():
    b = TextBuilder()
    b.write("a")
    empty = b.end(b.begin())
    mark = b.begin()
    b.write("b ")
    span = b.end(mark)
    b.line_break()
    b.write("c")
    text = b.build()
    assert (empty.start, empty.end) == (1, 1)
    assert text == "ab \nc" and text[span.start : span.end] == "b "


def test_breaks_at_the_start_and_end_are_dropped():
    b = TextBuilder()
    b.paragraph_break()
    b.write("\n  x  ")
    b.paragraph_break()
    assert b.build() == "x"
