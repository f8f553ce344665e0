"""One `<page>` element into a `Page` value: the one place that happens (xml_pages feeds it).

Export schemas 0.10 and 0.11 alike: elements are matched by local name;
namespace, redirect and revision come from the elements, not from regexes on
the text. A page without a title (damage) or without text (no `<text>` in a
stubs dump, a text deleted by an administrator, a blanked page) is a
Quarantine, not an empty record: `source.no_title`, `source.no_text`.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..model import Page, Quarantine
from .damage import lost

_LOCAL: dict[str, str] = {}


@dataclass(frozen=True)
class Siteinfo:
    """What every page of a dump shares: the root start tag (for fragments) and `<siteinfo><namespaces>`."""

    root: str = "<mediawiki>"
    namespaces: tuple[tuple[int, str], ...] = ()  # (key, name); the main namespace has name ""

    def namespace_of(self, title: str | None) -> int:
        """A title's namespace from its prefix (for very old exports without `<ns>`)."""
        prefix, colon, _ = (title or "").partition(":")
        wanted = prefix.strip().replace("_", " ").casefold()
        for key, name in self.namespaces if colon else ():
            if name and name.casefold() == wanted:
                return key
        return 0


def build_page(
    elem: ET.Element, shown: str, dump: str, siteinfo: Siteinfo, *, where: str = "a page"
) -> Page | Quarantine:
    """The Page of a `<page>` element, or a Quarantine (`where` names the page) when it has no
    title or no text: an empty record helps no one."""
    fields = {local_name(child.tag): child for child in elem}
    revision = {local_name(child.tag): child for child in fields.get("revision", ())}
    redirect = fields.get("redirect")
    title, page_id = text_of(fields.get("title")), text_of(fields.get("id"))
    missing = _missing(title, revision.get("text"))
    if missing is not None:
        code, why = missing
        named = title if title and not title.isspace() else None
        return lost(shown, code, f"{where} (id {page_id}) {why}", title=named, page_id=page_id)
    ns = text_of(fields.get("ns"))
    return Page(
        markup=text_of(revision.get("text")),
        format="wikitext",
        path=shown,
        title=title,
        title_from="dump",
        page_id=page_id,
        revision_id=text_of(revision.get("id")),
        timestamp=text_of(revision.get("timestamp")),
        namespace=int(ns) if ns and ns.strip() else siteinfo.namespace_of(title),
        dump=dump,
        redirect=redirect.get("title") if redirect is not None else None,
    )


def _missing(title: str | None, text: ET.Element | None) -> tuple[str, str] | None:
    """(code, why) when a page is no article: no title (damage), or no text; None otherwise."""
    if not title or title.isspace():
        return "source.no_title", "has an empty or missing <title>"
    if text is None:
        return "source.no_text", "has no <revision> with a <text> (a stubs dump has none: read a pages-articles dump)"
    if text.get("deleted") is not None:
        return "source.no_text", 'has its text deleted (<text deleted="deleted">: hidden by an administrator)'
    if not text.text or text.text.isspace():
        return "source.no_text", "has an empty text (a blanked page)"
    return None


def namespaces_of(siteinfo: ET.Element) -> tuple[tuple[int, str], ...]:
    return tuple(
        (int(elem.get("key", "0")), (elem.text or "").strip())
        for elem in siteinfo.iter()
        if local_name(elem.tag) == "namespace"
    )


def root_tag(tag: str) -> str:
    """The root start tag a fragment is wrapped in: the same element name and XML namespace."""
    if tag.startswith("{"):
        uri, name = tag[1:].split("}", 1)
        return f'<{name} xmlns="{html.escape(uri)}">'
    return f"<{tag}>"


def text_of(elem: ET.Element | None) -> str | None:
    return elem.text if elem is not None else None


def local_name(tag: str) -> str:
    """A tag's name without its XML namespace (cached)."""
    cached = _LOCAL.get(tag)
    if cached is not None:
        return cached
    name = tag.rsplit("}", 1)[-1]
    if len(_LOCAL) < 256:  # the export schema's few tag names; a damaged file cannot grow the cache
        _LOCAL[tag] = name
    return name
