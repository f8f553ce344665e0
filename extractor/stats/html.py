"""The figures (`collect.collect`) as one self-contained HTML page.

Nothing is fetched: the CSS is inline, the charts are inline SVG (`svg.py`),
fonts are the reader's own (a stack with CJK fallbacks). Every string from the
data (titles, template names, paths, messages) is escaped; strings that may be
Chinese are marked `lang="zh"`. Charts: `chart-decades` (dates by decade,
empty decades as zero bars), `chart-entity-types`, `chart-text-length`
(log-scaled bins); the other figures are tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .labels import decade_label, number, share, span
from .svg import Bar, bar_chart, column_chart, esc

FONTS = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans CJK SC", "Noto Sans SC", '
    '"Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
)
CSS = f"""
body {{ font-family: {FONTS}; color: #1f2933; background: #fff; margin: 0; line-height: 1.5; }}
main {{ max-width: 1040px; margin: 0 auto; padding: 24px 32px 48px; }}
h1 {{ font-size: 26px; margin: 8px 0 4px; }} h2 {{ font-size: 20px; margin: 36px 0 8px;
  border-bottom: 1px solid #d9e2ec; padding-bottom: 4px; }} h3 {{ font-size: 15px; margin: 20px 0 6px; }}
p.note, p.na {{ color: #52606d; font-size: 14px; margin: 4px 0 12px; }} p.na {{ font-style: italic; }}
code {{ background: #f0f4f8; padding: 0 4px; border-radius: 3px; }}
.tiles {{ display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }}
.tile {{ background: #f0f4f8; border-radius: 6px; padding: 10px 16px; min-width: 130px; }}
.tile b {{ display: block; font-size: 22px; }} .tile span {{ color: #52606d; font-size: 13px; }}
table {{ border-collapse: collapse; margin: 8px 0 16px; font-size: 14px; min-width: 320px; }}
th, td {{ border-bottom: 1px solid #e4e7eb; padding: 4px 12px; text-align: left; vertical-align: top; }}
th {{ background: #f5f7fa; font-weight: 600; }} td.n, th.n {{ text-align: right; font-variant-numeric: tabular-nums; }}
.grid-2 {{ display: flex; flex-wrap: wrap; gap: 0 32px; }}
svg.chart {{ display: block; max-width: 100%; height: auto; margin: 8px 0 4px; }}
svg.chart text {{ font-family: {FONTS}; font-size: 11px; fill: #323f4b; }}
svg.chart text.axis {{ font-size: 12px; fill: #52606d; }} svg.chart text.label {{ font-size: 12px; }}
svg.chart .bar {{ fill: #3b6ea5; }} svg.chart .bar.muted {{ fill: #9aa5b1; }}
svg.chart .grid {{ stroke: #e4e7eb; stroke-width: 1; }}
"""
NO_MANIFEST = "no manifest: the run is under way or was interrupted"


def render_html(figures: dict) -> str:
    """The whole page (UTF-8 text, starting with the doctype)."""
    body = "".join(section(figures) for section in _SECTIONS)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>extractor stats: {esc(figures['path'])}</title><style>{CSS}</style></head>"
        f"<body><main>{body}</main></body></html>\n"
    )


def table(headers: Iterable[str], rows: Iterable[Iterable[object]], *, zh: tuple[int, ...] = ()) -> str:
    """A table; int and float cells are formatted and right-aligned, other cells escaped
    (column numbers in `zh` marked `lang="zh"`)."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(_cell(v, i in zh) for i, v in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: object, zh: bool) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<td class="n">{esc(number(value))}</td>'
    marked = ' lang="zh"' if zh else ""
    return f"<td{marked}>{esc('-' if value is None else value)}</td>"


def _counts(title: str, counts: dict, whole: int | None) -> str:
    """A table of counts by name, with each one's share of `whole` (no share column when None)."""
    if whole is None:
        rows: list[tuple] = [(name, count) for name, count in counts.items()] or [("none", 0)]
        return f"<div><h3>{esc(title)}</h3>{table(('', 'count'), rows)}</div>"
    rows = [(name, count, share(count, whole)) for name, count in counts.items()] or [("none", 0, "-")]
    return f"<div><h3>{esc(title)}</h3>{table(('', 'count', 'share'), rows)}</div>"


def _not_extracted(name: str) -> str:
    return f'<p class="na">not extracted: the run did not select <code>{esc(name)}</code> (run --fields)</p>'


def _section(title: str, section_id: str, *parts: str) -> str:
    return f'<section id="{esc(section_id)}"><h2>{esc(title)}</h2>{"".join(parts)}</section>'


def _header(f: dict) -> str:
    tiles = [("records", number(f["records"]))]
    tiles.append(("median text length", number(f["text_length"]["median"])))
    for name in ("entities", "dates", "links"):
        if f[name] is not None:
            tiles.append((name, number(f[name]["total"])))
    if f["run"] is not None:
        tiles.append(("quarantined", number(f["run"]["quarantine"]["total"])))
    shown = "".join(f'<div class="tile"><b>{esc(v)}</b><span>{esc(k)}</span></div>' for k, v in tiles)
    formats = ", ".join(f"{name} {number(count)}" for name, count in f["formats"].items())
    return (
        f'<h1>extractor stats</h1><p class="note"><code lang="zh">{esc(f["path"])}</code>'
        f' · records by format: {esc(formats or "none")}</p><div class="tiles">{shown}</div>'
    )


def _dates(f: dict) -> str:
    d = f["dates"]
    if d is None:
        return _section("Dates", "dates", _not_extracted("dates"))
    bars = [Bar(decade_label(r["decade"]), r["count"], position=r["decade"] // 10) for r in d["by_decade"]]
    note = (
        f"{number(d['total'])} dates, {number(d['resolved'])} resolved. The chart counts resolved dates of day, "
        f"month, year or decade precision by the decade of their value; years are astronomical (-0220s: 221 to "
        f"212 BC); decades without dates are zero bars; {number(d['century_precision_not_in_decades'])} "
        "century-precision dates are not shown."
    )
    chart = column_chart("chart-decades", "Dates by decade", bars, x_title="decade", y_title="dates") if bars else ""
    tables = [
        _counts("by precision", d["by_precision"], d["total"]),
        _counts("by source", d["by_source"], d["total"]),
        _counts("unresolved (value null), by reason", d["unresolved_by_reason"], d["total"]),
    ]
    return _section("Dates", "dates", f'<p class="note">{esc(note)}</p>', chart, _grid(tables))


def _entities(f: dict) -> str:
    e = f["entities"]
    if e is None:
        return _section("Entities", "entities", _not_extracted("entities"))
    total = e["total"]
    bars = [Bar(name, count, share(count, total)) for name, count in e["by_type"].items()]
    bars.append(Bar("untyped", e["untyped"], share(e["untyped"], total), muted=True))
    note = f"{number(total)} entities; untyped (no signal gave a type): {share(e['untyped'], total)}."
    mentions = e["mentions"]
    tables = [
        _counts("by type source", e["by_type_source"], total),
        _counts("mentions", mentions, mentions["linked"] + mentions["unlinked"]),
    ]
    chart = bar_chart("chart-entity-types", "Entities by type", bars)
    return _section("Entities", "entities", f'<p class="note">{esc(note)}</p>', chart, _grid(tables))


def _text_length(f: dict) -> str:
    t = f["text_length"]
    bars = [Bar(span(b["from"], b["to"]), b["count"]) for b in t["histogram"]]
    chart = (
        column_chart(
            "chart-text-length",
            "Text length",
            bars,
            x_title="characters (log-scaled bins, upper bound excluded)",
            y_title="records",
        )
        if bars
        else ""
    )
    summary = [(key, t[key]) for key in ("min", "median", "p90", "max", "mean", "total")]
    ends = [(end, t[end]["length"], t[end]["title"]) for end in ("shortest", "longest") if t[end]]
    tables = [
        f"<div><h3>characters (exact)</h3>{table(('', 'characters'), summary)}</div>",
        f"<div><h3>shortest and longest</h3>{table(('', 'characters', 'title'), ends, zh=(2,))}</div>",
    ]
    return _section("Text length", "text-length", chart, _grid(tables))


def _links(f: dict) -> str:
    k = f["links"]
    if k is None:
        return _section("Links", "links", _not_extracted("links"))
    labels = {
        "exists": "to a page that exists",
        "missing": "to a missing page",
        "unknown": "not resolved (no title index)",
        "via_redirect": "through a redirect",
    }
    return _section(
        "Links", "links", _counts(f"{number(k['total'])} links", {labels[key]: k[key] for key in labels}, k["total"])
    )


def _templates(f: dict) -> str:
    t = f["templates"]
    if t is None:
        return _section("Templates", "templates", _not_extracted("templates"))
    note = f"{number(t['total'])} uses of {number(t['distinct'])} templates; the {len(t['top'])} most used:"
    ranked = [(i, name, count) for i, (name, count) in enumerate(t["top"], 1)]
    return _section(
        "Templates", "templates", f'<p class="note">{esc(note)}</p>', table(("#", "template", "uses"), ranked, zh=(1,))
    )


def _categories_and_infobox(f: dict) -> str:
    c, i = f["categories"], f["infobox"]
    parts = [_categories(c) if c is not None else _not_extracted("categories")]
    parts.append(_infobox(i) if i is not None else _not_extracted("infobox"))
    return _section("Categories and infoboxes", "categories", _grid(parts))


def _categories(c: dict) -> str:
    summary = [(key, c["per_record"][key]) for key in ("min", "median", "p90", "max", "mean")]
    bins = [(span(b["from"], b["to"]), b["count"]) for b in c["histogram"]]
    return (
        f"<div><h3>categories per record</h3>{table(('', 'categories'), summary)}"
        f"{table(('categories (upper bound excluded)', 'records'), bins)}</div>"
    )


def _infobox(i: dict) -> str:
    presence = [("with an infobox", i["records_with"]), ("without", i["records_without"])]
    return (
        f"<div><h3>infoboxes</h3>{table(('records', ''), presence)}"
        f"{table(('infobox template', 'records'), i['top'], zh=(0,))}</div>"
    )


def _run(f: dict) -> str:
    run = f["run"]
    if run is None:
        return ""
    counts, q = run["counts"] or {}, run["quarantine"]
    tables = [
        _counts("quarantined (errors.jsonl), by code", q["by_code"], q["total"]),
        _counts("skipped, by reason", counts.get("skipped_by_reason", {}), counts.get("skipped", 0)),
        _counts("warnings, by code", counts.get("warnings_by_code", {}), None),
    ]
    parts = [_manifest_counts(run) if counts else f'<p class="na">{NO_MANIFEST}</p>', _grid(tables)]
    if q["examples"]:
        rows = [(e["code"], e["title"], e["path"], e["message"]) for e in q["examples"]]
        parts.append(f"<h3>first quarantined pages</h3>{table(('code', 'title', 'path', 'message'), rows, zh=(1, 2))}")
    return _section("Run", "run", *parts)


def _manifest_counts(run: dict) -> str:
    c = run["counts"]
    keys = ("pages_read", "records_written", "quarantined", "skipped")
    status = f'<p class="note">status: {esc(run["status"])}</p>'
    return status + table(("manifest counts", ""), [(k, c[k]) for k in keys])


def _grid(parts: list[str]) -> str:
    return f'<div class="grid-2">{"".join(parts)}</div>'


_SECTIONS: tuple[Callable[[dict], str], ...] = (
    _header,
    _dates,
    _entities,
    _text_length,
    _links,
    _templates,
    _categories_and_infobox,
    _run,
)
