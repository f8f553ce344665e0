"""fastcc's matching is exactly opencc-python-reimplemented's: with the reimplementation's own data
(opencc_dicts.REIMPLEMENTATION) fastcc gives its output on every corpus file, on generated text,
and on the cases where its matching differs from OpenCC's forward maximum matching. The product
converts with OpenCC's current data (VENDORED, the default), read into the same step/group shape;
tests/test_peer_opencc.py checks what those data give."""

from __future__ import annotations

from functools import cache

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.normalize import fastcc, opencc_backend
from extractor.normalize.opencc_dicts import (
    REIMPLEMENTATION,
    SEPARATORS,
    VENDORED,
    UnsupportedOpenCC,
    load_chain,
    load_dictionary,
)

CONFIGS = sorted({c for c in opencc_backend.CONFIGS.values() if c})  # s2hk s2t s2twp t2s tw2sp
from _paths import CORPUS  # noqa: E402

CORPUS_FILES = sorted(CORPUS.glob("wikitext/*.wiki")) + sorted(CORPUS.glob("markdown/*.md"))


SOURCES = (REIMPLEMENTATION, VENDORED)


@cache
def reimplementation(config: str, source: str = REIMPLEMENTATION):
    """opencc-python-reimplemented's converter; for VENDORED, its own converter run on the
    vendored dictionaries, as opencc_dicts maps them to its chain (its config reader cannot read
    OpenCC's current configs): groups of (max key length, min key length, {key: value})."""
    if source == REIMPLEMENTATION:
        return opencc.OpenCC(config).convert
    cc = opencc.OpenCC()
    cc.conversion = config
    cc._dict_chain_data = [[_reimplementation_entry(member) for member in step] for step in load_chain(config, source)]
    cc._dict_init_done = True
    return cc.convert


def _reimplementation_entry(member) -> tuple[int, int, dict[str, str]]:
    table = load_dictionary(member, VENDORED)
    lengths = [len(key) for key in table]
    return max([1, *lengths]), min([1000, *lengths]), dict(table)


def test_the_reimplementation_runs_injected_data():
    assert reimplementation("s2twp", VENDORED)("演算法") == "演算法"
    assert reimplementation("s2twp")("演算法") == "演演算法"


def test_separators_are_the_reimplementations():
    assert SEPARATORS.pattern == opencc.OpenCC().split_chars_re.pattern


def test_the_backend_runs_fastcc_for_every_variant_that_converts():
    for variant, config in opencc_backend.CONFIGS.items():
        convert = opencc_backend.converter(variant)
        if config is None:  # zh: no conversion
            assert variant == "zh" and convert is opencc_backend.unchanged and convert("乾隆後") == "乾隆後"
        else:
            assert isinstance(convert, fastcc.FastConverter) and convert.config == config
            assert convert.source == VENDORED


def test_the_backend_has_no_fallback(monkeypatch):
    """The reimplementation's converter reads only its older data: no silent fallback to it."""

    def unsupported(config):
        raise UnsupportedOpenCC("synthetic: dictionaries fastcc cannot reproduce")

    monkeypatch.setattr(fastcc, "converter", unsupported)
    with pytest.raises(UnsupportedOpenCC):
        opencc_backend.converter.__wrapped__("zh-hant")


def reimplementation_data(config: str):
    """fastcc with the reimplementation's own data."""
    return fastcc.converter(config, REIMPLEMENTATION)


# Synthetic inputs; expected values are the reimplementation's output (with its own data).
CASES = [
    ("t2s", "漢字轉換", "汉字转换"),
    ("s2t", "干", "幹"),  # 干 -> 幹 乾 干: the first candidate
    ("s2t", "头发和面条", "頭髮和麪條"),  # phrases 头发, 面条 before characters
    ("s2t", "一伙食团", "一伙食團"),  # longest key first: 伙食团 wins over 一伙 (forward matching: 一夥食團)
    ("s2t", "一准三后", "一准三后"),  # 准三后 (identity) blocks 一准 and 后 -> 後
    ("s2t", "乔治．布希", "喬治．布希"),  # the key 乔治．布希 holds a separator: it never matches
    ("s2t", "一干弟", "一干弟"),  # 一干 and 干弟 tie on length: the leftmost wins; a key 干弟… is not 干弟
    ("s2twp", "百多万只写", "百多萬隻寫"),
    ("s2twp", "鼠标 打印机", "滑鼠 印表機"),  # s2t, then TWPhrases
    ("tw2sp", "滑鼠和印表機", "鼠标和打印机"),
    ("s2hk", "着", "着"),
    ("t2s", "ASCII only: a-b, c.d!", "ASCII only: a-b, c.d!"),
    ("s2t", "", ""),
]


@pytest.mark.parametrize(("config", "text", "expected"), CASES, ids=[f"{c[0]}:{c[1][:6]}" for c in CASES])
def test_cases(config, text, expected):
    assert reimplementation_data(config)(text) == expected
    assert reimplementation(config)(text) == expected


@pytest.mark.skipif(not CORPUS_FILES, reason="shared corpus not available")
@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("config", CONFIGS)
def test_every_corpus_file_is_converted_identically(config, source):
    """The whole corpus on the reimplementation's own data (the matching algorithm's proof); every
    third file on the vendored data (the same algorithm on other tables: the reimplementation is
    pure Python, ~5 s a config over the whole corpus)."""
    assert len(CORPUS_FILES) >= 100  # 48 wikitext + 56 markdown when written
    convert = fastcc.converter(config, source)
    for path in CORPUS_FILES if source == REIMPLEMENTATION else CORPUS_FILES[::3]:
        text = path.read_text(encoding="utf-8")
        assert convert(text) == reimplementation(config, source)(text), f"{config} differs on {path.name}"


@cache
def pieces(config: str, source: str) -> st.SearchStrategy[str]:
    """Synthetic text for `config`: its keys and their fragments, key characters, ASCII,
    separators, and CJK characters that no dictionary of the config holds."""
    chain = load_chain(config, source)
    keys = sorted({k for step in chain for member in step for k in load_dictionary(member, source)})
    chars = sorted(set("".join(keys)))
    known = set(chars)
    outside = [chr(c) for c in range(0x4E00, 0x9FFF) if chr(c) not in known][::50]
    outside += ["\U00020000", "\U0002a6d6", "😀"]
    separators = list("-,.?!*　，。、；：？！…“”‘’『』「」（）《》〈〉～．／［］【】") + [" ", "\n", "\t"]
    return st.one_of(
        st.sampled_from(keys),
        st.sampled_from(keys).map(lambda k: k[1:]),
        st.sampled_from(keys).map(lambda k: k[:-1]),
        st.sampled_from(chars),
        st.sampled_from(outside),
        st.sampled_from(separators),
        st.text(alphabet=st.characters(max_codepoint=127), max_size=4),
    )


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("config", CONFIGS)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_text_is_converted_identically(config, source, data):
    text = "".join(data.draw(st.lists(pieces(config, source), max_size=30)))
    assert fastcc.converter(config, source)(text) == reimplementation(config, source)(text)
