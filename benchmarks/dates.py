"""Date extraction benchmark: this pipeline vs jionlp vs dateparser on tests/fixtures/dates_eval.jsonl.

    .venv/bin/python benchmarks/dates.py            # all three tools, table on stdout
    .venv/bin/python benchmarks/dates.py --tools extractor

The gold set is hand-annotated (tests/fixtures/dates_eval.md). A prediction is
correct when it overlaps a gold mention and has the gold (value, precision);
null == null counts (an honest "unresolved" is right). Precision = correct /
predictions, recall = correct / gold. "wrong" counts predictions that overlap a
gold mention and give a value where the gold value differs (a wrong date, the
failure that matters); "wrong (hist.)" counts those in the premodern articles.

jionlp and dateparser are not project dependencies: they live in a separate
venv (default /work/bench-venv-dates, or $DATES_BENCH_PYTHON) and this script
runs itself under that python to get their predictions ("not installed" if it
cannot). Their clock-relative answers use a fixed base, 2024-01-01, so that
runs are reproducible.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "dates_eval.jsonl"
CORPUS = Path(os.environ.get("DATES_CORPUS", "/work/shared/corpus"))
BENCH_PYTHON = os.environ.get("DATES_BENCH_PYTHON", "/work/bench-venv-dates/bin/python")
HISTORICAL = {f"markdown/{name}.md" for name in (
    "方苞 姚鼐 戴梓 隆科多 春申君 英布 前燕 淝水之戰 苻融 宇多天皇 醍醐天皇 紀貫之 孫家鼐 趙爾巽 錫良".split()
)} | {f"wikitext/{name}.wiki" for name in "孫乾 勾践 隋恭帝 清兵入塞 清代台灣民變列表".split()}  # fmt: skip
BASE = (2024, 1, 1)


# --- gold and texts (project venv) ------------------------------------------------


def load_gold() -> dict[str, list[dict]]:
    by_article: dict[str, list[dict]] = defaultdict(list)
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        by_article[row["article"]].append(row)
    return by_article


def article_texts(articles: list[str]) -> dict[str, dict]:
    """Clean text and our dates for each article, as the pipeline makes them."""
    sys.path.insert(0, str(ROOT))
    from extractor.model import Page
    from extractor.options import Options
    from extractor.pipeline import process_page
    from extractor.sources import reader_for

    out, options = {}, Options(variant="zh-hans")
    for name in articles:
        path = CORPUS / name
        page = next(p for p in reader_for(path)(path, str(path)) if isinstance(p, Page))
        record = process_page(page, options)
        out[name] = {"text": record["text"], "dates": [d for d in record["dates"] if d["source"] == "text"]}
    return out


def locate(gold: dict, text: str) -> tuple[int, int] | None:
    """The gold span in today's text: its offsets, or its sentence if the text moved."""
    if text[gold["start"] : gold["end"]] == gold["text"]:
        return gold["start"], gold["end"]
    at = text.find(gold["sentence"])
    if at < 0:
        return None
    inner = gold["sentence"].find(gold["text"])
    return at + inner, at + inner + len(gold["text"])


# --- predictions ------------------------------------------------------------------


def ours(texts: dict[str, dict]) -> tuple[dict[str, list[dict]], float]:
    sys.path.insert(0, str(ROOT))
    from extractor.extract.dates import find_dates

    start = time.perf_counter()
    for info in texts.values():
        find_dates(info["text"])
    seconds = time.perf_counter() - start
    preds = {
        name: [
            {"start": d["start"], "end": d["end"], "value": d["value"], "precision": d["precision"]}
            for d in info["dates"]
        ]
        for name, info in texts.items()
    }
    return preds, seconds


def other_tool(tool: str, texts: dict[str, dict]) -> tuple[dict[str, list[dict]] | None, float | str]:
    """Run this file under the benchmark venv to get `tool`'s predictions."""
    if not Path(BENCH_PYTHON).exists():
        return None, "not installed"
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump({name: info["text"] for name, info in texts.items()}, f, ensure_ascii=False)
    done = subprocess.run(
        [BENCH_PYTHON, __file__, "--predict", tool, "--texts", f.name],
        capture_output=True,
        text=True,
        check=False,
    )
    os.unlink(f.name)
    if done.returncode != 0:
        return None, "not installed" if "not installed" in done.stdout else f"failed: {done.stderr[-300:]}"
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["predictions"], result["seconds"]


def predict_jionlp(texts: dict[str, str]) -> dict[str, list[dict]]:
    import datetime

    import jionlp as jio

    base = datetime.datetime(*BASE).timestamp()
    out = {}
    for name, text in texts.items():
        found = []
        for line_start, line in _lines(text):
            for t in jio.ner.extract_time(line, time_base=base, with_parsing=True):
                value, precision = _from_interval(t.get("detail", {}).get("time"))
                s, e = t["offset"]
                found.append(
                    {"start": line_start + s, "end": line_start + e, "value": value, "precision": precision}
                )
        out[name] = found
    return out


def predict_dateparser(texts: dict[str, str]) -> dict[str, list[dict]]:
    import datetime

    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime.datetime(*BASE)}
    parser = DateDataParser(languages=["zh"], settings=settings)
    out = {}
    for name, text in texts.items():
        found = []
        for line_start, line in _lines(text):
            cursor = 0
            for sub, dt in search_dates(line, languages=["zh"], settings=settings) or []:
                at = line.find(sub, cursor)
                if at < 0:
                    continue
                cursor = at + len(sub)
                period = parser.get_date_data(sub).period or "day"
                day = f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d}"
                value = {"year": day[:4], "month": day[:7]}.get(period, day)
                found.append(
                    {
                        "start": line_start + at,
                        "end": line_start + cursor,
                        "value": value,
                        "precision": period,
                    }
                )
        out[name] = found
    return out


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        if line.strip():
            yield start, line
        start += len(line) + 1


def _from_interval(interval) -> tuple[str | None, str]:
    """jionlp's [start, end] timestamps -> (ISO value, precision) by the interval's length."""
    if not isinstance(interval, list) or len(interval) != 2 or not all(isinstance(x, str) for x in interval):
        return None, "year"
    s, e = interval
    if s[:10] == e[:10]:
        return s[:10], "day"
    if s[:7] == e[:7] and s[8:10] == "01":
        return s[:7], "month"
    if s[:4] == e[:4] and s[5:10] == "01-01" and e[5:10] == "12-31":
        return s[:4], "year"
    if s[5:10] == "01-01" and e[5:10] == "12-31" and s[3] == "0" and int(e[:4]) - int(s[:4]) == 9:
        return s[:4], "decade"
    return s[:10], "day"


# --- scoring ----------------------------------------------------------------------


def score(gold: dict[str, list[dict]], texts: dict[str, dict], preds: dict[str, list[dict]]) -> dict:
    correct = wrong = wrong_hist = n_gold = n_pred = 0
    for name, rows in gold.items():
        spans = [(locate(g, texts[name]["text"]), g) for g in rows]
        spans = [(s, g) for s, g in spans if s is not None]
        n_gold += len(spans)
        pool = list(preds.get(name, []))
        n_pred += len(pool)
        for (gs, ge), g in spans:
            match = _best(pool, gs, ge)
            if match is None:
                continue
            pool.remove(match)
            if match["value"] == g["value"] and match["precision"] == g["precision"]:
                correct += 1
            elif match["value"] is not None and match["value"] != g["value"]:
                wrong += 1
                wrong_hist += name in HISTORICAL
    p = correct / n_pred if n_pred else 0.0
    r = correct / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "P": p,
        "R": r,
        "F1": f1,
        "wrong": wrong,
        "wrong_hist": wrong_hist,
        "gold": n_gold,
        "pred": n_pred,
    }


def _best(pool: list[dict], start: int, end: int) -> dict | None:
    overlapping = [p for p in pool if p["start"] < end and start < p["end"]]
    return max(overlapping, key=lambda p: min(end, p["end"]) - max(start, p["start"]), default=None)


def main() -> int:
    args = _args()
    if args.predict:
        return _predict_child(args.predict, args.texts)
    gold = load_gold()
    texts = article_texts(sorted(gold))
    print(f"gold: {sum(map(len, gold.values()))} date expressions in {len(gold)} articles ({GOLD.name})")
    print(f"{'tool':<12}{'P':>7}{'R':>7}{'F1':>7}{'pred':>6}{'wrong':>7}{'wrong (hist.)':>15}{'seconds':>9}")
    for tool in args.tools:
        preds, seconds = ours(texts) if tool == "extractor" else other_tool(tool, texts)
        if preds is None:
            print(f"{tool:<12}{seconds}")
            continue
        s = score(gold, texts, preds)
        print(
            f"{tool:<12}{s['P']:>7.3f}{s['R']:>7.3f}{s['F1']:>7.3f}{s['pred']:>6}{s['wrong']:>7}"
            f"{s['wrong_hist']:>15}{seconds:>9.2f}"
        )
    return 0


def _predict_child(tool: str, texts_path: str) -> int:
    texts = json.loads(Path(texts_path).read_text(encoding="utf-8"))
    try:
        predict = {"jionlp": predict_jionlp, "dateparser": predict_dateparser}[tool]
        start = time.perf_counter()
        preds = predict(texts)
    except ImportError:
        print("not installed")
        return 3
    print(json.dumps({"predictions": preds, "seconds": time.perf_counter() - start}, ensure_ascii=False))
    return 0


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tools", nargs="+", default=["extractor", "jionlp", "dateparser"])
    parser.add_argument("--predict", choices=["jionlp", "dateparser"], help=argparse.SUPPRESS)
    parser.add_argument("--texts", help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
