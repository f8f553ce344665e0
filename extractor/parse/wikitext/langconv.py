"""Resolve `-{ ... }-` language-conversion markup before wikitext is parsed.

mwparserfromhell does not know `-{ }-`: it lands inside Text nodes and may span
several nodes (`-{zh-hans:[[计算机]];zh-hant:[[電腦]]}-`). So the markup string
is rewritten first: each balanced `-{inner}-` becomes what a reader of the
variant sees (`langconv.render`, itself wikitext), wrapped in private-use
sentinels that the walker turns into a protected span (text the author chose
for the variant, which OpenCC must not convert later).
"""

from __future__ import annotations

from ...mediawiki import CLOSE, LOOSE, OPEN, UNCLOSED, conversion_tokens
from ...normalize.langconv import MAX_DEPTH, render
from .output import SENTINEL_CLOSE, SENTINEL_OPEN


def resolve_conversions(markup: str, variant: str, depth: int = 0) -> str:
    """Replace every balanced `-{...}-` by its rendered choice between sentinels.

    Nested markup is rendered from the outside in (the chosen text is resolved
    again), MAX_DEPTH levels deep; deeper markup stays as it is written (MediaWiki
    stops at its own depth, LanguageConverter::$mMaxDepth, and shows the rest as
    text). An unmatched `-{` or `}-` is dropped: a reader never sees it. One pass
    over the delimiters (`conversion_tokens`), whatever the nesting or the number
    of unclosed openers.
    """
    if "-{" not in markup and "}-" not in markup:
        return markup
    out: list[str] = []
    pos = start = nested = 0
    for at, role in conversion_tokens(markup):
        if role == UNCLOSED or (role == LOOSE and not nested and _is_stray_close(markup, at)):
            out.append(markup[pos:at])
            pos = at + 2
        elif role == OPEN:
            if not nested:
                out.append(markup[pos:at])
                start = at
            nested += 1
        elif role == CLOSE:
            nested -= 1
            if not nested:
                out.append(_shown(markup[start + 2 : at], variant, depth))
                pos = at + 2
    out.append(markup[pos:])
    return "".join(out)


def _shown(inner: str, variant: str, depth: int) -> str:
    """A top-level block's rendering between sentinels, even empty (`北-{}-韓` is a phrase boundary)."""
    shown = render(inner, variant) if depth < MAX_DEPTH else inner
    if depth < MAX_DEPTH and ("-{" in shown or "}-" in shown):
        shown = resolve_conversions(shown, variant, depth + 1)
    return SENTINEL_OPEN + shown + SENTINEL_CLOSE


def _is_stray_close(markup: str, at: int) -> bool:
    """A `}-` with no opener is residue unless it ends a template (`{{x}}-y`)."""
    return not (at > 0 and markup[at - 1] == "}")
