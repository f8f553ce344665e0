"""The figures of a run's records: one pass, bounded memory.

`collect(path)` reads a run folder or a records file through
`dataset.read_records` and adds the folder's own figures (`runfolder`).
`RecordStats.add(record)` folds one record (schema version 2) into counters and
distributions; `result()` gives the figures as a JSON-ready dict. Nothing keeps
a record: memory grows with the number of distinct names counted (entity
types, template names, infobox templates), distinct text lengths and decades,
never with the number of records. An optional field that is null in a record
was not selected by its run (`run --fields`); a figure whose field no record
has is None ("not extracted"), not zero. `infobox` is also null on a page
without one, so it counts as extracted when the run's manifest says so, when
some record has one, or when dates were (dates imply the infobox).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..dataset import read_records
from ..fields import IMPLIED, OPTIONAL
from .distribution import Distribution, decade_of, fill_decades, ranked, year_of
from .runfolder import run_fields, run_figures

TOP = 20  # names listed in a top list (templates, infobox templates)
PRECISIONS = ("day", "month", "year", "decade", "century")
IN_DECADES = frozenset(PRECISIONS[:4])  # a century-precision value names no decade


def collect(path: Path) -> dict:
    """The figures of a run folder or a records file (any format `dataset.read_records` reads),
    with `path` and `run`: the folder's manifest and errors.jsonl figures (None for a file)."""
    run = run_figures(path) if path.is_dir() else None
    stats = RecordStats()
    for record in read_records(path):
        stats.add(record)
    return {"path": str(path), **stats.result(run_fields(run)), "run": run}


@dataclass
class RecordStats:
    records: int = 0
    formats: Counter = field(default_factory=Counter)  # source.format -> records
    text: Distribution = field(default_factory=Distribution)  # len(text) in characters
    shortest: tuple[int, str] | None = None  # (length, title)
    longest: tuple[int, str] | None = None
    selected: Counter = field(default_factory=Counter)  # optional field -> records where it is not null
    entity_types: Counter = field(default_factory=Counter)  # type (None: untyped) -> entities
    entity_sources: Counter = field(default_factory=Counter)  # type_source -> entities
    mentions: Counter = field(default_factory=Counter)  # "linked" / "unlinked" -> mentions
    precisions: Counter = field(default_factory=Counter)
    date_sources: Counter = field(default_factory=Counter)
    unresolved: Counter = field(default_factory=Counter)  # unresolved_reason of null values
    decades: Counter = field(default_factory=Counter)  # first year of a decade -> dates
    links: Counter = field(default_factory=Counter)  # "exists" / "missing" / "unknown" / "via_redirect"
    templates: Counter = field(default_factory=Counter)
    categories: Distribution = field(default_factory=Distribution)  # categories per record
    infoboxes: Counter = field(default_factory=Counter)  # infobox template -> records

    def add(self, record: dict) -> None:
        """Fold in one record; the record is not kept."""
        self.records += 1
        self.formats[record["source"]["format"]] += 1
        self._add_text(record["title"], len(record["text"]))
        for name in OPTIONAL:
            value = record.get(name)  # a schema-1 record lacks the fields its run did not select
            if value is not None:
                self.selected[name] += 1
                _PARTS.get(name, _ignore)(self, value)

    def result(self, fields: tuple[str, ...] | None = None) -> dict:
        """The figures; `fields`: the run's selected optional fields when known (its manifest)."""
        extracted = self._extracted(fields)
        parts = {name: _FIGURES[name](self) if name in extracted else None for name in _FIGURES}
        return {
            "records": self.records,
            "formats": dict(ranked(self.formats)),
            "text_length": self._text_figures(),
            **parts,
            "not_extracted": [name for name in OPTIONAL if name not in extracted],
        }

    def _extracted(self, fields: tuple[str, ...] | None) -> set[str]:
        if fields is not None:
            return set(fields)
        found = {name for name in OPTIONAL if self.selected[name]}
        implied = {part for name in found for part in IMPLIED.get(name, ())}
        return found | implied

    def _add_text(self, title: str, length: int) -> None:
        self.text.add(length)
        if self.shortest is None or length < self.shortest[0]:
            self.shortest = (length, title)
        if self.longest is None or length > self.longest[0]:
            self.longest = (length, title)

    def _text_figures(self) -> dict:
        return {
            **self.text.summary(),
            "quantiles": "exact",
            "shortest": _titled(self.shortest),
            "longest": _titled(self.longest),
            "histogram": self.text.log_bins(),
        }


def _titled(pair: tuple[int, str] | None) -> dict | None:
    return {"length": pair[0], "title": pair[1]} if pair else None


def _ignore(stats: RecordStats, value: object) -> None:
    """A field counted as present and nothing more."""


def _add_entities(stats: RecordStats, entities: list[dict]) -> None:
    for entity in entities:
        stats.entity_types[entity["type"]] += 1
        stats.entity_sources[entity["type_source"]] += 1
        for mention in entity["mentions"]:
            stats.mentions["linked" if mention["linked"] else "unlinked"] += 1


def _add_dates(stats: RecordStats, dates: list[dict]) -> None:
    for date in dates:
        stats.precisions[date["precision"]] += 1
        stats.date_sources[date["source"]] += 1
        year = year_of(date["value"])
        if year is None:
            stats.unresolved[date["unresolved_reason"] or "unknown"] += 1
        elif date["precision"] in IN_DECADES:
            stats.decades[decade_of(year)] += 1


_EXISTS = {True: "exists", False: "missing", None: "unknown"}


def _add_links(stats: RecordStats, links: list[dict]) -> None:
    for link in links:
        stats.links[_EXISTS[link["exists"]]] += 1
        stats.links["via_redirect"] += link["redirect_from"] is not None


def _add_templates(stats: RecordStats, templates: list[dict]) -> None:
    stats.templates.update(template["name"] for template in templates)


def _add_categories(stats: RecordStats, categories: list[str]) -> None:
    stats.categories.add(len(categories))


def _add_infobox(stats: RecordStats, infobox: dict) -> None:
    stats.infoboxes[infobox["template"]] += 1


_PARTS: dict[str, Callable[[RecordStats, object], None]] = {
    "entities": _add_entities,
    "dates": _add_dates,
    "links": _add_links,
    "templates": _add_templates,
    "categories": _add_categories,
    "infobox": _add_infobox,
}


def _entity_figures(stats: RecordStats) -> dict:
    total, untyped = sum(stats.entity_types.values()), stats.entity_types[None]
    return {
        "total": total,
        "by_type": dict(ranked(Counter({k: v for k, v in stats.entity_types.items() if k is not None}))),
        "untyped": untyped,
        "untyped_share": round(untyped / total, 4) if total else None,
        "by_type_source": dict(ranked(Counter({k or "none": v for k, v in stats.entity_sources.items()}))),
        "mentions": {"linked": stats.mentions["linked"], "unlinked": stats.mentions["unlinked"]},
    }


def _date_figures(stats: RecordStats) -> dict:
    total = sum(stats.precisions.values())
    in_decades = sum(stats.decades.values())
    return {
        "total": total,
        "resolved": total - sum(stats.unresolved.values()),
        "by_precision": {p: stats.precisions[p] for p in PRECISIONS if stats.precisions[p]},
        "by_source": dict(ranked(stats.date_sources)),
        "unresolved_by_reason": dict(ranked(stats.unresolved)),
        "by_decade": fill_decades(stats.decades),
        "century_precision_not_in_decades": total - sum(stats.unresolved.values()) - in_decades,
    }


def _link_figures(stats: RecordStats) -> dict:
    counts = stats.links
    return {
        "total": counts["exists"] + counts["missing"] + counts["unknown"],
        **{key: counts[key] for key in ("exists", "missing", "unknown", "via_redirect")},
    }


def _template_figures(stats: RecordStats) -> dict:
    return {"total": stats.templates.total(), "distinct": len(stats.templates), "top": ranked(stats.templates, TOP)}


def _category_figures(stats: RecordStats) -> dict:
    return {
        "per_record": stats.categories.summary(),
        "records_without": stats.categories.counts[0],
        "histogram": stats.categories.log_bins(),
    }


def _infobox_figures(stats: RecordStats) -> dict:
    return {
        "records_with": stats.selected["infobox"],
        "records_without": stats.records - stats.selected["infobox"],
        "distinct_templates": len(stats.infoboxes),
        "top": ranked(stats.infoboxes, TOP),
    }


_FIGURES: dict[str, Callable[[RecordStats], dict]] = {
    "entities": _entity_figures,
    "dates": _date_figures,
    "links": _link_figures,
    "templates": _template_figures,
    "categories": _category_figures,
    "infobox": _infobox_figures,
}
