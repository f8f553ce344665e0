"""The long fuzz run: real corpus articles mutated at random (tests/_mutations.py, the operations of
tests/test_fuzz_corpus.py with sizes up to ten times larger), for a given number of minutes.

Every input must give a record without `problems`, a Quarantine with a declared code other than
`internal.bug`, or a counted Skip, within `--slow` seconds. A failing input is saved under `--out`
(`<cause>/<n>.wiki|.md` with `<n>.json`: the article, the mutations, the variant, the message),
and the first input of each cause is shrunk (lines, then characters) into `<cause>/minimized.*`.
The run is seeded (`--seed`): the same seed and minutes try the same inputs in the same order.
One process, one core.

    .venv/bin/python benchmarks/fuzz.py --minutes 10 [--seed 0] [--out /tmp/extractor-fuzz]
    .venv/bin/python benchmarks/fuzz.py --replay /tmp/extractor-fuzz     # the saved inputs again
"""

from __future__ import annotations

import argparse
import json
import random
import re
import signal
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from _mutations import apply, corpus, page_of, random_fragment, random_mutations, violation  # noqa: E402

from extractor.model import Quarantine, Skip  # noqa: E402
from extractor.options import Options  # noqa: E402
from extractor.pipeline import process_page  # noqa: E402

VARIANTS = ["zh-hans", "zh-hant", "zh", "zh-tw"]
SUFFIX = {"wikitext": ".wiki", "pandoc-markdown": ".md"}
KEEP = 20  # failing inputs saved per cause


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException, so `process_page`'s catch-all lets it through."""


_CLOCK = {"rest": 0.0, "where": ""}  # the alarm's second period, and where the first found the page


def _alarm(signum, frame):
    """First alarm (`--slow` seconds): note where the page is and re-arm; second: stop it."""
    if _CLOCK["rest"] > 0:
        _CLOCK["where"] = _where(frame)
        signal.setitimer(signal.ITIMER_REAL, _CLOCK["rest"])
        _CLOCK["rest"] = 0.0
        return
    raise _Timeout


def _where(frame) -> str:
    """The innermost frames of ours or of the parser, as `file:line function` (a C call shows as the
    line that made it, once it has returned)."""
    frames = [f for f in traceback.extract_stack(frame) if "benchmarks" not in f.filename]
    return " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames[-2:]))


def run_one(name: str, fmt: str, markup: str, title: str | None, variant: str, limits: tuple[float, float]):
    """(outcome, seconds, cause or None); `limits`: (slow, stop) seconds."""
    options = Options(variant=variant)
    slow, stop = limits
    _CLOCK.update(rest=stop - slow, where="")
    start = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, slow)
    try:
        result = process_page(page_of(name, fmt, markup, title), options)
    except _Timeout:
        return None, time.perf_counter() - start, f"timeout: over {stop:g} s, at {_CLOCK['where']}"
    except Exception as exc:  # noqa: BLE001 - nothing may escape process_page: that is a finding
        return None, time.perf_counter() - start, f"exception escaped process_page: {type(exc).__name__}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _CLOCK["rest"] = 0.0
    elapsed = time.perf_counter() - start
    if elapsed > slow and violation(result, options.fields) is None:
        return result, elapsed, f"slow: over {slow:g} s, at {_CLOCK['where']}"
    return result, elapsed, violation(result, options.fields)


def cause_of(problem: str) -> str:
    """A finding's cause, without the offsets and values that differ from input to input."""
    bug = re.search(r": (\w+): .* in (\w+) \| (\S+ \S+)", problem)
    if problem.startswith("quarantine internal.bug") and bug:
        return f"internal.bug {bug.group(1)} in {bug.group(2)} at {bug.group(3)}"
    if problem.startswith("invalid record: "):
        first = problem.removeprefix("invalid record: ").split("; ")[0]
        path, _, message = first.partition(": ")
        message = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\d+", "…", message)[:120]
        return f"invalid record {re.sub(r'/[0-9]+', '/*', path)}: {message}"
    return problem[:120]


def outcome_of(result) -> str:
    if isinstance(result, dict):
        return "record"
    if isinstance(result, Quarantine):
        return f"quarantine {result.code}"
    if isinstance(result, Skip):
        return f"skip {result.reason}"
    return "none (exception or timeout)"


def draw(rng: random.Random, articles):
    """One input: a mutated article (most), or a page made of fragments alone."""
    variant = rng.choice(VARIANTS)
    if rng.random() < 0.15:
        pieces = [random_fragment(rng) for _ in range(rng.randint(1, 12))]
        fmt = rng.choice(list(SUFFIX))
        return {"article": None, "format": fmt, "mutations": [("insert", 1 << 20, p) for p in pieces],
                "variant": variant}  # fmt: skip
    name, fmt, _, _ = rng.choice(articles)
    return {"article": name, "format": fmt, "mutations": random_mutations(rng), "variant": variant}


def materialize(case: dict, by_name: dict) -> tuple[str, str, str, str | None]:
    if case["article"] is None:
        return "fuzz", case["format"], apply("", case["mutations"]), None
    name, fmt, markup, title = by_name[case["article"]]
    return name, fmt, apply(markup, case["mutations"]), title


def minimize(markup: str, fails, budget: float) -> str:
    """A smaller markup that still `fails` (same cause): drop chunks of lines, then of characters,
    halving the chunk size (ddmin-like), until nothing more goes or `budget` seconds are spent."""
    deadline = time.monotonic() + budget
    for split in (lambda s: s.splitlines(keepends=True), list):
        units = split(markup)
        chunk = max(len(units) // 2, 1)
        while chunk >= 1 and time.monotonic() < deadline:
            i, shrunk = 0, False
            while i < len(units) and time.monotonic() < deadline:
                trial = units[:i] + units[i + chunk :]
                if trial and fails("".join(trial)):
                    units, shrunk = trial, True
                else:
                    i += chunk
            if not shrunk:
                chunk //= 2
        markup = "".join(units)
    return markup


def save(out: Path, cause: str, n: int, case: dict, markup: str, fmt: str, detail: dict) -> Path:
    folder = out / re.sub(r"[^\w.-]+", "_", cause)[:80]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{n}{SUFFIX[fmt]}"
    path.write_text(markup, encoding="utf-8", errors="surrogatepass")
    meta = {**case, **detail, "cause": cause}
    (folder / f"{n}.json").write_text(json.dumps(meta, ensure_ascii=True, indent=1), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("/tmp/extractor-fuzz"))
    parser.add_argument("--slow", type=float, default=5.0, help="seconds past which an input is a finding")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds after which an input is stopped")
    parser.add_argument("--shrink", type=float, default=60.0, help="seconds to shrink each cause's first input")
    parser.add_argument("--replay", type=Path, help="run the inputs saved under this folder again, then stop")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGALRM, _alarm)
    articles = corpus()
    by_name = {a[0]: a for a in articles}
    run_one("warm", "wikitext", "中国", "测试", "zh-hans", (60.0, 120.0))  # tables load outside the clock
    if args.replay:
        return replay(args.replay, by_name, (args.slow, args.timeout))
    rng = random.Random(args.seed)
    outcomes, findings, firsts = Counter(), Counter(), {}
    limits = (args.slow, args.timeout)
    started = time.monotonic()
    end, tried, seconds = started + args.minutes * 60, 0, 0.0
    while time.monotonic() < end:
        case = draw(rng, articles)
        name, fmt, markup, title = materialize(case, by_name)
        result, elapsed, cause = run_one(name, fmt, markup, title, case["variant"], limits)
        tried, seconds = tried + 1, seconds + elapsed
        outcomes[outcome_of(result)] += 1
        if cause is None:
            continue
        key = cause_of(cause)
        findings[key] += 1
        if findings[key] <= KEEP:
            detail = {"seconds": round(elapsed, 3), "message": cause[:2000], "chars": len(markup)}
            path = save(args.out, key, findings[key], case, markup, fmt, detail)
            firsts.setdefault(key, (path, name, fmt, markup, title, case["variant"]))
    report(tried, seconds, time.monotonic() - started, outcomes, findings, firsts)
    shrink_all(firsts, args)
    return 1 if findings else 0


def replay(folder: Path, by_name: dict, limits: tuple[float, float]) -> int:
    """Each saved input (`<n>.json`) again, rebuilt from its article and mutations: still failing or not."""
    failing = 0
    for meta in sorted(folder.glob("*/*.json")):
        case = json.loads(meta.read_text(encoding="utf-8"))
        case["mutations"] = [_tuples(m) for m in case["mutations"]]
        name, fmt, markup, title = materialize(case, by_name)
        _, elapsed, cause = run_one(name, fmt, markup, title, case["variant"], limits)
        failing += cause is not None
        print(f"{'FAILS' if cause else 'ok   '} {elapsed:6.2f} s  {meta.relative_to(folder)}  {cause_of(cause or '')}")
    return 1 if failing else 0


def _tuples(value):
    """JSON gave lists back where the mutations had tuples (a fragment spec is a tuple)."""
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def shrink_all(firsts: dict, args) -> None:
    for key, (path, name, fmt, markup, title, variant) in firsts.items():

        def fails(trial: str, key=key, name=name, fmt=fmt, title=title, variant=variant) -> bool:
            _, _, cause = run_one(name, fmt, trial, title, variant, (args.slow, args.timeout))
            return cause is not None and cause_of(cause) == key

        small = minimize(markup, fails, 0 if key.startswith(("slow", "timeout")) else args.shrink)
        target = path.with_name(f"minimized{path.suffix}")
        target.write_text(small, encoding="utf-8", errors="surrogatepass")
        print(f"minimized {len(markup):,} -> {len(small):,} characters: {target}")


def report(tried: int, seconds: float, wall: float, outcomes: Counter, findings: Counter, firsts: dict) -> None:
    print(f"inputs tried: {tried:,} in {wall:.0f} s ({seconds / max(tried, 1) * 1000:.0f} ms each in process_page)")
    for outcome, count in outcomes.most_common():
        print(f"  {outcome}: {count:,}")
    print(f"findings: {sum(findings.values()):,} inputs, {len(findings)} causes")
    for key, count in findings.most_common():
        print(f"  {count:6,}  {key}\n          first: {firsts[key][0]}")


if __name__ == "__main__":
    sys.exit(main())
