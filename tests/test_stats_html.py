"""The `stats --html` report of a real run, rendered by a browser (headless Chromium): the charts are drawn.

The DOM Chromium builds holds each chart's SVG with one bar per decade, entity type or length bin
(zero-height bars for empty decades); the screenshot has the bars' colour in it. Skipped only when
Chromium is absent: CI installs Debian's `chromium` (.ci/run). The screenshot is decoded with Pillow
(the `test` extra)."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from _paths import ROOT

from extractor.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; .ci/run installs it)"
)
ARTICLES = ROOT / "raw" / "wikitext"
BAR_RGB = (0x3B, 0x6E, 0xA5)  # svg.chart .bar fill in extractor/stats/html.py
SIZE = (1200, 2000)


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("run")
    assert main(["run", str(ARTICLES), "--out", str(out), "--workers", "1", "-q"]) == 0
    return out


@pytest.fixture(scope="module")
def records(run) -> list[dict]:
    return [json.loads(line) for line in (run / "articles-00000.jsonl").open(encoding="utf-8")]


@pytest.fixture(scope="module")
def report(run, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["stats", str(run), "--html", str(path)]) == 0
    return path


def _chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={tmp / 'profile'}", *args,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


class _Bars(HTMLParser):
    """The `<rect class="bar …">` of each `<svg id=…>` in a DOM, as attribute dicts."""

    def __init__(self) -> None:
        super().__init__()
        self.charts: dict[str, list[dict]] = {}
        self._current: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = dict(attrs)
        if tag == "svg":
            self._current = found.get("id")
            self.charts[self._current] = []
        elif tag == "rect" and self._current and "bar" in found.get("class", "").split():
            self.charts[self._current].append(found)

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._current = None


@pytest.fixture(scope="module")
def dom(report, tmp_path_factory) -> dict[str, list[dict]]:
    tmp = tmp_path_factory.mktemp("chromium")
    done = _chromium(tmp, "--dump-dom", report.as_uri())
    parser = _Bars()
    parser.feed(done.stdout)
    return parser.charts


def _drawn(bars: list[dict], size: str = "height") -> list[dict]:
    return [bar for bar in bars if float(bar[size]) > 0]


def test_the_decade_histogram_has_a_bar_per_decade_and_positive_ones_where_dates_are(dom, records):
    years = [
        int(re.match(r"-?\d{4}", d["value"]).group())
        for r in records
        for d in r["dates"]
        if d["value"] and d["precision"] != "century"
    ]
    decades = Counter(math.floor(y / 10) * 10 for y in years)
    bars = dom["chart-decades"]
    assert len(bars) == (max(decades) - min(decades)) // 10 + 1  # empty decades are zero bars
    assert len(_drawn(bars)) == len(decades)
    sui = {bar["data-label"]: bar for bar in bars}["0600s"]  # 隋恭帝, born 605
    assert float(sui["height"]) > 0 and int(sui["data-count"]) == decades[600]


def test_entity_types_and_text_lengths_are_drawn(dom, records):
    types = {e["type"] for r in records for e in r["entities"]}
    assert len(_drawn(dom["chart-entity-types"], "width")) == len(types)  # None: the "untyped" bar
    edges = [0] + [s * 10**k for k in range(7) for s in (1, 2, 5)]
    bins = {max(e for e in edges if e <= len(r["text"])) for r in records}
    assert len(_drawn(dom["chart-text-length"])) == len(bins)


def test_the_screenshot_shows_the_charts(report, tmp_path):
    from PIL import Image

    png = tmp_path / "report.png"
    _chromium(tmp_path, f"--screenshot={png}", f"--window-size={SIZE[0]},{SIZE[1]}", report.as_uri())
    with Image.open(png) as image:
        assert image.size == SIZE
        colours = {rgb: n for n, rgb in image.convert("RGB").getcolors(SIZE[0] * SIZE[1])}
    assert colours.get(BAR_RGB, 0) > 2000  # the bars, in their colour
    assert sum(n for rgb, n in colours.items() if rgb != (255, 255, 255)) > 20000
