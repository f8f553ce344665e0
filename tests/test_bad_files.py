"""Bad files and bad surroundings: each gives one line naming the file and the reason, a
documented exit code, no traceback. The legacy-encoded files are real corpus articles
re-encoded; the binary file is a real executable's first bytes."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.sources.encoding import EncodingProblem, decode_article

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "raw" / "wikitext" / "孫乾.wiki"  # traditional characters: Big5 can hold them
SIMPLIFIED = ROOT / "raw" / "wikitext" / "鄞州区.wiki"


def _extractor(*args: str, limit_bytes: int | None = None) -> subprocess.CompletedProcess:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run(
        [sys.executable, "-m", "extractor", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        preexec_fn=limit if limit_bytes else None,
    )


def _errors(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(
    ("article", "codec", "named"),
    [(SIMPLIFIED, "gb18030", "GB 18030 (GBK)"), (ARTICLE, "big5", "Big5"), (SIMPLIFIED, "gbk", "GB 18030 (GBK)")],
)
def test_legacy_chinese_encodings_are_rejected_with_the_conversion(article, codec, named):
    data = article.read_text(encoding="utf-8").encode(codec, errors="ignore")
    with pytest.raises(EncodingProblem) as caught:
        decode_article(data)
    assert caught.value.code == "source.decode"
    iconv = codec.replace("gbk", "gb18030")
    assert str(caught.value).endswith(f"it reads as {named}: convert it with `iconv -f {iconv} -t utf-8`")


def test_utf8_with_a_bom_is_read_and_random_bytes_get_no_guess():
    assert decode_article("\ufeff孫乾".encode()) == "孫乾"
    with pytest.raises(EncodingProblem) as caught:
        decode_article(bytes(range(0x80, 0x100)) * 4)
    assert caught.value.code == "source.decode" and "iconv" not in str(caught.value)


def test_bad_files_in_a_run_are_quarantined_each_with_its_reason(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "程序.wiki").write_bytes(Path(sys.executable).resolve().read_bytes()[:4096])
    (folder / "孫乾.wiki").write_bytes(ARTICLE.read_text(encoding="utf-8").encode("big5", errors="ignore"))
    (folder / "好.wiki").write_bytes(ARTICLE.read_bytes())
    done = _extractor("run", str(folder), "--out", str(tmp_path / "out"), "--workers", "1", "-q")
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "3 pages read, 1 records, 2 quarantined" in done.stderr
    codes = {e["source"]["path"].rsplit("/", 1)[-1]: (e["code"], e["message"]) for e in _errors(tmp_path / "out")}
    assert codes["程序.wiki"][0] == "source.binary" and "NUL byte at byte" in codes["程序.wiki"][1]
    assert codes["孫乾.wiki"][0] == "source.decode" and "iconv -f big5" in codes["孫乾.wiki"][1]


def test_a_folder_without_articles_is_a_usage_error(tmp_path):
    (tmp_path / "empty" / ".hidden").mkdir(parents=True)
    (tmp_path / "empty" / "notes.pdf").write_bytes(b"%PDF")
    done = _extractor("run", str(tmp_path / "empty"), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].startswith(f"extractor: error: {tmp_path / 'empty'}: no article")


def test_an_unknown_variant_is_a_usage_error(tmp_path):
    done = _extractor("run", str(ARTICLE), "--out", str(tmp_path / "out"), "--variant", "zh-xx")
    assert done.returncode == 2 and "invalid choice: 'zh-xx'" in done.stderr and "Traceback" not in done.stderr


def test_a_broken_pipe_on_stdout_exits_quietly():
    done = subprocess.run(
        f"{sys.executable} -m extractor timeline output/articles-00000.jsonl | head -1",
        shell=True, capture_output=True, text=True, cwd=ROOT, executable="/bin/bash",
    )
    assert done.stdout.startswith("# ") and done.stdout.count("\n") == 1
    assert done.stderr == ""
    status = subprocess.run(
        f"{sys.executable} -m extractor timeline output/articles-00000.jsonl | head -1 >/dev/null; "
        "echo ${PIPESTATUS[0]}", shell=True, capture_output=True, text=True, cwd=ROOT, executable="/bin/bash",
    )
    assert status.stdout.strip() == "0"


def test_a_full_output_device_stops_resumably(tmp_path):
    """A file size limit (the output device filling up) stops the run with exit 3 and one line;
    --resume, with room again, gives the bytes of an uninterrupted run."""
    out, whole = tmp_path / "out", tmp_path / "whole"
    args = ("raw/wikitext", "--workers", "1", "-q", "--shard-size", "30K")
    full = _extractor("run", *args, "--out", str(out), limit_bytes=60_000)
    assert full.returncode == 3, full.stderr
    assert f"cannot write to {out}: File too large; make room, then continue the run with --resume" in full.stderr
    assert "Traceback" not in full.stderr
    assert not (out / "manifest.json").exists()
    resumed = _extractor("run", *args, "--out", str(out), "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert _extractor("run", *args, "--out", str(whole)).returncode == 0
    shards = sorted(p.name for p in whole.glob("articles-*"))
    assert len(shards) > 2
    assert all((out / name).read_bytes() == (whole / name).read_bytes() for name in shards)
