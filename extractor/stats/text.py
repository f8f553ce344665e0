"""The figures (`collect.collect`) as a text summary for a terminal: one labelled line per figure."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .labels import decade_label, number, share, span

WIDTH = 20  # label column
BAR = 30  # characters of the longest histogram bar
NOT_EXTRACTED = "not extracted"


def render_text(figures: dict) -> str:
    """The summary, newline-terminated."""
    lines = [f"stats of {figures['path']}"]
    for section in _SECTIONS:
        lines.extend(section(figures))
    return "\n".join(lines) + "\n"


def _line(label: str, text: str) -> str:
    return f"{label:<{WIDTH}}{text}".rstrip()


def _pairs(items: Iterable[tuple[str, int]]) -> str:
    return " · ".join(f"{name} {number(count)}" for name, count in items) or "none"


def _records(f: dict) -> list[str]:
    return [_line("records", f"{number(f['records'])} ({_pairs(f['formats'].items())})")]


def _summary(s: dict, unit: str) -> str:
    return (
        f"min {number(s['min'])} · median {number(s['median'])} · p90 {number(s['p90'])} · "
        f"max {number(s['max'])} · mean {number(s['mean'])} {unit}"
    )


def _histogram(bins: list[dict]) -> list[str]:
    """One line per bin [from, to): its range, a bar, its count."""
    top = max((b["count"] for b in bins), default=0) or 1
    return [
        _line(f"  {span(b['from'], b['to'])}", f"{'█' * round(BAR * b['count'] / top):<{BAR}} {number(b['count'])}")
        for b in bins
    ]


def _text_length(f: dict) -> list[str]:
    t = f["text_length"]
    lines = [_line("text length", _summary(t, "characters (exact)"))]
    for end in ("shortest", "longest"):
        if t[end]:
            lines.append(_line(f"  {end}", f"{number(t[end]['length'])} {t[end]['title']}"))
    return lines + _histogram(t["histogram"])


def _entities(f: dict) -> list[str]:
    e = f["entities"]
    if e is None:
        return [_line("entities", NOT_EXTRACTED)]
    m = e["mentions"]
    return [
        _line("entities", f"{number(e['total'])} (untyped {number(e['untyped'])}, {share(e['untyped'], e['total'])})"),
        _line("  by type", _pairs(e["by_type"].items())),
        _line("  by type source", _pairs(e["by_type_source"].items())),
        _line("  mentions", f"linked {number(m['linked'])} · unlinked {number(m['unlinked'])}"),
    ]


def _dates(f: dict) -> list[str]:
    d = f["dates"]
    if d is None:
        return [_line("dates", NOT_EXTRACTED)]
    return [
        _line("dates", f"{number(d['total'])} (resolved {number(d['resolved'])}, {share(d['resolved'], d['total'])})"),
        _line("  by precision", _pairs(d["by_precision"].items())),
        _line("  by source", _pairs(d["by_source"].items())),
        _line("  unresolved", _pairs(d["unresolved_by_reason"].items())),
        _line("  by decade", _decades(d)),
    ]


def _decades(d: dict) -> str:
    rows = d["by_decade"]
    if not rows:
        return "none"
    busiest = sorted((r for r in rows if r["count"]), key=lambda r: (-r["count"], r["decade"]))[:5]
    shown = _pairs((decade_label(r["decade"]), r["count"]) for r in busiest)
    first, last = decade_label(rows[0]["decade"]), decade_label(rows[-1]["decade"])
    return f"{first} to {last}; most: {shown} (century-precision, not counted: {d['century_precision_not_in_decades']})"


def _links(f: dict) -> list[str]:
    k = f["links"]
    if k is None:
        return [_line("links", NOT_EXTRACTED)]
    found = f"exists {number(k['exists'])} · missing {number(k['missing'])} · unknown (no index) {number(k['unknown'])}"
    return [_line("links", f"{number(k['total'])}: {found} · through a redirect {number(k['via_redirect'])}")]


def _templates(f: dict) -> list[str]:
    t = f["templates"]
    if t is None:
        return [_line("templates", NOT_EXTRACTED)]
    lines = [_line("templates", f"{number(t['total'])} uses of {number(t['distinct'])} templates; most used:")]
    return lines + [_line(f"  {count:>{WIDTH - 4},}", name) for name, count in t["top"]]


def _categories(f: dict) -> list[str]:
    c = f["categories"]
    if c is None:
        return [_line("categories", NOT_EXTRACTED)]
    summary = _summary(c["per_record"], f"per record; none: {number(c['records_without'])} records")
    return [_line("categories", summary)]


def _infobox(f: dict) -> list[str]:
    i = f["infobox"]
    if i is None:
        return [_line("infobox", NOT_EXTRACTED)]
    top = _pairs((name, count) for name, count in i["top"][:10])
    return [
        _line("infobox", f"{number(i['records_with'])} records with one, {number(i['records_without'])} without"),
        _line("  templates", top),
    ]


def _run(f: dict) -> list[str]:
    run = f["run"]
    if run is None:
        return []
    q = run["quarantine"]
    lines = [_line("run", _run_counts(run))]
    lines.append(_line("  quarantined", f"{number(q['total'])} in errors.jsonl: {_pairs(q['by_code'].items())}"))
    counts = run["counts"] or {}
    for key, label in (("skipped_by_reason", "  skipped"), ("warnings_by_code", "  warnings")):
        if key in counts:
            lines.append(_line(label, _pairs(counts[key].items())))
    return lines


def _run_counts(run: dict) -> str:
    c = run["counts"]
    if c is None:
        return "no manifest (the run is under way or was interrupted)"
    return (
        f"{run['status']}: {number(c['pages_read'])} pages read, {number(c['records_written'])} records, "
        f"{number(c['quarantined'])} quarantined, {number(c['skipped'])} skipped"
    )


_SECTIONS: tuple[Callable[[dict], list[str]], ...] = (
    _records,
    _text_length,
    _entities,
    _dates,
    _links,
    _templates,
    _categories,
    _infobox,
    _run,
)
