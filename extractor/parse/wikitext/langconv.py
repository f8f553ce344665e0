"""Resolve `-{ ... }-` language-conversion markup before wikitext is parsed.

mwparserfromhell does not know `-{ }-`: it lands inside Text nodes and may span
several nodes (`-{zh-hans:[[计算机]];zh-hant:[[電腦]]}-`). So the markup string
is rewritten first: each balanced `-{inner}-` becomes what a reader of the
variant sees (`langconv.render`, itself wikitext), wrapped in private-use
sentinels that the walker turns into a protected span (text the author chose
for the variant, which OpenCC must not convert later).
"""

from __future__ import annotations

from ...mediawiki import CONVERSION_TOKEN as _TOKEN
from ...normalize.langconv import render
from .output import SENTINEL_CLOSE, SENTINEL_OPEN


def resolve_conversions(markup: str, variant: str, depth: int = 0) -> str:
    """Replace every balanced `-{...}-` by its rendered choice between sentinels.

    Nested markup is rendered from the outside in (the chosen text is resolved
    again). An unmatched `-{` or `}-` is dropped: a reader never sees it.
    """
    if "-{" not in markup and "}-" not in markup:
        return markup
    out: list[str] = []
    pos = 0
    stack: list[int] = []
    for m in _TOKEN.finditer(markup):
        if m.group() == "-{":
            if not stack:
                out.append(markup[pos : m.start()])
            stack.append(m.start())
            continue
        if not stack:
            if _is_stray_close(markup, m.start()):
                out.append(markup[pos : m.start()])
                pos = m.end()
            continue
        inner = markup[stack[-1] + 2 : m.start()]
        if inner.count("{") > inner.count("}"):  # `}}-` closing a template inside
            continue
        start = stack.pop()
        if stack:
            continue
        inner = markup[start + 2 : m.start()]
        shown = render(inner, variant) if depth < 8 else inner
        if depth < 8 and ("-{" in shown or "}-" in shown):
            shown = resolve_conversions(shown, variant, depth + 1)
        out.append(SENTINEL_OPEN + shown + SENTINEL_CLOSE)  # even empty: `北-{}-韓` is a phrase boundary
        pos = m.end()
    if stack:  # unclosed: drop the opener, keep what follows
        pos = stack[0] + 2
        return "".join(out) + resolve_conversions(markup[pos:], variant, depth + 1)
    out.append(markup[pos:])
    return "".join(out)


def _is_stray_close(markup: str, at: int) -> bool:
    """A `}-` with no opener is residue unless it ends a template (`{{x}}-y`)."""
    return not (at > 0 and markup[at - 1] == "}")
