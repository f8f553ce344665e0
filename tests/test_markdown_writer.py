"""Nested bracket groups in pandoc markdown: each group cleaned as a whole, a nested one kept or
dropped with the part that holds it, the spans inside a dropped one left empty; deep nesting in
linear time (synthetic inputs)."""

from __future__ import annotations

import time

import pytest

from extractor.model import Document, Page
from extractor.parse.markdown import parse_markdown

LINK = '[{0}](../Page/{0}.md "wikilink")'


def parsed(markup: str) -> Document:
    return parse_markdown(Page(markup=markup, format="pandoc-markdown", path="x.md", title="T", title_from="filename"))


@pytest.mark.parametrize(
    ("markup", "text", "links"),
    [
        ("甲（乙（，英語：）丙）丁", "甲（乙丙）丁", []),
        ("甲（（，）（；））丁", "甲丁", []),
        ("（（（甲）））", "（（（甲）））", []),
        ("甲（（，" + LINK.format("北京") + "）：）丁", "甲（（北京）：）丁", [("北京", 3, 5)]),
        ("甲（乙（" + LINK.format("北京") + "，）丙", "甲（乙（北京）丙", [("北京", 4, 6)]),
        ("甲（（" + LINK.format("缩写") + "：），）乙", "甲乙", []),
        ("甲（乙，（" + LINK.format("缩写") + "：））丙", "甲（乙）丙", []),
    ],
)
def test_nested_groups(markup: str, text: str, links: list[tuple[str, int, int]]) -> None:
    doc = parsed(markup)
    assert doc.text == text
    assert [(link.target, link.start, link.end) for link in doc.links] == links


@pytest.mark.parametrize("unit", ["（{}）", "（甲，{}）", "（，{}）", "({})"])
def test_deep_nesting_takes_linear_time(unit: str) -> None:
    """20,000 levels: seconds at most (folding every group into the one around it took minutes)."""
    depth = 20_000
    opener, closer = unit.split("{}")
    started = time.perf_counter()
    doc = parsed(opener * depth + "甲" + closer * depth)
    assert time.perf_counter() - started < 20
    assert "甲" in doc.text


def test_unclosed_groups_are_written_as_they_are() -> None:
    doc = parsed("甲" + "（乙" * 20_000)
    assert doc.text == "甲" + "（乙" * 20_000
