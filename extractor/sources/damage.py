"""Damaged input: where reading stopped, and the Quarantine that says so.

Every reader of a dump ends with the same kind of value when its bytes go bad:
a Quarantine whose message names the input, the place (a byte offset, and
whether it counts compressed or XML bytes), the last page read well, and what
was lost. The codes say how much was lost (errors.INPUT_LOST lists those that make a run incomplete):

- `source.truncated`: the data ends early (a cut .xml, .bz2 or .gz): nothing after it exists;
- `source.malformed_xml`: XML damage outside any page, or that no later `<page>` follows:
  the rest of the input is not read;
- `source.unreadable`: the file cannot be opened, or its compressed data cannot be
  decompressed from this point on;
- `source.damaged_page`: XML damage inside a page; the reader skipped to the next `<page>`,
  one Quarantine per page skipped, and read on;
- `source.damaged_stream`: a bz2 stream of a multistream dump read by byte ranges could not
  be decompressed; one Quarantine per page the index lists in it (so every page is counted),
  and the next stream is read;
- `source.forbidden_xml`: the XML declares a DTD (safe_xml): the whole input is refused;
- `source.page_too_large`: a page (or single file) larger than `MAX_PAGE_BYTES`; its bytes are
  skipped, never held, and reading goes on at the next page.

Pages that are read well but are not articles: `source.no_title` (an empty or missing
`<title>`: damage), `source.no_text` (no `<text>`, deleted or empty text; an empty file).
"""

from __future__ import annotations

from ..errors import REASONS
from ..model import Page, Quarantine

# The bound on one page's bytes (a `<page>` element, or a single-article file). MediaWiki caps a
# revision's text at 2 MiB ($wgMaxArticleSize), so no real page comes near it; a bz2 bomb does.
MAX_PAGE_BYTES = 64 << 20


class InputDamage(Exception):
    """Compressed data that ends early (`truncated`) or cannot be decompressed; `where` names the place."""

    def __init__(self, reason: str, *, truncated: bool, where: str) -> None:
        super().__init__(f"{reason} ({where})")
        self.reason = reason
        self.truncated = truncated
        self.where = where


def last_read(page: Page | None) -> str:
    if page is None:
        return "no page was read before it"
    return f"the last page read is {page.title!r} (id {page.page_id})"


def lost(shown: str, code: str, detail: str, *, title: str | None = None, page_id: str | None = None) -> Quarantine:
    """The Quarantine for damage in input `shown`; `detail` says where, after which page, and what is lost."""
    source = {"format": "wikitext", "path": shown}
    return Quarantine(source, title, page_id, "source", code, REASONS[code].format(detail=f"{shown}: {detail}"))
