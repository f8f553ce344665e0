"""Reasons a page is quarantined, declared once.

A `PageError` means the *input* cannot give a valid record (bad XML, a page
that is not an article); anything else raised inside `process_page` is our bug
and is quarantined as `internal.bug`. Codes are stable `stage.reason` strings:
tests and users' dashboards match on them.
"""

from __future__ import annotations

REASONS: dict[str, str] = {
    "source.malformed_xml": "the XML dump is not well-formed: {detail}",
    "source.unreadable": "the input file cannot be read: {detail}",
    "source.decode": "the input is not valid UTF-8: {detail}",
    "source.empty": "the page has no text",
    "parse.failed": "the markup could not be parsed: {detail}",
    "parse.no_title": "no title: the file name is not a page title and the lead has no bold term",
    "normalize.failed": "script conversion failed: {detail}",
    "extract.failed": "extraction failed: {detail}",
    "schema.invalid": "the record does not match schemas/record.schema.json: {detail}",
    "internal.bug": "unexpected error (a bug in extractor, please report it): {detail}",
}


class PageError(Exception):
    """A page that cannot become a record; `code` is a key of REASONS."""

    stage = "page"

    def __init__(self, code: str, detail: str = "") -> None:
        if code not in REASONS:
            raise KeyError(f"undeclared reason code {code!r}")
        self.code = code
        self.detail = detail
        super().__init__(REASONS[code].format(detail=detail))


class SourceError(PageError):
    stage = "source"


class ParseError(PageError):
    stage = "parse"


class NormalizeError(PageError):
    stage = "normalize"


class ExtractError(PageError):
    stage = "extract"


class SchemaError(PageError):
    stage = "schema"
