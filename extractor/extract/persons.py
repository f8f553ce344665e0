"""Unlinked personal names that the text itself vouches for.

Three cues, each a writing convention of zh.wikipedia rather than a guess
from a name's shape alone:

- a role word next to a surname-led name (data/person_roles.txt): 李新军博士,
  总统马英九, 教练是翁绍兴, 队友杜雷结婚 (a copula may stand between; the name
  ends where jieba's dictionary starts a frequent word: 杜雷|结婚);
- a cast note: 唐秋水(吴孟达饰) names a character and the actor who plays him;
- a temple name (庙号) of an emperor: 武宗, 世宗, 太祖 in history articles;
- an enumeration of three or more names that are all surname-led and no
  word jieba knows otherwise: 雷洛、蓝江、颜同、韩森.

All functions take the script-folded text and give (start, end) spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .automaton import Words
from .names import COMMON_MIN_FREQ, common_word, frequent_word, jieba_freq, jieba_tag
from .typing import person_roles, surname_set

_HAN = "\u4e00-\u9fff"
_FUNCTION_TAGS = frozenset("r p c u d m q y e o x uj ul ud ug uz uv".split())  # 和他, 和我: no given name
_VERB_TAGS = frozenset("v vd vn vg".split())
_PARTICLES = frozenset("的地得了着过之")


@dataclass(frozen=True)
class RoleMarks:
    """Where the role words of data/person_roles.txt stand in one page's folded text (found in one pass).

    `after`: start -> the longest role that follows a name there; `before`: start -> the roles that
    precede a name there, longest first; `before_ends`: where a preceding role ends."""

    after: dict[int, str]
    before: dict[int, tuple[str, ...]]
    before_ends: frozenset[int]


def role_marks(folded: str, found: list[tuple[int, int, str]] | None = None) -> RoleMarks:
    """The role words of a page's folded text, every occurrence: from `found`, the occurrences of an
    automaton that has every role word among others (`role_words`), else found by one of its own."""
    after: dict[int, str] = {}
    before: dict[int, list[str]] = {}
    is_after, is_before = _role_sides()
    for start, _end, word in found if found is not None else _role_words().find(folded):
        if word in is_after and len(word) > len(after.get(start, "")):
            after[start] = word
        if word in is_before:
            before.setdefault(start, []).append(word)
    ordered = {start: tuple(sorted(words, key=len, reverse=True)) for start, words in before.items()}
    ends = frozenset(start + len(word) for start, words in ordered.items() for word in words)
    return RoleMarks(after, ordered, ends)


def role_spans(folded: str, marks: RoleMarks | None = None) -> Iterable[tuple[int, int]]:
    """Names next to a role word: after it (总统马英九, 教练是翁绍兴) or before it (李新军博士).

    Candidates are only where a role word stands (found once, `role_marks`); they are tried left to
    right, each after the previous find, as a regex search would: a surname (two characters before
    one), a given name of two then one Han characters and a following role; else a preceding role
    (longest first), an optional copula, a surname and a given name."""
    marks = marks or role_marks(folded)
    reach = {length + given for length in _surname_lengths() for given in (1, 2)}
    candidates = sorted({start - k for start in marks.after for k in reach if start >= k} | marks.before.keys())
    resume = 0
    for at in candidates:
        if at < resume:
            continue
        found = _name_before_role(folded, at, marks) or _name_after_role(folded, at, marks)
        if found is None:
            continue
        start, end, resume, before_role = found
        if before_role:
            if _name_starts(folded, start, marks) and _given_ok(folded[start:end]):
                yield start, end
            continue
        end = _name_end(folded, start, end)
        if _given_ok(folded[start:end]):
            yield start, end


def _name_before_role(folded: str, at: int, marks: RoleMarks) -> tuple[int, int, int, bool] | None:
    """李新军博士: (name start, name end, end of the role, True), the longest surname and given name first."""
    for size in _surname_lengths():
        if folded[at : at + size] not in surname_set():
            continue
        for given in (2, 1):
            end = at + size + given
            role = marks.after.get(end)
            if role and _han_run(folded, at + size, end):
                return at, end, end + len(role), True
    return None


def _name_after_role(folded: str, at: int, marks: RoleMarks) -> tuple[int, int, int, bool] | None:
    """总统马英九, 教练是翁绍兴: (name start, name end, name end, False) after a role and a copula."""
    for role in marks.before.get(at, ()):
        after_role = at + len(role)
        for copula in _COPULAS:
            start = after_role + len(copula)
            if not folded.startswith(copula, after_role):
                continue
            for size in _surname_lengths():
                given = _han_prefix(folded, start + size, 2)
                if given and folded[start : start + size] in surname_set():
                    return start, start + size + given, start + size + given, False
    return None


def _han_run(folded: str, start: int, end: int) -> bool:
    return end <= len(folded) and all("\u4e00" <= c <= "\u9fff" for c in folded[start:end])


def _han_prefix(folded: str, start: int, most: int) -> int:
    """How many Han characters (up to `most`) start at `start`."""
    count = 0
    while count < most and start + count < len(folded) and "\u4e00" <= folded[start + count] <= "\u9fff":
        count += 1
    return count


# tried in this order, as a regex would; a colon too (译者：洪碧娟, in a work's credits)
_COPULAS = ("是为", "叫做", "名叫", "名为", "是", "为", "叫", "：", ":", "")


@lru_cache(maxsize=1)
def _surname_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(s) for s in surname_set()}, reverse=True))


@lru_cache(maxsize=1)
def _role_sides() -> tuple[frozenset[str], frozenset[str]]:
    roles = person_roles()
    return frozenset(roles["after"]), frozenset(roles["before"])


def role_words() -> tuple[str, ...]:
    """Every role word of data/person_roles.txt (after and before a name)."""
    return person_roles()["after"] + person_roles()["before"]


@lru_cache(maxsize=1)
def _role_words() -> Words:
    return Words(role_words())


def _name_starts(folded: str, start: int, marks: RoleMarks) -> bool:
    """A name can start here: after a non-Han character or a role word (秘书长李新军博士), not mid-word (党前总裁)."""
    if start == 0 or not "\u4e00" <= folded[start - 1] <= "\u9fff":
        return True
    return start in marks.before_ends


def _name_end(folded: str, start: int, end: int) -> int:
    """杜雷结婚: a three-character name whose last character starts a frequent word is two characters long."""
    if end - start == 3 and _surname_length(folded[start:end]) == 1:
        word = folded[end - 1 : end + 1]
        if len(word) == 2 and jieba_freq(word) >= COMMON_MIN_FREQ:
            return end - 1
    return end


def _given_ok(name: str) -> bool:
    """成功地, 英国, 孙选任总理, 和前夫: a surname character that starts a word, a verb or a particle is no name."""
    size = _surname_length(name)
    surname, given = name[:size], name[size:]
    if not given or common_word(name) or frequent_word(name[:2]) or _PARTICLES.intersection(given):
        return False
    strict = jieba_tag(surname) in _FUNCTION_TAGS  # 和, 向, 于: a conjunction or a preposition first
    if len(given) == 1:
        return jieba_tag(given) not in _FUNCTION_TAGS and not (strict and given in surname_set())  # 向吴先生
    if strict:
        return jieba_freq(given) == 0 or jieba_tag(given) == "ns"  # 翁绍兴: a place word can be a given name
    return not (jieba_tag(given) in _VERB_TAGS and jieba_freq(given) >= COMMON_MIN_FREQ)


def _surname_length(name: str) -> int:
    return 2 if name[:2] in surname_set() else 1


# 唐秋水(吴孟达饰), 凤凰女（叶德娴 饰）: a character, then the actor. The character's name starts after
# the last word that introduces it (叫做, 养父, 的 …) within eight characters, or after punctuation.
_CAST = re.compile(rf"(?P<run>[{_HAN}]{{2,8}})[（(]\s*(?P<actor>[{_HAN}·]{{2,8}})\s*饰(?:演)?\s*[）)]")
_INTRODUCERS = re.compile("取名为|叫做|名叫|名为|养父|养母|义父|义母|父亲|母亲|妻子|丈夫|儿子|女儿|叫|是|为|的")


def cast_spans(folded: str) -> Iterable[tuple[int, int]]:
    """The character and the actor of every cast note."""
    if "饰" not in folded:  # no cast note (the pattern alone would try every Han character)
        return
    for m in _CAST.finditer(folded):
        run_start, run = m.start("run"), m.group("run")
        cut = max((i.end() for i in _INTRODUCERS.finditer(run)), default=0)
        if 2 <= len(run) - cut <= 4 and not common_word(run[cut:]):
            yield run_start + cut, m.end("run")
        yield m.start("actor"), m.end("actor")


# Temple names (庙号): the characters emperors' temple names use before 宗, and the 祖 names that are
# no kinship word (高祖 is also a great-great-grandfather, so it is left out).
_TEMPLE = re.compile("[太世中仁英宪孝武文神哲徽钦宁理度睿穆德顺玄肃代宣懿僖昭成景章惠兴熙]宗|太祖|世祖|成祖|圣祖")


def temple_spans(folded: str) -> Iterable[tuple[int, int]]:
    """武宗, 世宗: a temple name standing alone (not inside 禅宗 or 宗教, not 太宗皇帝's title)."""
    if "宗" not in folded and "祖" not in folded:  # every temple name ends so
        return
    for m in _TEMPLE.finditer(folded):
        start, end = m.span()
        before, after = folded[start - 1 : start], folded[end : end + 1]
        if jieba_freq(before + m.group()) < COMMON_MIN_FREQ and not _word_continues(m.group(), after):
            yield start, end


def _word_continues(name: str, after: str) -> bool:
    """宗教, 宗室, 祖先: the temple name's last character starts a frequent word with what follows."""
    return bool(after) and jieba_freq(name[-1] + after) >= COMMON_MIN_FREQ


# 雷洛、蓝江、颜同、韩森: an enumeration of three or more short names, each a surname and a given name.
HAN_OR_COMMA = re.compile(rf"[{_HAN}、]*")  # the stretches an enumeration stays in
_ENUMERATION = re.compile(rf"(?<![{_HAN}])[{_HAN}]{{2,3}}(?:、[{_HAN}]{{2,3}}){{2,}}(?![{_HAN}])")


def listed_spans(folded: str) -> Iterable[tuple[int, int]]:
    """The items of an enumeration whose every item is a personal name (no word jieba knows otherwise)."""
    for run_start, run_end in runs_holding(folded, "、", HAN_OR_COMMA):  # an enumeration never leaves one
        for m in _ENUMERATION.finditer(folded, run_start, min(run_end + 1, len(folded))):
            items = m.group().removesuffix("等").split("、")  # 吴南生、林川、林墉等
            if all(_listed_name(item) for item in items):
                start = m.start()
                for item in items:
                    yield start, start + len(item)
                    start += len(item) + 1


def _listed_name(item: str) -> bool:
    from .names import is_person_name
    from .typing import gazetteer_type

    known = jieba_freq(item) and jieba_tag(item) not in ("nr", "nrt", "nrfg")  # 雷洛 is a name in jieba too
    if not is_person_name(item) or known or common_word(item) or frequent_word(item[:2]):
        return False  # the list context is cue enough for a given name like 同 (颜同), a preposition alone
    return not _PARTICLES.intersection(item[1:]) and gazetteer_type(item) is None


# 主席：Carla A. Hills、莫里斯·格林伯格、Thomas H. Kean: a list whose items include known persons names
# persons in its other items too, when they have a personal name's shape.
_ITEM = re.compile(r"[^、]+")
_LIST_RUN = re.compile(r"[^：:；;。，,\n（）()]*")  # a stretch between delimiters; lists are those with 、


def fellow_spans(folded: str, persons: set[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    """Items of an enumeration with at least two persons in it that are shaped like personal names."""
    for run_start, run_end in runs_holding(folded, "、", _LIST_RUN):
        items = list(_items(folded, run_start, run_end))
        if sum(item in persons for item in items) < 2:
            continue
        for start, end in items:
            if (start, end) not in persons and _name_shaped(folded[start:end]):
                yield start, end


def runs_holding(text: str, mark: str, run: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of each longest stretch of `run`'s characters (a pattern `[…]*` whose class has `mark`)
    that holds `mark`, left to right: found from each `mark`, not by trying every stretch of the text."""
    spans: list[tuple[int, int]] = []
    size, backwards = len(text), ""
    at = text.find(mark)
    while at != -1:
        backwards = backwards or text[::-1]  # the stretch before `mark`, read backwards from it
        start = at - (run.match(backwards, size - at).end() - (size - at))
        end = run.match(text, at).end()
        spans.append((start, end))
        at = text.find(mark, end)
    return spans


def _items(folded: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """(start, end) of each item of an enumeration, stripped of spaces and a closing 等."""
    for m in _ITEM.finditer(folded[start:end]):
        item = m.group().strip().removesuffix("等")
        if item:
            offset = start + m.start() + m.group().index(item)
            yield offset, offset + len(item)


def _name_shaped(item: str) -> bool:
    from .names import LATIN_NAME, person_shaped, transliterated_person

    return bool(LATIN_NAME.fullmatch(item)) or person_shaped(item) or transliterated_person(item)
