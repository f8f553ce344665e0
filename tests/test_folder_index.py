"""A title index for every input: folders of article files, several inputs together, `--index`.

The articles are real corpus files (../shared/corpus, CC BY-SA, see its SOURCES.md): 陶璐娜,
许海峰 and 郭文珺 link to one another. The redirect page in pandoc's rendering is synthetic
(the corpus holds none).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from _paths import CORPUS
from test_index import LINKER, build

from extractor.cli import main
from extractor.index import TitleIndex, ensure_index
from extractor.index_build import SAMPLE, WIKI, markdown_facts, page_row
from extractor.model import Page
from extractor.options import Options
from extractor.pipeline import is_redirect
from extractor.runners.local import run

SHOOTERS = ("陶璐娜.md", "许海峰.md", "郭文珺.md")
MD_REDIRECT = '1.  REDIRECT [许海峰](../Page/许海峰.md "wikilink")\n'


def records(out: Path) -> dict[str, dict]:
    lines = (out / "articles-00000.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["source"]["title"]: r for r in map(json.loads, lines)}


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("EXTRACTOR_CACHE", str(tmp_path / "cache"))
    src = tmp_path / "articles"
    src.mkdir()
    for name in SHOOTERS:
        shutil.copy(CORPUS / "markdown" / name, src / name)
    (src / "許海峰.md").write_text(MD_REDIRECT, encoding="utf-8")
    return src


def test_markdown_facts_categories_and_redirect():
    facts = markdown_facts((CORPUS / "markdown" / "许海峰.md").read_text(encoding="utf-8"))
    assert facts.redirect is None and facts.infobox is None and "中国射击运动员" in facts.categories
    assert markdown_facts(MD_REDIRECT).redirect == "许海峰"
    page = Page(MD_REDIRECT, "pandoc-markdown", "許海峰.md", title="許海峰", title_from="filename")
    assert is_redirect(page) and page_row(page).redirect == "许海峰"


def test_a_folder_is_indexed_and_its_links_resolve_and_type(folder, tmp_path):
    out = tmp_path / "out"
    result = run([str(folder)], out, Options(workers=1))
    assert (result.counts.records_written, result.counts.skipped_by_reason) == (3, {"redirect": 1})
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["index"]["scope"] == SAMPLE and manifest["index"]["pages"] == 4
    assert manifest["index"]["given"] is False and manifest["outputs"]["redirects"] == "redirects.jsonl"
    redirects = [json.loads(line) for line in (out / "redirects.jsonl").read_text(encoding="utf-8").splitlines()]
    assert redirects == [{"from": "許海峰", "to": "许海峰", "final": "许海峰"}]
    tao = records(out)["陶璐娜"]
    to_xu = [link for link in tao["links"] if link["target"] == "许海峰"]
    assert to_xu and all(link["exists"] is True for link in to_xu)
    xu = next(e for e in tao["entities"] if e["name"] == "许海峰")
    assert (xu["type"], xu["type_source"]) == ("PERSON", "category")  # from 许海峰.md's own categories
    elsewhere = [link for link in tao["links"] if link["target"] not in ("许海峰", "郭文珺", "陶璐娜")]
    assert elsewhere and all(link["exists"] is None for link in elsewhere)  # a sample knows no absence


def test_the_folder_index_is_reused_until_a_file_changes(folder, tmp_path):
    files = sorted(folder.iterdir())
    first = ensure_index(files, tmp_path / "c")
    stamp = first.stat().st_mtime_ns
    assert ensure_index(files, tmp_path / "c") == first and first.stat().st_mtime_ns == stamp
    assert TitleIndex(first).meta()["scope"] == SAMPLE
    os.utime(files[0], ns=(stamp + 10**9, stamp + 10**9))
    assert ensure_index(files, tmp_path / "c") != first


def test_a_dump_and_files_together_share_one_index(folder, tmp_path):
    dump = build(tmp_path)
    linker = folder / "链接测试.wiki"
    linker.write_text(LINKER, encoding="utf-8")
    out = tmp_path / "out"
    run([str(dump), str(linker)], out, Options(workers=1))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["index"]["scope"] == WIKI  # the dump is the wiki; the file adds a page
    file_record = next(r for r in records(out).values() if r["source"]["sha256"])  # the file, not a dump page
    found = {link["target_raw"]: link for link in file_record["links"]}
    assert found["中上健治"]["redirect_from"] is not None and found["中上健治"]["exists"] is True
    assert found["并不存在的条目"]["exists"] is False


def test_run_index_gives_a_single_file_the_dumps_knowledge(tmp_path, monkeypatch):
    monkeypatch.setenv("EXTRACTOR_CACHE", str(tmp_path / "cache"))
    dump = build(tmp_path)
    index = tmp_path / "zhwiki.sqlite"
    assert main(["index", str(dump), "--out", str(index)]) == 0
    assert TitleIndex(index).meta()["scope"] == WIKI
    article = tmp_path / "链接测试.wiki"
    article.write_text(LINKER, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(article), "--out", str(out), "--index", str(index), "-q"]) == 0
    (record,) = records(out).values()
    assert [link["exists"] for link in record["links"]] == [True, True, True, True, False, False, True]
    assert record["links"][0]["target"] == "中上健次" and record["links"][0]["redirect_from"] == "中上健治"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["index"] == {**manifest["index"], "path": str(index), "given": True, "scope": WIKI}


def test_run_index_that_is_missing_or_damaged_is_refused(tmp_path, capsys):
    article = tmp_path / "a.wiki"
    article.write_text("[[甲]]", encoding="utf-8")
    assert main(["run", str(article), "--out", str(tmp_path / "o1"), "--index", str(tmp_path / "none.sqlite")]) == 3
    assert "--index" in capsys.readouterr().err
    dump = build(tmp_path)
    index = tmp_path / "t.sqlite"
    assert main(["index", str(dump), "--out", str(index)]) == 0
    index.write_bytes(index.read_bytes()[:-100])
    assert main(["run", str(article), "--out", str(tmp_path / "o2"), "--index", str(index)]) == 3
    assert "does not match the sha256" in capsys.readouterr().err


def test_cli_index_of_a_folder(folder, tmp_path):
    assert main(["index", str(folder), "--out", str(tmp_path / "f.sqlite")]) == 0
    index = TitleIndex(tmp_path / "f.sqlite")
    assert index.count() == 4 and index.resolve("許海峰").title == "许海峰"
    assert "中国射击运动员" in index.resolve("许海峰").page.categories
