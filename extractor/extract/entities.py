"""Entities: every linked page, the article's subject, and names the gazetteer or a role word vouches for.

Wikipedia editors link a page once; the later, unlinked mentions of the same
names are found here. Names of an entity: its title, the title without a
disambiguation suffix, the link anchors, and (with a title index) the
redirects to its page. The article's own subject is an entity named by its
title, the lead's bold terms and the quoted names the lead gives as the
subject's other names (“…”, 「…」, 『…』) when they share the title's head
noun (its last two characters) — the seed's lead says 亚太太空合作组织 and
then “亚太空间合作组织”; a compound surname alone (欧阳 for 欧阳自远) or a
Japanese family name (逢泽 for 逢泽一郎) too; a ruler's bold title and name apart. A
linked place keeps its name without the class word (钟祥县 -> 钟祥). Unlinked
names found by the CLDR gazetteer (伊朗; its other names for one code join one
entity: 日文 joins 日语, 帛琉 a linked 帛琉共和国), persons named next to a role word
(李新军博士), in a cast note or a list of names, emperors' temple names
(persons.py), institutions named after a known name (中国 + 国家航天局) or a
proper name (威达信集团, institutions.py) and the items of an enumeration that
share a place suffix (七折村、岩井川村、分城村) are entities too. An office
title (帛琉总统) is never matched as a mention: its text is a mention of the
place in it; nor is text in another language ({{lang-ja|…}}, Document.foreign).

Matching is done on the script-folded text (same length, so offsets hold):
every occurrence of every name is collected by two Aho-Corasick automata (the
gazetteer's, built once per process; the page's own names', built per page), then
accepted longest first, never overlapping a link or an accepted mention, never
splitting a Latin word; one-character names are never used. A linked
entity's unlinked mentions come after its first link, except those of the
page's own names (title, redirects); others' anywhere.

Cost: everything that does not depend on the page (automata, tables, jieba's
dictionary) is built once per process; pure tests of a name or of a short
stretch of text (its type, its folded key, jieba's tags of the few characters
before an institution's head) are memoized per process, since pages repeat them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import attrgetter

from ..model import Document, Entity, Mention, Span
from ..titles import fold, strip_disambiguation
from .addresses import address_spans
from .automaton import Words
from .institutions import institution_spans
from .links import Resolver
from .names import (
    CLAUSE_TAGS,
    COMMON_MIN_FREQ,
    MEMO,
    WORD_MIN_FREQ,
    common_word,
    family_of_transliterated,
    head_goes_on,
    is_office,
    is_person_name,
    japanese_name_shaped,
    jieba_freq,
    name_key,
    person_shaped,
    pos_tags,
    suffix_type,
    transliterated_person,
)
from .persons import (
    HAN_OR_COMMA,
    RoleMarks,
    cast_spans,
    fellow_spans,
    listed_spans,
    role_marks,
    role_spans,
    role_words,
    runs_holding,
    temple_spans,
)
from .typing import (
    Evidence,
    category_type,
    entity_type,
    gazetteer,
    gazetteer_code,
    gazetteer_type,
    infobox_type,
    pattern_type,
    people_of,
    person_roles,
    place_qualified,
    surname_set,
)

_LATIN_EDGE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_TITLED = re.compile(r"《([^《》\n]{1,40})》")
_QUOTED = re.compile(r"[“「『]([^”」』“「『\n]{2,30})[”」』]")
_LABEL_SOURCES = {
    "gazetteer": "gazetteer",
    "context": "context",
    "title": "name_pattern",
    "compound": "name_pattern",
    "listed": "name_pattern",
}
_BOUNDARY = "，。、；：,;:（）()的和与及等在于是曾"
# Institution heads that make a longer name of a known name and up to four modifiers:
# 中国 + 国家航天局, 贵州省 + 科技协会, 日之影町 + 商工会, 英国 + 馆 (from SUFFIX_TYPES' ORG / FAC heads);
# a place's class word right after its short name: 高知 + 市.
_HEADS = re.compile(
    "委员会|常委会|商工会|协会|学会|航天局|空间局|研究所|研究院|科学院|大学|学院|政府|公司|集团|银行|"
    "电视台|天文台|基金会|联合会|博物馆|纪念馆|馆|学校|学堂|校区|中心|人大|共产党|队|"
    "运动会|奥运会|锦标赛|世界杯|法院|日报|时报|晚报|市|县|町|村"
)
_MODIFIER = re.compile(r"[\u4e00-\u9fff]{0,4}")
_NOT_MODIFIER = set(_BOUNDARY) | set("之也为被把将从向对一二三四五六七八九十百千数几两")


@dataclass
class _Draft:
    name: str
    kind: str  # "subject" | "link" | "gazetteer" | "context" | "title"
    names: dict[str, None] = field(default_factory=dict)  # surface names, insertion-ordered
    primary: set[str] = field(default_factory=set)  # folded names that are the page's own (title, redirects)
    aliases: dict[str, None] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    label: str | None = None  # gazetteer / context / title entities know their type already
    titled: bool = False  # written in 《…》 somewhere in the text
    people: bool = False  # a link followed by 族 ([[柏柏尔]]族): it names a people

    @cached_property
    def first_link(self) -> int:
        """Where its first link starts (-1: none); read only once every link is in (matching adds no link)."""
        return min((m.start for m in self.mentions if m.linked), default=-1)


def find_entities(doc: Document, resolver: Resolver | None = None) -> list[Entity]:
    drafts: dict[str, _Draft] = {}
    folded = fold(doc.text)
    in_tables = _table_words().find(folded)  # gazetteer names and role words: one pass for both
    marks = role_marks(folded, in_tables)
    family = _family_name(doc)
    _add_subject(doc, drafts, family)
    _add_links(doc, drafts, resolver)
    owners = _owner_of(drafts)  # kept up to date by _add_draft
    _add_titled_works(doc.text, drafts, owners)
    _add_context_persons(folded, doc.text, drafts, owners, marks)
    known = _known_places(drafts)
    _add_compounds(doc.text, folded, drafts, owners, known)
    _add_institutions(doc.text, folded, drafts, owners)
    _add_addresses(doc.text, folded, drafts, owners, known)
    _add_listed(doc.text, folded, drafts, owners)
    _match(doc.text, folded, drafts, doc.foreign, in_tables)
    kept = [d for d in drafts.values() if d.mentions or d.kind == "subject"]
    entities = [_finish(d, doc, marks, resolver, family) for d in kept]
    entities += _fellows(doc.text, folded, entities)
    _one_type_per_name(entities)
    return sorted(entities, key=lambda e: (e.mentions[0].start if e.mentions else -1, e.name))


def _fellows(text: str, folded: str, entities: list[Entity]) -> list[Entity]:
    """Items of a list of persons shaped like names (persons.fellow_spans): an untyped entity mentioned
    there is a person (a linked Thomas H. Kean), an unmentioned item a new one."""
    persons = {(m.start, m.end) for e in entities if e.type == "PERSON" for m in e.mentions}
    spans = list(fellow_spans(folded, persons)) if len(persons) >= 2 else []  # a list needs two known persons
    if not spans:
        return []
    at = {(m.start, m.end): e for e in entities for m in e.mentions}
    taken = bytearray(len(text))
    for start, end in at:
        taken[start:end] = b"\x01" * (end - start)
    found: dict[str, Entity] = {}
    for start, end in spans:
        entity = at.get((start, end))
        if entity is not None and entity.type is None and not place_qualified(name_key(entity.name)):
            entity.type, entity.type_source = "PERSON", "context"
        elif entity is None and taken.find(1, start, end) == -1:
            entity = found.setdefault(text[start:end], Entity(text[start:end], "PERSON", [], [], "context"))
            entity.mentions.append(Mention(start, end, False))
    return list(found.values())


# --- who the entities are -------------------------------------------------------------


def _add_subject(doc: Document, drafts: dict[str, _Draft], family: str | None) -> None:
    if not doc.title:
        return
    subject = drafts.setdefault(doc.title, _Draft(doc.title, "subject"))
    _name(subject, doc.title)
    for span in doc.bold:
        for name in _bold_names(doc.title, doc.text[span.start : span.end]):
            _name(subject, name, alias=True)
    for quoted in _lead_quotes(doc):
        if any(_same_head(quoted, name) for name in list(subject.names)):
            _name(subject, quoted, alias=True)
    if family:
        start = name_key(doc.title).find(family)
        _name(subject, doc.title[start : start + len(family)] if start >= 0 else family, alias=True)


def _family_name(doc: Document) -> str | None:
    """The subject's family name when running text uses it alone (欧阳, 逢泽); folded."""
    if not doc.title:
        return None
    return _compound_surname(name_key(doc.title)) or _japanese_family_name(doc) or _transliterated_family(doc)


def _transliterated_family(doc: Document) -> str | None:
    """约瑟夫·卡比拉 is 卡比拉 in running text (a subject typed PERSON by its infobox or categories)."""
    key = name_key(doc.title)
    if not transliterated_person(key) or not _subject_is_person(doc):
        return None
    return family_of_transliterated(key)


def _subject_is_person(doc: Document) -> bool:
    """The page's own infobox or categories make its subject a person."""
    evidence = Evidence(doc.infobox.template if doc.infobox else None, tuple(doc.categories))
    return entity_type(doc.title, evidence)[0] == "PERSON"


def _bold_names(title: str, bold: str) -> tuple[str, ...]:
    """隋恭帝杨侑: a ruler's title and his personal name, two names the text uses apart.

    A bold term whose own class suffix differs from the title's names something
    else: 锡良's lead bolds his clan, 拜岳特氏 (a formal name of a bare title,
    梵蒂冈城国 for 梵蒂冈, stays)."""
    rest = bold[len(title) :]
    if bold.startswith(title) and rest and person_shaped(name_key(rest)):
        return title, rest
    kind, title_kind = suffix_type(name_key(bold)), suffix_type(name_key(title))
    clan = kind == "NORP" and title_kind != "NORP"
    other_kind = kind is not None and title_kind is not None and kind != title_kind
    if clan or other_kind:
        return ()
    return (bold,)


def _japanese_family_name(doc: Document) -> str | None:
    """逢泽一郎 is 逢泽 in running text: a Japanese person is called by the family name."""
    key = name_key(doc.title)
    if not japanese_name_shaped(key) or not _subject_is_person(doc):
        return None
    spaced = (doc.text[s.start : s.end].split() for s in doc.bold)  # 日丸屋 秀和: the lead shows the split
    return next((name_key(parts[0]) for parts in spaced if len(parts) == 2 and "".join(parts) == doc.title), key[:2])


def _compound_surname(key: str) -> str | None:
    """欧阳自远 is 欧阳 in running text; a one-character surname alone is never matched."""
    surname = key[:2]
    return surname if is_person_name(key) and surname in surname_set() and len(key) > 2 else None


def _lead_quotes(doc: Document) -> Iterable[str]:
    end = doc.sections[0].start if doc.sections else len(doc.text)
    return (m.group(1).strip() for m in _QUOTED.finditer(doc.text, 0, end))


def _same_head(a: str, b: str) -> bool:
    """Two names of one thing: the same head noun (last two characters), mostly the same characters."""
    if len(a) < 3 or len(b) < 3 or a[-2:] != b[-2:] or a == b:
        return False
    return len(set(a) & set(b)) / len(set(a) | set(b)) >= 0.5


def _add_links(doc: Document, drafts: dict[str, _Draft], resolver: Resolver | None) -> None:
    text = doc.text
    for link in doc.links:
        target, start, end = link.target, link.start, link.end
        draft = drafts.get(target) or drafts.setdefault(target, _Draft(target, "link"))
        if not draft.names:
            _name(draft, target)
            if resolver is not None:
                for redirect in resolver.redirect_names(target):
                    _name(draft, redirect)
            for name in _link_names(target):
                _name(draft, name)
            draft.primary = {name_key(name) for name in draft.names}
        draft.mentions.append(Mention(start, end, True))
        anchor = text[start:end]
        if text.startswith(_PEOPLE, end):  # [[柏柏尔]]族: the link names a people
            draft.people = True
            _name(draft, anchor + _PEOPLE, alias=True)
        if _member_of(draft, anchor):
            draft.aliases.setdefault(anchor, None)  # what the editor wrote, but no name to look for
        else:
            _name(draft, anchor, alias=True)


_PEOPLE = "族"
_BY_POSITION = attrgetter("start", "end")
_MEMBERS = ("议员", "党员", "成员", "会员", "委员", "代表", "社员", "团员", "队员", "学生", "校友")


def _member_of(draft: _Draft, anchor: str) -> bool:
    """[[众议院 (日本)|众议院议员]]: the anchor names a member of the entity, so it is no name of it to match
    later (众议院议员 in running text is 众议院 and a member)."""
    stems = _member_stems(name_key(anchor))
    return bool(stems) and any(name_key(n) in stems for n in draft.names if len(n) > 1)


@lru_cache(maxsize=MEMO)
def _member_stems(key: str) -> frozenset[str]:
    """What comes before a member word that ends the key (众议院议员 -> 众议院); empty for most anchors."""
    members = _members()
    if not key.endswith(members):  # most anchors: one test
        return frozenset()
    return frozenset(key[: -len(member)] for member in members if key.endswith(member))


@lru_cache(maxsize=1)
def _members() -> tuple[str, ...]:
    return tuple(dict.fromkeys(_MEMBERS + person_roles()["after"]))


def _owner_of(drafts: dict[str, _Draft]) -> dict[str, _Draft]:
    """Surface name -> the first draft that has it: one lookup per name instead of a scan of every draft."""
    owners: dict[str, _Draft] = {}
    for draft in drafts.values():
        for name in draft.names:
            owners.setdefault(name, draft)
    return owners


def _add_draft(drafts: dict[str, _Draft], owners: dict[str, _Draft], draft: _Draft) -> None:
    drafts.setdefault(draft.name, draft)
    owners.setdefault(draft.name, drafts[draft.name])


def _name(draft: _Draft, name: str, alias: bool = False) -> None:
    name = name.strip()
    if not name:
        return
    draft.names.setdefault(name, None)
    bare = _bare(name)
    if bare != name:
        draft.names.setdefault(bare, None)
    if alias and name != draft.name:
        draft.aliases.setdefault(name, None)


@lru_cache(maxsize=MEMO)
def _bare(name: str) -> str:
    """The name without its disambiguation qualifier (titles.strip_disambiguation), once per process."""
    return strip_disambiguation(name)


@lru_cache(maxsize=MEMO)
def _link_names(target: str) -> tuple[str, ...]:
    """Names a linked page goes by besides its title: its short place name, then its family name."""
    return tuple(filter(None, (_short_place(target), _family(target))))


def _family(target: str) -> str | None:
    """亨利·季辛吉 is 季辛吉 in running text: a linked transliterated person keeps the family name
    (folded: the text is matched folded, and the particle drops its interpunct)."""
    key = name_key(target)
    return family_of_transliterated(key) if transliterated_person(key) else None


_PLACE_CLASSES = ("省", "市", "县")


def _short_place(target: str) -> str | None:
    """钟祥县 is 钟祥, 湖北省 湖北 in running text: a place name without its class word (stem of two or more)."""
    bare = _bare(target)
    key = name_key(bare)
    if key.endswith(_PLACE_CLASSES) and len(key) >= 3 and suffix_type(key) == "GPE":
        return bare[:-1]
    return None


def _add_titled_works(text: str, drafts: dict[str, _Draft], owners: dict[str, _Draft]) -> None:
    """Names written in 《…》 are titles of works or laws (a Chinese writing convention)."""
    for m in _TITLED.finditer(text):
        name = m.group(1).strip()
        owner = owners.get(name)
        if owner is not None:
            owner.titled = True
        elif len(name) > 1:
            label = "LAW" if pattern_type(name_key(name)) == "LAW" else "WORK_OF_ART"
            _add_draft(drafts, owners, _Draft(name, "title", {name: None}, label=label, titled=True))


def _known_places(drafts: dict[str, _Draft]) -> _Known:
    """The names compounds and addresses are built on: the page's (not persons': 高知 of 高知县 is no
    person) and the gazetteer's."""
    places = (d for d in drafts.values() if not person_shaped(name_key(d.name)))
    return _Known({key for d in places for key in map(_base_key, d.names) if key})


def _add_compounds(text: str, folded: str, drafts: dict[str, _Draft], owners: dict[str, _Draft], known: _Known) -> None:
    """Unlinked institution names built on a known name: 中国国家航天局, 日之影町商工会, 英国馆."""
    for m in _HEADS.finditer(folded):
        if _inside_word(folded, m.start(), m.end()):
            continue
        start = _compound_start(folded, m.start(), known)
        name = text[start : m.end()] if start is not None else ""
        label = suffix_type(name_key(name)) if name and _modifiers_ok(folded, start, m.start(), known) else None
        if label == "EVENT" and _is_country(folded[start : _known_end(folded, start, m.start(), known)]):
            continue  # 北京奥运会 is an event, 中国奥运会金牌 a country's medal
        if label == "GPE" and (folded[start : m.start()] not in known or name_key(name) in gazetteer()):
            continue  # a place class word right after a known place name only: 高知 + 市 (西安市 is listed)
        if label in ("ORG", "FAC", "EVENT", "GPE") and name not in owners:
            _add_draft(drafts, owners, _Draft(name, "compound", {name: None}, label=label))


def _add_institutions(text: str, folded: str, drafts: dict[str, _Draft], owners: dict[str, _Draft]) -> None:
    """Unlinked institution names that start with a proper name: 威达信集团, 中孚银行 (institutions.py)."""
    for start, end in institution_spans(folded):
        name = text[start:end]
        if name not in owners:
            _add_draft(drafts, owners, _Draft(name, "compound", {name: None}, label="ORG"))


def _add_addresses(text: str, folded: str, drafts: dict[str, _Draft], owners: dict[str, _Draft], known: _Known) -> None:
    """Unlinked places in an address after a known place: 陕西省乾县阳洪乡乳台村 (addresses.py)."""

    def place_ends_at(end: int) -> bool:
        size = known.longest_ending(folded, end)
        key = folded[end - size : end]
        return bool(size) and (gazetteer_type(key) == "GPE" or suffix_type(key) == "GPE")

    for start, end in address_spans(folded, place_ends_at):
        name = text[start:end]
        if name not in owners:
            _add_draft(drafts, owners, _Draft(name, "compound", {name: None}, label="GPE"))


@lru_cache(maxsize=MEMO)
def _base_key(name: str) -> str:
    """The folded key of a name a compound can be built on ("" for one character or a common word)."""
    key = name_key(name)
    return key if len(name) > 1 and not common_word(key) else ""


class _Known:
    """Names a compound can be built on: the page's (folded, no common word) and the gazetteer's."""

    def __init__(self, page: set[str]) -> None:
        self.page, self.gazetteer = page, _gazetteer_set()
        self.page_lengths = _lengths_by_last(page)

    def __contains__(self, key: str) -> bool:
        return key in self.page or key in self.gazetteer

    def longest_ending(self, folded: str, end: int) -> int:
        """The length of the longest known name (two characters or more) that ends at `end`; 0 if none."""
        last, longest = folded[end - 1 : end], 0
        for lengths, names in ((self.page_lengths, self.page), (_gazetteer_lengths(), self.gazetteer)):
            for size in lengths.get(last, ()):  # longest first
                if size <= longest:
                    break
                if 2 <= size <= end and folded[end - size : end] in names:
                    longest = size
                    break
        return longest


def _lengths_by_last(names: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """Last character -> the lengths of the names that end with it, longest first."""
    table: dict[str, set[int]] = {}
    for name in names:
        table.setdefault(name[-1:], set()).add(len(name))
    return {last: tuple(sorted(sizes, reverse=True)) for last, sizes in table.items()}


@lru_cache(maxsize=1)
def _gazetteer_set() -> frozenset[str]:
    return frozenset(_gazetteer_names())


@lru_cache(maxsize=1)
def _gazetteer_lengths() -> dict[str, tuple[int, ...]]:
    return _lengths_by_last(_gazetteer_set())


def _modifiers_ok(folded: str, start: int, head: int, known: _Known) -> bool:
    """The characters between the known name and the head are a noun phrase (国家, 科技, 观光), no clause."""
    name_end = _known_end(folded, start, head, known)
    words = pos_tags(folded[name_end:head], hmm=False) if name_end < head else ()
    return not any(flag.startswith(CLAUSE_TAGS) and flag != "vn" for _word, flag in words)


def _inside_word(folded: str, start: int, end: int) -> bool:
    """组队, 美国市场, 市长, 大学生, 政府军: a head that jieba reads as part of a longer word is no head
    (a one-character head inside any word jieba knows, before or after it)."""
    if end - start > 1:
        return head_goes_on(folded, start, end)
    before, after = folded[start - 1 : end] if start > 0 else "", folded[start : end + 1] if end < len(folded) else ""
    return bool((before and jieba_freq(before)) or (after and jieba_freq(after)))


def _known_end(folded: str, start: int, head: int, known: _Known) -> int:
    return next(end for end in range(head, start, -1) if folded[start:end] in known)


def _is_country(key: str) -> bool:
    """A sovereign territory (CLDR two-letter code): games are named after their host city or region."""
    code = gazetteer_code(key) or ""
    return len(code) == 2 and code.isalpha()


def _compound_start(folded: str, head: int, known: _Known) -> int | None:
    """Where a known name starts (the longest), followed by at most four modifier characters before the head."""
    for gap in range(0, 5):
        end = head - gap
        between = folded[end:head]
        if end < 2 or not _NOT_MODIFIER.isdisjoint(between) or not _MODIFIER.fullmatch(between):
            return None
        size = known.longest_ending(folded, end)
        if size:
            return end - size
    return None


# An enumeration: names separated by 、, the last one closed by punctuation or a conjunction.
# (A list also ends before a 、 that no further item follows: without that, a long run of items never
# closed by punctuation is retried from every position, in quadratic time.)
_LIST = re.compile(r"[\u4e00-\u9fff]{2,10}(?:、[\u4e00-\u9fff]{2,8})+(?=[，。；：）」\s和与及等、]|$)")
_LISTED_LABELS = ("GPE", "LOC", "FAC", "NORP", "LANGUAGE")  # not ORG: 传播学院、公共卫生学院 are a university's parts
_LIST_CLAUSE_TAGS = ("v", "p", "c", "u", "d")  # 设置 (vn), 包括, 有: the clause before a list


def _add_listed(text: str, folded: str, drafts: dict[str, _Draft], owners: dict[str, _Draft]) -> None:
    """Unlinked names in an enumeration whose items share a class label: 七折村、岩井川村、分城村各户长役场.

    Every item must end with a suffix of one label (names.suffix_type); the
    first item loses a leading clause (设置七折村 -> 七折村), the last its
    trailing words (分城村各户长役场 -> 分城村)."""
    for m in _list_matches(folded):
        items = m.group().split("、")
        first, last = _clause_tail(items[0]), _shortest_named(items[-1])
        items = [first, *items[1:-1], last]
        labels = {suffix_type(item) for item in items}
        if len(labels) != 1 or not labels <= set(_LISTED_LABELS):
            continue
        offset = m.start() + len(m.group().split("、")[0]) - len(first)
        for item in items:
            name = text[offset : offset + len(item)]
            if name not in owners:
                _add_draft(drafts, owners, _Draft(name, "listed", {name: None}, label=suffix_type(item)))
            offset += len(item) + 1


def _list_matches(folded: str) -> Iterator[re.Match[str]]:
    """_LIST's matches, searched only in the stretches of Han characters and 、 that hold a 、 (no match leaves
    one; the search sees one character more, for the lookahead)."""
    for start, end in runs_holding(folded, "、", HAN_OR_COMMA):
        yield from _LIST.finditer(folded, start, min(end + 1, len(folded)))


def _clause_tail(item: str) -> str:
    """The name at the end of a list's first item: what follows its last verb, preposition or conjunction."""
    words = pos_tags(item, hmm=False)
    cut = max((i + 1 for i, (_word, flag) in enumerate(words) if flag.startswith(_LIST_CLAUSE_TAGS)), default=0)
    return "".join(word for word, _flag in words[cut:])


def _shortest_named(item: str) -> str:
    """The shortest start of a list's last item that has a class label (真弓岳等山峰 -> 真弓岳)."""
    return next((item[:end] for end in range(3, len(item) + 1) if suffix_type(item[:end])), item)


def _add_context_persons(
    folded: str, text: str, drafts: dict[str, _Draft], owners: dict[str, _Draft], marks: RoleMarks
) -> None:
    """Unlinked personal names the text vouches for: role words, cast notes, temple names, lists (persons.py)."""
    spans = (*role_spans(folded, marks), *cast_spans(folded), *temple_spans(folded), *listed_spans(folded))
    for start, end in spans:
        name = text[start:end]
        if name not in owners:
            _add_draft(drafts, owners, _Draft(name, "context", {name: None}, label="PERSON"))


# --- where they are mentioned -----------------------------------------------------------


def _match(
    text: str, folded: str, drafts: dict[str, _Draft], foreign: list[Span], in_tables: list[tuple[int, int, str]]
) -> None:
    """Unlinked mentions of every draft's names and of gazetteer names (`in_tables`: what `_table_words` found)."""
    owners, coded = _owners(drafts)
    by_code: dict[str, _Draft] = {}
    taken = bytearray(len(text))
    for draft in drafts.values():
        for m in draft.mentions:
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    blocks = _Foreign(len(text), foreign).blocks if foreign else None
    listed, is_taken = gazetteer(), taken.find
    for _rank, start, end, key in _occurrences(folded, owners, in_tables):
        if is_taken(1, start, end) != -1 or _splits_latin_word(text, start, end) or (blocks and blocks(start, end)):
            continue
        owner = owners.get(key)
        if owner is None and (_language_in_word(folded, key, end) or _inside_longer_word(folded, start, end)):
            continue
        surface = text[start:end]
        draft = owner or coded.get(gazetteer_code(key) or "") or _gazetteer_draft(surface, drafts, by_code)
        if draft.kind == "link" and start < draft.first_link and key not in draft.primary and key not in listed:
            continue
        draft.mentions.append(Mention(start, end, False))
        if surface != draft.name:
            draft.aliases.setdefault(surface, None)
        taken[start:end] = b"\x01" * (end - start)


def _language_in_word(folded: str, key: str, end: int) -> bool:
    """国际文化, 中日文化: a language name (国际文 is CLDR's Interlingue, 日文 Japanese) whose last
    character starts a frequent word with what follows is no mention of the language."""
    word = folded[end - 1 : end + 1]
    return len(word) == 2 and gazetteer_type(key) == "LANGUAGE" and jieba_freq(word) >= COMMON_MIN_FREQ


_SAME_PLACE = tuple("市县省都区州人族")  # 台北市, 东京都, 汉族人: the longer word is the same place or people


def _inside_longer_word(folded: str, start: int, end: int) -> bool:
    """太白山, 日本海, 理查德: a gazetteer name that jieba reads as part of a longer word (a mountain, a sea,
    a given name) is no mention of the place; names of the page itself are always matched."""
    before = folded[start - 1 : end] if start > 0 else ""
    after = folded[start : end + 1] if end < len(folded) else ""
    return (bool(before) and jieba_freq(before) >= WORD_MIN_FREQ) or (
        bool(after) and jieba_freq(after) >= WORD_MIN_FREQ and not after.endswith(_SAME_PLACE)
    )


class _Foreign:
    """Text in another language (日语：箱根駅伝) holds no Chinese mention, unless it is the name itself
    ({{lang|ja|日之影町}} gives the Japanese spelling of the same name)."""

    def __init__(self, size: int, spans: list[Span]) -> None:
        self.mask = bytearray(size)
        self.whole = {(s.start, s.end) for s in spans}
        for s in spans:
            self.mask[s.start : s.end] = b"\x01" * (s.end - s.start)

    def blocks(self, start: int, end: int) -> bool:
        return self.mask.find(1, start, end) != -1 and (start, end) not in self.whole


def _owners(drafts: dict[str, _Draft]) -> tuple[dict[str, _Draft], dict[str, _Draft]]:
    """Folded name -> its entity (the first that claims it), and CLDR code -> the entity that has a name of it.

    A gazetteer name joins an entity that has another name of the same CLDR
    code: 日文 joins a linked 日语, 印度尼西亚 a linked 印尼."""
    owners: dict[str, _Draft] = {}
    coded: dict[str, _Draft] = {}
    for draft in drafts.values():
        for name in draft.names:
            matched = _matched_key(name)
            if matched:
                key, code = matched
                owners.setdefault(key, draft)
                if code:
                    coded.setdefault(code, draft)
    return owners, coded


@lru_cache(maxsize=MEMO)
def _matched_key(name: str) -> tuple[str, str | None] | None:
    """A name's folded key and CLDR code; None for a name never matched: one character, or an office
    title (帛琉总统 is a post: its text is 帛琉's mention)."""
    key = name_key(name)
    if len(name) > 1 and not is_office(key):
        return key, _code_of(key)
    return None


@lru_cache(maxsize=MEMO)
def _code_of(key: str) -> str | None:
    """The CLDR code of a name, or of its short form (帛琉共和国 -> 帛琉)."""
    return gazetteer_code(key) or gazetteer_code(_state_stem(key))


_STATE_FORMS = ("人民共和国", "民主共和国", "共和国", "联合王国", "王国", "合众国", "联邦")


def _state_stem(key: str) -> str:
    """帛琉共和国 -> 帛琉: a state's formal name is its short name and a form of state."""
    form = next((f for f in _STATE_FORMS if key.endswith(f) and len(key) > len(f) + 1), "")
    return key[: len(key) - len(form)] if form else ""


@lru_cache(maxsize=1)
def _gazetteer_names() -> tuple[str, ...]:
    names = gazetteer()
    peoples = tuple(n + "人" for n in names if people_of(n))
    return tuple(n for n in names if len(n) > 1) + peoples


def _gazetteer_draft(surface: str, drafts: dict[str, _Draft], by_code: dict[str, _Draft]) -> _Draft:
    """The entity of an unlinked gazetteer name: one per CLDR code, whichever of its names came first."""
    code = gazetteer_code(name_key(surface))
    draft = drafts.get(surface) or (by_code.get(code) if code else None)
    if draft is None:
        label = gazetteer_type(name_key(surface))
        draft = drafts[surface] = _Draft(surface, "gazetteer", {surface: None}, label=label)
    if code:
        by_code.setdefault(code, draft)
    return draft


def _occurrences(
    folded: str, owners: dict[str, _Draft], in_tables: list[tuple[int, int, str]]
) -> list[tuple[int, int, int, str]]:
    """(-length, start, end, name) of every occurrence of the page's names and of the gazetteer's, longest
    first, then leftmost: one automaton for the page's names (built per page); the gazetteer's occurrences
    come from `in_tables` (found once per page by the tables' automaton, which has the page's gazetteer names)."""
    gazetteer_names = _gazetteer_set()
    found = Words((key for key in owners if key not in gazetteer_names), small=True).find(folded)
    found += [hit for hit in in_tables if hit[2] in gazetteer_names]
    return sorted((start - end, start, end, key) for start, end, key in found)


@lru_cache(maxsize=1)
def _table_words() -> Words:
    """The per-process automaton of the tables: gazetteer names and role words (persons.role_marks)."""
    return Words((*_gazetteer_names(), *role_words()))


def _splits_latin_word(text: str, start: int, end: int) -> bool:
    """The span starts or ends inside a run of ASCII letters and digits."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return (before in _LATIN_EDGE and text[start] in _LATIN_EDGE) or (
        after in _LATIN_EDGE and text[end - 1] in _LATIN_EDGE
    )


# --- what they are ------------------------------------------------------------------------


def _finish(draft: _Draft, doc: Document, marks: RoleMarks, resolver: Resolver | None, family: str | None) -> Entity:
    draft.mentions.sort(key=_BY_POSITION)
    if draft.label:
        label, source = _labeled_type(draft, resolver)
    else:
        label, source = entity_type(draft.name, _evidence(draft, doc, marks, resolver, family))
    return Entity(draft.name, label, list(draft.aliases), draft.mentions, source)


def _labeled_type(draft: _Draft, resolver: Resolver | None) -> tuple[str | None, str | None]:
    """The type of a name a rule found with its label (a role word's person, a compound's institution, a
    list's village): stronger evidence first, the rule's label last. The wiki's page of that name (its
    infobox, its categories: a dump run) and the tables (gazetteer, historical_polities.tsv) outrank any
    rule, so 赵国 named next to a role word is the state, not a person; a name the text writes in 《…》
    (《国语·吴语》's 吴语) is a work whatever the tables say: the brackets are the text's own word."""
    page = resolver.page(draft.name) if resolver is not None and draft.kind != "gazetteer" else None
    if page is not None and not page.disambig:
        for source, label in (("infobox", infobox_type(page.infobox)), ("category", category_type(page.categories))):
            if label:
                return label, source
    table = gazetteer_type(name_key(draft.name)) if draft.kind not in ("gazetteer", "title") else None
    if table:
        return table, "gazetteer"
    return draft.label, _LABEL_SOURCES[draft.kind]


# Evidence, strongest first (typing.py's order): one entity's type wins over another's by this rank.
_SOURCE_RANK = {"infobox": 0, "category": 1, "gazetteer": 2, "name_pattern": 3, "context": 4, "lexicon": 5}
_UNRANKED = len(_SOURCE_RANK)


def _one_type_per_name(entities: list[Entity]) -> None:
    """One type per name within a record: entities that share a name (their names, aliases, two characters
    or more, folded; 国语 of a linked 国语 (书) and of a linked 国语 (国别史著作)) take the type of the one
    with the strongest evidence (_SOURCE_RANK), decided once every mention and rule is in. Ties keep each
    its own type."""
    holders: dict[str, list[Entity]] = {}
    for entity in entities:
        for key in _shared_keys(entity):
            holders.setdefault(key, []).append(entity)
    for group in holders.values():
        if len(group) < 2 or len({e.type for e in group}) < 2:
            continue
        best = min(group, key=_rank)
        if any(_rank(e) == _rank(best) and e.type != best.type for e in group):
            continue  # equal evidence disagrees: nothing decides
        for entity in group:
            if _rank(entity) > _rank(best):
                entity.type, entity.type_source = best.type, best.type_source


def _rank(entity: Entity) -> int:
    return _SOURCE_RANK.get(entity.type_source or "", _UNRANKED) if entity.type else _UNRANKED + 1


def _shared_keys(entity: Entity) -> set[str]:
    """The entity's names (its title without the qualifier too: 国语 of 国语 (书)), folded, two characters
    or more; an office title (帛琉总统) is no name of the place it is an anchor for."""
    keys = {name_key(name) for name in (entity.name, *entity.aliases) if len(name) > 1}
    if entity.name.endswith(")") or entity.name.endswith("）"):
        keys.add(name_key(_bare(entity.name)))
    return {key for key in keys if len(key) > 1 and not is_office(key)}


def _evidence(
    draft: _Draft, doc: Document, marks: RoleMarks, resolver: Resolver | None, family: str | None
) -> Evidence:
    before, after = marks.before_ends, marks.after  # a role word ends right before a mention or starts at its end
    role = bool(before or after) and any(m.start in before or m.end in after for m in draft.mentions)
    kin, people = _kin(draft, family), draft.people
    if draft.kind == "subject":
        infobox = doc.infobox.template if doc.infobox else None
        return Evidence(infobox, tuple(doc.categories), doc.is_disambiguation, False, role, draft.titled, kin, people)
    page = resolver.page(draft.name) if resolver is not None else None
    if page is None:
        return Evidence(linked=True, role=role, titled=draft.titled, kin=kin, people=people)
    return Evidence(page.infobox, page.categories, page.disambig, True, role, draft.titled, kin, people)


def _kin(draft: _Draft, family: str | None) -> bool:
    """逢泽英雄 on 逢泽一郎's page: a linked name of the subject's family name (two characters or more)
    and a given name of one or two (逢泽英雄, not 欧阳修全集)."""
    if not family or draft.kind != "link":
        return False
    key = name_key(_bare(draft.name))
    given = key[len(family) :] if key.startswith(family) else ""
    return 1 <= len(given) <= 2 and _HAN_ONLY.fullmatch(given) is not None
