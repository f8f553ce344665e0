"""A diff's report: the metrics of a `Tally`, one JSON-ready dict, and its readable summary.

`build_report` makes the dict that `--json` prints (keys: old, new, compared,
ignored, records, fields, metrics, examples, rules); `render_text` turns that
same dict into the summary, so both always say the same. Fields appear in
table order (`fields.FIELDS`), then keys no field names, sorted.
"""

from __future__ import annotations

from pathlib import Path

from .compare import RECORD_EXAMPLES, FieldTally, Tally
from .fields import FIELDS, IGNORED_SOURCE_KEYS
from .rules import RECORD_METRICS, Measure, Rule


def measures(tally: Tally) -> dict[str, Measure]:
    """Every metric (rules.metric_names) measured on a tally."""
    found = {name: Measure(getattr(tally, name), tally.old_records) for name in RECORD_METRICS}
    for field in FIELDS:
        t = tally.fields.get(field.name, FieldTally())
        found[f"{field.name}.changed"] = Measure(t.changed, tally.compared)
        if field.itemized:
            found[f"{field.name}.lost"] = Measure(t.lost, t.old_items)
            found[f"{field.name}.gained"] = Measure(t.gained, t.old_items)
            found[f"{field.name}.unextracted"] = Measure(t.unextracted_old + t.unextracted_new, tally.compared)
    return found


def build_report(tally: Tally, rules: list[Rule], *, old: Path, new: Path, counts: tuple) -> dict:
    """The whole report; `counts` is the two runs' manifest counts (None for a records file)."""
    found = measures(tally)
    return {
        "old": _side(old, tally.old_records, tally.duplicates_old, counts[0]),
        "new": _side(new, tally.new_records, tally.duplicates_new, counts[1]),
        "compared": tally.compared,
        "ignored": [f"source.{key}" for key in IGNORED_SOURCE_KEYS],
        "records": {name: getattr(tally, name) for name in RECORD_METRICS},
        "fields": {name: _field_counts(t) for name, t in _changed_fields(tally)},
        "metrics": {name: _metric(m) for name, m in found.items()},
        "examples": {
            **{name: tally.examples[name] for name in RECORD_EXAMPLES},
            "fields": {name: t.examples for name, t in _changed_fields(tally)},
        },
        "rules": [_rule(rule, found[rule.metric]) for rule in rules],
    }


def _side(path: Path, records: int, duplicates: int, counts: dict | None) -> dict:
    return {"path": str(path), "records": records, "duplicate_ids": duplicates, "manifest_counts": counts}


def _metric(measure: Measure) -> dict:
    return {"count": measure.count, "base": measure.base, "percent": round(measure.percent, 4)}


def _rule(rule: Rule, measure: Measure) -> dict:
    return {
        "rule": rule.text,
        "metric": rule.metric,
        "measured": rule.measured(measure),
        "broken": rule.broken(measure),
    }


def _changed_fields(tally: Tally) -> list[tuple[str, FieldTally]]:
    order = {field.name: i for i, field in enumerate(FIELDS)}
    named = sorted(tally.fields, key=lambda name: (order.get(name, len(order)), name))
    return [(name, tally.fields[name]) for name in named if tally.fields[name].changed]


def _field_counts(t: FieldTally) -> dict:
    return {k: v for k, v in vars(t).items() if k != "examples"}


def render_text(report: dict) -> str:
    """The readable summary of a report."""
    return "\n".join([*_head(report), *_fields(report), *_examples(report), *_rules(report)]) + "\n"


def _head(report: dict) -> list[str]:
    old, new, records = report["old"], report["new"], report["records"]
    lines = [
        f"extractor diff: OLD {old['path']} ({old['records']} records), NEW {new['path']} ({new['records']} records)",
        f"{report['compared']} records compared by id, on content ({', '.join(report['ignored'])} ignored)",
    ]
    for name in RECORD_METRICS:
        lines.append(f"  {name:<10}{records[name]:>8}  ({report['metrics'][name]['percent']:.1f}% of OLD)")
    if not (records["added"] or records["removed"] or records["changed"]):
        lines.append("  no differences")
    if old["duplicate_ids"] or new["duplicate_ids"]:
        lines.append(f"  duplicate ids: {old['duplicate_ids']} in OLD, {new['duplicate_ids']} in NEW (not compared)")
    if old["manifest_counts"] and new["manifest_counts"]:
        lines.append("  manifests: " + _manifest_line(old["manifest_counts"], new["manifest_counts"]))
    return lines


def _manifest_line(old: dict, new: dict) -> str:
    names = ("pages_read", "records_written", "quarantined", "skipped")
    return ", ".join(f"{name} {old.get(name)} -> {new.get(name)}" for name in names)


def _fields(report: dict) -> list[str]:
    if not report["fields"]:
        return []
    header = "fields changed: records (% of those compared); items lost, gained (% of OLD's items)"
    return ["", header] + [_field_line(name, counts, report["metrics"]) for name, counts in report["fields"].items()]


def _field_line(name: str, counts: dict, metrics: dict) -> str:
    changed = metrics.get(f"{name}.changed")
    line = f"  {name:<28}{counts['changed']:>8}" + (f" {changed['percent']:6.1f}%" if changed else "")
    unextracted = counts["unextracted_old"] + counts["unextracted_new"]
    if f"{name}.lost" in metrics and counts["changed"] > unextracted:
        line += f"   lost {_share(metrics[f'{name}.lost'])}, gained {_share(metrics[f'{name}.gained'])}"
    for side in ("new", "old") if unextracted else ():
        if counts[f"unextracted_{side}"]:
            line += f"   not extracted in {side.upper()}: {counts[f'unextracted_{side}']} records (items not counted)"
    return line


def _share(metric: dict) -> str:
    return f"{metric['count']} ({metric['percent']:.1f}%)"


def _examples(report: dict) -> list[str]:
    shown = report["examples"]
    lines = [f"  {name}: {_ref(e)}" for name in RECORD_EXAMPLES for e in shown[name]]
    for name, examples in shown["fields"].items():
        lines.extend(f"  {name}: {_ref(e)}: {_detail(e)}" for e in examples)
    return ["", "examples"] + lines if lines else []


def _ref(example: dict) -> str:
    return f"{example['id']} {example['title']}"


def _detail(example: dict) -> str:
    if "excerpt" in example:
        return example["excerpt"]
    if "lost" in example:
        if not example["lost"] and not example["gained"]:
            return "same items; offsets, order or other values differ"
        return f"lost {'; '.join(example['lost']) or '-'} / gained {'; '.join(example['gained']) or '-'}"
    return f"{example['old']} -> {example['new']}"


def _rules(report: dict) -> list[str]:
    lines = []
    for rule in report["rules"]:
        metric = report["metrics"][rule["metric"]]
        state = "BROKEN" if rule["broken"] else "ok"
        lines.append(f"  {rule['rule']:<24}{state}: {metric['count']} of {metric['base']} ({metric['percent']:.2f}%)")
    return ["", "rules (--fail-on)"] + lines if lines else []
