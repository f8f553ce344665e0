"""The light node classes of a wikitext tree (built by `tree` from mwparserfromhell's tokens).

Names, fields and `str()` follow mwparserfromhell's nodes (`nodes/*.py`; `__str__`
round-trips the source), so the walker reads them as it read mwparserfromhell's.
Differences that the walker never sees: a `Code` (Wikicode) has no string methods
(call `str()`), its truth value is always true, and nothing in a tree is meant to
be changed (`str()` of a `Code` is kept once computed).
"""

from __future__ import annotations

from collections.abc import Iterator
from html.entities import name2codepoint


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


class Root(Code):
    """The node list of a whole page, with its templates as `tree` recorded them while building."""

    __slots__ = ("templates",)

    def __init__(self, nodes: list, templates: list[Template]) -> None:
        super().__init__(nodes)
        self.templates = templates

    def ifilter_templates(self, recursive: bool = True) -> Iterator[Template]:
        """As `Code.ifilter_templates`, the recursive list read from the builder's record."""
        if recursive:
            return iter(self.templates)
        return super().ifilter_templates(recursive)


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
