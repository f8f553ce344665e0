"""OntoNotes types for entities, from the strongest signal available.

Signals, strongest first (the first that applies wins; `type_source` names it):

An office title (帛琉总统, 吏部侍郎: names.is_office) is untyped unless its page has
a person infobox: its categories (总统) name the people who held it. A list
(…列表) and the peoples of places (中东北非民族) name no single entity: CONCEPT,
whatever their categories say (`no_entity_title`).

1. `infobox`: the page's infobox template (data/infobox_types.tsv);
2. `category`: the page's categories, by their head noun (data/category_types.tsv); a year's
   events by place (1969年美国) is EVENT when no category names a class;
3. `gazetteer`: CLDR territory, language and exemplar-city names (its time
   zones' cities: 吉隆坡, 伊斯坦布尔) in zh_Hans, zh_Hant and
   zh_Hant_HK (Babel) plus data/gazetteer_aliases.tsv, the dynasties of
   data/eras.tsv (唐朝, 北魏: GPE) and China's provinces and prefecture-level
   cities (data/china_divisions.tsv: 云南省, 云南, 南京): GPE; historical states, dynasties,
   regions and peoples (data/historical_polities.tsv, from zh.wikipedia's lists: 越国, 前燕 GPE,
   中原 LOC, 匈奴 NORP; its `match` 0 names type a name found otherwise but are not looked for
   in running text); `X人` for a territory X is NORP;
4. `name_pattern`: the name's own shape (names.py: suffixes, disambiguation
   qualifiers, serial numbers 嫦娥六号, 《…》 titles, 第N届…, a peer's title 约翰·罗素，第一代罗素伯爵);
5. `context`: a surname (data/surnames.txt) and a role word next to a mention
   in the text (data/person_roles.txt): 李新军博士 -> PERSON; a linked name that
   starts with the subject's family name (逢泽英雄 on 逢泽一郎's page); a link
   followed by 族 ([[柏柏尔]]族) is a people (NORP);
   then `name_pattern` again for a personal name's shape (surname + given name
   that jieba does not know as a common word or a place; names.py), weaker
   than a role word but stronger than jieba's own tags; a Japanese name's
   shape too (野田佳彦: two family characters, a typical given-name ending), a
   linked transliterated name joined by an interpunct (亨利·季辛吉), a linked Latin name
   with an initial (Carla A. Hills), a linked name and 人 as a people (科普特人), and a linked
   maker's name and a Latin model name as a product (日产Sentra);
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
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import NamedTuple

from ..resources import data_file
from ..titles import fold
from .names import (
    COMMON_MIN_FREQ,
    MEMO,
    is_office,
    is_person_name,
    japanese_name_shaped,
    jieba_freq,
    jieba_tag,
    latin_person,
    model_shaped,
    name_key,
    pattern_type,
    people_shaped,
    person_shaped,
    split_qualifier,
    surname_set,
    transliterated_person,
)

__all__ = ["Evidence", "entity_type", "gazetteer", "gazetteer_type", "pattern_type", "person_roles", "surname_set"]


_PROPER_TAGS = {"nr": "PERSON", "nrfg": "PERSON", "nrt": "PERSON", "ns": "GPE", "nt": "ORG", "nz": None}
_COMMON_TAGS = frozenset("n ng nl v vn vd a an ad d".split())  # not l / i: jieba files rare names there
_PLACE_CLASS_CHARS = frozenset("城镇乡村市县省区州郡都邑")  # a word of these alone names a kind of place
_PLACE_ENDINGS = tuple("坡港湾城州市县岛山江河湖海馆站场厂店楼寺宫")
_NO_LANGUAGE = frozenset("mul und zxx mis".split())  # 多种语言, 未知语言, 无语言内容: CLDR's placeholders
_NOT_STATES = ("dynasty", "misc", "近代", "更始")  # eras.tsv's header, its catch-all rows, a period, an era name
# zh.wikipedia files a year's (or decade's) events by place: Category:1969年美国, 1960年代中国
_YEAR_PLACE = re.compile(r"^(?:前)?[0-9]{1,4}年(?:代)?(?P<place>.+)$")
_MAINTENANCE = ("条目", "页面", "模板", "维基", "消歧义", "小作品")


class Evidence(NamedTuple):
    """What is known about an entity besides its name."""

    infobox: str | None = None
    categories: tuple[str, ...] = ()
    disambiguation: bool = False
    linked: bool = False  # a link target (a common noun then is CONCEPT)
    role: bool = False  # a role word stands next to one of its mentions
    titled: bool = False  # written in 《…》 in the text: a work (or a law)
    kin: bool = False  # the subject's family name and a given name (逢泽英雄 on 逢泽一郎's page)
    people: bool = False  # linked with 族 after it ([[柏柏尔]]族): a people


NO_EVIDENCE = Evidence()


@lru_cache(maxsize=MEMO)
def entity_type(name: str, evidence: Evidence = NO_EVIDENCE) -> tuple[str | None, str | None]:
    """(OntoNotes label, type_source) for a canonical name, or (None, None) (memoized: a pure function)."""
    if evidence.disambiguation:
        return None, None
    key = name_key(name)
    if is_office(key):  # 帛琉总统 in 帛琉总统 categories: a post, unless its page is a biography
        label = infobox_type(evidence.infobox)
        return (label, "infobox") if label == "PERSON" else (None, None)
    if no_entity_title(key):  # 清代台湾民变列表 in 民变事件 categories: a list of events is no event
        return "CONCEPT", "name_pattern"
    for source, label in _signals(key, evidence):
        if label:
            return label, source
    return None, None


def _signals(key: str, evidence: Evidence) -> Iterator[tuple[str, str | None]]:
    """(type_source, label or None) of each signal, strongest first, each worked out only when asked for."""
    yield "infobox", infobox_type(evidence.infobox)
    yield "category", category_type(evidence.categories)
    yield "gazetteer", gazetteer_type(key)
    yield "name_pattern", pattern_type(key) or ("WORK_OF_ART" if evidence.titled else None)
    yield "context", "NORP" if evidence.people else None
    yield "context", "PERSON" if (evidence.role and is_person_name(key)) or evidence.kin else None
    yield "name_pattern", "PERSON" if person_shaped(key) and not place_qualified(key) else None
    yield "name_pattern", "PERSON" if japanese_name_shaped(key) and not place_qualified(key) else None
    yield "name_pattern", "PERSON" if transliterated_person(key) and evidence.linked else None
    yield "name_pattern", "PERSON" if latin_person(key) and evidence.linked else None
    yield "name_pattern", "NORP" if evidence.linked and people_shaped(key) else None
    yield "name_pattern", "PRODUCT" if evidence.linked and model_shaped(key) else None
    yield "lexicon", lexicon_type(key, evidence.linked)


@lru_cache(maxsize=MEMO)
def no_entity_title(key: str) -> bool:
    """Titles that name no single entity, whatever their page's categories say: a list (zh.wikipedia's
    `…列表` pages: 清代台湾民变列表), and the peoples of places (中东北非民族: 中东 + 北非 + 民族, a
    region's peoples as a whole, filed under 族群 like one people; 中华民族 is no place's)."""
    bare = split_qualifier(key)[0]
    if bare.endswith("列表") and len(bare) > 2:
        return True
    return bare.endswith("民族") and _places_only(bare[: -len("民族")])


def _places_only(stem: str) -> bool:
    """The stem is one or more gazetteer places (GPE / LOC) written together: 中东北非, 非洲, 东亚."""
    if not stem:
        return False
    ends = {0}
    for end in range(2, len(stem) + 1):
        if any(start in ends and gazetteer_type(stem[start:end]) in ("GPE", "LOC") for start in range(end - 1)):
            ends.add(end)
    return len(stem) in ends


@lru_cache(maxsize=MEMO)
def place_qualified(key: str) -> bool:
    """`万丹 (印尼)`: a country or region qualifier disambiguates places far more often than persons."""
    qualifier = split_qualifier(key)[1]
    return qualifier is not None and gazetteer_type(qualifier) in ("GPE", "LOC") and qualifier not in dynasties()


@lru_cache(maxsize=MEMO)
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
    """The label most of the page's typed categories agree on (ties: the first in page order); a
    year's-events category (1969年美国) only when no category names its members' class, since
    zh.wikipedia files things of that year there too (东方红一号: 1970年中国, 人造地球卫星)."""
    if not categories:
        return None
    votes = Counter()
    order: dict[str, int] = {}
    dated = False
    for category in categories:
        folded = fold(category)
        label = _category_label(folded)
        if label:
            votes[label] += 1
            order.setdefault(label, len(order))
        dated = dated or _year_events(folded)
    if not votes:
        return "EVENT" if dated else None
    return max(votes, key=lambda label: (votes[label], -order[label]))


@lru_cache(maxsize=MEMO)
def _year_events(category: str) -> bool:
    dated = _YEAR_PLACE.match(category)
    return dated is not None and gazetteer_type(dated.group("place")) == "GPE"


@lru_cache(maxsize=MEMO)
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


@lru_cache(maxsize=MEMO)
def gazetteer_type(key: str) -> str | None:
    label = _table_label(key)
    if label:
        return label
    return "NORP" if key.endswith("人") and people_of(key[:-1]) else None


def _table_label(key: str) -> str | None:
    """The label of a name the tables list: the gazetteer's (matched in text) or a typing-only one."""
    return gazetteer().get(key) or _typing_only().get(key)


def people_of(key: str) -> bool:
    """`X人` names a people (伊朗人, 唐朝人, 越国人) for a state X; not for a Chinese province (贵州人大 is a
    congress)."""
    return _table_label(key) == "GPE" and not (gazetteer_code(key) or "").startswith("CN-")


@lru_cache(maxsize=1)
def historical_polities() -> dict[str, tuple[str, bool]]:
    """Folded name -> (label, looked for in running text) of data/historical_polities.tsv (once per process)."""
    rows = (line.split("\t") for line in _lines("historical_polities.tsv"))
    return {fold(name): (label, match == "1") for name, label, _list, match in rows if name != "name"}


@lru_cache(maxsize=1)
def _typing_only() -> dict[str, str]:
    """Table names that type a name but are never matched in text (越国, 大清: see historical_polities.tsv)."""
    return {name: label for name, (label, match) in historical_polities().items() if not match}


@lru_cache(maxsize=MEMO)
def lexicon_type(key: str, linked: bool) -> str | None:
    tag = jieba_tag(key)
    if tag is None:
        return None
    if tag == "ns" and set(key) <= _PLACE_CLASS_CHARS:  # 城镇, 城市, 乡村: jieba's ns on a class noun
        return "CONCEPT" if linked else None
    if tag in _PROPER_TAGS:
        label = _PROPER_TAGS[tag]
        return label if label != "PERSON" or _lexicon_person(key, tag) else None
    common = tag in _COMMON_TAGS and jieba_freq(key) >= COMMON_MIN_FREQ
    return "CONCEPT" if linked and common and len(key) <= 4 else None


def _lexicon_person(key: str, tag: str) -> bool:
    """jieba tags some common words nr (卫星) and places too (吉隆坡): demand a full name."""
    return is_person_name(key) and (len(key) == 3 or tag == "nrfg") and not key.endswith(_PLACE_ENDINGS)


@lru_cache(maxsize=1)
def person_roles() -> dict[str, tuple[str, ...]]:
    """{"after": roles that follow a name, "before": roles that precede it}."""
    rows = (line.split("\t", 1) for line in _lines("person_roles.txt"))
    return {side: tuple(words.split()) for side, words in rows}


def gazetteer() -> dict[str, str]:
    """Script-folded name -> label: CLDR territories (GPE; world regions LOC) and languages."""
    return _gazetteer_tables()[0]


def gazetteer_code(key: str) -> str | None:
    """The CLDR code a gazetteer name stands for: 日文 and 日语 are both `lang:ja`, 印尼 and 印度尼西亚 `ID`."""
    return _gazetteer_tables()[1].get(key)


@lru_cache(maxsize=1)
def _gazetteer_tables() -> tuple[dict[str, str], dict[str, str]]:
    from babel import Locale

    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    for locale in ("zh_Hans", "zh_Hant", "zh_Hant_HK"):
        data = Locale.parse(locale)
        for code, name in data.territories.items():
            label = _territory_label(code)
            if label and len(name) > 1:
                names.setdefault(fold(name), label)
                codes.setdefault(fold(name), code)
        for zone, names_of_zone in data.time_zones.items():  # exemplar cities: 吉隆坡, 伊斯坦布尔, 奥克兰
            city = names_of_zone.get("city")
            if city and len(city) > 1 and zone.split("/")[0] not in ("Etc", "Antarctica"):
                names.setdefault(fold(city), "GPE")
                codes.setdefault(fold(city), "tz:" + zone)
        for code, name in data.languages.items():
            if code in _NO_LANGUAGE:
                continue
            if len(name) > 1 and "（" not in name and "(" not in name:
                names.setdefault(fold(name), "LANGUAGE")
                codes.setdefault(fold(name), "lang:" + code)
    for line in _lines("gazetteer_aliases.tsv"):
        name, label, *code = line.split("\t")
        names[fold(name)] = label
        if code:
            codes[fold(name)] = code[0]
    for name, (label, match) in historical_polities().items():
        if match:
            names[name] = label  # the lists' own label: 吴越 the state, 南越 the kingdom too (GPE either way)
    for name in dynasties():
        names.setdefault(name, "GPE")
    for full, short, code in china_divisions():
        for name in filter(None, (full, short)):
            names.setdefault(name, "GPE")
            codes.setdefault(name, "CN-" + code)
    return names, codes


@lru_cache(maxsize=1)
def china_divisions() -> tuple[tuple[str, str, str], ...]:
    """(full name, short name or "", code) of China's provinces and prefecture-level cities (china_divisions.tsv)."""
    return tuple(tuple(line.split("\t")) for line in _lines("china_divisions.tsv"))  # type: ignore[misc]


@lru_cache(maxsize=1)
def dynasties() -> frozenset[str]:
    """Chinese dynasties and states (唐朝, 东汉, 北魏) of data/eras.tsv (zh.wikipedia 中国年号列表): GPE."""
    rows = (line.split("\t", 1)[0] for line in _lines("eras.tsv"))
    return frozenset(fold(name) for name in rows if len(name) > 1 and name not in _NOT_STATES)


def _territory_label(code: str) -> str | None:
    if code in ("001", "ZZ", "QO", "EZ"):  # the world, unknown region, outlying Oceania, eurozone
        return None
    if code in ("EU", "UN"):
        return "ORG"
    return "LOC" if code.isdigit() else "GPE"


@cache
def _table(name: str) -> dict[str, str]:
    return dict(line.split("\t") for line in _lines(name))


def _lines(name: str) -> list[str]:
    text = data_file(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
