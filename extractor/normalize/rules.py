"""A page's own conversion rules: `-{H|…}-`, `-{A|…}-`, `-{-|…}-`, `-{T|…}-` and `{{NoteTA}}`.

MediaWiki merges a page's manual rules into the variant's conversion table
(LanguageConverter::applyManualConv -> ReplacementArray::setPair), so they win
over the default tables and, like them, apply longest match first, left to
right. ConverterRule::generateConvTable makes the table of one reader variant:
every variant's text of a bidirectional rule (missing variants filled from
their fallbacks) maps to the reader's text; a unidirectional `from=>zh-cn:to`
applies to exactly that variant (no fallback); a unidirectional entry wins over
a bidirectional one for the same source (PHP's `$unid + $conv`).

`{{NoteTA}}` (zh:Template:NoteTA, Module:NoteTA) stands for `-{T|T=}-`, one
`-{H|n=}-` per numbered parameter (1= … 30=) and the public conversion groups
`G1=` … (Module:CGroup/…, see `cgroups.py`); `dt=`, `d1=` are descriptions only.

Decisions (documented, tested in tests/test_conversion_rules.py):
- Scope: the rules apply to the whole page, text before the rule included (the
  project's contract; current MediaWiki applies a rule from where it stands, which
  is the same for NoteTA and the usual top-of-page `-{H|}-`). A `-{-|…}-` removes
  what was added before it.
- Variants: MediaWiki's ZhConverter marks zh-hans / zh-hant `unidirectional`
  (bidirectional page rules are skipped for them). We apply them for every
  variant: our default tables are OpenCC's, which convert more than MediaWiki's
  ZhConversion (t2s turns 孫乾 into 孙干), and the page's rule is the author's
  statement of the right form.
- Rule texts are reduced to plain text (`[[a|b]]` -> b, bold and italics marks
  dropped), as the rules meet rendered text in MediaWiki.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from ..mediawiki import CLOSE, OPEN, conversion_tokens
from .langconv import CODES, FALLBACKS, Markup, parse_markup, shown_text

UNRESOLVED_GROUP = "normalize.unresolved_conversion_group"  # warning code (manifest counts)
SITE_TABLE_PREFIX = "MediaWiki:"  # keys of site-wide tables in a groups mapping (cgroups.py)

_NOTETA = re.compile(r"\{\{\s*(?:template\s*:|模板\s*:)?\s*noteta\s*(?=[|}])", re.IGNORECASE)
_IGNORED = re.compile(
    r"<!--.*?(?:-->|$)|<(nowiki|pre|syntaxhighlight|source|math)\b[^>]*>.*?</\1\s*>", re.S | re.I
)
_BRACES = re.compile(r"\{\{|\}\}")
_WIKILINK = re.compile(r"\[\[(?:[^\[\]|]*\|)?([^\[\]]*)\]\]")
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
_MARKS = re.compile(r"'{2,}|\*\*|<[^<>]+>|-\{|\}-|[\u2e00\u2e01\ue000\ue001]")


@dataclass(frozen=True)
class ConvRule:
    """One rule: bidirectional `(code, text)` pairs, unidirectional `(code, from, to)`,
    and `raw`, the rule text itself when it has no variant parts (`-{T|标题}-`)."""

    bidirectional: tuple[tuple[str, str], ...] = ()
    unidirectional: tuple[tuple[str, str, str], ...] = ()
    raw: str = ""

    @classmethod
    def from_markup(cls, markup: Markup) -> ConvRule:
        bid = tuple((code, p) for code, text in markup.variants.items() if (p := plain(text)))
        unid = tuple(
            (code, plain(src), plain(to))
            for code, pairs in markup.unidirectional.items()
            for src, to in pairs.items()
        )
        return cls(bid, tuple(u for u in unid if u[1]), plain(markup.text))

    def table(self, variant: str) -> dict[str, str]:
        """ConverterRule::generateConvTable, the reader's row: {source phrase: text to show}."""
        filled = self._filled()
        out: dict[str, str] = {}
        target = filled.get(variant)
        if target is not None:
            out.update((text, target) for code, text in filled.items() if code != variant)
        out.update((src, to) for code, src, to in self.unidirectional if code == variant)
        return out

    def shown(self, variant: str) -> str | None:
        """ConverterRule::getRuleConvertedStr for this rule (the T title), None when it has none."""
        if not self.bidirectional and not self.unidirectional:
            return self.raw or None
        unid: dict[str, dict[str, str]] = {}
        for code, src, to in self.unidirectional:
            unid.setdefault(code, {})[src] = to
        return shown_text(Markup(("S",), dict(self.bidirectional), unid), variant)

    def _filled(self) -> dict[str, str]:
        """Missing variants take their first fallback's text, in ZhConverter's variant order."""
        bid = dict(self.bidirectional)
        for code in CODES:
            if code not in bid:
                found = next((bid[f] for f in FALLBACKS[code][1:] if f in bid), None)
                if found:
                    bid[code] = found
        return bid


@dataclass(frozen=True)
class PageRules:
    """A page's rules in the order they take effect: `entries` are ("add" | "remove", rule)."""

    entries: tuple[tuple[str, ConvRule], ...] = ()
    title: ConvRule | None = None
    groups: tuple[str, ...] = ()  # G1=… names, in order

    def table(self, variant: str) -> dict[str, str]:
        """{source phrase: output} for a reader of `variant`; later rules override earlier ones."""
        out: dict[str, str] = {}
        for action, rule in self.entries:
            row = rule.table(variant)
            if action == "add":
                out.update(row)
            else:
                for src in row:
                    out.pop(src, None)
        return out

    def title_for(self, variant: str) -> str | None:
        """The T rule's title for `variant` (shown as is), or None: convert the page title."""
        return self.title.shown(variant) if self.title else None

    def with_groups(self, groups: Mapping[str, PageRules] | None) -> tuple[PageRules, list[str]]:
        """The page's rules after the site-wide tables and its public groups (which the
        page's own rules override), and the names of the groups `groups` lacks."""
        groups = groups or {}
        site = [e for key in sorted(groups) if key.startswith(SITE_TABLE_PREFIX) for e in groups[key].entries]
        found = [groups[group_key(g)] for g in self.groups if group_key(g) in groups]
        missing = [g for g in self.groups if group_key(g) not in groups]
        entries = (*site, *(e for g in found for e in g.entries), *self.entries)
        return replace(self, entries=entries), missing


EMPTY = PageRules()


def group_key(name: str) -> str:
    """A group name as a page title: trimmed, `_` as space, first letter upper-case."""
    name = " ".join(name.replace("_", " ").split())
    return name[:1].upper() + name[1:]


def plain(text: str) -> str:
    """A rule text as rendered text: links to their labels, emphasis and tags dropped."""
    if any(c in text for c in "[*'<-{}\u2e00\ue000"):
        text = _MARKS.sub("", _MD_LINK.sub(r"\1", _WIKILINK.sub(r"\1", text)))
    return text.strip()


def collect_rules(markup: str, fmt: str = "wikitext") -> PageRules:
    """Every page-wide rule, the T title and the G groups of a page's markup (either format)."""
    has_block = "-{" in markup
    noteta = fmt == "wikitext" and "noteta" in markup.lower()
    if not has_block and not noteta:
        return EMPTY
    if "<" in markup:
        markup = _IGNORED.sub("", markup)  # a copy for reading rules; no text offsets exist here
    found: list[tuple[int, str, ConvRule]] = []
    groups: list[str] = []
    if noteta:
        for pos, params in _noteta_params(markup):
            found += _noteta_rules(pos, params)
            groups += [v for k, v in params if re.fullmatch(r"[Gg]\d+", k) and v]
    if has_block:
        found += _block_rules(markup)
    found.sort(key=lambda item: item[0])
    entries = tuple((action, rule) for _, action, rule in found if action != "title")
    titles = [rule for _, action, rule in found if action == "title"]
    return PageRules(entries, titles[-1] if titles else None, tuple(dict.fromkeys(groups)))


def _block_rules(markup: str) -> list[tuple[int, str, ConvRule]]:
    found = []
    for pos, inner in _blocks(markup):
        if "|" not in inner:
            continue
        parsed = parse_markup(inner)
        rule = ConvRule.from_markup(parsed)
        if "+" in parsed.flags:
            found.append((pos, "add", rule))
        if "-" in parsed.flags:
            found.append((pos, "remove", rule))
        if "T" in parsed.flags:
            found.append((pos, "title", rule))
    return found


def _blocks(markup: str) -> Iterator[tuple[int, str]]:
    """(offset, inside) of every top-level balanced `-{…}-`, paired as parse/wikitext/langconv.py pairs them."""
    nested = start = 0
    for at, role in conversion_tokens(markup):
        if role == OPEN:
            start = at if not nested else start
            nested += 1
        elif role == CLOSE:
            nested -= 1
            if not nested:
                yield start, markup[start + 2 : at]


def _noteta_params(markup: str) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    """(offset, [(name, value)]) of each `{{NoteTA}}`; only that template is parsed. A NoteTA
    inside another one's parameters is part of that value, not read again (nesting stays linear)."""
    from ..parse.wikitext.tree import parse  # mwparserfromhell's tokens, the parser's own tree

    starts = [m.start() for m in _NOTETA.finditer(markup)]
    covered = 0
    for start, end in zip(starts, _template_ends(markup, starts), strict=True):
        if end < 0 or start < covered:
            continue
        covered = end
        for tpl in parse(markup[start:end]).ifilter_templates(recursive=False):
            yield start, [(str(p.name).strip(), str(p.value).strip()) for p in tpl.params]
            break


def _template_ends(s: str, starts: list[int]) -> list[int]:
    """The end of the `{{…}}` opening at each of `starts` (a `{{` followed by no `{`), or -1
    when it is not closed, as a count of `{{` and `}}` from there finds it; for all starts in
    one pass (a scan per start was quadratic: thousands of unclosed NoteTA). Braces are paired
    once from the string's start; a start inside an odd run of `{` (`{{{NoteTA`) is paired as
    the last `{{` of the run, which is where a count from it would close."""
    ends: dict[int, int] = {}
    stack: list[int] = []
    for m in _BRACES.finditer(s):
        if m.group() == "{{":
            stack.append(m.start())
        elif stack:
            ends[stack.pop()] = m.end()
    return [ends.get(start - (start - _run_start(s, start)) % 2, -1) for start in starts]


def _run_start(s: str, at: int) -> int:
    """Where the run of `{` that holds `at` begins."""
    while at > 0 and s[at - 1] == "{":
        at -= 1
    return at


def _noteta_rules(pos: int, params: list[tuple[str, str]]) -> list[tuple[int, str, ConvRule]]:
    """Module:NoteTA: `T=` -> -{T|…}-, `1=`… -> -{H|…}-, in parameter order."""
    found = []  # all at the template's offset: the stable sort keeps parameter order
    for name, value in params:
        if value and name.upper() == "T":
            found.append((pos, "title", ConvRule.from_markup(parse_markup("T|" + value))))
        elif value and name.isdigit():
            found.append((pos, "add", ConvRule.from_markup(parse_markup("H|" + value))))
    return found
