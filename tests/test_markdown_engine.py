"""The markdown engine's fast paths give markdown-it's own results: on every link destination of
the pandoc-markdown corpus and on generated strings built from the characters each path decides on."""

from __future__ import annotations

import random
import re
from functools import cache

import pytest
from _paths import CORPUS
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.helpers import parseLinkDestination, parseLinkTitle

from extractor.parse.markdown.engine import MD, normalize_link, parse_link_destination, parse_link_title

MARKDOWN_FILES = sorted((CORPUS / "markdown").glob("*.md"))
_LINK_START = re.compile(r"\]\(")


@cache
def corpus_sources() -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8") for path in MARKDOWN_FILES)


def destination_result(parse, string: str, pos: int, maximum: int) -> tuple | type:
    try:
        result = parse(string, pos, maximum)
    except Exception as error:  # noqa: BLE001 - the same failure is part of the same result
        return type(error)
    return (result.ok, result.pos, result.str)


def normalized(normalize, url: str) -> str | type:
    try:
        return normalize(url)
    except Exception as error:  # noqa: BLE001
        return type(error)


def generated(pool: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pool) for _ in range(rng.randint(0, 14))) for _ in range(count)]


def test_engine_is_markdown_it_with_the_fast_paths() -> None:
    assert MD.normalizeLink is normalize_link
    assert MD.helpers.parseLinkDestination is parse_link_destination
    assert MD.helpers.parseLinkTitle is parse_link_title
    assert MD.validateLink("File:X.jpg")


def test_corpus_destinations_parse_as_markdown_it_parses_them() -> None:
    checked = 0
    for source in corpus_sources():
        for match in _LINK_START.finditer(source):
            pos = match.end()
            expected = destination_result(parseLinkDestination, source, pos, len(source))
            assert destination_result(parse_link_destination, source, pos, len(source)) == expected
            checked += 1
    assert checked > 4000


def title_result(parse, string: str, pos: int, maximum: int, prev=None) -> tuple | type:
    try:
        result = parse(string, pos, maximum, prev)
    except Exception as error:  # noqa: BLE001
        return type(error)
    return (result.ok, result.pos, result.str, result.can_continue, result.marker, str(result))


def test_corpus_titles_parse_as_markdown_it_parses_them() -> None:
    checked = 0
    for source in corpus_sources():
        for match in _LINK_START.finditer(source):
            destination = parseLinkDestination(source, match.end(), len(source))
            pos = destination.pos + 1 if destination.ok else match.end()
            expected = title_result(parseLinkTitle, source, pos, len(source))
            assert title_result(parse_link_title, source, pos, len(source)) == expected
            checked += expected[0]
    assert checked > 4000


def test_generated_titles_parse_as_markdown_it_parses_them() -> None:
    pool = list("ab中\"\"''()\\\\ \n&é") + ['\\"', "&amp;", "&#x41;", "wikilink", "fig:"]
    rng = random.Random(3)
    for string in generated(pool, 20000, seed=3):
        pos, maximum = rng.randint(0, len(string) + 1), rng.randint(0, len(string) + 2)
        expected = title_result(parseLinkTitle, string, pos, maximum)
        assert title_result(parse_link_title, string, pos, maximum) == expected, (string, pos, maximum)
        if expected[3]:  # continued on the next line (reference definitions): each gets its own state back
            again = title_result(parseLinkTitle, string, 0, len(string), parseLinkTitle(string, pos, maximum))
            assert (
                title_result(parse_link_title, string, 0, len(string), parse_link_title(string, pos, maximum)) == again
            )


def test_corpus_destinations_normalize_as_markdown_it_normalizes_them() -> None:
    checked = 0
    for source in corpus_sources():
        for match in _LINK_START.finditer(source):
            result = parseLinkDestination(source, match.end(), len(source))
            if result.ok:
                assert normalize_link(result.str) == normalizeLink(result.str), result.str
                checked += 1
    assert checked > 4000


@pytest.mark.parametrize(
    "prefix",
    [
        "",
        "../Page/",
        "https://zh.wikipedia.org/",
        "http://zh.wikipedia.org/",
        "HTTPS://zh.wikipedia.org/",
        "https://zh.wikipedia.org",
        "https://x.org/",
    ],
)
def test_generated_urls_normalize_as_markdown_it_normalizes_them(prefix: str) -> None:
    pool = list("aZ09%%%FfG;/?:@&=+$,-_.!~*'()#[]{}|\\^`<> \t\u3000\xa0\"中文é😀\ud800\udc00\x7f\x00\x1c")
    pool += ["%4", "%41", "%e4%b8", "@x", ":80", "..", "//"]
    for tail in generated(pool, 3000, seed=len(prefix)):
        url = prefix + tail
        assert normalized(normalize_link, url) == normalized(normalizeLink, url), repr(url)


def test_generated_destinations_parse_as_markdown_it_parses_them() -> None:
    pool = list("ab中(()))\\\\ \t\n\x00\x7f\x1f<>%&é") + ["\\ ", "\\(", "&amp;", "&#x41;", "(" * 34, "(x)"]
    rng = random.Random(7)
    for string in generated(pool, 20000, seed=7):
        pos, maximum = rng.randint(0, len(string) + 1), rng.randint(0, len(string) + 2)
        expected = destination_result(parseLinkDestination, string, pos, maximum)
        assert destination_result(parse_link_destination, string, pos, maximum) == expected, (string, pos, maximum)


def test_pandoc_destinations() -> None:
    assert normalize_link("../Page/福王子神社_(大津市).md") == (
        "../Page/%E7%A6%8F%E7%8E%8B%E5%AD%90%E7%A5%9E%E7%A4%BE_(%E5%A4%A7%E6%B4%A5%E5%B8%82).md"
    )
    assert normalize_link("https://zh.wikipedia.org/wiki/100%25_x y") == "https://zh.wikipedia.org/wiki/100%25_x%20y"
    source = '[x](../Page/A_(B).md "wikilink")'
    result = parse_link_destination(source, 4, len(source))
    assert (result.ok, result.pos, result.str) == (True, 20, "../Page/A_(B).md")
