"""HTML and wiki-markup tags (`Tag` nodes) of the wikitext walker.

mwparserfromhell gives bold/italic quotes, list markers, tables and HTML tags
all as `Tag` nodes; each kind gets a small handler here. A handler receives the
walker (see `walker._Walker`: `out`, `walk`, `write`, `plain`, `ctx`...).
"""

from __future__ import annotations

from typing import Any

from ...mediawiki import template_name
from ..references import cite_fields, is_cite
from .nodes import ExternalLink as ExtLinkNode
from .nodes import Tag
from .nodes import Template as TemplateNode
from .output import _SENTINELS
from .output import clean_field as _clean
from .tables import parse_table

LIST_MARKUP = frozenset("*#:;")
DROP_TAGS = frozenset(
    "math gallery timeline score graph templatestyles mapframe maplink imagemap includeonly indicator "
    "categorytree inputbox section charinsert".split()
)
BLOCK_TAGS = frozenset("p div blockquote poem center pre syntaxhighlight source ul ol dl".split())
# LanguageConverter::autoConvert leaves <pre> and <code> as written, unless -{ }- markup inside
# splits them (MediaWiki's parser tests "Conversion skips <pre> and <code>", "Force convert").
NO_CONVERT_TAGS = frozenset({"pre", "code"})


def on_tag(w: Any, node: Tag) -> None:
    tag = str(node.tag).strip().lower()
    handler = TAG_HANDLERS.get(tag)
    if node.wiki_markup and node.wiki_markup[0] in LIST_MARKUP and tag in ("li", "dt", "dd"):
        _list_marker(w)
    elif handler is not None:
        handler(w, node)
    elif tag in DROP_TAGS:
        return
    elif tag in NO_CONVERT_TAGS and node.contents is not None and not _SENTINELS.search(str(node.contents)):
        if tag in BLOCK_TAGS:
            w.out.paragraph()
        w.protect_open()
        w.walk(node.contents)
        w.protect_close()
        if tag in BLOCK_TAGS:
            w.out.paragraph()
    elif tag in BLOCK_TAGS:
        w.out.paragraph()
        w.walk(node.contents)
        w.out.paragraph()
    else:
        w.walk(node.contents)


def _list_marker(w: Any) -> None:
    if w.line_kind == "paragraph" and not w.after_list:
        w.out.paragraph()
    else:
        w.out.end_line()
    w.after_list = False
    w.line_kind = "list_item"
    w.out.set_kind("list_item")


def tag_bold(w: Any, node: Tag) -> None:
    """Bold terms of the lead are kept as spans: they name the subject."""
    if not (w.main and w.lead):
        w.walk(node.contents)
        return
    handle = w.out.begin()
    w.walk(node.contents)
    span = w.out.end(handle)
    if span is not None:
        w.ctx.doc.bold.append(span)


def tag_ref(w: Any, node: Tag) -> None:
    name = _attr(node, "name")
    text, fields = "", {}
    if node.contents is not None and not node.self_closing and "references" in w.ctx.needs:
        text = w.plain(node.contents).strip()
        fields = _ref_fields(w, node.contents)
    ref_id = w.ctx.refs.add(name, text, fields)
    if w.main:
        handle = w.out.begin()
        w.ctx.citations.append((w.out.end(handle), ref_id))


def _ref_fields(w: Any, contents) -> dict:
    for node in contents.nodes:
        if isinstance(node, TemplateNode):
            key = template_name(str(node.name)).lower()
            if is_cite(key):
                return cite_fields({str(p.name).strip(): p.value for p in node.params}, w.plain)
    for node in contents.nodes:
        if isinstance(node, ExtLinkNode):
            title = w.plain(node.title).strip() if node.title is not None else None
            return {
                "url": _clean(str(node.url)).strip(),
                "title": title or None,
                "date": None,
                "publisher": None,
            }
    return {}


def _attr(node: Tag, name: str) -> str | None:
    for attr in node.attributes:
        if str(attr.name).strip().lower() == name:
            value = _clean(str(attr.value)).strip() if attr.value is not None else ""
            return value or None
    return None


def tag_references(w: Any, node: Tag) -> None:
    """`<references>`: shows nothing, but may define list-defined references."""
    if node.contents is not None and "references" in w.ctx.needs:
        w.plain(node.contents)


def tag_table(w: Any, node: Tag) -> None:
    w.out.paragraph()
    w.after_list = False
    if "tables" in w.ctx.needs:
        w.ctx.doc.tables.append(parse_table(node, w.ctx.fragment))


def tag_nowiki(w: Any, node: Tag) -> None:
    """`<nowiki>` text is literal: markup inside it is what the reader sees."""
    if node.contents is not None:
        w.write(_SENTINELS.sub("", str(node.contents)))


def tag_br(w: Any, node: Tag) -> None:
    w.out.line_break()


def tag_hr(w: Any, node: Tag) -> None:
    w.out.paragraph()


def tag_html_li(w: Any, node: Tag) -> None:
    w.out.end_line()
    w.out.set_kind("list_item")
    w.walk(node.contents)
    w.out.end_line()
    w.out.set_kind("paragraph")


def tag_poem(w: Any, node: Tag) -> None:
    w.out.paragraph()
    w.poem += 1
    w.walk(node.contents)
    w.poem -= 1
    w.out.paragraph()


def tag_cell(w: Any, node: Tag) -> None:
    """A table part outside a table (broken markup): its text, on its own line."""
    w.out.end_line()
    w.walk(node.contents)
    w.out.end_line()


TAG_HANDLERS = {
    "b": tag_bold,
    "strong": tag_bold,
    "ref": tag_ref,
    "references": tag_references,
    "table": tag_table,
    "br": tag_br,
    "nowiki": tag_nowiki,
    "hr": tag_hr,
    "li": tag_html_li,
    "poem": tag_poem,
    "tr": tag_cell,
    "td": tag_cell,
    "th": tag_cell,
    "caption": tag_cell,
}
