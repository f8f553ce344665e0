"""mwparserfromhell's own node tree, as the reference for `extractor.parse.wikitext.tree`.

`dump` gives a canonical nested tuple of either tree (the light classes use
mwparserfromhell's field names); `to_light` copies a reference tree into light
nodes, so the product walker can run over what mwparserfromhell's Builder made.
"""

from __future__ import annotations

import mwparserfromhell

from extractor.parse.wikitext import nodes as light

FIELDS = {
    "Text": ("value",),
    "Comment": ("contents",),
    "HTMLEntity": ("value", "named", "hexadecimal", "hex_char"),
    "Argument": ("name", "default"),
    "Wikilink": ("title", "text"),
    "ExternalLink": ("url", "title", "brackets", "suppress_space"),
    "Heading": ("title", "level"),
    "Template": ("name", "params"),
    "Parameter": ("name", "value", "showkey"),
    "Attribute": ("name", "value", "quotes", "pad_first", "pad_before_eq", "pad_after_eq"),
    "Tag": tuple(light.Tag.__slots__),
}


def reference(markup: str):
    return mwparserfromhell.parse(markup, skip_style_tags=False)


def dump(value):
    """A canonical, comparable form of a node, a node list or a field value."""
    if value is None or isinstance(value, (str, int, bool)):
        return value
    if isinstance(value, list):
        return tuple(dump(v) for v in value)
    if hasattr(value, "nodes"):
        return ("Code", tuple(dump(n) for n in value.nodes), str(value))
    name = type(value).__name__
    return (name, *(dump(getattr(value, field)) for field in FIELDS[name]), str(value))


def to_light(value):
    """The reference tree copied into light nodes (same fields, same values)."""
    if value is None or isinstance(value, (str, int, bool)):
        return value
    if isinstance(value, list):
        return [to_light(v) for v in value]
    if hasattr(value, "nodes"):
        return light.Code([to_light(n) for n in value.nodes])
    cls = getattr(light, type(value).__name__)
    node = cls.__new__(cls)
    for field in FIELDS[cls.__name__]:
        setattr(node, field, to_light(getattr(value, field)))
    return node
