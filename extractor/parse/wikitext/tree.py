"""mwparserfromhell's tokens -> a light node tree (`nodes`), for the wikitext walker.

mwparserfromhell stays the parser: its C tokenizer reads the markup. Its Python
Builder, which turns the tokens into Wikicode / SmartList / Node objects, costs
about ten times the tokenizer, so the tree is built here instead, in one pass,
from plain `__slots__` classes that carry exactly what the walker reads. The
builder follows mwparserfromhell's `parser/builder.py` case for case
(tests/test_wikitext_tree.py compares both trees over the corpus).
"""

from __future__ import annotations

from mwparserfromhell.parser import ParserError, tokens

from .nodes import (
    Argument,
    Attribute,
    Code,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Parameter,
    Root,
    Tag,
    Template,
    Text,
    Wikilink,
)

try:
    from mwparserfromhell.parser import CTokenizer as _Tokenizer
except ImportError:  # pragma: no cover - mwparserfromhell without its C extension
    _Tokenizer = None
if _Tokenizer is None:  # pragma: no cover
    from mwparserfromhell.parser.tokenizer import Tokenizer as _Tokenizer


# Nodes nested deeper than this are text (`flat`): each level costs the builder, the walker
# and `str()` a few Python frames, and the interpreter's stack is ~1,000 frames. MediaWiki
# stops as well: past $wgMaxPPExpandDepth (100 expansion frames, a few per nested template)
# it shows "Expansion depth limit exceeded" in place. Real pages nest fewer than 15 deep.
MAX_NESTING = 40


class _Builder:
    """One pass over the reversed token list, a method per opening token, each mirroring
    mwparserfromhell's `Builder._handle_*` (same stops, same defaults, same errors)."""

    def __init__(self, tokenlist: list) -> None:
        tokenlist.reverse()
        self.tokens = tokenlist
        self.templates: list = []  # every Template, in the order its opening token came
        self.depth = 0  # nodes open around the current one

    def code(self) -> Root:
        nodes, _ = self.until(())
        return Root(nodes, self.templates)

    def until(self, stops: tuple) -> tuple[list, object]:
        """Nodes up to the next token of a `stops` type, and that token (None at the end)."""
        nodes: list = []
        tokenlist, handlers = self.tokens, _HANDLERS
        pop, append = tokenlist.pop, nodes.append
        self.depth += 1
        deep = self.depth > MAX_NESTING  # a node opened here is read as text (`flat`)
        while tokenlist:
            token = pop()
            kind = type(token)
            if kind is _TEXT:
                append(Text(token["text"]))
            elif kind in stops:
                self.depth -= 1
                return nodes, token
            elif kind in handlers:
                append(flat(tokenlist, token) if deep else handlers[kind](self, token))
            else:
                raise ParserError(f"_handle_token() got unexpected {kind.__name__}")
        if stops:
            raise ParserError(f"missed a close token ({stops[-1].__name__})")
        self.depth -= 1
        return nodes, None

    def template(self, token) -> Template:
        """A template, recorded in `templates` at its opening: outer before inner, in document
        order, as Wikicode's recursive filter finds them (the tokenizer never gives `split` and
        `parameter` the second separator that would drop a part holding one)."""
        at = len(self.templates)
        self.templates.append(None)
        nodes, token = self.until(_TEMPLATE_STOPS)
        name, params, default = Code(nodes), [], 1
        while type(token) is not tokens.TemplateClose:
            param, token = self.parameter(default)
            params.append(param)
            if not param.showkey:
                default += 1
        self.templates[at] = node = Template(name, params)
        return node

    def parameter(self, default: int) -> tuple[Parameter, object]:
        key = None
        nodes, token = self.until(_PARAM_STOPS)
        while type(token) is tokens.TemplateParamEquals:
            key = Code(nodes)
            nodes, token = self.until(_PARAM_STOPS)
        if key is None:
            return Parameter(Code([Text(str(default))]), Code(nodes), False), token
        return Parameter(key, Code(nodes), True), token

    def split(self, stops: tuple, separator: type) -> tuple[Code | None, Code, object]:
        """What comes before the last `separator` (None without one), what follows it up to
        the close, and that separator token (mwparserfromhell's Builder: a later separator
        starts the second part over)."""
        first, last = None, None
        nodes, token = self.until(stops)
        while type(token) is separator:
            first, last = Code(nodes), token
            nodes, token = self.until(stops)
        return first, Code(nodes), last

    def argument(self, token) -> Argument:
        name, default, _ = self.split(_ARGUMENT_STOPS, tokens.ArgumentSeparator)
        return Argument(default) if name is None else Argument(name, default)

    def wikilink(self, token) -> Wikilink:
        title, text, _ = self.split(_WIKILINK_STOPS, tokens.WikilinkSeparator)
        return Wikilink(text) if title is None else Wikilink(title, text)

    def external_link(self, token) -> ExternalLink:
        brackets = token.get("brackets")
        url, title, separator = self.split(_EXTLINK_STOPS, tokens.ExternalLinkSeparator)
        if url is None:
            return ExternalLink(title, None, brackets, False)
        return ExternalLink(url, title, brackets, separator.get("suppress_space") is True)

    def entity(self, token) -> HTMLEntity:
        pop = self.tokens.pop
        token = pop()
        if type(token) is tokens.HTMLEntityNumeric:
            token = pop()
            if type(token) is tokens.HTMLEntityHex:
                text = pop()
                pop()  # HTMLEntityEnd
                return HTMLEntity(text["text"], False, True, token.get("char"))
            pop()
            return HTMLEntity(token["text"], False, False)
        pop()
        return HTMLEntity(token["text"], True, False)

    def heading(self, token) -> Heading:
        nodes, _ = self.until(_HEADING_STOPS)
        return Heading(Code(nodes), token.get("level"))

    def comment(self, token) -> Comment:
        nodes, _ = self.until(_COMMENT_STOPS)
        return Comment("".join([str(node) for node in nodes]))

    def attribute(self, start) -> Attribute:
        """One attribute; the token that ends it is put back for `tag`."""
        name, quotes = None, None
        nodes, token = self.until(_ATTR_STOPS)
        while type(token) in _ATTR_INNER:
            if type(token) is tokens.TagAttrEquals:
                name, nodes = Code(nodes), []
            else:
                quotes = token.get("char")
            more, token = self.until(_ATTR_STOPS)
            nodes.extend(more)
        self.tokens.append(token)
        pads = (start.get("pad_first") or "", start.get("pad_before_eq") or "", start.get("pad_after_eq") or "")
        if name is not None and str(name):  # the Builder tests the name's text (`if name:`)
            return Attribute(name, Code(nodes), quotes or None, pads)
        return Attribute(Code(nodes), None, quotes or None, pads)

    def tag(self, token) -> Tag:
        node = Tag()
        wiki_markup = token.get("wiki_markup")
        closing_wiki_markup = wiki_markup
        node.wiki_markup = wiki_markup or None
        node.invalid = bool(token.get("invalid"))
        node.wiki_style_separator = None
        node.attributes = []
        node.tag = node.contents = node.padding = node.closing_tag = None
        nodes: list = []  # the Builder's one stack for this tag
        while True:
            more, token = self.until(_TAG_STOPS)
            nodes.extend(more)
            kind = type(token)
            if kind is tokens.TagAttrStart:
                node.attributes.append(self.attribute(token))
            elif kind is tokens.TagCloseOpen:
                node.wiki_style_separator = token.get("wiki_markup") or None
                node.padding = token.get("padding") or ""
                node.tag, nodes = Code(nodes), []
            elif kind is tokens.TagOpenClose:
                closing_wiki_markup = token.get("wiki_markup")
                node.contents, nodes = Code(nodes), []
            elif kind is tokens.TagCloseSelfclose:
                closing_wiki_markup = token.get("wiki_markup")
                node.tag, node.self_closing = Code(nodes), True
                node.padding = token.get("padding") or ""
                node.implicit = bool(token.get("implicit"))
                break
            else:  # TagCloseClose
                node.closing_tag, node.self_closing, node.implicit = Code(nodes), False, False
                break
        if node.tag is None or node.padding is None:
            raise ParserError("_handle_tag() got a tag without a name or padding")
        if node.contents is None:
            node.contents = Code([])
        if node.closing_tag is None:
            node.closing_tag = node.tag
        node.closing_wiki_markup = (wiki_markup if closing_wiki_markup is None else closing_wiki_markup) or None
        return node


_TEXT = tokens.Text
_HANDLERS = {
    tokens.TemplateOpen: _Builder.template,
    tokens.ArgumentOpen: _Builder.argument,
    tokens.WikilinkOpen: _Builder.wikilink,
    tokens.ExternalLinkOpen: _Builder.external_link,
    tokens.HTMLEntityStart: _Builder.entity,
    tokens.HeadingStart: _Builder.heading,
    tokens.CommentStart: _Builder.comment,
    tokens.TagOpenOpen: _Builder.tag,
}
_TEMPLATE_STOPS = (tokens.TemplateParamSeparator, tokens.TemplateClose)
_PARAM_STOPS = (tokens.TemplateParamEquals, tokens.TemplateParamSeparator, tokens.TemplateClose)
_ARGUMENT_STOPS = (tokens.ArgumentSeparator, tokens.ArgumentClose)
_WIKILINK_STOPS = (tokens.WikilinkSeparator, tokens.WikilinkClose)
_EXTLINK_STOPS = (tokens.ExternalLinkSeparator, tokens.ExternalLinkClose)
_HEADING_STOPS = (tokens.HeadingEnd,)
_COMMENT_STOPS = (tokens.CommentEnd,)
_ATTR_INNER = (tokens.TagAttrEquals, tokens.TagAttrQuote)
_ATTR_STOPS = (*_ATTR_INNER, tokens.TagAttrStart, tokens.TagCloseOpen, tokens.TagCloseSelfclose)
_TAG_STOPS = (
    tokens.TagAttrStart,
    tokens.TagCloseOpen,
    tokens.TagOpenClose,
    tokens.TagCloseSelfclose,
    tokens.TagCloseClose,
)


def flat(tokenlist: list, token) -> Text:
    """The node that `token` opens, read off `tokenlist` without recursion, as the text of its
    markup: templates, arguments, links, headings and entities written out as in the source;
    comments and the markup of tags (names, attributes, bold marks, `{|`) left out, their
    contents kept."""
    parts: list[str] = []
    closers: list[str] = []
    shown: list[bool] = []  # per open node: whether what is inside it is text
    while True:
        kind, visible = type(token), not shown or shown[-1]
        if kind is _TEXT:
            parts.append(token["text"] if visible else "")
        elif kind in _FLAT_OPEN:
            opener, closer, inside = _FLAT_OPEN[kind](token)
            parts.append(opener if visible else "")
            closers.append(closer)
            shown.append(visible and inside)
        elif kind in _FLAT_CLOSE:
            shown.pop()
            closer = closers.pop()  # popped even when hidden: `closers` and `shown` stay in step
            parts.append(closer if not shown or shown[-1] else "")
            if not closers:
                return Text("".join(parts))
        elif kind is tokens.TagCloseOpen or kind is tokens.TagOpenClose:
            shown[-1] = kind is tokens.TagCloseOpen and (len(shown) < 2 or shown[-2])  # a tag's body is text
        elif visible:
            parts.append(_FLAT_MARK[kind](token) if kind in _FLAT_MARK else "")
        if not tokenlist:  # a node never closed: what there is
            return Text("".join(parts))
        token = tokenlist.pop()


_FLAT_OPEN = {  # opening token -> (markup, closing markup, whether its inside is text)
    tokens.TemplateOpen: lambda t: ("{{", "}}", True),
    tokens.ArgumentOpen: lambda t: ("{{{", "}}}", True),
    tokens.WikilinkOpen: lambda t: ("[[", "]]", True),
    tokens.ExternalLinkOpen: lambda t: ("[", "]", True) if t.get("brackets") else ("", "", True),
    tokens.HTMLEntityStart: lambda t: ("&", ";", True),
    tokens.HeadingStart: lambda t: ("=" * (t.get("level") or 1),) * 2 + (True,),
    tokens.CommentStart: lambda t: ("", "", False),
    tokens.TagOpenOpen: lambda t: ("", "", False),  # the tag's name and attributes
}
_FLAT_CLOSE = frozenset(
    {
        tokens.TemplateClose,
        tokens.ArgumentClose,
        tokens.WikilinkClose,
        tokens.ExternalLinkClose,
        tokens.HTMLEntityEnd,
        tokens.HeadingEnd,
        tokens.CommentEnd,
        tokens.TagCloseClose,
        tokens.TagCloseSelfclose,
    }
)
_FLAT_MARK = {
    tokens.TemplateParamSeparator: lambda t: "|",
    tokens.TemplateParamEquals: lambda t: "=",
    tokens.ArgumentSeparator: lambda t: "|",
    tokens.WikilinkSeparator: lambda t: "|",
    tokens.ExternalLinkSeparator: lambda t: "" if t.get("suppress_space") else " ",
    tokens.HTMLEntityNumeric: lambda t: "#",
    tokens.HTMLEntityHex: lambda t: t.get("char") or "x",
}


def parse(text: str, skip_style_tags: bool = False) -> Root:
    """Tokenize with mwparserfromhell and build the light tree (`mwparserfromhell.parse`'s twin).

    ParserError means a bug in mwparserfromhell or here, never bad markup.
    """
    return build(_Tokenizer().tokenize(text, 0, skip_style_tags))


def build(tokenlist: list) -> Root:
    """The tree of a token list (consumed), as mwparserfromhell's `Builder.build`."""
    return _Builder(tokenlist).code()
