"""page -> record: the one function every runner calls.

`process_page` does no I/O, reads no clock and keeps no state between pages,
so local processes and Spark partitions can run it interchangeably. It is the
only catch-all in the package: a `PageError` becomes a Quarantine with its
code; any other exception is our bug and becomes `internal.bug`.
"""

from __future__ import annotations

import traceback

from .errors import REASONS, SKIP_REASONS, PageError, SchemaError
from .extract.dates import find_dates
from .extract.entities import find_entities
from .model import Page, Quarantine, Skip
from .normalize.variant import convert_document
from .options import Options
from .parse import parser_for
from .record import build_record, source_of
from .validate import problems

Outcome = dict | Quarantine | Skip


def process_page(page: Page, options: Options) -> Outcome:
    if page.namespace != 0:
        return Skip("namespace", page.title)
    stage = "parse"
    try:
        parsed = parser_for(page.format)(page, options.variant)
        stage = "normalize"
        doc = convert_document(parsed, options.variant)
        stage = "extract"
        dates = find_dates(doc.text)
        entities = find_entities(doc)
        record = build_record(page, source_of(page, parsed), doc, options.variant, dates, entities)
        stage = "schema"
        found = problems(record)
        if found:
            raise SchemaError("schema.invalid", "; ".join(found[:5]))
        return record
    except PageError as exc:
        return quarantine(page, exc.stage, exc.code, str(exc))
    except Exception as exc:  # noqa: BLE001 - the one boundary where bugs become data
        detail = f"{type(exc).__name__}: {exc} in {stage} | {_where(exc)}"
        return quarantine(page, "internal", "internal.bug", REASONS["internal.bug"].format(detail=detail))


def quarantine(page: Page, stage: str, code: str, message: str) -> Quarantine:
    return Quarantine({"format": page.format, "path": page.path}, page.title, page.page_id, stage, code, message)


def skip_message(skip: Skip) -> str:
    return SKIP_REASONS[skip.reason]


def _where(exc: Exception) -> str:
    frames = traceback.extract_tb(exc.__traceback__)[-3:]
    return " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames))
