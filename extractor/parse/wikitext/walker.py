"""The wikitext walker: a light node tree -> `Document` with spans.

The markup is tokenized by mwparserfromhell and built into a light node tree
(`tree`), which is walked once; a dict maps each node type to a small handler
that writes through the output layer (`output.Out`, on `TextBuilder`) and
records links, sections, references... as `Span`s that are filled when their
text is placed. Template rendering lives in `templates`, tables in `tables`,
HTML and wiki-markup tags in `tags`, references in `parse/references`, `-{ }-`
markup in `langconv`.

Line structure follows MediaWiki: a blank source line (possibly made of
templates that render nothing) ends a paragraph, a single newline inside a
paragraph is a blank between non-CJK words, a list item ends with its line,
and a line holding only a comment disappears with its newline.
"""

from __future__ import annotations

import gc
import html
import re
from collections.abc import Iterator
from contextlib import contextmanager

from ...fields import EVERYTHING
from ...mediawiki import INFOBOX, is_disambiguation, is_magic, redirect_target, template_name
from ...model import (
    Citation,
    Document,
    ExternalLink,
    Infobox,
    Link,
    Page,
    Section,
    Span,
    Template,
)
from ...normalize.rules import collect_rules
from ...titles import INTERWIKI, normalize_title, strip_disambiguation
from ..items import category_name, template_params, trimmed
from ..references import RefRegistry, is_cite
from .braces import without_unclosed
from .langconv import ANCHOR_BASE, is_anchor, resolve_with_anchors
from .nodes import (
    Argument,
    Comment,
    Heading,
    HTMLEntity,
    Tag,
    Text,
    Wikilink,
)
from .nodes import ExternalLink as ExtLinkNode
from .nodes import Template as TemplateNode
from .output import _BLANK_RUN, SENTINEL_CLOSE, SENTINEL_OPEN, Out
from .output import clean_field as _clean
from .tags import on_tag
from .templates import CASED_RENDERERS, cite, renderer_for
from .tree import parse as parse_tree

_PIECES = re.compile("(\n|\ue000|\ue001|[\U000f0000-\U000ffffd])")  # + rule anchors (langconv)
_TRAIL = re.compile(r"[a-zA-Z]+")
_RESIDUE = re.compile(
    r"__[A-Z]+__|\[\[|\]\]|\{\{|\}\}|'{2,}|^-{4,}|^\s*\{\||^\s*\|\}|"
    r"</?(?:ref|references|br|span|div|small|big|sup|sub|center|u|s|code|nowiki|poem|blockquote|gallery|"
    r"math|font|b|i|p)\b[^<>]*>",
    re.M | re.I,
)
_SPACES = dict.fromkeys("\xa0\u2002\u2003\u2009\u202f", " ") | dict.fromkeys("\u00ad\u200b", "")  # entities


# Text that a fragment walker would write as it is, up to blanks: no markup residue, no
# line or sentinel, no table-row start, no bracket group (see on_text, Out.write).
_PLAIN = re.compile(r"(?![|!])(?:[^_\[\]{}'<\-\n\ue000\ue001（(]|_(?!_)|'(?!')|-(?!-))*")


def _plain_text(s: str) -> str:
    """What `Sink` and `TextBuilder` make of one plain write at the start of a fragment."""
    return _BLANK_RUN.sub(" ", s).strip(" ").lstrip(" \t\u3000")


class _Context:
    """What the main walker and its fragment walkers (refs, cells, fields) share."""

    def __init__(self, doc: Document, variant: str, title: str, needs: frozenset[str] = EVERYTHING) -> None:
        self.doc = doc
        self.variant = variant
        self.title = title
        self.needs = needs  # optional parts to fill (tables, infobox, references, templates)
        self.refs = RefRegistry()
        self.links: list[tuple[Span, Link]] = []
        self.external: list[tuple[Span, ExternalLink]] = []
        self.citations: list[tuple[Span, str]] = []
        self.headings: list[tuple[Span, int]] = []
        self.texts: dict[int, str] = {}  # id of a Code -> its fragment text (the tree outlives the walk)
        self.anchors: list[tuple[int, Span]] = []  # (rule block number, where it landed)

    def fragment(self, code) -> str:
        """Clean text of a piece of wikicode written outside the main text, each piece once: a
        `<ref>` renders its contents and its citation's title, so refs nested in titles cost
        twice per level (exponential) when pieces were rendered again."""
        if code is None or not code.nodes:
            return ""
        nodes = code.nodes
        if len(nodes) == 1 and type(nodes[0]) is Text:
            core = nodes[0].value.rstrip("\n")  # newlines after the last text change nothing
            if _PLAIN.fullmatch(core) and core.isprintable():  # else TextBuilder drops controls
                return _plain_text(core)
        if id(code) in self.texts:
            return self.texts[id(code)]
        walker = _Walker(self, main=False)
        walker.walk(code)
        self.texts[id(code)] = text = walker.finish()
        return text


class _Walker:
    """Walks wikicode nodes into one output; `main` is the document's own text."""

    def __init__(self, ctx: _Context, main: bool) -> None:
        self.ctx = ctx
        self.main = main
        self.out = Out(warnings=ctx.doc.warnings)
        self.page_title = ctx.title
        self.lead = main
        self.nl = 0  # source newlines since the last visible text
        self.line_kind = "paragraph"
        self.after_list = False
        self.col0 = True
        self.swallow_nl = False
        self.trail = 0  # letters of the next Text node already written as a link trail
        self.poem = 0
        self.skip_line = False  # a table-row line outside a table: not text
        self.next_node = None
        self._protect: list = []

    # --- writing -------------------------------------------------------------

    def walk(self, code) -> None:
        if code is None:
            return
        nodes = code.nodes
        last = len(nodes) - 1
        touch = self.out.touch
        for i, node in enumerate(nodes):
            self.next_node = nodes[i + 1] if i < last else None
            handler = HANDLERS.get(type(node))
            if handler is on_text:
                on_text(self, node)
            elif handler is not None and not self.skip_line:
                touch()
                handler(self, node)

    def write(self, s: str) -> None:
        if not s:
            return
        if not s.isspace():
            if self.after_list:
                self.out.paragraph()
                self.after_list = False
            self.nl = 0
            self.col0 = self.swallow_nl = False
        self.out.write(s)

    def newline(self) -> None:
        if self.swallow_nl:
            self.swallow_nl = False
            return
        self.col0 = True
        if self.line_kind != "paragraph":
            self.out.end_line()
            self.out.set_kind("paragraph")
            self.line_kind = "paragraph"
            self.after_list = True
            return
        if self.poem:
            self.out.line_break()
            return
        self.nl += 1
        if self.nl >= 2:
            self.out.paragraph()
        else:
            self.out.soft_break()

    def value(self, code) -> None:
        """Walk a template parameter: blanks around it are layout, not text."""
        self.out.glue_start()
        self.walk(code)
        self.out.glue_end()

    def plain(self, code) -> str:
        return self.ctx.fragment(code)

    def finish(self) -> str:
        while self._protect:
            self.protect_close()
        return self.out.finish()

    # --- records -------------------------------------------------------------

    def link(self, target_raw: str, label) -> None:
        """Write `label` (wikicode or str) as the anchor of a link to `target_raw`."""
        target_raw = _clean(target_raw)
        title = normalize_title(target_raw)
        handle = self.out.begin() if self.main and title.is_article else None
        if isinstance(label, str):
            self.write(label)
        else:
            self.value(label)
        if handle is not None:
            span = self.out.end(handle)
            self.ctx.links.append((span, Link(title.text, -1, -1, target_raw, title.section)))

    def cite(self, ref_id: str) -> None:
        """A citation mark: registered, and its position kept if in the main text."""
        ref_id = self.ctx.refs.add(ref_id or None, "", {})
        if self.main:
            handle = self.out.begin()
            self.ctx.citations.append((self.out.end(handle), ref_id))

    def note(self, body, name: str | None) -> None:
        text = self.plain(body).strip() if body is not None and "references" in self.ctx.needs else ""
        ref_id = self.ctx.refs.add(name or None, text, {})
        if self.main:
            handle = self.out.begin()
            self.ctx.citations.append((self.out.end(handle), ref_id))

    def protect_open(self, foreign: bool = False) -> None:
        self._protect.append((self.out.begin(), foreign) if self.main else None)

    def rule_anchor(self, piece: str) -> None:
        """Where a `-{H|…}-`-like block landed in the main text (langconv's anchors)."""
        if self.main:
            self.ctx.anchors.append((ord(piece) - ANCHOR_BASE, self.out.end(self.out.begin())))

    def protect_close(self) -> None:
        if self._protect:
            opened = self._protect.pop()
            if opened is not None:
                span = self.out.end(opened[0])
                self.ctx.doc.protected.append(span)
                if opened[1]:
                    self.ctx.doc.foreign.append(span)


# --- node handlers -----------------------------------------------------------------


def on_text(w: _Walker, node: Text) -> None:
    s = node.value
    if w.trail:
        s, w.trail = s[w.trail :], 0
    if "__" in s or "[" in s or "]" in s or "{" in s or "}" in s or "''" in s or "<" in s or "--" in s:
        s = _RESIDUE.sub("", s)
    if w.skip_line or "\n" in s or SENTINEL_OPEN in s or SENTINEL_CLOSE in s:
        _text_pieces(w, s)
    elif w.col0 and s[:1] in ("|", "!"):
        w.skip_line = True  # `|-`, `! h`: rows of a table a template opened
    elif s:
        w.write(s)


def _text_pieces(w: _Walker, s: str) -> None:
    """Text with line breaks or `-{ }-` sentinels, piece by piece."""
    for piece in _PIECES.split(s):
        if w.skip_line:
            if piece != "\n":
                continue
            w.skip_line = False
        if piece == "\n":
            w.newline()
        elif w.col0 and piece[:1] in "|!" and piece[:1]:
            w.skip_line = True  # `|-`, `! h`: rows of a table a template opened
        elif piece == SENTINEL_OPEN:
            w.protect_open()
        elif piece == SENTINEL_CLOSE:
            w.protect_close()
        elif is_anchor(piece):
            w.rule_anchor(piece)
        elif piece:
            w.write(piece)


def on_wikilink(w: _Walker, node: Wikilink) -> None:
    following = w.next_node
    raw = _clean(str(node.title))
    title = normalize_title(raw)
    if not raw.lstrip().startswith(":"):
        if title.namespace == "Category":
            _category(w, raw)
            return
        if title.namespace in ("File", "Media") or (title.interwiki and title.interwiki not in INTERWIKI):
            return  # images are not body text; interlanguage links show nothing
    if node.text is None:
        label = html.unescape(raw.strip().lstrip(":").replace("_", " ")).strip()
    elif not str(node.text).strip():  # pipe trick: [[A (b)|]]
        label = strip_disambiguation(raw.strip().lstrip(":").split(":", 1)[-1].replace("_", " ").strip())
    else:
        label = node.text
    trail = ""
    if isinstance(following, Text) and not w.trail:
        m = _TRAIL.match(following.value)
        if m:
            trail = m.group()
    if trail:
        label = label if isinstance(label, str) else None
        handle = w.out.begin() if w.main and title.is_article else None
        w.walk(node.text) if label is None else w.write(label)
        w.write(trail)
        w.trail = len(trail)
        if handle is not None:
            w.ctx.links.append((w.out.end(handle), Link(title.text, -1, -1, raw, title.section)))
        return
    w.link(raw, label)


def _category(w: _Walker, raw: str) -> None:
    name = category_name(raw.split(":", 1)[1] if ":" in raw else raw, w.ctx.doc.warnings)
    if name and name not in w.ctx.doc.categories:
        w.ctx.doc.categories.append(name)


def on_external_link(w: _Walker, node: ExtLinkNode) -> None:
    url = _clean(str(node.url)).strip()
    handle = w.out.begin()
    if not node.brackets:
        w.write(url)  # a bare URL is what a reader sees
    elif node.title is not None:
        w.walk(node.title)
    span = w.out.end(handle)
    if w.main and url:
        w.ctx.external.append((span, ExternalLink(url, -1, -1)))


def on_template(w: _Walker, node: TemplateNode) -> None:
    name = template_name(str(node.name))
    if is_magic(name):
        if name.split(":")[0].strip().upper() in ("PAGENAME", "FULLPAGENAME"):
            w.write(w.page_title)
        return
    key = name.lower()
    if INFOBOX.search(key):
        if w.main and w.ctx.doc.infobox is None:
            wanted = "infobox" in w.ctx.needs  # the template's name types the subject even so
            fields = {k: w.plain(v).strip() for k, v in _params(node).items()} if wanted else {}
            w.ctx.doc.infobox = Infobox(name, {k: v for k, v in fields.items() if v})
        return
    if is_cite(key):
        cite(w, _params(node), key)
        return
    render = CASED_RENDERERS.get(name) or renderer_for(key)
    if render is not None:
        render(w, _params(node), key)


def _params(node: TemplateNode) -> dict:
    """Parameter name -> value (a node list); a repeated name keeps its last value."""
    return {str(p.name).strip(): p.value for p in node.params}


def on_heading(w: _Walker, node: Heading) -> None:
    w.out.paragraph()
    w.after_list = False
    w.line_kind = "paragraph"
    if not w.main:
        w.walk(node.title)
        w.out.paragraph()
        return
    w.lead = False
    w.out.set_kind("heading")
    handle = w.out.begin()
    w.walk(node.title)
    span = w.out.end(handle)
    w.out.paragraph()
    w.out.set_kind("paragraph")
    w.ctx.headings.append((span, node.level))


def on_entity(w: _Walker, node: HTMLEntity) -> None:
    try:
        char = node.normalize()
    except (ValueError, OverflowError):
        char = ""
    w.write(_SPACES.get(char, char))


def on_comment(w: _Walker, node: Comment) -> None:
    """A comment alone on its line takes its newline with it (MediaWiki preprocessor)."""
    following = w.next_node
    if w.col0 and isinstance(following, Text) and following.value.startswith("\n"):
        w.swallow_nl = True


def on_argument(w: _Walker, node: Argument) -> None:
    if node.default is not None:
        w.walk(node.default)


HANDLERS = {
    Text: on_text,
    Wikilink: on_wikilink,
    TemplateNode: on_template,
    Tag: on_tag,
    Heading: on_heading,
    ExtLinkNode: on_external_link,
    HTMLEntity: on_entity,
    Comment: on_comment,
    Argument: on_argument,
}


# --- the entry point ----------------------------------------------------------------


def parse_wikitext(page: Page, variant: str = "zh-hans", needs: frozenset[str] = EVERYTHING) -> Document:
    """Parse a page's wikitext into the text a reader of `variant` sees, with spans.

    `needs` (see `fields.parser_needs`): tables, infobox values, reference texts and template
    parameters are rendered only when named there; the text and every span never depend on it."""
    if not isinstance(page.markup, str):
        raise ValueError("page markup must be a string")
    markup = page.markup
    title = page.title or ""
    redirect = page.redirect or redirect_target(markup)
    if redirect is not None:
        target = normalize_title(redirect).text
        return Document(title, page.title_from if page.title else "unknown", "", redirect=target or redirect)
    with _collector_paused():
        return _parse(markup, Document(title, page.title_from if page.title else "unknown", ""), variant, needs)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a page is parsed (~25% of the parse time).

    The tree and the walker's state are thousands of small acyclic objects, freed by
    reference counting; collections triggered while they are built only traverse them.
    Whatever cycle is made meanwhile is collected once the collector is back on. A caller
    that turned the collector off keeps it off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _parse(markup: str, doc: Document, variant: str, needs: frozenset[str]) -> Document:
    resolved, placed = resolve_with_anchors(markup, variant)
    code = parse_tree(without_unclosed(resolved))
    doc.templates = _templates(code, doc.warnings if "templates" in needs else None)
    doc.is_disambiguation = any(is_disambiguation(t.name.lower()) for t in doc.templates)
    ctx = _Context(doc, variant, doc.title, needs)
    walker = _Walker(ctx, main=True)
    walker.walk(code)
    doc.text = walker.finish()
    doc.blocks = walker.out.blocks
    _finalize(doc, ctx)
    anchors = {placed[n]: span.start for n, span in ctx.anchors if 0 <= span.start and n < len(placed)}
    doc.rules = collect_rules(markup, "wikitext", anchors)  # each block rule from where it landed
    if not doc.title and doc.bold:
        doc.title = doc.text[doc.bold[0].start : doc.bold[0].end]
        doc.title_from = "bold"
    return doc


def _templates(code, warnings: list[str] | None) -> list[Template]:
    """Every template, outer before inner, in document order (parser functions excluded); its
    parameters checked (`items.template_params`, warnings into `warnings`), or names only without."""
    found = []
    for node in code.ifilter_templates(recursive=True):
        name = template_name(str(node.name))
        if name and not is_magic(name):
            params = _template_params(node, warnings) if warnings is not None else {}
            found.append(Template(name, params))
    return found


def _template_params(node: TemplateNode, warnings: list[str]) -> dict[str, str]:
    return template_params([(_clean(str(p.name)).strip(), _clean(str(p.value)).strip()) for p in node.params], warnings)


def _finalize(doc: Document, ctx: _Context) -> None:
    """Turn the filled spans into records; empty or unplaced spans are dropped."""
    text = doc.text
    for span, link in ctx.links:  # a link covers its label without edge blanks (`items.trimmed`)
        link.start, link.end = trimmed(text, span.start, span.end)
    doc.links = [link for _, link in ctx.links if 0 <= link.start < link.end]
    for span, ext in ctx.external:
        if span.start >= 0:
            ext.start, ext.end = span.start, span.end
            doc.external_links.append(ext)
    doc.citations = [Citation(ref_id, span.start) for span, ref_id in ctx.citations if span.start >= 0]
    doc.references = ctx.refs.references
    doc.bold = [s for s in doc.bold if 0 <= s.start < s.end]
    doc.protected = [s for s in doc.protected if 0 <= s.start <= s.end]  # empty: `-{}-`, a phrase boundary
    doc.foreign = [s for s in doc.foreign if 0 <= s.start < s.end]
    heads = [(span, level) for span, level in ctx.headings if 0 <= span.start < span.end]
    for i, (span, level) in enumerate(heads):
        end = len(text)
        for other, other_level in heads[i + 1 :]:
            if other_level <= level:
                end = other.start
                break
        while end > span.end and text[end - 1] in " \n":
            end -= 1
        doc.sections.append(Section(text[span.start : span.end], level, span.start, end))
