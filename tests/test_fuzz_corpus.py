"""Real articles of both formats, mutated (synthetic damage: slices deleted, duplicated, swapped;
fragments inserted; truncation), and pages made of fragments alone: every input gives a record
without `problems` (schema, spans, a date's text, mentions covering a name or alias), a Quarantine
with a declared code other than `internal.bug`, or a counted Skip, and no exception escapes
`process_page`. Each example has a 5 s deadline; the whole file runs in well under a minute.
The long run of the same mutations is benchmarks/fuzz.py."""

from datetime import timedelta

import pytest
from _mutations import CELLS, CODEPOINT_RANGES, FRAGMENTS, NESTS, UNITS, apply, corpus, page_of, violation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import Options, Quarantine
from extractor.pipeline import process_page

ARTICLES = {name: (name, fmt, markup, title) for name, fmt, markup, title in corpus()}  # read once per module
WIKITEXT = sorted(name for name, article in ARTICLES.items() if article[1] == "wikitext")
MARKDOWN = sorted(name for name, article in ARTICLES.items() if article[1] == "pandoc-markdown")
# No example database: a failure is printed as data (article name, mutations) and replays from it;
# a stored slow failure would otherwise replay first in every engineer's run of the shared tree.
# The deadline catches a hang, not slowness: mwparserfromhell's tokenizer is quadratic on hundreds of
# unclosed `[` (bounded in runs by --page-timeout); such an example took 4.8-6.8 s on a busy 2-core machine.
FUZZ = settings(deadline=timedelta(seconds=20), suppress_health_check=[HealthCheck.too_slow], database=None)
# Sizes stay within what one example does in well under the deadline on this machine (a few
# hundred deep, a few hundred rows of up to ten cells); benchmarks/fuzz.py goes ten times further.
MAX_SIZE = 500

positions = st.integers(min_value=0, max_value=1 << 20)
lengths = st.sampled_from([1, 2, 5, 20, 100, 1000, 10000]) | st.integers(min_value=1, max_value=300)
codepoints = st.sampled_from(CODEPOINT_RANGES).flatmap(
    lambda r: st.lists(st.integers(min_value=r[0], max_value=r[1]), min_size=1, max_size=30).map(tuple)
)
fragments = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.tuples(st.sampled_from(NESTS), st.integers(2, MAX_SIZE), st.booleans()).map(lambda t: ("nest", *t[0], *t[1:])),
    st.tuples(st.just("table"), st.integers(1, MAX_SIZE), st.integers(1, 10), st.sampled_from(CELLS)),
    st.tuples(st.just("repeat"), st.sampled_from(UNITS), st.integers(1, MAX_SIZE)),
    st.tuples(st.just("codepoints"), codepoints),
)
mutation = st.one_of(
    st.tuples(st.just("delete"), positions, lengths),
    st.tuples(st.just("duplicate"), positions, lengths, positions),
    st.tuples(st.just("swap"), positions, lengths, positions, lengths),
    st.tuples(st.just("insert"), positions, fragments),
    st.tuples(st.just("truncate"), positions),
)
variants = st.sampled_from(["zh-hans", "zh-hant", "zh", "zh-tw"])


def _check(name: str, fmt: str, markup: str, title: str | None, variant: str) -> None:
    options = Options(variant=variant)
    result = process_page(page_of(name, fmt, markup, title), options)
    problem = violation(result, options.fields)
    assert problem is None, problem


def _check_mutated(article: str, mutations: list, variant: str) -> None:
    name, fmt, markup, title = ARTICLES[article]
    _check(name, fmt, apply(markup, mutations), title, variant)


@settings(FUZZ, max_examples=200)
@given(article=st.sampled_from(WIKITEXT), mutations=st.lists(mutation, min_size=1, max_size=5), variant=variants)
def test_mutated_wikitext_articles_give_valid_outcomes(article, mutations, variant):
    _check_mutated(article, mutations, variant)


@settings(FUZZ, max_examples=200)
@given(article=st.sampled_from(MARKDOWN), mutations=st.lists(mutation, min_size=1, max_size=5), variant=variants)
def test_mutated_markdown_articles_give_valid_outcomes(article, mutations, variant):
    _check_mutated(article, mutations, variant)


@settings(FUZZ, max_examples=200)
@given(pieces=st.lists(fragments, min_size=1, max_size=8), fmt=st.sampled_from(["wikitext", "pandoc-markdown"]))
def test_generated_fragments_give_valid_outcomes(pieces, fmt):
    _check("fuzz", fmt, apply("", [("insert", 1 << 20, piece) for piece in pieces]), None, "zh-hans")


@pytest.mark.parametrize("article", sorted(ARTICLES))
def test_truncated_articles_give_valid_outcomes(article):
    """Truncation is the commonest damage (a short read): each article cut at 8 points."""
    name, fmt, markup, title = ARTICLES[article]
    for i in range(1, 9):
        _check(name, fmt, markup[: len(markup) * i // 9], title, "zh-hans")


# Regression cases found by fuzzing, synthetic (benchmarks/fuzz.py; minimized by its shrinker or by hand).
@pytest.mark.parametrize("markup", ["<table\n<![(", "中国\n\n<table><tr><td>a<![(b</td><td>c</td></tr></table>\n"])
def test_a_malformed_declaration_in_an_html_table_is_text(markup):
    """found by fuzzing, synthetic: `<![(` in a pandoc HTML table made CPython's html.parser raise
    AssertionError (`expected name token`), quarantined as internal.bug."""
    result = process_page(page_of("fuzz.md", "pandoc-markdown", markup, "测试"), Options())
    assert violation(result, Options().fields) is None
    assert isinstance(result, dict)


@pytest.mark.parametrize("fmt", ["wikitext", "pandoc-markdown"])
@pytest.mark.parametrize(
    ("markup", "title"), [("中国\ud800北京", "测试"), ("[[北\ud800京]]", "测试"), ("中国北京", "测\udc00试")]
)
def test_a_lone_surrogate_is_quarantined_as_undecodable(fmt, markup, title):
    """found by fuzzing, synthetic: a page (from the API: readers decode UTF-8 strictly) holding a lone
    surrogate raised UnicodeEncodeError in the entity matcher (internal.bug), or, kept in a link
    target, a URL, a table cell or the title, made a record the JSON Lines sink cannot encode."""
    result = process_page(page_of("fuzz", fmt, markup, title), Options())
    assert isinstance(result, Quarantine)
    assert (result.stage, result.code) == ("source", "source.decode")
    assert "U+D800" in result.message or "U+DC00" in result.message
