"""The metrics of a diff and the `--fail-on` rules that gate on them.

A rule is `METRIC OP NUMBER` or `METRIC OP NUMBER%` (OP: > >= < <= == !=), e.g.
`removed>0`, `changed>=10`, `dates.lost>1%`, `text.changed>5%`; `--fail-on`
takes one or several separated by commas, and can be repeated. A rule is
*broken* when the comparison holds. Every metric is a count with a base; a `%`
threshold compares 100 * count / base (0 when both are 0, 100 when only the
base is 0). Metric names and their bases are in `METRICS_DOC`.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .fields import FIELDS

RECORD_METRICS = ("added", "removed", "changed", "unchanged")
ITEM_METRICS = ("lost", "gained", "unextracted")
METRICS_DOC = """\
metrics (for --fail-on; a % threshold is relative to the base in brackets):
  added, removed, changed, unchanged
                     records [OLD's records]; changed: any field differs
  FIELD.changed      records in both runs whose FIELD differs [records in both]
  FIELD.lost         items of FIELD in OLD and not in NEW, per record, as multisets of
                     item keys, where both runs extracted FIELD [OLD's items of FIELD there]
  FIELD.gained       items in NEW and not in OLD [OLD's items of FIELD, as for lost]
  FIELD.unextracted  records in both whose FIELD is null (not extracted, run --fields) on
                     one side only; their items are not counted as lost or gained [records in both]
fields, compared as one value: {values}
fields with items (lost/gained/unextracted), and an item's key:
{items}
records are matched by id and compared on content: source.path and source.dump are ignored."""

OPERATORS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
    ">": operator.gt,
    "<": operator.lt,
}
_RULE = re.compile(r"\s*([A-Za-z_][\w.]*)\s*(>=|<=|==|!=|>|<)\s*(\d+(?:\.\d*)?|\.\d+)\s*(%?)\s*")


class RuleError(ValueError):
    """A --fail-on rule that cannot be read; the message names the rule and the metrics."""


@dataclass(frozen=True)
class Measure:
    count: int
    base: int

    @property
    def percent(self) -> float:
        if not self.base:
            return 0.0 if not self.count else 100.0
        return 100.0 * self.count / self.base


@dataclass(frozen=True)
class Rule:
    text: str
    metric: str
    op: str
    threshold: float
    percent: bool

    def measured(self, measure: Measure) -> float:
        return measure.percent if self.percent else measure.count

    def broken(self, measure: Measure) -> bool:
        return OPERATORS[self.op](self.measured(measure), self.threshold)


def metric_names() -> list[str]:
    """Every metric a rule may name, in report order."""
    names = list(RECORD_METRICS)
    for field in FIELDS:
        names.append(f"{field.name}.changed")
        if field.itemized:
            names.extend(f"{field.name}.{kind}" for kind in ITEM_METRICS)
    return names


def metrics_doc() -> str:
    values = ", ".join(f.name for f in FIELDS if not f.itemized)
    items = "\n".join(f"  {f.name:<29}{f.key_doc}" for f in FIELDS if f.itemized)
    return METRICS_DOC.format(values=values, items=items)


def parse_rules(specs: Iterable[str]) -> list[Rule]:
    """Every rule of the --fail-on values, in order; RuleError for the first bad one."""
    known = set(metric_names())
    rules = []
    for spec in specs:
        for text in (part.strip() for part in spec.split(",")):
            if text:
                rules.append(_parse_rule(text, known))
    return rules


def _parse_rule(text: str, known: set[str]) -> Rule:
    match = _RULE.fullmatch(text)
    if not match:
        raise RuleError(
            f"--fail-on {text!r}: expected METRIC OP NUMBER[%] (OP one of > >= < <= == !=), "
            f"e.g. removed>0 or dates.lost>1%; metrics: {_known_list()}"
        )
    metric, op, number, percent = match.groups()
    if metric not in known:
        raise RuleError(f"--fail-on {text!r}: unknown metric {metric!r}; metrics: {_known_list()}")
    return Rule(text=text, metric=metric, op=op, threshold=float(number), percent=bool(percent))


def _known_list() -> str:
    fields = ", ".join(f.name for f in FIELDS)
    items = ", ".join(f.name for f in FIELDS if f.itemized)
    per_item = ", ".join(f"FIELD.{kind}" for kind in ITEM_METRICS)
    return f"{', '.join(RECORD_METRICS)}; FIELD.changed for FIELD in {fields}; {per_item} for FIELD in {items}"
