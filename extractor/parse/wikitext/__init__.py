"""MediaWiki wikitext -> `Document`: the text a zh.wikipedia reader sees, plus spans.

    tree.py            mwparserfromhell's tokens -> light nodes (nodes.py); mwparserfromhell stays the parser
    walker.py          the walk: one handler per node type; `parse_wikitext`
    tags.py            HTML and wiki-markup tags (bold, lists, refs, tables, <br>...)
    tables.py          wiki and HTML tables as data
    templates.py       which templates show text, and their renderers (renderers.py, template_tables.py)
    output.py          whitespace, reading blocks and bracket cleanup in front of `TextBuilder`
    langconv.py        `-{ }-` markup resolved before the markup is tokenized

What MediaWiki itself defines (redirects, template names, magic words) is in
`extractor.mediawiki`; titles in `extractor.titles`.
"""

from .walker import parse_wikitext

__all__ = ["parse_wikitext"]
