"""MediaWiki language-converter markup: `-{...}-`, as ConverterRule parses it.

Sources (read for these semantics): MediaWiki `includes/language/ConverterRule.php`
(parseFlags, parseRules, getRuleConvertedStr, getRulesDesc, parse),
`LanguageConverter.php` (getVarSeparatorPattern, applyManualConv),
`converters/ZhConverter.php` (variants, fallbacks, names, separators `：` `；`),
mediawiki.org "Writing systems/Syntax" (= zh:Help:高级字词转换语法) and zh:Help:字词转换.

What a reader sees in place of `-{inner}-` (`display`):

- `-{text}-`                     text as written, never converted (no valid rule: flag R);
- `-{zh-hans:A; zh-hant:B;}-`    the reader's variant, else its fallbacks, else a
                                 unidirectional rule for it (flag S);
- `-{A|rules}-`                  as above, and the rules are added from there on;
- `-{H|rules}-`, `-{-|rules}-`   nothing (add / remove rules from there on: `rules.py`);
- `-{T|rules}-`                  nothing (the displayed title: `rules.py`);
- `-{R|text}-`                   raw text; `-{N|zh-tw}-` the variant's name (臺灣), a few
                                 other languages' own names (`-{N|en}-` English);
- `-{D|rules}-`                  MediaWiki's description, e.g. `简体：计算机；繁體：電腦；`;
- `-{zh-hans;zh-hant|text}-`     shown to everyone: converted to the reader's variant when
                                 it is listed, else to its first listed fallback, else raw.

Flags combine as `parseFlags` says (R, N and `-` exclude the others; `T` alone
implies H; H drops A; D hides the shown text; `A;D` shows nothing) and the shown
text is the last flag's, in the order written (the `foreach ($flags ...)` loop).
Variant codes may be written as BCP 47 tags (`zh-Hant-TW` is zh-tw, `variant_code`),
in flags and in rules. Nested blocks are rendered inside out by the caller
(parse/wikitext/langconv.py), so a block's text holds its inner blocks' renderings; a
`|` inside a nested block is not the flag separator.

Deliberate differences from MediaWiki (plain text is the output, not HTML):
- a rule without text for the reader's variant (`-{zh:甲;zh-tw:乙}-` read in
  zh-hans) shows the `zh:` text, else the first text, where MediaWiki shows a
  "converter-manual-rule-error" message;
- an empty text (`-{zh-hans:;zh-hant:（註）}-`) is the author's choice to show nothing to
  that variant and its fallbacks (MediaWiki drops the entry: `$to !== ''`, and shows
  the raw markup when every entry is empty, as zhconv does not); an empty text is never
  a conversion-table entry, as in MediaWiki;
- the flag separator is the first `|` outside `[[ ]]` and `{{ }}`: MediaWiki
  parses the rendered HTML, in which a link's pipe is already gone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

VARIANTS = ("zh", "zh-hans", "zh-hant", "zh-cn", "zh-tw", "zh-hk", "zh-sg", "zh-mo", "zh-my")
# ZhConverter::getLanguageVariants, in its order (the order generateConvTable fills in).
CODES = ("zh", "zh-hans", "zh-hant", "zh-cn", "zh-hk", "zh-mo", "zh-my", "zh-sg", "zh-tw")

# ZhConverter::getVariantsFallbacks, each variant itself first.
FALLBACKS: dict[str, tuple[str, ...]] = {
    "zh": ("zh", "zh-hans", "zh-hant", "zh-cn", "zh-tw", "zh-hk", "zh-sg", "zh-mo", "zh-my"),
    "zh-hans": ("zh-hans", "zh-cn", "zh-sg", "zh-my"),
    "zh-hant": ("zh-hant", "zh-tw", "zh-hk", "zh-mo"),
    "zh-cn": ("zh-cn", "zh-hans", "zh-sg", "zh-my"),
    "zh-sg": ("zh-sg", "zh-my", "zh-hans", "zh-cn"),
    "zh-my": ("zh-my", "zh-sg", "zh-hans", "zh-cn"),
    "zh-tw": ("zh-tw", "zh-hant", "zh-hk", "zh-mo"),
    "zh-hk": ("zh-hk", "zh-mo", "zh-hant", "zh-tw"),
    "zh-mo": ("zh-mo", "zh-hk", "zh-hant", "zh-tw"),
}

# ZhConverter::getVariantNames, used by the D and N flags.
NAMES: dict[str, str] = {
    "zh": "原文",
    "zh-hans": "简体",
    "zh-hant": "繁體",
    "zh-cn": "大陆",
    "zh-tw": "臺灣",
    "zh-hk": "香港",
    "zh-mo": "澳門",
    "zh-sg": "新加坡",
    "zh-my": "大马",
}

# Levels of nested `-{…}-` rendered; deeper markup is shown as written. MediaWiki stops at 10
# (LanguageConverter::$mMaxDepth, then "language-converter-depth-warning" and the rest as text).
MAX_DEPTH = 8

# Language names (autonyms) of a few non-Chinese codes that `-{N|code}-` may name; MediaWiki
# shows LanguageNameUtils' name (the parser tests' `sr-ec`, `sr-Cyrl`, `en`). Others show nothing.
OTHER_NAMES: dict[str, str] = {
    "en": "English",
    "sr": "српски / srpski",
    "sr-ec": "српски (ћирилица)",
    "sr-el": "srpski (latinica)",
    "ja": "日本語",
    "ko": "한국어",
}

# BCP 47 tags -> MediaWiki's codes (LanguageConverter::validateVariant via LanguageCode::
# bcp47ToInternal): `zh-Hant-TW` is zh-tw, `zh-Hans` zh-hans, `sr-Cyrl` sr-ec.
BCP47: dict[str, str] = {
    **{
        f"zh-{script}-{region}": f"zh-{region}"
        for script in ("hans", "hant")
        for region in ("cn", "sg", "my", "tw", "hk", "mo")
    },
    "sr-cyrl": "sr-ec",
    "sr-latn": "sr-el",
}


def variant_code(word: str) -> str | None:
    """A variant code as written (`zh-TW`, `zh-Hant-TW`) -> ours (`zh-tw`), or None."""
    code = word.strip().lower()
    code = BCP47.get(code, code)
    return code if code in CODES else None


_FLAGS = frozenset("ATRD-HN")
_CODE = "|".join(sorted((*CODES, *(k for k, v in BCP47.items() if v in CODES)), key=len, reverse=True))
# LanguageConverter::getVarSeparatorPattern: split at `;` only before `code:` or `from=>code:`.
_VARSEP = re.compile(rf";\s*(?=(?:{_CODE})\s*:|[^;]*?=>\s*(?:{_CODE})\s*:|\s*$)", re.IGNORECASE)


@dataclass
class Markup:
    """The parsed inside of `-{ }-`: `flags` in written order (with MediaWiki's `+`, `S`)."""

    flags: tuple[str, ...] = ()
    variants: dict[str, str] = field(default_factory=dict)  # bidirectional: code -> text
    unidirectional: dict[str, dict[str, str]] = field(default_factory=dict)  # code -> {from: to}
    text: str = ""  # the rules text (after the flags), shown as is by R
    only_in: tuple[str, ...] = ()  # `-{zh-hans;zh-hant|text}-`

    @property
    def has_rules(self) -> bool:
        return bool(self.variants or self.unidirectional)


def parse_markup(inner: str) -> Markup:
    """ConverterRule::parseFlags + parseRules + the table fill of ConverterRule::parse."""
    flags, only_in, text = _split_flags(inner)
    markup = Markup(flags, {}, {}, text, only_in)
    if only_in:
        markup.flags = ("R",)
        return markup
    if "R" not in flags and "N" not in flags:
        markup.variants, markup.unidirectional = parse_rules(text)
    if not markup.has_rules:
        if "+" in flags or "-" in flags:
            if text:  # -{A|text}-, -{H|text}-: the text, for every variant
                markup.variants = dict.fromkeys(CODES, text)
        elif "N" not in flags and "T" not in flags:
            markup.flags = ("R",)
    return markup


def _split_flags(inner: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    bar = _top_level_bar(inner)
    if bar < 0:
        return ("S",), (), inner
    words = [w.strip() for w in inner[:bar].split(";")]
    found = [w if w in _FLAGS else variant_code(w) for w in words if w in _FLAGS or variant_code(w)]
    return (*_normalize_flags(found), inner[bar + 1 :])


def _normalize_flags(found: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """ConverterRule::parseFlags, branch for branch."""
    flags = list(dict.fromkeys(found))
    if not flags:
        return ("S",), ()
    for alone in ("R", "N", "-"):
        if alone in flags:
            return (alone,), ()
    if flags == ["T"]:
        return ("T", "H"), ()
    if "H" in flags:
        return ("+", "H", *[f for f in ("T", "D") if f in flags]), ()
    if "A" in flags:
        flags += [f for f in ("+", "S") if f not in flags]
    if "D" in flags and "S" in flags:
        flags.remove("S")
    only_in = tuple(f for f in flags if f in CODES)
    return ((), only_in) if only_in else (tuple(flags), ())


def _top_level_bar(s: str) -> int:
    """Index of the first `|` outside `[[ ]]`, `{{ }}` and nested `-{ }-`, or -1."""
    depth = 0
    i = 0
    while i < len(s):
        pair = s[i : i + 2]
        if pair in ("[[", "{{", "-{"):
            depth, i = depth + 1, i + 2
        elif pair in ("]]", "}}", "}-") and depth:
            depth, i = depth - 1, i + 2
        elif s[i] == "|" and not depth:
            return i
        else:
            i += 1
    return -1


def parse_rules(rules: str) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """`zh-hans:A; B=>zh-cn:C;` -> ({code: text}, {code: {from: to}}); ({}, {}) on a syntax error."""
    bid: dict[str, str] = {}
    unid: dict[str, dict[str, str]] = {}
    for chunk in _VARSEP.split(rules):
        head, colon, to = chunk.partition(":")
        if not colon:
            continue  # ConverterRule: "syntax error, skip"
        to, head = to.strip(), head.strip()
        source, arrow, code = head.partition("=>")
        code = variant_code(code if arrow else source) or ""
        if not code:
            return {}, {}  # ConverterRule: a bad variant empties both tables
        if not arrow:
            bid[code] = to  # an empty text is kept: shown as nothing, never a table entry
        elif arrow and source.strip():
            unid.setdefault(code, {})[source.strip()] = to
    return bid, unid


def display(markup: Markup, variant: str, convert: Callable[[str, str], str] | None = None) -> str:
    """What a reader of `variant` sees in place of `-{...}-` (markup, parsed like any other).

    `convert(text, variant)` is the table conversion used for `-{zh-hans;zh-hant|text}-`;
    without it the text is shown raw.
    """
    if markup.only_in:
        return _variant_filtered(markup, variant, convert)
    shown = ""
    for flag in markup.flags:  # the last flag that shows something decides, as in parse()
        handler = _FLAG_DISPLAY.get(flag)  # `A` itself shows nothing of its own
        if handler is not None:
            shown = handler(markup, variant)
    return shown


def _variant_filtered(markup: Markup, variant: str, convert) -> str:
    """ConverterRule::parse with variant flags: autoConvert to the reader's variant or
    its first listed fallback; the text is shown raw when neither is listed."""
    for code in FALLBACKS.get(variant, (variant,)):
        if code in markup.only_in:
            return convert(markup.text, code) if convert and code in VARIANTS else markup.text
    return markup.text


def shown_text(markup: Markup, variant: str) -> str | None:
    """ConverterRule::getRuleConvertedStr: the text for `variant`, or None (MediaWiki's error)."""
    if not markup.has_rules:
        return markup.text
    for code in FALLBACKS.get(variant, (variant,)):
        if code in markup.variants:
            return markup.variants[code]
    if variant in markup.unidirectional:
        return next(iter(markup.unidirectional[variant].values()))
    return None


def _shown_or_fallback(markup: Markup, variant: str) -> str:
    shown = shown_text(markup, variant)
    if shown is not None:
        return shown
    if "zh" in markup.variants:
        return markup.variants["zh"]
    firsts = [*markup.variants.values(), *(t for u in markup.unidirectional.values() for t in u.values())]
    return firsts[0] if firsts else ""


def describe(markup: Markup) -> str:
    """ConverterRule::getRulesDesc with ZhConverter's names and separators."""
    parts = [f"{NAMES[code]}：{text}；" for code, text in markup.variants.items()]
    for code, pairs in markup.unidirectional.items():
        parts += [f"{src}⇒{NAMES[code]}：{to}；" for src, to in pairs.items()]
    return "".join(parts)


_FLAG_DISPLAY: dict[str, Callable[[Markup, str], str]] = {
    "R": lambda m, v: m.text,
    "N": lambda m, v: _name(m.text),
    "D": lambda m, v: describe(m),
    "H": lambda m, v: "",
    "-": lambda m, v: "",
    "+": lambda m, v: "",
    "T": lambda m, v: "",
    "S": _shown_or_fallback,
}


def _name(code: str) -> str:
    """`-{N|code}-`: ZhConverter's name of a variant, else a few languages' own names."""
    code = code.strip().lower()
    code = BCP47.get(code, code)
    return NAMES.get(code) or OTHER_NAMES.get(code, "")


def render(inner: str, variant: str, convert: Callable[[str, str], str] | None = None) -> str:
    """What a reader of `variant` sees for `-{inner}-`; `convert` defaults to OpenCC's tables."""
    return display(parse_markup(inner), variant, convert or _table_convert)


def _table_convert(text: str, variant: str) -> str:
    from .opencc_backend import converter

    return converter(variant)(text)
