"""Reasons a page is quarantined, declared once.

Readers turn unreadable input into a Quarantine themselves (`source.*`); inside
`process_page` a `PageError` means the page cannot give a valid record (today:
a record the schema rejects); anything else raised there is our bug and is
quarantined as `internal.bug`. Codes are stable `stage.reason` strings:
tests and users' dashboards match on them.
"""

from __future__ import annotations

REASONS: dict[str, str] = {
    "source.malformed_xml": "the XML dump is not well-formed: {detail}",
    "source.unreadable": "the input file cannot be read: {detail}",
    "source.decode": "the input is not valid UTF-8: {detail}",
    "source.binary": "the input is a binary file, not an article: {detail}",
    "source.truncated": "the input ends early, the pages after this point are lost (copy the file again): {detail}",
    "source.damaged_page": "a damaged page was skipped, reading went on at the next page: {detail}",
    "source.damaged_stream": (
        "a bz2 stream cannot be decompressed, its pages are lost (the other streams are read): {detail}"
    ),
    "source.forbidden_xml": (
        "the XML declares a DTD, which MediaWiki dumps never do: the input is refused whole, "
        "no entity was expanded and nothing was fetched (is it really a dump?): {detail}"
    ),
    "source.page_too_large": "a page too large to be a wiki page was skipped without being read whole: {detail}",
    "source.no_title": "a page without a title (the dump is damaged there): {detail}",
    "source.no_text": "a page without text, nothing to extract: {detail}",
    "page.timeout": "the page took too long to process (--page-timeout): {detail}",
    "page.memory": "the page needed more memory than a worker may use (--memory): {detail}",
    "page.crash": "the worker processing the page died: {detail}",
    "schema.invalid": "the record does not match schemas/record.schema.json: {detail}",
    "internal.bug": "unexpected error (a bug in extractor, please report it): {detail}",
}


# Codes after which the rest of an input was not read: the run is `incomplete` (exit 4).
INPUT_LOST = frozenset(
    {"source.malformed_xml", "source.truncated", "source.unreadable", "source.damaged_stream", "source.forbidden_xml"}
)

# Caveats of a record that was written (never a quarantine): a character removed or an item left
# out, counted once per occurrence in the manifest's `warnings_by_code` (`record.warnings_of`).
# One bad item costs that item, not the record.
WARNINGS: dict[str, str] = {
    "normalize.unresolved_conversion_group": "a public conversion group the page names was not available",
    "parse.control_character": "a control character, lone surrogate or noncharacter was removed from the text",
    "parse.invalid_category": "a category without a valid name was left out",
    "parse.invalid_link": "a link to no valid page title was kept as plain text",
    "parse.invalid_template_parameter": "a template parameter holding a control character was left out",
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


class SchemaError(PageError):
    stage = "schema"
