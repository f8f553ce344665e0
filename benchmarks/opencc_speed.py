"""Script-conversion speed: extractor's fastcc vs opencc-python-reimplemented (vs OpenCC's C++ binding).

    .venv/bin/python benchmarks/opencc_speed.py [--repeat 2] [--rounds 3] [--cpp-python PATH]

The text is every file of the shared corpus (raw file text, sorted by path, concatenated) repeated
`--repeat` times. Each converter converts it `--rounds` times and the best round counts (the
least disturbed by other load; every round converts the same text from scratch, nothing is
cached between rounds). fastcc is timed with the product's data (OpenCC's current dictionaries,
vendored: "fastcc") and with the reimplementation's own data ("old data"), whose output is checked
to be identical to the reimplementation's; "build s" is each one's table building (data read).
The C++ binding (PyPI `opencc`) installs a module also named `opencc`, so it is timed in a
subprocess with the python of its own venv (see benchmarks/README.md); without
`--cpp-python` its column says "not installed".
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.normalize.fastcc import FastConverter  # noqa: E402
from extractor.normalize.opencc_dicts import REIMPLEMENTATION, VENDORED  # noqa: E402

CONFIGS = ("t2s", "s2t", "tw2sp", "s2twp", "s2hk")
CORPUS = ROOT.parent / "shared" / "corpus"  # shared/ beside the repository

# Run with the C++ binding's python: argv = text file, rounds, configs...; prints {config: seconds}.
CPP_TIMER = """
import json, sys, time, opencc
text = open(sys.argv[1], encoding="utf-8").read()
best = {}
for config in sys.argv[3:]:
    convert = opencc.OpenCC(config + ".json").convert
    convert("warm up")
    times = []
    for _ in range(int(sys.argv[2])):
        start = time.perf_counter(); convert(text); times.append(time.perf_counter() - start)
    best[config] = min(times)
print(json.dumps(best))
"""


def corpus_text(corpus: Path) -> str:
    files = sorted(corpus.glob("wikitext/*.wiki")) + sorted(corpus.glob("markdown/*.md"))
    return "".join(f.read_text(encoding="utf-8") for f in files)


def best_time(convert: Callable[[str], str], text: str, rounds: int) -> tuple[float, str]:
    """The fastest of `rounds` conversions of `text`, and the output."""
    times, out = [], ""
    for _ in range(rounds):
        start = time.perf_counter()
        out = convert(text)
        times.append(time.perf_counter() - start)
    return min(times), out


def cpp_times(python: str | None, text: str, rounds: int) -> dict[str, float] | None:
    """{config: best seconds} from the C++ binding's venv, or None when it is not given."""
    if not python:
        return None
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt") as f:
        f.write(text)
        f.flush()
        run = subprocess.run([python, "-c", CPP_TIMER, f.name, str(rounds), *CONFIGS], capture_output=True, text=True)
    if run.returncode != 0:
        print(f"C++ binding failed: {run.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    return json.loads(run.stdout)


def measure(config: str, text: str, rounds: int) -> dict:
    import opencc

    start = time.perf_counter()
    ours = FastConverter(config, VENDORED)
    build = time.perf_counter() - start
    ours_s, _ = best_time(ours, text, rounds)
    start = time.perf_counter()
    old = FastConverter(config, REIMPLEMENTATION)
    old_build = time.perf_counter() - start
    old_s, old_out = best_time(old, text, rounds)
    reimpl = opencc.OpenCC(config)
    reimpl.convert("warm up")
    reimpl_s, reimpl_out = best_time(reimpl.convert, text, rounds)
    return {
        "config": config,
        "build": build,
        "old_build": old_build,
        "ours": ours_s,
        "old": old_s,
        "reimpl": reimpl_s,
        "same": old_out == reimpl_out,
    }


def report(rows: list[dict], cpp: dict[str, float] | None, chars: int) -> None:
    mcs = lambda seconds: f"{chars / seconds / 1e6:7.2f}"  # noqa: E731
    print(
        f"{'config':7} {'fastcc':>8} {'old data':>8} {'reimpl':>8} {'x reimpl':>8} {'C++':>13} {'C++/fastcc':>10} "
        f"{'build s':>7} {'old':>6}  old data identical to reimpl   (M chars/s)"
    )
    for row in rows:
        c = cpp.get(row["config"]) if cpp else None
        cpp_cell = f"{mcs(c):>13}" if c else f"{'not installed':>13}"
        vs_cpp = f"{row['ours'] / c:10.2f}" if c else f"{'-':>10}"
        print(
            f"{row['config']:7} {mcs(row['ours']):>8} {mcs(row['old']):>8} {mcs(row['reimpl']):>8} "
            f"{row['reimpl'] / row['ours']:8.1f} "
            f"{cpp_cell} {vs_cpp} {row['build']:7.3f} {row['old_build']:6.3f}  {'yes' if row['same'] else 'NO'}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="corpus copies in the text (default 2)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds per converter; best counts (default 3)")
    parser.add_argument("--cpp-python", help="python of a venv with PyPI `opencc` (the C++ binding)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    text = corpus_text(args.corpus) * args.repeat
    print(f"text: {len(text):,} chars ({args.repeat} x corpus), best of {args.rounds} rounds")
    rows = [measure(config, text, args.rounds) for config in CONFIGS]
    report(rows, cpp_times(args.cpp_python, text, args.rounds), len(text))
    return 0 if all(row["same"] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
