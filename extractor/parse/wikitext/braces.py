"""Runs of `{` that nothing closes, taken out before mwparserfromhell tokenizes.

mwparserfromhell's tokenizer tries every `{{` as a template up to the end of the
page before it gives up and reads it as text: a page with thousands of unclosed
`{{NoteTA|G1=` took seconds, growing with the square of their number. MediaWiki's
preprocessor pairs braces in one pass over the page instead (Preprocessor_Hash::
buildDomTreeArrayFromText: a run of `}` closes the innermost open run, three braces
at a time for an argument, two for a template), and shows what stays open as plain
text. `without_unclosed` pairs them the same way, in linear time, and when the
tokenizer's retries would cost more than RETRY_BUDGET (open runs x page length, about
a second), removes the runs of `{` that no `}` touched, as the walker removes `{{` left
in text (`_RESIDUE`). Below that, the page goes to the tokenizer as it is: its reading
of broken markup (`[[a|{{color]]` inside a template) is what the corpus output has, and
MediaWiki's own pairing also weighs `[[ ]]`, which this one does not.

Braces in comments, `<nowiki>`, `<pre>`, `<math>`, `<syntaxhighlight>` and `<source>`
are not markup and are left alone; a run that some `}` closed even in part is left to
the tokenizer, so only runs MediaWiki shows as text are touched.
"""

from __future__ import annotations

import re

_RUN = re.compile(r"\{{2,}|\}{2,}")
RETRY_BUDGET = 10_000_000  # open runs x characters: ~1 s of mwparserfromhell's retries
_VERBATIM = re.compile(r"<!--|<(nowiki|pre|math|syntaxhighlight|source)\b[^<>]*>", re.I)


def without_unclosed(markup: str) -> str:
    """`markup` without the runs of two or more `{` that MediaWiki's pairing leaves open, when
    there are so many that the tokenizer would spend seconds on them; else `markup` itself."""
    if "{{" not in markup:
        return markup
    runs = _open_runs(markup, ())
    if len(runs) * len(markup) > RETRY_BUDGET and "<" in markup:
        runs = _open_runs(markup, _verbatim(markup))
    if len(runs) * len(markup) <= RETRY_BUDGET:
        return markup
    parts, pos = [], 0
    for start, end in runs:
        parts.append(markup[pos:start])
        pos = end
    parts.append(markup[pos:])
    return "".join(parts)


def _open_runs(markup: str, skip: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of the `{` runs no `}` run closed, in order; runs inside `skip` are not read."""
    stack: list[list[int]] = []  # [start, end, braces still open]
    regions, k = list(skip), 0
    for m in _RUN.finditer(markup):
        while k < len(regions) and regions[k][1] <= m.start():
            k += 1
        if k < len(regions) and regions[k][0] <= m.start():
            continue
        if m.group()[0] == "{":
            stack.append([m.start(), m.end(), m.end() - m.start()])
            continue
        closing = m.end() - m.start()
        while closing >= 2 and stack:
            top = stack[-1]
            taken = 3 if min(top[2], closing) >= 3 else 2
            top[2] -= taken
            closing -= taken
            if top[2] < 2:
                stack.pop()
    return [(start, end) for start, end, left in stack if left == end - start]


def _verbatim(markup: str) -> list[tuple[int, int]]:
    """(start, end) of comments and verbatim elements, in order; an unclosed one is no element
    (an unclosed comment runs to the end, as in MediaWiki)."""
    regions: list[tuple[int, int]] = []
    lower = markup.lower()
    for m in _VERBATIM.finditer(markup):
        if regions and m.start() < regions[-1][1]:
            continue
        if m.group(1) is None:
            end = markup.find("-->", m.end())
            regions.append((m.start(), len(markup) if end < 0 else end + 3))
            continue
        close = lower.find("</" + m.group(1).lower(), m.end())
        if close >= 0:
            end = lower.find(">", close)
            regions.append((m.start(), len(markup) if end < 0 else end + 1))
    return regions
