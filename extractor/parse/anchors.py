"""Recovering a link's true anchor from a label pandoc glued text onto.

Pandoc's MediaWiki reader appends the run of letters that follows `]]` to the
link's label (MediaWiki's "link trail"): `[[曼谷]]举行` comes out as
`[曼谷举行](…/曼谷)` and `[[跨平臺|平臺獨立性]]和` as `[平臺獨立性和](…/跨平臺)`.
The glued tail is made of letters only (pandoc stops at spaces, digits and
punctuation), which bounds where the true anchor can end.

1. If the label starts with the target title (in either script, ignoring
   case, blanks and a disambiguation suffix), the link was unpiped: the anchor
   is that prefix, and this is certain.
2. Otherwise the link was piped and the boundary is a guess, made from other
   labels of the same target, a change of script after a word of the title,
   and function words (和, 的, 是 …) that start a glued tail.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..normalize.opencc_backend import converter
from ..titles import strip_disambiguation

try:  # words and their parts of speech; optional, a character fallback is used without it
    import jieba  # type: ignore[import-untyped]
    import jieba.posseg as posseg  # type: ignore[import-untyped]

    jieba.setLogLevel(60)
except ImportError:  # pragma: no cover
    posseg = None


def _t2s(s: str) -> str:
    """OpenCC t2s as the normalizer runs it (fastcc: the same output, its tables built once)."""
    return converter("zh-hans")(s)


def _s2t(s: str) -> str:
    return converter("zh-hant")(s)


# Words that begin a glued tail rather than end a name: conjunctions,
# particles, prepositions and the copula.
FUNCTION_WORDS = frozenset(
    "和 与 與 及 以及 或 或者 且 并 並 而 的 之 是 在 等 了 为 為 于 於 被 把 对 對 "
    "向 从 從 到 也 都 即 就 则 則 所 由 将 將 则 但 还 還 又 再 这 這 那 其 该 該 "
    "之后 之後 以后 以後 之间 之間 中 上 下 内 內 外 时 時 后 後 前 间 間 里 裡 裏".split()
)
# jieba part-of-speech tags that start a tail: conjunction, particle,
# preposition, adverb (`德国|相继宣称`). Measured on the wikitext corpus,
# where [[T|L]]trail gives the truth; verbs helped as often as they hurt.
TAIL_TAGS = ("c", "u", "p", "d")
# What title comparison ignores, besides case and script.
_FOLDED_OUT = " _\u00a0"
# Single characters that may begin a tail when no segmenter is available.
FUNCTION_CHARS = frozenset("和与與及或且并並而的之是在等了为為于於被把对對向从從到也都即就则則")


@dataclass(frozen=True)
class Anchor:
    length: int  # anchor = label[:length]; the rest is plain text after the link
    uncertain: bool

    def repaired(self, label: str) -> bool:
        return self.length < len(label)


def recover_anchor(label: str, target: str, peers: Sequence[str] = ()) -> Anchor:
    """Split `label` into the true anchor and the glued tail (see module doc)."""
    n = len(label)
    if n == 0:
        return Anchor(0, True)
    if label == target and label[-1] not in _FOLDED_OUT:  # most links: unpiped, nothing glued on
        return Anchor(n, False)  # what the title prefix below finds, without folding
    floor = _tail_floor(label)
    k = title_prefix(label, target)
    if k and k >= floor:
        return Anchor(k, False)
    if floor >= n:  # ends with a non-letter: nothing can have been glued on
        return Anchor(n, False)
    if n <= 2:
        return Anchor(n, True)
    for guess in (_peer_boundary, _script_boundary, _function_boundary):
        p = guess(label, target, peers, max(floor, 1))
        if p:
            return Anchor(p, True)
    return Anchor(n, True)


def title_prefix(label: str, target: str) -> int:
    """Length of the longest prefix of `label` that spells the target title."""
    best = 0
    for title in {target, strip_disambiguation(target)}:
        if title:
            best = max(best, _prefix_len(label, title))
    return best


def _prefix_len(label: str, title: str) -> int:
    """`label[:k]` equals `title` modulo script, case, blanks and underscores."""
    norm, index = _fold_with_index(label)
    folded = _fold(title)
    if folded and norm.startswith(folded):  # the first pair tried below, without converting the label
        return index[len(folded) - 1] + 1
    for wanted in _script_forms(folded):
        for have in _script_forms(norm):
            if wanted and have.startswith(wanted) and len(have) == len(norm):
                return index[len(wanted) - 1] + 1
    return 0


@lru_cache(maxsize=8192)
def _script_forms(s: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys((s, _t2s(s), _s2t(s))))


def _fold(s: str) -> str:
    return "".join(ch.lower() for ch in s if ch not in _FOLDED_OUT)


def _fold_with_index(s: str) -> tuple[str, list[int]]:
    """`_fold(s)` and, for each of its characters, the index in `s` it came from
    (one per character of the lower case: `İ` folds to two, `i̇`)."""
    chars, index = [], []
    for i, ch in enumerate(s):
        if ch not in _FOLDED_OUT:
            lower = ch.lower()
            chars.append(lower)
            index.extend([i] * len(lower))
    return "".join(chars), index


def is_letter(ch: str) -> bool:
    """Unicode general category L* (Lu Ll Lt Lm Lo): exactly what `str.isalpha` tests."""
    return ch.isalpha()


def _tail_floor(label: str) -> int:
    """Where a glued tail can start at the earliest: after the last non-letter."""
    for i in range(len(label) - 1, -1, -1):
        if not label[i].isalpha():  # is_letter
            return i + 1
    return 0


def _peer_boundary(label: str, target: str, peers: Sequence[str], floor: int) -> int:
    """Another label of the same target that is a prefix of this one."""
    best = 0
    for peer in peers:
        if floor <= len(peer) < len(label) and label.startswith(peer):
            best = max(best, len(peer))
    return best


def _script_boundary(label: str, target: str, peers: Sequence[str], floor: int) -> int:
    """`Windows作業系統` → `Windows` when the Latin run is a word of the title."""
    i = floor
    while i < len(label) and label[i].isascii():
        i += 1
    if floor < i < len(label) and not label[i].isascii():
        words = {w.lower() for w in target.replace("_", " ").split()}
        if label[:i].split()[-1].lower() in words:
            return i
    return 0


def _function_boundary(label: str, target: str, peers: Sequence[str], floor: int) -> int:
    """The first word boundary where a function word starts the tail."""
    for start, word, tag in _words(label):
        if start < max(floor, 2):
            continue
        if word in FUNCTION_WORDS or tag.startswith(TAIL_TAGS) or (posseg is None and word in FUNCTION_CHARS):
            return start
    return 0


def _words(label: str) -> list[tuple[int, str, str]]:
    """(start, word, part-of-speech tag); single characters without jieba.
    jieba's dictionary is simplified Chinese, so a same-length t2s form is cut."""
    if posseg is None:
        return [(i, ch, "") for i, ch in enumerate(label)]
    simplified = _t2s(label)
    out, pos = [], 0
    for pair in posseg.lcut(simplified if len(simplified) == len(label) else label):
        out.append((pos, pair.word, pair.flag))
        pos += len(pair.word)
    return out
