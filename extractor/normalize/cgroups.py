"""Public conversion groups (公共转换组) and site-wide tables, read from a dump's own pages.

A NoteTA `G1=Physics` names the group whose rules the page takes on. zh.wikipedia
keeps them as (zh:Wikipedia:字词转换处理/公共转换组; zh:Module:CGroup/core):

- `Module:CGroup/Physics` (namespace 828), a Lua table whose items are
  `Item('原文', 'zh-cn:…; zh-tw:…;')` (Item from Module:CGroup/core) or
  `{ type = 'item', original = '…', rule = 'zh-cn:…; zh-tw:…;' }`;
  `{ type = 'text', … }` entries are headings, not rules;
- `Template:CGroup/Physics` (namespace 10), the older form: `{{CItem|zh-cn:…; zh-tw:…;|原文}}`
  (also CItemLan, CItemHidden) and plain `-{H|…}-` blocks;
- `MediaWiki:Conversiontable/zh-cn` (namespace 8), the site-wide additions to one
  variant's table: `-{ 源 => 目标 ; … }-` blocks, `//` comments
  (LanguageConverter::parseCachedTable). They are keyed `MediaWiki:Conversiontable/zh-cn`
  and `PageRules.with_groups` applies them to every page, below its groups.

`collect_groups(pages)` is the dump pre-pass: it keeps only these pages' rules
(a few hundred groups), never the dump's articles. Lua is tokenized, never run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..model import Page
from .langconv import VARIANTS, parse_markup
from .rules import SITE_TABLE_PREFIX, ConvRule, PageRules, collect_rules, group_key

MODULE_NS, TEMPLATE_NS, MEDIAWIKI_NS = 828, 10, 8
_NOT_GROUPS = frozenset({"core", "doc", "list", "temp", "sandbox", "preload", "editintro", "testcases"})
_LUA = re.compile(
    r"""--\[(?P<leq>=*)\[.*?\](?P=leq)\]|--[^\n]*|\[(?P<seq>=*)\[(?P<long>.*?)\](?P=seq)\]"""
    r"""|'(?P<sq>(?:\\.|[^'\\\n])*)'|"(?P<dq>(?:\\.|[^"\\\n])*)"|(?P<word>[A-Za-z_]\w*)|(?P<punct>\S)""",
    re.S,
)
_TABLE_NOISE = re.compile(r"(?:^|(?<=\s))//[^\n]*|['\"*#]", re.M)  # `//` comments, quote/list marks
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"'}


def collect_groups(pages: Iterable[Page]) -> dict[str, PageRules]:
    """{group name or site-table key: its rules} from a dump's CGroup and Conversiontable
    pages; a Module: group wins over a Template: group of the same name."""
    found: dict[str, tuple[int, PageRules]] = {}
    for page in pages:
        parsed = parse_group_page(page.title or "", page.namespace, page.markup)
        if parsed is None:
            continue
        key, rules = parsed
        rank = 0 if page.namespace == MODULE_NS else 1
        if key not in found or rank < found[key][0]:
            found[key] = (rank, rules)
    return {key: rules for key, (_, rules) in sorted(found.items())}


def parse_group_page(title: str, namespace: int, text: str) -> tuple[str, PageRules] | None:
    """(key, rules) for a CGroup or Conversiontable page; None for any other page."""
    name = title.split(":", 1)[1] if ":" in title else title
    if namespace == MEDIAWIKI_NS and name.startswith("Conversiontable/"):
        variant = name.split("/")[1].lower()
        return (
            (SITE_TABLE_PREFIX + name, parse_conversion_table(text, variant)) if variant in VARIANTS else None
        )
    if namespace not in (MODULE_NS, TEMPLATE_NS) or not name.startswith("CGroup/"):
        return None
    group = name.removeprefix("CGroup/")
    if not group or group.split("/")[-1].lower() in _NOT_GROUPS:
        return None
    rules = parse_lua_group(text) if namespace == MODULE_NS else parse_template_group(text)
    return group_key(group), rules


def parse_lua_group(source: str) -> PageRules:
    """Rules of a `Module:CGroup/…` page: every `Item(original, rule)` and `rule = '…'`."""
    return _added(rule for rule in _lua_rules(list(_lua_tokens(source))))


def parse_template_group(source: str) -> PageRules:
    """Rules of a `Template:CGroup/…` page: `{{CItem…|rule|…}}` items and `-{H|…}-` blocks."""
    import mwparserfromhell

    items = []
    for tpl in mwparserfromhell.parse(source).filter_templates(recursive=True):
        if str(tpl.name).strip().lower().startswith("citem") and tpl.has("1"):
            items.append(str(tpl.get("1").value).strip())
    blocks = collect_rules(source, "wikitext").entries
    return PageRules((*_added(items).entries, *blocks))


def parse_conversion_table(source: str, variant: str) -> PageRules:
    """LanguageConverter::parseCachedTable: `-{ a => b ; … }-` blocks, for one variant."""
    pairs: list[tuple[str, str, str]] = []
    for block in source.split("-{")[1:]:
        body = _TABLE_NOISE.sub("", block.split("}-", 1)[0])  # a rule table, not page text
        for entry in body.split(";"):
            parts = entry.split("=>")
            if len(parts) == 2 and parts[0].strip():
                pairs.append((variant, parts[0].strip(), parts[1].strip()))
    return PageRules((("add", ConvRule((), tuple(pairs))),))


def _added(rule_texts: Iterable[str]) -> PageRules:
    """Each group item is added as Module:CGroup/core does: `-{H|rule}-`."""
    rules = (ConvRule.from_markup(parse_markup("H|" + text)) for text in rule_texts if text.strip())
    return PageRules(tuple(("add", rule) for rule in rules if rule.bidirectional or rule.unidirectional))


def _lua_tokens(source: str) -> Iterator[tuple[str, str]]:
    """(kind, value): kind "str" (decoded), "word" or "punct"; comments are dropped."""
    for m in _LUA.finditer(source):
        if m.group("word") is not None:
            yield "word", m.group("word")
        elif m.group("punct") is not None:
            yield "punct", m.group("punct")
        elif m.group("long") is not None:
            yield "str", m.group("long")
        elif m.group("sq") is not None or m.group("dq") is not None:
            raw = m.group("sq") if m.group("sq") is not None else m.group("dq")
            yield "str", re.sub(r"\\(.)", lambda e: _ESCAPES.get(e.group(1), e.group(1)), raw)


def _lua_rules(tokens: list[tuple[str, str]]) -> Iterator[str]:
    for i, (kind, value) in enumerate(tokens):
        if kind != "word":
            continue
        if value == "Item" and _at(tokens, i + 1) == ("punct", "("):
            yield from _item_call_rule(tokens, i + 2)
        elif value == "rule" and _at(tokens, i + 1) == ("punct", "=") and _at(tokens, i + 2)[0] == "str":
            yield tokens[i + 2][1]


def _item_call_rule(tokens: list[tuple[str, str]], i: int) -> Iterator[str]:
    """`Item(original, rule)`: original is a string or nil; the rule is the second argument."""
    if _at(tokens, i)[0] == "str" or _at(tokens, i) == ("word", "nil"):
        if _at(tokens, i + 1) == ("punct", ",") and _at(tokens, i + 2)[0] == "str":
            yield tokens[i + 2][1]


def _at(tokens: list[tuple[str, str]], i: int) -> tuple[str, str]:
    return tokens[i] if i < len(tokens) else ("", "")
