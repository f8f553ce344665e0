"""page -> record: the one function every runner calls.

`process_page` does no I/O, reads no clock and keeps no state between pages,
so local processes and Spark partitions can run it interchangeably. It is the
only catch-all in the package: a `PageError` becomes a Quarantine with its
code; any other exception is our bug and becomes `internal.bug`.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Mapping

from .errors import REASONS, PageError, SchemaError
from .extract.dates import attach_sentences, find_dates, find_field_dates
from .extract.entities import find_entities
from .extract.links import Resolver, resolve_links
from .fields import parser_needs
from .index import TitleIndex
from .mediawiki import markdown_redirect_target, redirect_target
from .model import DateMention, Document, Entity, Page, Quarantine, Skip
from .normalize.opencc_backend import CONFIGS
from .normalize.rules import PageRules
from .normalize.variant import convert_document, string_converter
from .options import Options
from .parse import parser_for
from .record import build_record, source_of
from .validate import problems

Outcome = dict | Quarantine | Skip
_NEEDS_LINKS = frozenset({"links", "entities"})  # fields that need links resolved through the title index
_SURROGATE = re.compile("[\ud800-\udfff]")


def process_page(
    page: Page, options: Options, groups: Mapping[str, PageRules] | None = None, *, index: TitleIndex | None = None
) -> Outcome:
    """`groups`: public conversion groups by name (`normalize.cgroups.collect_groups`), kept
    out of `Options` so that Options stays small; a group the page names but `groups`
    lacks is listed in the record's `unresolved_conversion_groups`.
    `index`: the page's dump title index (read-only): links resolve through it."""
    if page.namespace not in options.namespaces:
        return Skip("namespace", page.title)
    if is_redirect(page):
        return Skip("redirect", page.title)  # the title index's redirect table has it
    surrogate = _lone_surrogate(page)
    if surrogate:
        return quarantine(page, "source", "source.decode", REASONS["source.decode"].format(detail=surrogate))
    stage = "parse"
    try:
        parsed = parser_for(page.format)(page, options.variant, parser_needs(options.fields))
        stage = "normalize"
        rules, unresolved = parsed.rules.with_groups(groups)  # the parser collected the page's rules
        rules = rules.configured(options.rule_scope, options.rule_levels)
        if CONFIGS[options.variant] is None:
            unresolved = ()  # zh converts nothing: a missing group changes nothing
        doc = convert_document(parsed, options.variant, rules)
        stage = "extract"
        doc, dates, entities = _extract(doc, options, rules, index)
        record = build_record(page, source_of(page, parsed), doc, options, dates, entities, unresolved)
        stage = "schema"
        found = problems(record, fields=options.fields)
        if found:
            raise SchemaError("schema.invalid", "; ".join(found[:5]))
        return record
    except PageError as exc:
        return quarantine(page, exc.stage, exc.code, str(exc))
    except MemoryError:
        raise  # the runner's bound (page.memory), not a bug of ours
    except Exception as exc:  # noqa: BLE001 - the one boundary where bugs become data
        detail = f"{type(exc).__name__}: {exc} in {stage} | {_where(exc)}"
        return quarantine(page, "internal", "internal.bug", REASONS["internal.bug"].format(detail=detail))


def _extract(
    doc: Document, options: Options, rules: PageRules, index: TitleIndex | None
) -> tuple[Document, list[DateMention], list[Entity]]:
    """Links resolved, dates and entities found, each only if a selected field needs it."""
    dates: list[DateMention] = []
    entities: list[Entity] = []
    if "dates" in options.fields:
        sections = [(s.start, s.end) for s in doc.sections]  # relative dates anchor within a section
        dates = find_dates(doc.text, sections) + find_field_dates(doc)  # text, then infobox and references
    if _NEEDS_LINKS.intersection(options.fields):
        resolver = Resolver(index, string_converter(options.variant, rules)) if index is not None else None
        doc = resolve_links(doc, resolver)
        if "entities" in options.fields:
            entities = find_entities(doc, resolver)
    if dates:
        attach_sentences(dates, doc.text, entities)  # the timeline's sentence and entities
    return doc, dates, entities


def is_redirect(page: Page) -> bool:
    """A dump's `<redirect>` page, or a file that is only `#REDIRECT [[…]]` (in pandoc's rendering,
    `1.  REDIRECT [X](…)`)."""
    if page.redirect is not None:
        return True
    target = _REDIRECT_TARGET.get(page.format)
    return target is not None and target(page.markup) is not None


_REDIRECT_TARGET = {"wikitext": redirect_target, "pandoc-markdown": markdown_redirect_target}


def needs_title_index(options: Options, dumps: bool = True) -> bool:
    """Whether a title index changes these records: links resolve through it, and a dump's
    conversion groups (`dumps`: one is among the inputs; article files hold none) feed every
    variant that converts (zh, "no conversion", has none to apply)."""
    return bool(_NEEDS_LINKS.intersection(options.fields)) or (dumps and CONFIGS[options.variant] is not None)


def _lone_surrogate(page: Page) -> str | None:
    """Where the page's markup or title holds a lone surrogate, which no UTF-8 record can hold.
    Readers decode UTF-8 strictly and never make one; a caller of the API can pass one."""
    for name, value in (("markup", page.markup), ("title", page.title or "")):
        found = _SURROGATE.search(value)
        if found:
            return (
                f"{page.path}: the page's {name} holds the lone surrogate U+{ord(found.group()):04X} "
                f"at character {found.start()}; pass text decoded from valid UTF-8"
            )
    return None


def quarantine(page: Page, stage: str, code: str, message: str) -> Quarantine:
    return Quarantine({"format": page.format, "path": page.path}, page.title, page.page_id, stage, code, message)


def _where(exc: Exception) -> str:
    frames = traceback.extract_tb(exc.__traceback__)[-3:]
    return " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames))
