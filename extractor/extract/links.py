"""Link targets resolved through the title index: final page, redirect, existence.

A link's `target` arrives normalized and converted to the output variant;
`target_raw` is what the editor wrote. The index holds titles as the dump
spells them, so the raw target is looked up first (exact), then the converted
one (script-folded). The final page's title is converted to the output
variant, so 太空組織 and 太空组织 name one entity. Without an index the links
are left as they are, with `exists` null: nothing is known about the wiki; an
index of article files (a sample) knows what exists, not what does not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ..index import PageInfo, TitleIndex
from ..model import Document, Link
from ..titles import normalize_title


@dataclass(frozen=True)
class Resolver:
    """A read-only view of one dump's index, speaking in the output variant."""

    index: TitleIndex
    convert: Callable[[str], str]

    def resolve(self, link: Link) -> Link:
        raw = normalize_title(link.target_raw).text if link.target_raw else ""
        found = self.index.resolve(raw or link.target)
        if found.page is None and found.redirect_from is None and raw != link.target:
            found = self.index.resolve(link.target)
        if found.page is None and found.redirect_from is None:  # unknown to a sample of the wiki
            return replace(link, exists=False if self.index.complete else None, redirect_from=None)
        redirect_from = self.convert(found.redirect_from) if found.redirect_from else None
        target = self.convert(found.title)
        return replace(link, target=target, exists=found.page is not None, redirect_from=redirect_from)

    def page(self, name: str) -> PageInfo | None:
        """The final page of an entity name (output variant), if the wiki has it."""
        return self.index.resolve(name).page

    def redirect_names(self, name: str) -> list[str]:
        """Names of the redirects to `name`'s page, in the output variant, without namespaces."""
        page = self.page(name)
        if page is None or page.ns != 0:
            return []
        return [self.convert(t) for t in self.index.redirects_to(page.title)]


def resolve_links(doc: Document, resolver: Resolver | None) -> Document:
    if resolver is None:
        return doc
    return replace(doc, links=[resolver.resolve(link) for link in doc.links])
