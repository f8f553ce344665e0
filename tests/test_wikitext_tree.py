"""The light node tree (`extractor.parse.wikitext.tree`) against mwparserfromhell's own tree.

The product builds its tree from mwparserfromhell's tokens; the reference is
`mwparserfromhell.parse` (its Builder). Differential tests run both over every
wikitext page of the shared corpus, raw/ (files, seed, dump) and mwparserfromhell's
tricky tokenizer inputs, and assert identical trees (fields and `str()` of every
node) and identical Documents from the same walker. Builder edge cases are
synthetic snippets with the values written out.
"""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from _paths import CORPUS, ROOT
from _reference_tree import dump, reference, to_light

from extractor.model import Page
from extractor.parse.wikitext import walker
from extractor.parse.wikitext.langconv import resolve_conversions
from extractor.parse.wikitext.nodes import Code, Comment, ExternalLink, HTMLEntity, Tag, Template, Text, Wikilink
from extractor.parse.wikitext.tree import parse
from extractor.sources import reader_for

PEER = CORPUS / "peer" / "mwparserfromhell-tokenizer-inputs.jsonl"


def _pages() -> list[Page]:
    files = [
        *sorted((CORPUS / "wikitext").glob("*.wiki")),
        *sorted((ROOT / "raw" / "wikitext").glob("*.wiki")),
        *sorted((ROOT / "raw" / "seed").glob("*")),
        *sorted((ROOT / "raw" / "dump").glob("*.xml")),
    ]
    return [page for path in files for page in reader_for(path)(path, path.name) if page.format == "wikitext"]


PAGES = _pages()
FRAGMENTS = [json.loads(line)["input"] for line in PEER.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_differential_inputs_are_there():
    assert len(PAGES) >= 60 and len(FRAGMENTS) > 500


@pytest.mark.parametrize("variant", ["zh-hans", "zh-hant"])
def test_same_tree_as_mwparserfromhell_on_every_page(variant):
    for page in PAGES:
        markup = resolve_conversions(page.markup, variant)
        assert dump(parse(markup)) == dump(reference(markup)), page.path


def test_same_tree_as_mwparserfromhell_on_tokenizer_fragments():
    for markup in FRAGMENTS:
        assert dump(parse(markup)) == dump(reference(markup)), markup


def test_recorded_templates_are_the_recursive_filter():
    """The builder's template record (what the walker lists) is the walk of the finished tree."""
    for markup in [resolve_conversions(page.markup, "zh-hans") for page in PAGES] + FRAGMENTS:
        code = parse(markup)
        walked = Code.ifilter_templates(code, recursive=True)
        assert [id(t) for t in code.ifilter_templates()] == [id(t) for t in walked], markup[:80]


def _document(page: Page, variant: str) -> dict:
    return dataclasses.asdict(walker.parse_wikitext(page, variant))


def test_same_documents_from_the_reference_tree(monkeypatch):
    """The walker over mwparserfromhell's Builder tree (copied) and over the token-built tree."""
    fragments = [Page(markup=m, format="wikitext", path="peer", title="X") for m in FRAGMENTS]
    product = {id(page): _document(page, "zh-hans") for page in PAGES + fragments}
    monkeypatch.setattr(walker, "parse_tree", lambda text: to_light(reference(text)))
    for page in PAGES + fragments:
        assert _document(page, "zh-hans") == product[id(page)], page.path


def test_plain_fragments_fast_path_changes_nothing(monkeypatch):
    """Fragments of one plain text node skip the walker; the walker gives the same Documents."""
    fast = {id(page): _document(page, "zh-hans") for page in PAGES}
    monkeypatch.setattr(walker, "_PLAIN", re.compile(r"(?!)"))  # no fragment is plain: all walked
    for page in PAGES:
        assert _document(page, "zh-hans") == fast[id(page)], page.path


# --- builder edge cases (synthetic) ------------------------------------------------


def test_template_params_with_and_without_keys():
    (node,) = parse("{{Lang| en |k = v|b|2=c}}").nodes
    assert isinstance(node, Template) and str(node.name) == "Lang"
    got = [(str(p.name), str(p.value), p.showkey) for p in node.params]
    assert got == [("1", " en ", False), ("k ", " v", True), ("2", "b", False), ("2", "c", True)]
    assert str(node) == "{{Lang| en |k = v|b|2=c}}"


def test_tag_attributes_quotes_and_padding():
    (node,) = parse('<ref name = "a b"  group=n>x</ref >').nodes
    assert isinstance(node, Tag) and str(node.tag) == "ref" and str(node.closing_tag) == "ref "
    (name, group) = node.attributes
    assert (str(name.name), str(name.value), name.quotes) == ("name", "a b", '"')
    assert (name.pad_first, name.pad_before_eq, name.pad_after_eq) == (" ", " ", " ")
    assert (str(group.name), str(group.value), group.quotes, group.pad_first) == ("group", "n", None, "  ")
    assert str(node.contents) == "x" and not node.self_closing


def test_self_closing_tags():
    ref, br = parse('<ref name="a" /><br>').nodes
    assert ref.self_closing and ref.padding == " " and not ref.implicit and str(ref) == '<ref name="a" />'
    assert ref.contents.nodes == [] and ref.closing_tag is ref.tag
    assert br.self_closing and br.implicit and str(br) == "<br>"


def test_wiki_markup_tags():
    bold, text, item, rest = parse("'''b'''\n* i").nodes
    assert (bold.wiki_markup, str(bold.tag), str(bold.contents), bold.closing_wiki_markup) == ("'''", "b", "b", "'''")
    assert isinstance(text, Text) and text.value == "\n"
    assert (item.wiki_markup, str(item.tag), item.self_closing) == ("*", "li", True)
    assert rest.value == " i"


def test_table_row_separator():
    (table,) = parse("{|\n|-\n| a || b\n|}").nodes
    assert (table.wiki_markup, str(table.tag), table.closing_wiki_markup) == ("{|", "table", "|}")
    (row,) = [n for n in table.contents.nodes if isinstance(n, Tag)]
    cells = [n for n in row.contents.nodes if isinstance(n, Tag)]
    assert [(c.wiki_markup, str(c.contents)) for c in cells] == [("|", " a "), ("||", " b\n")]


def test_entities_named_decimal_hex():
    hexa, dec, named, upper = parse("&#x4E2D;&#20013;&nbsp;&#X4e2d;").nodes
    assert all(isinstance(n, HTMLEntity) for n in (hexa, dec, named, upper))
    assert (hexa.normalize(), dec.normalize(), named.normalize(), upper.normalize()) == ("中", "中", "\xa0", "中")
    assert (hexa.hex_char, upper.hex_char, str(upper)) == ("x", "X", "&#X4e2d;")


def test_links_headings_comments_arguments():
    markup = "[[A (b)|c]][http://x.org t] http://y.org\n== h ==\n<!-- c -->{{{1|d}}}"
    link, ext, bare, heading, comment, arg = [n for n in parse(markup).nodes if not isinstance(n, Text)]
    assert isinstance(link, Wikilink) and (str(link.title), str(link.text)) == ("A (b)", "c")
    assert isinstance(ext, ExternalLink) and ext.brackets and (str(ext.url), str(ext.title)) == ("http://x.org", "t")
    assert not bare.brackets and bare.title is None and str(bare.url) == "http://y.org"
    assert (heading.level, str(heading.title)) == (2, " h ")
    assert isinstance(comment, Comment) and comment.contents == " c "
    assert (str(arg.name), str(arg.default)) == ("1", "d")


def test_recursive_templates_outer_first():
    code = parse("{{a|{{b|x={{c}}}}}}[[l|{{d}}]]")
    assert [str(t.name) for t in code.ifilter_templates(recursive=True)] == ["a", "b", "c", "d"]
