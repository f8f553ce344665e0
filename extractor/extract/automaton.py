"""Every occurrence of many words in a text, in one pass: an Aho–Corasick automaton (ahocorasick-rs).

Tables (the gazetteer, role words) get one automaton per process; a page's own
names one per page, built for speed of construction (`small=True`). Offsets are
Python string indices (code points), as everywhere in the package.
"""

from __future__ import annotations

from collections.abc import Iterable

from ahocorasick_rs import AhoCorasick, Implementation


class Words:
    """A fixed set of words and its automaton."""

    def __init__(self, words: Iterable[str], *, small: bool = False) -> None:
        """`small`: a page's few names, searched once (a cheap-to-build NFA); else a table searched on every
        page (a DFA: slower to build, faster to search)."""
        self.words = list(dict.fromkeys(w for w in words if w))
        implementation = Implementation.NoncontiguousNFA if small else Implementation.DFA
        self._automaton = AhoCorasick(self.words, implementation=implementation) if self.words else None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, word) of every occurrence of every word, overlapping ones included (no promised order)."""
        if self._automaton is None:
            return []
        words = self.words
        return [(s, e, words[i]) for i, s, e in self._automaton.find_matches_as_indexes(text, overlapping=True)]
