"""What every runner shares: a page turned into a routed outcome, in the worker.

`PageWork` is the picklable job a worker holds (options, the run's title index
file, the output format): it reads a split's pages, runs `process_page` on
each and encodes the outcome, so the parent (or Spark's driver) only counts
and writes bytes. `Routed` is that encoded outcome.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import NamedTuple

from ..errors import REASONS
from ..index import open_index
from ..model import Page, Quarantine, Skip
from ..options import Options
from ..pipeline import Outcome, process_page
from ..record import warnings_of
from ..sinks import output_format
from ..sinks.jsonl import dumps
from ..sources.splits import Item, Split

RECORD, ERROR, SKIP = "record", "error", "skip"


class Routed(NamedTuple):
    kind: str  # RECORD | ERROR | SKIP
    data: bytes  # the encoded record, or the error line; b"" for a skip
    code: str  # the quarantine code or skip reason; "" for a record
    warnings: tuple[str, ...] = ()  # caveat codes of a written record, one per occurrence
    size: int = 0  # the page's markup in UTF-8 bytes (progress's MB/s); 0 when unknown


@dataclass(frozen=True)
class PageWork:
    options: Options
    index: str | None = None  # the run's title index file: every page's links resolve through it
    output: str = "jsonl"

    def items(self, split: Split) -> Iterator[Item]:
        return split.read()

    @staticmethod
    def ident(item: Item) -> tuple[str, str, str | None, str | None]:
        """(format, path, title, page id): enough to name a page that never came back."""
        if isinstance(item, Quarantine):
            return item.source.get("format", ""), item.source.get("path", ""), item.title, item.page_id
        return item.format, item.path, item.title, item.page_id

    def process(self, item: Item) -> Routed:
        routed = self.route(self.outcome(item))
        return routed._replace(size=len(item.markup.encode("utf-8"))) if isinstance(item, Page) else routed

    def outcome(self, item: Item) -> Outcome:
        if isinstance(item, Quarantine):
            return item
        index = open_index(self.index) if self.index is not None else None
        return process_page(item, self.options, index.groups if index else None, index=index)

    def route(self, outcome: Outcome) -> Routed:
        if isinstance(outcome, Quarantine):
            return Routed(ERROR, dumps(asdict(outcome)) + b"\n", outcome.code)
        if isinstance(outcome, Skip):
            return Routed(SKIP, b"", outcome.reason)
        return Routed(RECORD, output_format(self.output).encode(outcome), "", warnings_of(outcome))

    def failed(self, ident: tuple, code: str, detail: str) -> Routed:
        """The outcome of a page the worker could not finish (time, memory, crash)."""
        fmt, path, title, page_id = ident
        message = REASONS[code].format(detail=detail)
        return self.route(Quarantine({"format": fmt, "path": path}, title, page_id, "page", code, message))


def inline_map(
    splits: Iterator[Split], work: PageWork, start: tuple[int, int] = (0, 0)
) -> Iterator[tuple[int, int, Routed]]:
    """`(split, item, routed)` for every page, processed in this process: no time or memory
    bound (the pool's job), for debugging and for engines that bring their own workers."""
    first, skip = start
    for number, split in enumerate(splits):
        if number < first:
            continue
        for item_number, item in enumerate(work.items(split)):
            if number == first and item_number < skip:
                continue
            yield number, item_number, work.process(item)
