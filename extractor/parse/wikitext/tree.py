"""mwparserfromhell's tokens -> a light node tree, for the wikitext walker.

mwparserfromhell stays the parser: its C tokenizer reads the markup. Its Python
Builder, which turns the tokens into Wikicode / SmartList / Node objects, costs
about ten times the tokenizer, so the tree is built here instead, in one pass,
from plain `__slots__` classes that carry exactly what the walker reads. Names,
fields and `str()` follow mwparserfromhell's nodes (`nodes/*.py`, `__str__`
round-trips the source); the builder follows `parser/builder.py` case for case
(tests/test_wikitext_tree.py compares both trees over the corpus).

Differences that the walker never sees: a `Code` (Wikicode) has no string
methods (call `str()`), its truth value is always true, and nothing in the
tree is meant to be changed (`str()` of a `Code` is kept once computed).
"""

from __future__ import annotations

from collections.abc import Iterator
from html.entities import name2codepoint

from mwparserfromhell.parser import ParserError, tokens

try:
    from mwparserfromhell.parser import CTokenizer as _Tokenizer
except ImportError:  # pragma: no cover - mwparserfromhell without its C extension
    _Tokenizer = None
if _Tokenizer is None:  # pragma: no cover
    from mwparserfromhell.parser.tokenizer import Tokenizer as _Tokenizer


class Code:
    """A node list (mwparserfromhell's Wikicode)."""

    __slots__ = ("nodes", "_source")

    def __init__(self, nodes: list) -> None:
        self.nodes = nodes
        self._source: str | None = None

    def __str__(self) -> str:
        """The markup, as written (computed once: the tree is never changed)."""
        source = self._source
        if source is None:
            nodes = self.nodes
            if len(nodes) == 1 and type(nodes[0]) is Text:
                source = nodes[0].value
            else:
                source = "".join([str(node) for node in nodes])
            self._source = source
        return source

    def ifilter_templates(self, recursive: bool = True) -> Iterator[Template]:
        """Templates in document order, outer before inner (Wikicode's recursive filter)."""
        if not recursive:
            return iter([node for node in self.nodes if type(node) is Template])
        found: list[Template] = []
        _collect_templates(self, found)
        return iter(found)


def _collect_templates(code: Code, found: list) -> None:
    for node in code.nodes:
        kind = type(node)
        if kind is Text:
            continue
        if kind is Template:
            found.append(node)
        if kind not in _LEAVES:
            for child in node.children():
                _collect_templates(child, found)


class Text:
    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value

    def __str__(self) -> str:
        return self.value


class Comment:
    __slots__ = ("contents",)

    def __init__(self, contents: str) -> None:
        self.contents = contents

    def __str__(self) -> str:
        return "<!--" + self.contents + "-->"


class HTMLEntity:
    __slots__ = ("value", "named", "hexadecimal", "hex_char")

    def __init__(self, value: str, named: bool, hexadecimal: bool, hex_char: str = "x") -> None:
        self.value, self.named, self.hexadecimal, self.hex_char = value, named, hexadecimal, hex_char

    def __str__(self) -> str:
        if self.named:
            return f"&{self.value};"
        if self.hexadecimal:
            return f"&#{self.hex_char}{self.value};"
        return f"&#{self.value};"

    def normalize(self) -> str:
        """The character; ValueError / KeyError / OverflowError as mwparserfromhell's."""
        if self.named:
            return chr(name2codepoint[self.value])
        return chr(int(self.value, 16 if self.hexadecimal else 10))


class Argument:
    __slots__ = ("name", "default")

    def __init__(self, name: Code, default: Code | None = None) -> None:
        self.name, self.default = name, default

    def __str__(self) -> str:
        if self.default is not None:
            return "{{{" + str(self.name) + "|" + str(self.default) + "}}}"
        return "{{{" + str(self.name) + "}}}"

    def children(self) -> list[Code]:
        return [self.name] if self.default is None else [self.name, self.default]


class Wikilink:
    __slots__ = ("title", "text")

    def __init__(self, title: Code, text: Code | None = None) -> None:
        self.title, self.text = title, text

    def __str__(self) -> str:
        if self.text is not None:
            return "[[" + str(self.title) + "|" + str(self.text) + "]]"
        return "[[" + str(self.title) + "]]"

    def children(self) -> list[Code]:
        return [self.title] if self.text is None else [self.title, self.text]


class ExternalLink:
    __slots__ = ("url", "title", "brackets", "suppress_space")

    def __init__(self, url: Code, title: Code | None, brackets: bool, suppress_space: bool) -> None:
        self.url, self.title, self.brackets, self.suppress_space = url, title, brackets, suppress_space

    def __str__(self) -> str:
        if not self.brackets:
            return str(self.url)
        if self.title is None:
            return "[" + str(self.url) + "]"
        return "[" + str(self.url) + ("" if self.suppress_space else " ") + str(self.title) + "]"

    def children(self) -> list[Code]:
        return [self.url] if self.title is None else [self.url, self.title]


class Heading:
    __slots__ = ("title", "level")

    def __init__(self, title: Code, level: int) -> None:
        self.title, self.level = title, level

    def __str__(self) -> str:
        return "=" * self.level + str(self.title) + "=" * self.level

    def children(self) -> list[Code]:
        return [self.title]


class Parameter:
    __slots__ = ("name", "value", "showkey")

    def __init__(self, name: Code, value: Code, showkey: bool) -> None:
        self.name, self.value, self.showkey = name, value, showkey

    def __str__(self) -> str:
        if self.showkey:
            return str(self.name) + "=" + str(self.value)
        return str(self.value)


class Template:
    __slots__ = ("name", "params")

    def __init__(self, name: Code, params: list[Parameter]) -> None:
        self.name, self.params = name, params

    def __str__(self) -> str:
        if self.params:
            return "{{" + str(self.name) + "|" + "|".join([str(p) for p in self.params]) + "}}"
        return "{{" + str(self.name) + "}}"

    def children(self) -> list[Code]:
        found = [self.name]
        for param in self.params:
            if param.showkey:
                found.append(param.name)
            found.append(param.value)
        return found


class Attribute:
    __slots__ = ("name", "value", "quotes", "pad_first", "pad_before_eq", "pad_after_eq")

    def __init__(self, name: Code, value: Code | None, quotes: str | None, pads: tuple[str, str, str]) -> None:
        self.name, self.value, self.quotes = name, value, quotes
        self.pad_first, self.pad_before_eq, self.pad_after_eq = pads

    def __str__(self) -> str:
        result = self.pad_first + str(self.name) + self.pad_before_eq
        if self.value is None:
            return result
        quotes = self.quotes or ""
        return result + "=" + self.pad_after_eq + quotes + str(self.value) + quotes


class Tag:
    """An HTML tag or wiki markup given as one (`''`, `*`, `{|`); fields as mwparserfromhell's Tag."""

    __slots__ = (
        "tag",
        "contents",
        "attributes",
        "wiki_markup",
        "self_closing",
        "invalid",
        "implicit",
        "padding",
        "closing_tag",
        "wiki_style_separator",
        "closing_wiki_markup",
    )

    def __str__(self) -> str:
        attrs = "".join([str(attr) for attr in self.attributes])
        if self.wiki_markup:
            head = self.wiki_markup + attrs + self.padding + (self.wiki_style_separator or "")
            if self.self_closing:
                return head
            return head + str(self.contents) + (self.closing_wiki_markup or "")
        result = ("</" if self.invalid else "<") + str(self.tag) + attrs + self.padding
        if self.self_closing:
            return result + (">" if self.implicit else "/>")
        return result + ">" + str(self.contents) + "</" + str(self.closing_tag) + ">"

    def children(self) -> list[Code]:
        found = [] if self.wiki_markup else [self.tag]
        for attr in self.attributes:
            found.append(attr.name)
            if attr.value is not None:
                found.append(attr.value)
        if not self.self_closing:
            found.append(self.contents)
            if not self.wiki_markup and str(self.closing_tag):
                found.append(self.closing_tag)
        return found


_LEAVES = (Text, Comment, HTMLEntity)


class _Builder:
    """One pass over the reversed token list, a method per opening token, each mirroring
    mwparserfromhell's `Builder._handle_*` (same stops, same defaults, same errors)."""

    def __init__(self, tokenlist: list) -> None:
        tokenlist.reverse()
        self.tokens = tokenlist

    def code(self) -> Code:
        nodes, _ = self.until(())
        return Code(nodes)

    def until(self, stops: tuple) -> tuple[list, object]:
        """Nodes up to the next token of a `stops` type, and that token (None at the end)."""
        nodes: list = []
        tokenlist, handlers = self.tokens, _HANDLERS
        pop, append = tokenlist.pop, nodes.append
        while tokenlist:
            token = pop()
            kind = type(token)
            if kind is _TEXT:
                append(Text(token["text"]))
            elif kind in stops:
                return nodes, token
            elif kind in handlers:
                append(handlers[kind](self, token))
            else:
                raise ParserError(f"_handle_token() got unexpected {kind.__name__}")
        if stops:
            raise ParserError(f"missed a close token ({stops[-1].__name__})")
        return nodes, None

    def template(self, token) -> Template:
        nodes, token = self.until(_TEMPLATE_STOPS)
        name, params, default = Code(nodes), [], 1
        while type(token) is not tokens.TemplateClose:
            param, token = self.parameter(default)
            params.append(param)
            if not param.showkey:
                default += 1
        return Template(name, params)

    def parameter(self, default: int) -> tuple[Parameter, object]:
        key = None
        nodes, token = self.until(_PARAM_STOPS)
        while type(token) is tokens.TemplateParamEquals:
            key = Code(nodes)
            nodes, token = self.until(_PARAM_STOPS)
        if key is None:
            return Parameter(Code([Text(str(default))]), Code(nodes), False), token
        return Parameter(key, Code(nodes), True), token

    def argument(self, token) -> Argument:
        name = None
        nodes, token = self.until(_ARGUMENT_STOPS)
        while type(token) is tokens.ArgumentSeparator:
            name = Code(nodes)
            nodes, token = self.until(_ARGUMENT_STOPS)
        return Argument(Code(nodes)) if name is None else Argument(name, Code(nodes))

    def wikilink(self, token) -> Wikilink:
        title = None
        nodes, token = self.until(_WIKILINK_STOPS)
        while type(token) is tokens.WikilinkSeparator:
            title = Code(nodes)
            nodes, token = self.until(_WIKILINK_STOPS)
        return Wikilink(Code(nodes)) if title is None else Wikilink(title, Code(nodes))

    def external_link(self, token) -> ExternalLink:
        brackets, url, suppress_space = token.get("brackets"), None, None
        nodes, token = self.until(_EXTLINK_STOPS)
        while type(token) is tokens.ExternalLinkSeparator:
            url, suppress_space = Code(nodes), token.get("suppress_space")
            nodes, token = self.until(_EXTLINK_STOPS)
        if url is None:
            return ExternalLink(Code(nodes), None, brackets, suppress_space is True)
        return ExternalLink(url, Code(nodes), brackets, suppress_space is True)

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


def parse(text: str, skip_style_tags: bool = False) -> Code:
    """Tokenize with mwparserfromhell and build the light tree (`mwparserfromhell.parse`'s twin).

    ParserError means a bug in mwparserfromhell or here, never bad markup.
    """
    return build(_Tokenizer().tokenize(text, 0, skip_style_tags))


def build(tokenlist: list) -> Code:
    """The tree of a token list (consumed), as mwparserfromhell's `Builder.build`."""
    return _Builder(tokenlist).code()
