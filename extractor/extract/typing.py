"""OntoNotes types for entities, from the strongest signal available.

Signals, strongest first (the first that applies wins; `type_source` names it):

1. `infobox`: the page's infobox template (data/infobox_types.tsv);
2. `category`: the page's categories, by their head noun (data/category_types.tsv);
3. `gazetteer`: CLDR territory and language names in zh_Hans, zh_Hant and
   zh_Hant_HK (Babel) plus data/gazetteer_aliases.tsv; `X人` for a territory X is NORP;
4. `name_pattern`: the name's own shape (suffixes below, 《…》 titles, 第N届…);
5. `context`: a surname (data/surnames.txt) and a role word next to a mention
   in the text (data/person_roles.txt): 李新军博士 -> PERSON;
6. `lexicon`: jieba's dictionary tags proper nouns: nt -> ORG, ns -> GPE, nr -> PERSON
   (a surname plus one or two characters, three in all, no place ending); a
   link target of at most four characters that jieba knows as a frequent
   common word (n, v, a …, dictionary frequency >= 100) is CONCEPT.

The page facts of 1-2 come from the title index (link targets) or from the
article itself (its subject). When no signal applies the type is None: never
a guess dressed as a fact. Names are script-folded (OpenCC t2s characters)
before any table lookup, so the tables are written in Simplified script only.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..titles import fold

DATA = Path(__file__).resolve().parent.parent / "data"

# (suffix, label), longest suffixes first at lookup. Chosen for precision:
# bare 法 / 山 / 河 / 语 are left out because 方法, 江山, 银河, 成语 are not
# names, and a one-character suffix needs a stem of two (城市 is no GPE).
SUFFIX_TYPES: tuple[tuple[str, str], ...] = (
    *((s, "ORG") for s in "大学 学院 公司 集团 委员会 组织 协会 银行 研究所 研究院 航天局 空间局 通讯社 "
      "党 学社 政府 联盟 基金会 理事会 议会 法院 联合会 商会 俱乐部 乐团 军政府 社 局 署".split()),
    *((s, "EVENT") for s in "战争 战役 会议 运动会 奥运会 起义 革命 事变 之战 选举 政变 月食 日食 地震 大会".split()),
    *((s, "LAW") for s in "条约 公约 宪法 法案 协定".split()),
    *((s, "GPE") for s in "省 市 县 区 镇 乡 町 自治区 特别行政区 王国 共和国 帝国 州".split()),
    *((s, "LOC") for s in "地区 山脉 河流 江 湖 海峡 半岛 平原 盆地 高原 辐射带".split()),
    *((s, "FAC") for s in "机场 车站 博物馆 纪念馆 大桥 运河 铁路 鐵道 寺 宫".split()),
    *((s, "NORP") for s in "民族".split()),
)
_BY_LENGTH = sorted(SUFFIX_TYPES, key=lambda pair: len(pair[0]), reverse=True)
_EDITION = re.compile(r"^第[0-9一二三四五六七八九十百千〇零两]+[届次]")
_PROPER_TAGS = {"nr": "PERSON", "nrfg": "PERSON", "nrt": "PERSON", "ns": "GPE", "nt": "ORG", "nz": None}
_COMMON_TAGS = frozenset("n ng nl v vn vd a an ad d".split())  # not l / i: jieba files rare names there
_COMMON_MIN_FREQ = 100  # rare "common nouns" in jieba's dictionary are often names (清史稿 28, 精武门 3)
# Stems that make a class noun of a suffix pattern: 国际组织, 地方政府 are kinds, not names.
_GENERIC_STEMS = frozenset("国际 政府间 非政府 地方 中央 民间 跨国 私营 国营 国有 军事 学术 商业 宗教 "
                           "恐怖 区域 地区 国家 全国 各国 该 此 这个 其 本".split())
_PLACE_ENDINGS = tuple("坡港湾城州市县岛山江河湖海馆站场厂店楼寺宫")
_MAINTENANCE = ("条目", "页面", "模板", "维基", "消歧义", "小作品")


@dataclass(frozen=True)
class Evidence:
    """What is known about an entity besides its name."""

    infobox: str | None = None
    categories: tuple[str, ...] = ()
    disambiguation: bool = False
    linked: bool = False  # a link target (a common noun then is CONCEPT)
    role: bool = False  # a role word stands next to one of its mentions
    titled: bool = False  # written in 《…》 in the text: a work (or a law)


def entity_type(name: str, evidence: Evidence = Evidence()) -> tuple[str | None, str | None]:
    """(OntoNotes label, type_source) for a canonical name, or (None, None)."""
    if evidence.disambiguation:
        return None, None
    key = fold(name)
    for source, label in (
        ("infobox", infobox_type(evidence.infobox)),
        ("category", category_type(evidence.categories)),
        ("gazetteer", gazetteer_type(key)),
        ("name_pattern", pattern_type(key) or ("WORK_OF_ART" if evidence.titled else None)),
        ("context", "PERSON" if evidence.role and is_person_name(key) else None),
        ("lexicon", lexicon_type(key, evidence.linked)),
    ):
        if label:
            return label, source
    return None, None


def infobox_type(template: str | None) -> str | None:
    if not template:
        return None
    stem = _infobox_stem(template)
    table = _table("infobox_types.tsv")
    for key in sorted(table, key=len, reverse=True):
        if stem == key or stem.startswith(key + " ") or stem.endswith(" " + key):
            return table[key]
    return None


def _infobox_stem(template: str) -> str:
    stem = fold(template).lower().replace("_", " ").strip()
    stem = re.sub(r"^(?:template:|模板:)?\s*(?:infobox|信息框)\s*", "", stem)
    return re.sub(r"\s*(?:信息框|资讯框|信息盒|讯息框)$", "", stem).strip()


def category_type(categories: tuple[str, ...]) -> str | None:
    votes = Counter()
    order: dict[str, int] = {}
    for category in categories:
        label = _category_label(fold(category))
        if label:
            votes[label] += 1
            order.setdefault(label, len(order))
    if not votes:
        return None
    return max(votes, key=lambda label: (votes[label], -order[label]))


def _category_label(category: str) -> str | None:
    if any(word in category for word in _MAINTENANCE):
        return None
    table = _table("category_types.tsv")
    for suffix in _suffixes_by_length(tuple(table)):
        if category.endswith(suffix):
            return table[suffix]
    return None


@lru_cache(maxsize=4)
def _suffixes_by_length(keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(keys, key=len, reverse=True))


def gazetteer_type(key: str) -> str | None:
    names = gazetteer()
    if key in names:
        return names[key]
    if key.endswith("人") and names.get(key[:-1]) == "GPE":
        return "NORP"
    return None


def pattern_type(key: str) -> str | None:
    if key.startswith("《") and key.endswith("》"):
        return "WORK_OF_ART"
    if _EDITION.match(key) and len(key) > 4:
        return "EVENT"
    for suffix, label in _BY_LENGTH:
        if len(key) - len(suffix) >= (2 if len(suffix) == 1 else 1) and key.endswith(suffix):
            return "CONCEPT" if key[: -len(suffix)] in _GENERIC_STEMS else label
    return None


def lexicon_type(key: str, linked: bool) -> str | None:
    tag = _jieba_tags().get(key)
    if tag is None:
        return None
    if tag in _PROPER_TAGS:
        label = _PROPER_TAGS[tag]
        return label if label != "PERSON" or _lexicon_person(key, tag) else None
    common = tag in _COMMON_TAGS and _jieba_freq(key) >= _COMMON_MIN_FREQ
    return "CONCEPT" if linked and common and len(key) <= 4 else None


def _lexicon_person(key: str, tag: str) -> bool:
    """jieba tags some common words nr (卫星) and places too (吉隆坡): demand a full name."""
    return is_person_name(key) and (len(key) == 3 or tag == "nrfg") and not key.endswith(_PLACE_ENDINGS)


def is_person_name(key: str) -> bool:
    """A Chinese personal name: a known surname and one or two given-name characters."""
    surnames = surname_set()
    for length in (2, 1):
        if key[:length] in surnames and 1 <= len(key) - length <= 2 and _han(key):
            return True
    return False


def _han(s: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in s)


@lru_cache(maxsize=1)
def surname_set() -> frozenset[str]:
    return frozenset(w for line in _lines("surnames.txt") for w in line.split())


@lru_cache(maxsize=1)
def person_roles() -> dict[str, tuple[str, ...]]:
    """{"after": roles that follow a name, "before": roles that precede it}."""
    rows = (line.split("\t", 1) for line in _lines("person_roles.txt"))
    return {side: tuple(words.split()) for side, words in rows}


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Script-folded name -> label: CLDR territories (GPE; world regions LOC) and languages."""
    from babel import Locale

    names: dict[str, str] = {}
    for locale in ("zh_Hans", "zh_Hant", "zh_Hant_HK"):
        data = Locale.parse(locale)
        for code, name in data.territories.items():
            label = _territory_label(code)
            if label and len(name) > 1:
                names.setdefault(fold(name), label)
        for code, name in data.languages.items():
            if len(name) > 1 and "（" not in name and "(" not in name:
                names.setdefault(fold(name), "LANGUAGE")
    for line in _lines("gazetteer_aliases.tsv"):
        name, label = line.split("\t")
        names[fold(name)] = label
    return names


def _territory_label(code: str) -> str | None:
    if code in ("001", "ZZ", "QO", "EZ"):  # the world, unknown region, outlying Oceania, eurozone
        return None
    if code in ("EU", "UN"):
        return "ORG"
    return "LOC" if code.isdigit() else "GPE"


@lru_cache(maxsize=None)
def _table(name: str) -> dict[str, str]:
    return dict(line.split("\t") for line in _lines(name))


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _jieba_freq(key: str) -> int:
    import jieba

    _jieba_tags()
    return jieba.dt.FREQ.get(key) or 0


@lru_cache(maxsize=1)
def _jieba_tags() -> dict[str, str]:
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.posseg.dt.word_tag_tab
