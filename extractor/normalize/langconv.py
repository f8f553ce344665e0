"""MediaWiki language-converter markup: `-{...}-`.

Semantics follow MediaWiki's LanguageConverter / ConverterRule and the zh help
page 字词转换 (Help:中文维基百科的繁简、地区词处理):

- `-{text}-`                          shown as written, never converted;
- `-{zh-hans:A; zh-hant:B;}-`         the reader's variant, through fallbacks;
- `-{A|rules}-`                       shown like the plain rule form (and, in
                                      MediaWiki, also added page-wide: a later
                                      issue adds the page-wide part);
- `-{H|rules}-`, `-{-|rules}-`         page-wide rule, shows nothing;
- `-{T|rules}-`                       sets the displayed title, shows nothing;
- `-{R|text}-`                        raw: shown as written;
- `-{D|rules}-`                       a description of the rules (shown here as
                                      the reader's variant, see docs/);
- `-{zh-hans;zh-hant|text}-`          shown only to readers of those variants.

Parsers call `parse_markup` on the inside of `-{ }-` and `display` to learn
what a reader of the output variant sees (markup, to be parsed like any other),
and record the span they write from it in `Document.protected`: the page's
author chose that text for the variant, so OpenCC must not touch it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

VARIANTS = ("zh-hans", "zh-hant", "zh-cn", "zh-tw", "zh-hk", "zh-sg", "zh-mo", "zh-my")

# MediaWiki languages/LanguageZh / ZhConverter: the fallback chain of each variant.
FALLBACKS: dict[str, tuple[str, ...]] = {
    "zh-hans": ("zh-hans", "zh-cn", "zh-sg", "zh-my"),
    "zh-hant": ("zh-hant", "zh-tw", "zh-hk", "zh-mo"),
    "zh-cn": ("zh-cn", "zh-hans", "zh-sg", "zh-my"),
    "zh-sg": ("zh-sg", "zh-hans", "zh-cn", "zh-my"),
    "zh-my": ("zh-my", "zh-sg", "zh-hans", "zh-cn"),
    "zh-tw": ("zh-tw", "zh-hant", "zh-hk", "zh-mo"),
    "zh-hk": ("zh-hk", "zh-hant", "zh-mo", "zh-tw"),
    "zh-mo": ("zh-mo", "zh-hk", "zh-hant", "zh-tw"),
}

_FLAG_RE = re.compile(r"^\s*([A-Za-z\-;\s]+?)\s*\|")
_RULE_START = re.compile(r"(?:^|;)\s*(?:[^;]*?=>)?\s*(zh(?:-[a-z]+)?)\s*:")
_FLAGS = frozenset("AHRDTN-")
_SILENT_FLAGS = frozenset("HT-")


@dataclass
class Markup:
    flags: frozenset[str] = frozenset()
    variants: dict[str, str] = field(default_factory=dict)  # bidirectional rules
    text: str | None = None  # the plain text, when there are no rules
    only_in: tuple[str, ...] = ()  # `-{zh-hans;zh-hant|text}-`


def parse_markup(inner: str) -> Markup:
    """Split the inside of `-{ }-` into flags and rules."""
    flags: frozenset[str] = frozenset()
    only_in: tuple[str, ...] = ()
    match = _FLAG_RE.match(inner)
    if match:
        head = match.group(1)
        words = [w.strip() for w in head.split(";") if w.strip()]
        letters = set(head.replace(";", "").replace(" ", ""))
        if words and all(w in VARIANTS for w in words):
            only_in = tuple(words)
            inner = inner[match.end() :]
        elif letters and letters <= _FLAGS:
            flags = frozenset(letters)
            inner = inner[match.end() :]
    if "R" in flags or only_in:
        return Markup(flags, {}, inner, only_in)
    variants = parse_rules(inner)
    return Markup(flags, variants, None if variants else inner, only_in)


def parse_rules(inner: str) -> dict[str, str]:
    """`zh-hans:A; zh-hant:B;` -> {variant: text}; unidirectional `x=>` parts skipped."""
    starts = [m for m in _RULE_START.finditer(inner) if m.group(1) in VARIANTS or m.group(1) == "zh"]
    if not starts or inner[: starts[0].start()].strip(" ;"):
        return {}
    rules: dict[str, str] = {}
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(inner)
        body = inner[m.end() : end].strip().rstrip(";").strip()
        if "=>" not in inner[m.start() : m.start(1)]:
            rules[m.group(1)] = body
    return rules


def display(markup: Markup, variant: str) -> str:
    """The markup a reader of `variant` sees in place of `-{...}-`."""
    if markup.flags & _SILENT_FLAGS:
        return ""
    if markup.only_in:
        return (markup.text or "") if variant in markup.only_in else ""
    if markup.text is not None:
        return markup.text
    return choose(markup.variants, variant)


def render(inner: str, variant: str) -> str:
    """Shortcut: what a reader of `variant` sees for `-{inner}-`."""
    return display(parse_markup(inner), variant)


def choose(variants: dict[str, str], variant: str) -> str:
    """The text for `variant` through MediaWiki's fallback chain, then `zh:`, else any rule."""
    for code in (*FALLBACKS.get(variant, (variant,)), "zh"):
        if code in variants:
            return variants[code]
    for code in VARIANTS:
        if code in variants:
            return variants[code]
    return next(iter(variants.values()), "")
