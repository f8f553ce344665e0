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

Decisions (documented, tested in tests/test_conversion_rules.py and tests/test_peer_langconv.py):
- Scope: a `-{H|…}-`, `-{A|…}-` or `-{-|…}-` rule applies from where it stands in the
  page onward (MediaWiki's LanguageConverter converts the page left to right and merges
  each rule into the table when it meets it: MediaWiki's parser tests "Explicit
  session-wise … mapping", "Remove existing conversion rule"); a `-{-|…}-` removes what
  was added before it, for the text after it. The parser tells where each block landed in
  the text (`starts`, text offsets); without that (markdown input, strings outside the
  text such as categories or table cells) the page's final table applies. NoteTA, its
  groups and the site-wide tables apply from the start of the page. `PageRules.scope`
  "page" is the old behaviour: every rule for the whole page, earlier text included.
- Variants: ZhConverter's manual levels (LanguageConverter::getManualLevel): `zh` takes
  no page rule at all (no conversion); zh-hans and zh-hant are "unidirectional": a
  bidirectional rule is not applied to them, only `from=>zh-hans:to` ones (zh.wikipedia's
  简体 / 繁體 convert the script, not the regional words; zh-cn, zh-tw … do), so a rule
  written for zh-cn / zh-tw (NoteTA's usual `zh-cn:悉尼;zh-tw:雪梨`) does not reach them
  through the fallbacks. One deliberate difference (`levels` "explicit", the default): a
  rule that names the reader's script variant itself (`zh-hans:孙乾;zh-hant:孫乾`) applies
  to it, since our default tables are OpenCC's, which convert more than MediaWiki's
  ZhConversion (t2s turns 孫乾 into 孙干) and the page's rule is the author's statement of
  the right form. `levels` "mediawiki" is MediaWiki's exactly; "all" the old behaviour
  (every rule for zh-hans and zh-hant too, through the fallbacks).
- Rule texts are reduced to plain text (`[[a|b]]` -> b, bold and italics marks
  dropped), as the rules meet rendered text in MediaWiki.
- `__NOCONTENTCONVERT__` / `__NOCC__` (MediaWiki's double-underscore magic words):
  `no_conversion`, the page (text, title, every field) is neither script-converted nor
  rule-converted (-{…}- blocks still show the reader's choice, where MediaWiki, which
  skips its converter altogether, would show the markup); `__NOTITLECONVERT__` /
  `__NOTC__`: `no_title_conversion`, the title stays as written (a T rule too).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from ..mediawiki import CLOSE, NO_CONTENT_CONVERT, NO_TITLE_CONVERT, OPEN, conversion_tokens
from .langconv import CODES, FALLBACKS, Markup, parse_markup, shown_text

# ZhConverter::getAdditionalManualLevel; the others are "bidirectional".
MANUAL_LEVEL = {"zh": "disable", "zh-hans": "unidirectional", "zh-hant": "unidirectional"}
LEVELS = ("explicit", "mediawiki", "all")  # PageRules.levels, see ConvRule.table
SCOPES = ("position", "page")  # PageRules.scope: from where a rule stands (MediaWiki), or the whole page

UNRESOLVED_GROUP = "normalize.unresolved_conversion_group"  # warning code (manifest counts)
SITE_TABLE_PREFIX = "MediaWiki:"  # keys of site-wide tables in a groups mapping (cgroups.py)

_NOTETA = re.compile(r"\{\{\s*(?:template\s*:|模板\s*:)?\s*noteta\s*(?=[|}])", re.IGNORECASE)
_IGNORED = re.compile(r"<!--.*?(?:-->|$)|<(nowiki|pre|syntaxhighlight|source|math)\b[^>]*>.*?</\1\s*>", re.S | re.I)
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
            (code, plain(src), plain(to)) for code, pairs in markup.unidirectional.items() for src, to in pairs.items()
        )
        return cls(bid, tuple(u for u in unid if u[1]), plain(markup.text))

    def table(self, variant: str, levels: str = "explicit") -> dict[str, str]:
        """ConverterRule::generateConvTable, the reader's row: {source phrase: text to show}.
        `levels` (see LEVELS) "explicit": ZhConverter's manual levels (`MANUAL_LEVEL`), except that
        a rule naming the reader's script variant itself (`zh-hans:孙乾`) applies to it;
        "mediawiki": the manual levels only; "all": every variant takes bidirectional rules."""
        level = "bidirectional" if levels == "all" else MANUAL_LEVEL.get(variant, "bidirectional")
        if level == "unidirectional" and levels == "explicit" and any(c == variant for c, _ in self.bidirectional):
            level = "bidirectional"
        out: dict[str, str] = {}
        if level == "disable":
            return out
        filled = self._filled()
        target = filled.get(variant)
        if target is not None and level == "bidirectional":
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
    """A page's rules in the order they take effect: `entries` are ("add" | "remove", rule);
    `starts[i]` is the text offset from which entry i applies (empty: all from 0)."""

    entries: tuple[tuple[str, ConvRule], ...] = ()
    title: ConvRule | None = None
    groups: tuple[str, ...] = ()  # G1=… names, in order
    starts: tuple[int, ...] = ()
    no_conversion: bool = False  # __NOCONTENTCONVERT__ / __NOCC__
    no_title_conversion: bool = False  # __NOTITLECONVERT__ / __NOTC__
    scope: str = "position"  # SCOPES
    levels: str = "explicit"  # LEVELS, see ConvRule.table

    def table(self, variant: str) -> dict[str, str]:
        """{source phrase: output} for a reader of `variant` after every rule of the page
        (later rules override earlier ones; a remove takes out what was added before it)."""
        out: dict[str, str] = {}
        for action, rule in self.entries:
            _apply(out, action, rule.table(variant, self.levels))
        return out

    def segments(self, variant: str) -> list[tuple[int, dict[str, str]]]:
        """[(text offset, table from there on)], the first at 0: the table changes where a rule
        stands (scope "position"); one table for the whole page with scope "page". A phrase a
        `-{-|…}-` took out maps to REMOVED (see `variant.Phrases.of`)."""
        if self.scope == "page" or not self.starts:
            table: dict[str, str] = {}
            for action, rule in self.entries:
                _apply(table, action, rule.table(variant, self.levels), mark=True)
            return [(0, table)]
        order = sorted(range(len(self.entries)), key=lambda i: self.starts[i])  # stable: written order
        out: list[tuple[int, dict[str, str]]] = []
        table: dict[str, str] = {}
        at = 0
        for i in order:
            if self.starts[i] > at:
                out.append((at, dict(table)))
                at = self.starts[i]
            action, rule = self.entries[i]
            _apply(table, action, rule.table(variant, self.levels), mark=True)
        out.append((at, table))
        return out

    def configured(self, scope: str | None = None, levels: str | None = None) -> PageRules:
        """The same rules with another scope ("position" | "page") or manual levels ("mediawiki" | "all")."""
        return replace(self, scope=scope or self.scope, levels=levels or self.levels)

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
        starts = (0,) * (len(entries) - len(self.entries)) + self.starts if self.starts else ()
        return replace(self, entries=entries, starts=starts), missing


EMPTY = PageRules()


class _Removed(str):
    """The value of a phrase a `-{-|…}-` rule took out of the table (`REMOVED`)."""


REMOVED = _Removed("")  # in `segments` tables: the phrase converts without its table pair


def is_removed(value: str) -> bool:
    return type(value) is _Removed


def _apply(table: dict[str, str], action: str, row: dict[str, str], mark: bool = False) -> None:
    """LanguageConverter::applyManualConv: add the row's pairs, or remove its sources (`mark`:
    as REMOVED, since ReplacementArray::removeArray also takes out the built-in pairs)."""
    if action == "add":
        table.update(row)
    else:
        for src in row:
            if mark:
                table[src] = REMOVED
            else:
                table.pop(src, None)


def group_key(name: str) -> str:
    """A group name as a page title: trimmed, `_` as space, first letter upper-case."""
    name = " ".join(name.replace("_", " ").split())
    return name[:1].upper() + name[1:]


def plain(text: str) -> str:
    """A rule text as rendered text: links to their labels, emphasis and tags dropped."""
    if any(c in text for c in "[*'<-{}\u2e00\ue000"):
        text = _MARKS.sub("", _MD_LINK.sub(r"\1", _WIKILINK.sub(r"\1", text)))
    return text.strip()


def collect_rules(markup: str, fmt: str = "wikitext", anchors: Mapping[int, int] | None = None) -> PageRules:
    """Every page-wide rule, the T title and the G groups of a page's markup (either format).

    `anchors`: {markup offset of a top-level `-{…}-` block: text offset where it landed}, from
    the parser; a block rule applies from there (a block that landed nowhere in the text, e.g.
    in a reference, from the next placed rule on, else only to strings outside the text).
    Without anchors every rule applies to the whole page."""
    switches = fmt == "wikitext" and "__" in markup
    no_conversion = switches and _magic_word(NO_CONTENT_CONVERT, markup)
    no_title = switches and _magic_word(NO_TITLE_CONVERT, markup)
    has_block = "-{" in markup
    noteta = fmt == "wikitext" and "noteta" in markup.lower()
    if not has_block and not noteta:
        if no_conversion or no_title:
            return PageRules(no_conversion=no_conversion, no_title_conversion=no_title)
        return EMPTY
    found = rules_in_order(markup, fmt)
    entries = tuple((action, rule) for _, action, rule in found if action not in ("title", "group"))
    titles = [rule for _, action, rule in found if action == "title"]
    groups = [rule.raw for _, action, rule in found if action == "group"]
    starts: tuple[int, ...] = ()
    if anchors is not None:
        placed = [
            anchors.get(pos, -1) if pos >= 0 else 0 for pos, action, _ in found if action not in ("title", "group")
        ]
        later = _NOWHERE
        for i in range(len(placed) - 1, -1, -1):  # unplaced: from the next placed rule on
            later = placed[i] = placed[i] if placed[i] >= 0 else later
        starts = tuple(placed)
    return PageRules(
        entries,
        titles[-1] if titles else None,
        tuple(dict.fromkeys(groups)),
        starts,
        no_conversion=no_conversion,
        no_title_conversion=no_title,
    )


_NOWHERE = 1 << 62  # a start past any text: the rule reaches only strings outside the text


def rules_in_order(markup: str, fmt: str = "wikitext") -> list[tuple[int, str, ConvRule]]:
    """(markup offset, "add" | "remove" | "title" | "group", rule) in page order; NoteTA's
    rules and groups (a group as `ConvRule(raw=name)`) at offset -1: from the page's start."""
    ignored = [m.span() for m in _IGNORED.finditer(markup)] if "<" in markup else []
    found: list[tuple[int, str, ConvRule]] = []
    if fmt == "wikitext" and "noteta" in markup.lower():
        stripped = _IGNORED.sub("", markup) if ignored else markup
        for _, params in _noteta_params(stripped):
            found += [(-1, action, rule) for _, action, rule in _noteta_rules(0, params)]
            found += [(-1, "group", ConvRule(raw=v)) for k, v in params if re.fullmatch(r"[Gg]\d+", k) and v]
    if "-{" in markup:
        found += [item for item in _block_rules(markup) if not _inside(item[0], ignored)]
    found.sort(key=lambda item: item[0])
    return found


def table_before(found: list[tuple[int, str, ConvRule]], offset: int, variant: str) -> dict[str, str]:
    """The table a reader of `variant` has just before markup `offset`: the rules of `found`
    (`rules_in_order`) that stand before it, NoteTA's included; removed phrases map to REMOVED."""
    table: dict[str, str] = {}
    for pos, action, rule in found:
        if pos < offset and action in ("add", "remove"):
            _apply(table, action, rule.table(variant), mark=True)
    return table


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether `pos` falls in one of `ranges` (sorted, not overlapping)."""
    i = bisect_right(ranges, (pos, 1 << 62)) - 1
    return i >= 0 and pos < ranges[i][1]


def _magic_word(word: re.Pattern, markup: str) -> bool:
    """Whether `word` (a double-underscore magic word) stands outside comments and nowiki."""
    if not word.search(markup):
        return False
    return bool(word.search(_IGNORED.sub("", markup) if "<" in markup else markup))


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
