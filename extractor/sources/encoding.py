"""An article file's bytes as text: UTF-8 (a BOM allowed), or a clear reason why not.

Wikipedia's text is UTF-8 everywhere (dumps, the API, mirrors). A file that is
not is rejected, never guessed at: decoding GBK as Big5 or the reverse gives
valid but wrong characters that no later check would notice. The reason says
what the bytes look like, so that the user can convert the file:

- `source.binary`: NUL bytes or mostly control bytes in the first 8 KiB (an
  image, an archive, an executable);
- `source.decode`: not UTF-8; when the bytes decode strictly as GB 18030
  (GBK's superset, mainland files) or Big5 (Taiwan, Hong Kong) into mostly
  common Chinese characters, the message names the encoding and the `iconv`
  command that converts it. Almost any byte pairs decode as GB 18030, so the
  candidates are told apart by the share of their CJK characters that are among
  the 3,000 most frequent (jieba's dictionary; a traditional character counts
  as its simplified form).
"""

from __future__ import annotations

from functools import lru_cache

SNIFF = 8192
# Legacy Chinese encodings, tried in this order for the message only.
LEGACY = (("gb18030", "GB 18030 (GBK)"), ("big5", "Big5"))


class EncodingProblem(ValueError):
    """`code` is a REASONS key (`source.binary`, `source.decode`); the message is the detail."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code


def decode_article(data: bytes) -> str:
    """The text of an article file; raises EncodingProblem when it is binary or not UTF-8."""
    head = data[:SNIFF]
    if b"\x00" in head or _control_share(head) > 0.3:
        nul = head.find(b"\x00")
        where = f"a NUL byte at byte {nul}" if nul >= 0 else "mostly control bytes"
        raise EncodingProblem("source.binary", f"not a text file ({where} in the first {SNIFF} bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingProblem("source.decode", f"{exc}{_legacy_hint(data)}") from None


def _control_share(head: bytes) -> float:
    if not head:
        return 0.0
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0D, 0x0C))
    return controls / len(head)


def _legacy_hint(data: bytes) -> str:
    scored = []
    for codec, name in LEGACY:
        try:
            text = data[: 1 << 16].decode(codec, errors="strict" if len(data) <= 1 << 16 else "ignore")
        except UnicodeDecodeError:
            continue
        scored.append((_common_share(text), codec, name))
    share, codec, name = max(scored, default=(0.0, "", ""))
    if share < 0.6:
        return ""
    return f"; it reads as {name}: convert it with `iconv -f {codec} -t utf-8`"


def _common_share(text: str) -> float:
    """The share of `text`'s CJK characters that are common Chinese characters (0 without any)."""
    from ..titles import fold

    cjk = [c for c in fold(text) if "\u4e00" <= c <= "\u9fff"]
    common = _common_chars()
    return sum(c in common for c in cjk) / len(cjk) if cjk else 0.0


@lru_cache(maxsize=1)
def _common_chars(top: int = 3000) -> frozenset[str]:
    """The `top` most frequent characters of jieba's dictionary (word frequencies summed)."""
    from collections import Counter
    from pathlib import Path

    import jieba

    counts: Counter = Counter()
    with open(Path(jieba.__file__).with_name("dict.txt"), encoding="utf-8") as f:
        for line in f:
            word, freq, *_ = line.split(" ")
            for char in word:
                counts[char] += int(freq)
    return frozenset(char for char, _ in counts.most_common(top))
