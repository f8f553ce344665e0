"""The values that flow through the pipeline: page -> document -> record.

A `Page` is what a source reader yields: raw markup plus where it came from.
A `Document` is what a parser produces: clean text plus spans into it. Every
offset is a Python string index (code point) into `Document.text`; parsers make
offsets only through `TextBuilder`, and later stages derive new offsets from
old ones (see `normalize.variant`), never by searching the output text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .normalize.rules import PageRules


@dataclass(frozen=True)
class Page:
    """One input page, as a reader found it. `markup` is never modified."""

    markup: str
    format: str  # "wikitext" | "pandoc-markdown"
    path: str
    title: str | None = None  # None: the parser derives it from the content
    title_from: str = "unknown"  # "dump" | "filename" | "bold" | "unknown"
    page_id: str | None = None
    revision_id: str | None = None
    timestamp: str | None = None
    namespace: int = 0
    dump: str | None = None
    redirect: str | None = None  # <redirect title=...> of a dump page
    sha256: str | None = None  # of the file, for single-file sources


@dataclass
class Section:
    title: str
    level: int
    start: int  # start of the heading line
    end: int  # end of the section's last character


@dataclass
class Block:
    """A paragraph, list item or heading line: the document's reading units."""

    kind: str  # "paragraph" | "list_item" | "heading"
    start: int
    end: int


@dataclass
class Link:
    """A wikilink to a page. `target` is a normalized title, not yet resolved."""

    target: str
    start: int
    end: int
    target_raw: str = ""
    section: str | None = None
    anchor_uncertain: bool = False
    redirect_from: str | None = None  # the redirect the link went through (title index)
    exists: bool | None = None  # False: no such page; None: no title index to ask


@dataclass
class ExternalLink:
    url: str
    start: int  # the label's span (a bare URL: the URL itself; `[url]` unlabelled: empty)
    end: int


@dataclass
class Template:
    name: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass
class Reference:
    id: str
    text: str = ""
    url: str | None = None
    title: str | None = None
    date: str | None = None
    publisher: str | None = None


@dataclass
class Citation:
    """A citation mark (`<ref>`, `\\[3\\]`, `[^3]`) removed from the text at `pos`."""

    ref_id: str
    pos: int


@dataclass
class Table:
    """A table as data; its text is kept out of `Document.text`."""

    caption: str | None
    header: list[str]
    rows: list[list[str]]


@dataclass
class Infobox:
    template: str
    fields: dict[str, str]


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Document:
    title: str
    title_from: str
    text: str
    sections: list[Section] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    external_links: list[ExternalLink] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    templates: list[Template] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    infobox: Infobox | None = None
    is_disambiguation: bool = False
    bold: list[Span] = field(default_factory=list)  # bold terms of the lead
    protected: list[Span] = field(default_factory=list)  # never script-converted
    foreign: list[Span] = field(default_factory=list)  # another language's text ({{lang-ja|…}}): no mentions
    redirect: str | None = None
    rules: PageRules | None = None  # the page's own conversion rules (-{H|…}-, NoteTA), set at the parse stage
    warnings: list[str] = field(default_factory=list)  # caveat codes (errors.WARNINGS), one per occurrence


@dataclass
class DateMention:
    """A date expression. For `source` "text" the offsets are into the record's
    text; for "infobox" / "reference" they are into that field's value string
    (`field`, `ref_id` say which), and `text == value[start:end]` holds there."""

    text: str
    start: int
    end: int
    value: str | None
    precision: str
    end_value: str | None = None  # the second half of a range (2001年至2005年)
    end_precision: str | None = None
    qualifier: str | None = None  # spring ... winter, early / mid / late, first_half / second_half
    anchored_to: int | None = None  # index, in the record's dates, of the date giving the year
    unresolved_reason: str | None = None  # why value is None
    source: str = "text"  # "text" | "infobox" | "reference"
    sentence_start: int | None = None  # the sentence around a text date (ends at 。！？ or a line break)
    sentence_end: int | None = None
    entities: list[int] = field(default_factory=list)  # record entities mentioned in that sentence
    # declared after `entities`: the attribute name shadows dataclasses.field in the class body
    field: str | None = None  # infobox field name, or reference field ("text", "date")
    ref_id: str | None = None


@dataclass
class Mention:
    start: int
    end: int
    linked: bool


@dataclass
class Entity:
    name: str
    type: str | None
    aliases: list[str]
    mentions: list[Mention]
    type_source: str | None = None


@dataclass(frozen=True)
class Quarantine:
    """A page that did not become a record, and why; written to errors.jsonl."""

    source: dict
    title: str | None
    page_id: str | None
    stage: str
    code: str
    message: str


@dataclass(frozen=True)
class Skip:
    """A page that is deliberately not an article record (counted, not an error)."""

    reason: str
    title: str | None
