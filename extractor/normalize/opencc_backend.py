"""The one wrapper around OpenCC: variant -> a `str -> str` converter.

Variant -> OpenCC configuration (MediaWiki's fallbacks for sg/my/mo):
zh-hans t2s, zh-hant s2t (script only); zh-cn tw2sp, zh-tw s2twp, zh-hk s2hk
(regional vocabulary); zh-sg and zh-my as zh-hans; zh-mo as zh-hk; zh (MediaWiki's
"no conversion" variant) leaves the text as written.

The conversion is `fastcc`: opencc-python-reimplemented's matching (the user's choice; with the
reimplementation's own data fastcc's output is identical to it, tests/test_fastcc.py), 10-30x
faster (benchmarks/opencc_speed.py), with OpenCC's current dictionaries, vendored in
`extractor/data/opencc/` (SOURCES.md there; tests/test_peer_opencc.py runs OpenCC's own test
cases). There is no fallback to the reimplementation's converter: it reads only its own, older
dictionaries (and cannot read OpenCC's current configs), so it would convert differently; the
vendored data ship with the package and fastcc reads all of them (tests), so an
`UnsupportedOpenCC` here is a packaging error and is raised.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from . import fastcc

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
    return fastcc.converter(CONFIGS[variant])


def unchanged(text: str) -> str:
    return text
