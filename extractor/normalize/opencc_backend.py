"""The one wrapper around OpenCC: variant -> a `str -> str` converter.

Variant -> OpenCC configuration (MediaWiki's fallbacks for sg/my/mo):
zh-hans t2s, zh-hant s2t (script only); zh-cn tw2sp, zh-tw s2twp, zh-hk s2hk
(regional vocabulary); zh-sg and zh-my as zh-hans; zh-mo as zh-hk; zh (MediaWiki's
"no conversion" variant) leaves the text as written.

The conversion is opencc-python-reimplemented's (the user's choice), run by `fastcc`: the same
dictionaries and the same matching, output identical (tests/test_fastcc.py), 10-30x faster
(benchmarks/opencc_speed.py). Should fastcc meet dictionaries it cannot reproduce, the
reimplementation itself runs: slower, never different.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from . import fastcc
from .opencc_dicts import UnsupportedOpenCC

CONFIGS: dict[str, str | None] = {
    "zh": None,  # MediaWiki's "no conversion" variant: the text as written
    "zh-hans": "t2s",
    "zh-hant": "s2t",
    "zh-cn": "tw2sp",
    "zh-tw": "s2twp",
    "zh-hk": "s2hk",
    "zh-sg": "t2s",
    "zh-my": "t2s",
    "zh-mo": "s2hk",
}


@cache
def converter(variant: str) -> Callable[[str], str]:
    """A converter for `variant`, built once per process (its tables are large)."""
    if CONFIGS[variant] is None:
        return unchanged
    try:
        return fastcc.converter(CONFIGS[variant])
    except UnsupportedOpenCC:
        return _reimplementation(CONFIGS[variant])


def unchanged(text: str) -> str:
    return text


def _reimplementation(config: str) -> Callable[[str], str]:
    import opencc

    if not hasattr(opencc, "OpenCC") or not hasattr(opencc.OpenCC("t2s"), "convert"):
        raise ImportError("the installed `opencc` module is not opencc-python-reimplemented")
    return opencc.OpenCC(config).convert
