"""What a dropped template leaves inside brackets, and how a reader wants it cleaned.

Both input formats lose text inside brackets: wikitext templates that render
nothing, and pandoc, which dropped them. `（，缩写：）` held an English name and
an abbreviation; a reader wants the sentence without the bracket at all, and
`（，英語：X）` as `（英語：X）`. Both parsers buffer a bracket group until it
closes (text cannot be edited once spans point into it), then ask `keep_mask`
which characters survive and filter their buffered events with `apply_mask`;
span events pass through, so a span whose text went comes out empty.
"""

from __future__ import annotations

import re

OPENERS = "（("
CLOSERS = "）)"
SEPARATORS = "，,；;、"

# A part that is only a label with its value gone: `缩写：`, `英語：`.
_LABEL_ONLY = re.compile(r"\s*[^\s：:，,；;（）()]{1,8}\s*[：:]\s*")


def keep_mask(group: str) -> list[bool]:
    """Which characters of `group` (brackets included) survive: empty parts and
    their separators go, then the brackets too if no part is left."""
    inner = group[1:-1]
    kept = [(a, b) for a, b in _parts(inner) if not _is_empty_part(inner[a:b])]
    keep = [False] * len(group)
    if not kept:
        return keep
    keep[0] = keep[-1] = True
    for n, (a, b) in enumerate(kept):
        start = _separator_before(inner, a) if n else a
        for i in range(start, b):
            keep[i + 1] = True
    return keep


def apply_mask(events: list[tuple], keep: list[bool], text_kind: str) -> list[tuple]:
    """Filter the text events (`(text_kind, str)`) of a buffered group through `keep`,
    which covers the concatenated text; other events are kept as they are."""
    out: list[tuple] = []
    pos = 0
    for event in events:
        if event[0] != text_kind:
            out.append(event)
            continue
        text = str(event[1])
        kept = "".join(ch for i, ch in enumerate(text, pos) if keep[i])
        pos += len(text)
        if kept:
            out.append((text_kind, kept))
    return out


def _parts(inner: str) -> list[tuple[int, int]]:
    """Top-level parts between separators (nested brackets are opaque)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(inner):
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
        elif ch in SEPARATORS and not depth:
            parts.append((start, i))
            start = i + 1
    parts.append((start, len(inner)))
    return parts


def _separator_before(inner: str, a: int) -> int:
    """Where the one separator (with its blanks) before a kept part starts."""
    while a > 0 and (inner[a - 1].isspace() or inner[a - 1] in SEPARATORS):
        a -= 1
        if inner[a] in SEPARATORS:
            break
    return a


def _is_empty_part(part: str) -> bool:
    return not part.strip() or bool(_LABEL_ONLY.fullmatch(part))
