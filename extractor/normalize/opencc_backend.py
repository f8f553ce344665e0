"""The one wrapper around OpenCC: variant -> a `str -> str` converter.

Variant -> OpenCC configuration (MediaWiki's fallbacks for sg/my/mo):
zh-hans t2s, zh-hant s2t (script only); zh-cn tw2sp, zh-tw s2twp, zh-hk s2hk
(regional vocabulary); zh-sg and zh-my as zh-hans; zh-mo as zh-hk.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

CONFIGS: dict[str, str] = {
    "zh-hans": "t2s",
    "zh-hant": "s2t",
    "zh-cn": "tw2sp",
    "zh-tw": "s2twp",
    "zh-hk": "s2hk",
    "zh-sg": "t2s",
    "zh-my": "t2s",
    "zh-mo": "s2hk",
}


@lru_cache(maxsize=None)
def converter(variant: str) -> Callable[[str], str]:
    """A converter for `variant`, built once per process (its tables are large)."""
    import opencc

    if not hasattr(opencc, "OpenCC") or not hasattr(opencc.OpenCC("t2s"), "convert"):
        raise ImportError("the installed `opencc` module is not opencc-python-reimplemented")
    return opencc.OpenCC(CONFIGS[variant]).convert
