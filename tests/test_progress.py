"""Progress on stderr: counts, rates, MB/s of input, quarantined pages and an ETA; a final line in
log mode (stderr not a terminal), nothing with -q."""

from __future__ import annotations

import io
from pathlib import Path

from extractor import Options, Page
from extractor.options import RunConfig
from extractor.runners.base import PageWork
from extractor.runners.local import run
from extractor.runners.progress import Progress

ROOT = Path(__file__).resolve().parent.parent


def test_a_log_line_gives_rate_bytes_quarantined_and_eta():
    progress = Progress("pages", "lines", total=1000, stream=io.StringIO())
    progress._start = 0.0
    progress.update(200, input_bytes=4_000_000)
    progress.update(50, quarantined=3, input_bytes=1_000_000)
    line = progress.line(now=10.0)
    assert line == "extractor: pages: 250 pages, 25 pages/s, 0.5 MB/s, 3 quarantined, ETA 0:00:30"


def test_a_run_logs_its_final_rate_in_bytes_and_quiet_prints_nothing(tmp_path):
    log = io.StringIO()
    run([str(ROOT / "raw" / "wikitext")], tmp_path / "a", Options(workers=1), RunConfig(progress="lines"), log=log)
    (line,) = [x for x in log.getvalue().splitlines() if x.startswith("extractor: pages:")]
    assert line.startswith("extractor: pages: 9 pages, ") and " MB/s" in line
    quiet = io.StringIO()
    run([str(ROOT / "raw" / "wikitext")], tmp_path / "b", Options(workers=1), RunConfig(progress="quiet"), log=quiet)
    assert "pages/s" not in quiet.getvalue()


def test_mb_per_second_counts_the_pages_utf8_markup():
    page = Page(markup="'''孫乾'''，字公祐。", format="wikitext", path="t.wiki", title="孫乾")
    assert PageWork(Options()).process(page).size == len(page.markup.encode("utf-8")) == 27
