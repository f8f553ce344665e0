"""What a pandoc-markdown link points at: a page, a section, a category, a file
or the outside world.

Pandoc renders `[[X]]` as `[label](../Page/X.md "wikilink")` in one flavour
and `[label](https://zh.wikipedia.org/wiki/X "wikilink")` in the other; image
links carry a `fig:` title. markdown-it has already undone backslash escapes
in the destination and percent-encoded it, so the title is decoded here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

from ...titles import Title, normalize_title

_PAGE_MD = re.compile(r"^(?:\.\./)?Page/(.*?)(?:\.md)?$")
_WIKI_URL = re.compile(r"^https?://zh\.(?:m\.)?wikipedia\.org/(?:wiki|zh-[a-z]+)/(.*)$")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class LinkKind:
    kind: str  # "page" | "section" | "category" | "file" | "interwiki" | "external"
    raw: str = ""  # the title as it appears in the destination, decoded
    title: Title | None = None


@lru_cache(maxsize=8192)
def classify(href: str, title_attr: str = "") -> LinkKind:
    """Sort a link destination into one of the kinds above (cached: a page
    asks for each of its links more than once)."""
    if title_attr.startswith("fig:"):
        return LinkKind("file", href)
    raw = _wiki_title(href)
    if raw is None:
        return LinkKind("external", href)
    if raw.startswith("#") or not raw.strip():
        return LinkKind("section", raw.lstrip("#").removesuffix(".md"))
    title = normalize_title(raw)
    if title.namespace == "Category":
        return LinkKind("category", raw, title)
    if title.namespace in ("File", "Media"):
        return LinkKind("file", raw, title)
    if title.interwiki:
        return LinkKind("interwiki", raw, title)
    return LinkKind("page", raw, title)


def _wiki_title(href: str) -> str | None:
    """The page title inside a wiki destination, or None for an outside URL."""
    decoded = unquote(href)
    if decoded.startswith("#"):
        return decoded
    for pattern in (_PAGE_MD, _WIKI_URL):
        match = pattern.match(decoded)
        if match:
            return match.group(1)
    if not _SCHEME.match(decoded) or decoded.split(":", 1)[0].lower() in ("file", "image", "category"):
        return decoded  # a bare relative target such as `File:X.jpg|caption`
    return None
