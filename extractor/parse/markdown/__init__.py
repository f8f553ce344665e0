"""Pandoc-markdown renderings -> `Document` (see `parser` for what is undone and why).

engine   the one markdown-it instance and its exact fast paths for link destinations
parser   the token walk: blocks, sections, reference lists, tables
inline   inline tokens: text, links with their true anchors, citations
links    what a link destination points at
refs     reference lists and `-{…}-` conversion markup
tables   raw HTML tables as data
writer   bracket-aware writing onto the TextBuilder
"""

from .parser import parse_markdown

__all__ = ["parse_markdown"]
