"""Subject typing from the facts the title index keeps of a page (benchmarks/subject_types.py):
every shared-corpus article against its hand-annotated gold type (tests/fixtures/subject_types.tsv)."""

import importlib.util
import sys

import pytest
from _paths import CORPUS, ROOT

KNOWN_WRONG: set[str] = set()  # a file whose wrong type is understood and left visible goes here, with why


@pytest.fixture(scope="module")
def report() -> dict:
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not present")
    spec = importlib.util.spec_from_file_location("subject_types", ROOT / "benchmarks" / "subject_types.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("subject_types", module)
    spec.loader.exec_module(module)
    return module.score()


def test_every_corpus_article_is_annotated(report: dict) -> None:
    annotated = {r["file"] for r in report["results"]}
    on_disk = {f"{p.parent.name}/{p.name}" for d in ("wikitext", "markdown") for p in (CORPUS / d).iterdir()}
    assert on_disk <= annotated


def test_subject_types_are_accurate(report: dict) -> None:
    assert report["system"]["accuracy"] >= 0.95


def test_no_wrong_subject_types(report: dict) -> None:
    wrong = {r["file"] for r in report["system"]["wrong"]}
    assert wrong <= KNOWN_WRONG, sorted(wrong - KNOWN_WRONG)
