"""Entities: real expected entities, types and mentions for the seed and corpus articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.extract.entities import find_entities
from extractor.extract.typing import Evidence, category_type, entity_type, infobox_type
from extractor.model import Document, Link, Page, Span
from extractor.options import Options
from extractor.pipeline import process_page
from extractor.sources import reader_for

ROOT = Path(__file__).resolve().parent.parent
SEED = "raw/seed/000_b6e711bf4e50eda6.txt"
FIXTURES = "tests/fixtures/entities"


def record_of(path: str) -> dict:
    (page,) = list(reader_for(ROOT / path)(ROOT / path, path))[:1]
    record = process_page(page, Options())
    assert isinstance(record, dict), record
    return record


@pytest.fixture(scope="module")
def seed() -> dict:
    return record_of(SEED)


def by_name(record: dict) -> dict[str, dict]:
    return {e["name"]: e for e in record["entities"]}


SEED_TYPES = [  # name, type, type_source
    ("中国", "GPE", "gazetteer"), ("泰国", "GPE", "gazetteer"), ("伊朗", "GPE", "gazetteer"),
    ("马来西亚", "GPE", "gazetteer"), ("联合国", "ORG", "gazetteer"), ("李新军", "PERSON", "context"),
    ("亚太太空合作组织", "ORG", "category"), ("亚太地区", "LOC", "name_pattern"),
    ("亚太空间合作组织公约", "LAW", "name_pattern"), ("科学", "CONCEPT", "lexicon"), ("空间", "CONCEPT", "lexicon"),
]


@pytest.mark.parametrize("name,label,source", SEED_TYPES, ids=[t[0] for t in SEED_TYPES])
def test_seed_types(seed, name, label, source):
    entity = by_name(seed)[name]
    assert (entity["type"], entity["type_source"]) == (label, source)


def test_seed_unlinked_country_is_an_entity(seed):
    iran = by_name(seed)["伊朗"]
    assert [seed["text"][m["start"] : m["end"]] for m in iran["mentions"]] == ["伊朗"] * 3
    assert not any(m["linked"] for m in iran["mentions"])


def test_seed_subject_and_its_quoted_alias(seed):
    subject = by_name(seed)["亚太太空合作组织"]
    assert subject["aliases"] == ["亚太空间合作组织"]
    surfaces = [seed["text"][m["start"] : m["end"]] for m in subject["mentions"]]
    assert surfaces[0] == "亚太太空合作组织" and surfaces.count("亚太空间合作组织") == 4
    law = by_name(seed)["亚太空间合作组织公约"]
    assert len(law["mentions"]) == 3  # the subject's alias inside 《…公约》 is the law's, not the subject's


def test_seed_mentions_never_overlap_and_are_longer_than_one(seed):
    spans = sorted((m["start"], m["end"]) for e in seed["entities"] for m in e["mentions"])
    assert all(end - start > 1 for start, end in spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))


def test_seed_unlinked_mentions_of_linked_entities(seed):
    thailand = by_name(seed)["泰国"]
    first_link = min(m["start"] for m in thailand["mentions"] if m["linked"])
    unlinked = [m["start"] for m in thailand["mentions"] if not m["linked"]]
    # the page's own title is a name before its first link too (1992年，中国、泰国和巴基斯坦…)
    assert unlinked == [288, 817, 890, 1055] and unlinked[0] < first_link < unlinked[1]


def test_seed_cldr_names_of_one_territory_are_one_entity(seed):
    indonesia = [e for e in seed["entities"] if "印度尼西亚" in {e["name"], *e["aliases"]}]
    assert len(indonesia) == 1 and {"印尼", "印度尼西亚"} <= {indonesia[0]["name"], *indonesia[0]["aliases"]}


CORPUS = [  # article, entity, type, type_source
    ("markdown/七子之歌.md", "七子之歌", "WORK_OF_ART", "category"),
    ("markdown/七子之歌.md", "美国", "GPE", "gazetteer"),
    ("markdown/七子之歌.md", "郑成功", "WORK_OF_ART", "name_pattern"),  # written 《郑成功》: the TV series
    ("markdown/七子之歌.md", "梁实秋", "PERSON", "name_pattern"),
    ("markdown/七子之歌.md", "李海鹰", "PERSON", "name_pattern"),  # surname + given name, unknown to jieba
    ("markdown/七子之歌.md", "香港", "GPE", "gazetteer"),  # CLDR's short name
    ("markdown/欧阳自远.md", "贵州省科技协会", "ORG", "name_pattern"),  # unlinked: a known name + 科技协会
    ("wikitext/嫦娥六号.wiki", "嫦娥五号", "PRODUCT", "name_pattern"),
    ("wikitext/嫦娥六号.wiki", "玉兔号月球车", "PRODUCT", "name_pattern"),
    ("wikitext/嫦娥六号.wiki", "月球南极", "LOC", "name_pattern"),
    ("wikitext/嫦娥六号.wiki", "张克俭 (1961年)", "PERSON", "name_pattern"),
    ("wikitext/日之影町.wiki", "西臼杵郡", "GPE", "name_pattern"),
    ("wikitext/日之影町.wiki", "九州山地", "LOC", "name_pattern"),
    ("wikitext/日之影町.wiki", "日之影町商工会", "ORG", "name_pattern"),
    ("wikitext/孫交.wiki", "明朝", "GPE", "gazetteer"),  # eras.tsv's dynasties
    ("wikitext/第10屆金馬獎.wiki", "第10届金马奖", "EVENT", "infobox"),  # Infobox film awards
    ("markdown/许海峰.md", "许海峰", "PERSON", "category"),
    ("markdown/许海峰.md", "中国人", "NORP", "gazetteer"),
    ("markdown/许海峰.md", "中国革命博物馆", "FAC", "name_pattern"),
    ("wikitext/隋恭帝.wiki", "隋恭帝", "PERSON", "category"),
    ("wikitext/隋恭帝.wiki", "隋书", "WORK_OF_ART", "name_pattern"),
    ("wikitext/隋恭帝.wiki", "陕西省", "GPE", "gazetteer"),  # data/china_divisions.tsv
    ("wikitext/箱根驛傳.wiki", "日语", "LANGUAGE", "gazetteer"),
    ("wikitext/箱根驛傳.wiki", "早稻田大学", "ORG", "name_pattern"),
    ("wikitext/第10屆金馬獎.wiki", "中华民国", "GPE", "gazetteer"),
]


@pytest.mark.parametrize("article,name,label,source", CORPUS, ids=[f"{c[0]}:{c[1]}" for c in CORPUS])
def test_corpus_types(article, name, label, source):
    entity = by_name(record_of(f"{FIXTURES}/{article}"))[name]
    assert (entity["type"], entity["type_source"]) == (label, source)


def test_two_scripts_one_entity():
    text = "甲太空組織乙太空组织丙太空组织"
    links = [Link("太空组织", 1, 5, "太空組織"), Link("太空组织", 6, 10, "太空组织")]
    doc = Document("测试", "dump", text, links=links)
    (entity,) = [e for e in find_entities(doc) if e.name == "太空组织"]
    assert [(m.start, m.end, m.linked) for m in entity.mentions] == [(1, 5, True), (6, 10, True), (11, 15, False)]


def test_longest_name_first_and_disambiguation_suffix():
    text = "北京大学在北京。北京大学的PHP课。PHP很好。"
    links = [Link("北京大学", 0, 4, "北京大学"), Link("北京", 5, 7, "北京"), Link("PHP (编程语言)", 13, 16, "PHP")]
    doc = Document("测试", "dump", text, links=links)
    found = {e.name: [(m.start, m.linked) for m in e.mentions] for e in find_entities(doc)}
    assert found["北京大学"] == [(0, True), (8, False)]
    assert found["北京"] == [(5, True)]  # never inside the longer 北京大学
    assert found["PHP (编程语言)"] == [(13, True), (18, False)]


def test_no_latin_word_split_and_subject_bold_names():
    text = "Java语言是JavaScript的远亲。Java很流行。"
    doc = Document("Java", "dump", text, bold=[Span(0, 4)])
    (subject,) = find_entities(doc)
    assert [(m.start, m.end) for m in subject.mentions] == [(0, 4), (21, 25)]  # not inside JavaScript


TYPES = [  # name, evidence, expected
    ("孙乾", Evidence(categories=("蜀漢政治人物", "濰坊人")), ("PERSON", "category")),
    ("鄞州区", Evidence(infobox="Infobox China County"), ("GPE", "infobox")),
    ("某人", Evidence(infobox="人物信息框"), ("PERSON", "infobox")),
    ("某战", Evidence(infobox="Infobox military conflict"), ("EVENT", "infobox")),
    ("泰國", Evidence(), ("GPE", "gazetteer")),
    ("波斯语", Evidence(), ("LANGUAGE", "gazetteer")),
    ("日本人", Evidence(), ("NORP", "gazetteer")),
    ("汕头大学", Evidence(), ("ORG", "name_pattern")),
    ("淝水之戰", Evidence(), ("EVENT", "name_pattern")),
    ("第10屆金馬獎", Evidence(), ("EVENT", "name_pattern")),
    ("国际组织", Evidence(linked=True), ("CONCEPT", "name_pattern")),
    ("卫星", Evidence(linked=True), (None, None)),  # jieba says nr: no signal we trust
    ("李新军", Evidence(role=True), ("PERSON", "context")),
    # synthetic names and titles below: one case per name rule
    ("李新军", Evidence(linked=True), ("PERSON", "name_pattern")),  # surname + given name
    ("黄花", Evidence(linked=True), ("CONCEPT", "lexicon")),  # surname-led, but a common word
    ("安加尔", Evidence(linked=True), (None, None)),  # transliteration, not a given name
    ("张某某 (1961年)", Evidence(linked=True), ("PERSON", "name_pattern")),  # life-span qualifier
    ("甲乙 (政治人物)", Evidence(linked=True), ("PERSON", "name_pattern")),
    ("甲乙 (电影)", Evidence(linked=True), ("WORK_OF_ART", "name_pattern")),
    ("国民党 (1912年)", Evidence(linked=True), ("ORG", "name_pattern")),  # the suffix beats the years
    ("民主党 (日本)", Evidence(linked=True), ("ORG", "name_pattern")),  # country qualifier stripped
    ("万丹 (印尼)", Evidence(linked=True), (None, None)),  # a place qualifier: no person guess
    ("甲乙郡", Evidence(), ("GPE", "name_pattern")),
    ("乾县", Evidence(), ("GPE", "name_pattern")),  # one-character stem allowed for 县
    ("六县", Evidence(), (None, None)),  # a count, not a name
    ("曾国藩", Evidence(), ("PERSON", "name_pattern")),  # 藩 ends given names too: jieba's nr wins
    ("甲乙众议院", Evidence(), ("ORG", "name_pattern")),
    ("甲乙起兵", Evidence(), ("EVENT", "name_pattern")),
    ("甲乙六号", Evidence(), ("PRODUCT", "name_pattern")),
    ("甲乙山地", Evidence(), ("LOC", "name_pattern")),
    ("甲乙刺史部", Evidence(), ("GPE", "name_pattern")),
    ("2008年8月的月食", Evidence(), (None, None)),  # a description, not a name
    ("干部", Evidence(), (None, None)),  # a common word, whatever its ending (部)
    ("佟佳氏", Evidence(), ("NORP", "name_pattern")),
    ("唐朝", Evidence(), ("GPE", "gazetteer")),
    ("日文", Evidence(), ("LANGUAGE", "gazetteer")),
    ("月球", Evidence(), ("LOC", "gazetteer")),
    ("甲乙丙", Evidence(), (None, None)),
    ("孙 (消歧义)", Evidence(disambiguation=True, categories=("消歧义",)), (None, None)),
    # China's divisions (data/china_divisions.tsv): full and short names; no short name that is a common word
    ("云南", Evidence(), ("GPE", "gazetteer")),
    ("南京市", Evidence(), ("GPE", "gazetteer")),
    ("大同", Evidence(), (None, None)),
    ("贵州人", Evidence(), (None, None)),  # X人 is a people for states only (贵州人大 is a congress)
    # synthetic: office titles are posts, untyped unless their page has a person infobox
    ("甲乙总统", Evidence(categories=("甲乙总统",)), (None, None)),
    ("甲乙总统", Evidence(infobox="Infobox officeholder"), ("PERSON", "infobox")),
    # synthetic: 山 / 岳 / 峰 with a two-character stem are mountains; not a person's name, not a common word
    ("甲乙山", Evidence(), ("LOC", "name_pattern")),
    ("甲乙岳", Evidence(), ("LOC", "name_pattern")),
    ("孙中山", Evidence(linked=True), (None, None)),
    ("体验登山", Evidence(), (None, None)),
    ("城镇", Evidence(linked=True), ("CONCEPT", "lexicon")),  # jieba's ns on a class noun
    # monarchs: a reign name and a title is a person; a realm and a title is a post
    ("醍醐天皇", Evidence(linked=True), ("PERSON", "name_pattern")),
    ("日本天皇", Evidence(linked=True), (None, None)),
    ("光绪帝", Evidence(linked=True), ("PERSON", "name_pattern")),  # jieba's noun 光绪 is an era (eras.tsv)
    ("傀儡皇帝", Evidence(linked=True), (None, None)),
    ("慈禧太后", Evidence(), ("PERSON", "name_pattern")),
    # works, events, institutions and places by their last words
    ("古今和歌集", Evidence(linked=True), ("WORK_OF_ART", "name_pattern")),
    ("土佐日记", Evidence(linked=True), ("WORK_OF_ART", "name_pattern")),
    ("五运会", Evidence(linked=True), ("EVENT", "name_pattern")),
    ("金马奖", Evidence(linked=True), ("EVENT", "name_pattern")),
    ("悉尼奥运", Evidence(linked=True), ("EVENT", "name_pattern")),
    ("青空文库", Evidence(linked=True), ("ORG", "name_pattern")),
    ("纪贯之神社", Evidence(), ("FAC", "name_pattern")),  # 神社 before 社 (ORG)
    ("吉隆坡", Evidence(linked=True), ("GPE", "gazetteer")),  # CLDR exemplar city (Asia/Kuala_Lumpur)
    ("容韵琳", Evidence(linked=True), ("PERSON", "name_pattern")),  # 容: a rarer 百家姓 surname
    ("洪承畴", Evidence(linked=True), ("PERSON", "name_pattern")),  # 洪, 赖: among today's hundred commonest
    ("芮效俭", Evidence(linked=True), ("PERSON", "name_pattern")),  # 芮, 储: 百家姓 surnames that start few words
    # Japanese names: two family characters and a typical given-name ending (link targets of the corpus)
    ("野田佳彦", Evidence(linked=True), ("PERSON", "name_pattern")),
    ("赤星多美子", Evidence(linked=True), ("PERSON", "name_pattern")),
    ("延喜之治", Evidence(linked=True), (None, None)),  # an era of rule
    ("意大利统一", Evidence(linked=True), (None, None)),  # 统一 is a word
    ("亿光电子", Evidence(linked=True), (None, None)),  # 电子 is a word
    # a class word or an adjective before a suffix names a kind, except for suffixes that take any stem
    ("直接选举", Evidence(linked=True), ("CONCEPT", "name_pattern")),
    ("中央电视台", Evidence(linked=True), ("ORG", "name_pattern")),
    ("万维网", Evidence(linked=True), (None, None)),  # 网 ends sites and networks alike: no suffix rule
    ("台语", Evidence(), ("LANGUAGE", "gazetteer")),
    ("中东", Evidence(), ("LOC", "gazetteer")),
    # suffixes judged on every corpus name they type (streets, halls, hospitals, schools, cases)
    ("贝克街", Evidence(linked=True), ("FAC", "name_pattern")),
    ("清凉殿", Evidence(linked=True), ("FAC", "name_pattern")),  # 清凉 is an adjective: 殿 takes any stem
    ("国家艺廊 (伦敦)", Evidence(linked=True), ("FAC", "name_pattern")),
    ("钟山书院", Evidence(linked=True), ("ORG", "name_pattern")),
    ("深圳龙岗中心医院", Evidence(linked=True), ("ORG", "name_pattern")),
    ("高级中学", Evidence(linked=True), ("CONCEPT", "name_pattern")),  # a kind of school
    ("咨询公司", Evidence(linked=True), ("CONCEPT", "name_pattern")),  # a trade and 公司: a kind of company
    ("福特公司", Evidence(linked=True), ("ORG", "name_pattern")),
    # instruments, dialogues, handovers and licences: a name before the class word, a kind after a common word
    ("哈伯望远镜", Evidence(linked=True), ("PRODUCT", "name_pattern")),  # a link of 范艾伦辐射带.md
    ("射电望远镜", Evidence(linked=True), ("CONCEPT", "name_pattern")),
    ("中美战略安全对话", Evidence(linked=True), ("EVENT", "name_pattern")),  # 美中關係全國委員會.wiki
    ("战略对话", Evidence(linked=True), ("CONCEPT", "name_pattern")),
    ("澳门回归", Evidence(linked=True), ("EVENT", "name_pattern")),
    ("BSD许可证", Evidence(linked=True), ("LAW", "name_pattern")),  # DragonFly_BSD.md
    ("营业许可证", Evidence(linked=True), ("CONCEPT", "name_pattern")),
    ("临时约法", Evidence(linked=True, titled=True), ("LAW", "name_pattern")),  # 《临时约法》 (二次革命.md)
    ("奏定学堂章程", Evidence(linked=True), ("LAW", "name_pattern")),  # 孫家鼐.md
    ("管理条例", Evidence(linked=True), ("CONCEPT", "name_pattern")),
    # a Japanese prince and princess by their ranks (links of 醍醐天皇.md, 宇多天皇.md)
    ("保明亲王", Evidence(linked=True), ("PERSON", "name_pattern")),
    ("宣子内亲王", Evidence(linked=True), ("PERSON", "name_pattern")),
    ("宋教仁案", Evidence(linked=True), ("EVENT", "name_pattern")),
    ("倚天屠龙记大结局", Evidence(linked=True), (None, None)),  # 结局 is a word, no bureau
    ("国家体育总局", Evidence(linked=True), ("ORG", "name_pattern")),
    ("中华书局", Evidence(linked=True), ("ORG", "name_pattern")),
    ("多种语言", Evidence(), (None, None)),  # CLDR's placeholder for several languages, no language
    ("皇家档案", Evidence(linked=True), (None, None)),  # 档案 is a word, no case
    ("中华民国军政府组织大纲修正案", Evidence(linked=True), ("LAW", "name_pattern")),
    ("豪萨族", Evidence(linked=True), ("NORP", "name_pattern")),  # a people
    # a linked name and 人 is a people (links of 中东北非民族.wiki, 北賽普勒斯.md) unless a word ends it
    ("科普特人", Evidence(linked=True), ("NORP", "name_pattern")),
    ("腓尼基人", Evidence(linked=True), ("NORP", "name_pattern")),
    ("柄谷行人", Evidence(linked=True), (None, None)),  # a Japanese critic (中上健次.wiki): 行人 is a word
    ("北京猿人", Evidence(linked=True), (None, None)),  # a species
    ("机器人", Evidence(linked=True), ("CONCEPT", "lexicon")),
    ("大卫·L·博伦", Evidence(linked=True), ("PERSON", "name_pattern")),  # an initial: a person's name
    ("闪含语系", Evidence(linked=True), ("LANGUAGE", "name_pattern")),  # a language family
    ("洛朗-德西雷·卡比拉", Evidence(linked=True), ("PERSON", "name_pattern")),  # a hyphenated given name
    ("亨利·季辛吉", Evidence(linked=True), ("PERSON", "name_pattern")),  # transliterated, interpunct-joined
    ("筒井康隆", Evidence(linked=True), ("PERSON", "name_pattern")),
    ("武德", Evidence(linked=True), (None, None)),  # an era name (data/eras.tsv), no surname and given name
    ("古印度", Evidence(linked=True), (None, None)),  # an epithet and a country, no surname and given name
    ("我来自广州", Evidence(linked=True), (None, None)),  # a pronoun-led clause (a TV series' title)
    ("众议院 (日本)", Evidence(linked=True), ("ORG", "name_pattern")),  # disambiguated: a name, not jieba's noun
    ("城市 (日本)", Evidence(linked=True), (None, None)),
    ("自由党 (英国)", Evidence(linked=True), ("ORG", "name_pattern")),  # disambiguated: no kind, whatever 自由 is
    # a peer's title on zh.wikipedia (links of 詹姆士·威爾遜_(商人).md)
    ("约翰·罗素，第一代罗素伯爵", Evidence(linked=True), ("PERSON", "name_pattern")),
    ("亨利·坦普尔，第三代巴麦尊子爵", Evidence(linked=True), ("PERSON", "name_pattern")),
    ("畅春园", Evidence(linked=True), ("FAC", "name_pattern")),  # a garden or palace (隆科多.md)
    ("幼儿园", Evidence(linked=True), ("CONCEPT", "name_pattern")),  # a common word before 园: a kind
    ("中国大陆", Evidence(linked=True), ("GPE", "gazetteer")),
    ("日产Sentra", Evidence(linked=True), ("PRODUCT", "name_pattern")),  # a maker and a model (日产蓝鸟.wiki)
    ("蓝光LED", Evidence(linked=True), (None, None)),  # a kind, no model name
    ("某某", Evidence(categories=("清朝四川總督", "清朝奉天巡撫")), ("PERSON", "category")),  # 錫良.md's categories
]


@pytest.mark.parametrize("name,evidence,expected", TYPES, ids=[t[0] for t in TYPES])
def test_entity_type(name, evidence, expected):
    assert entity_type(name, evidence) == expected


def test_type_tables():
    assert infobox_type("Infobox football biography 2") == "PERSON"
    assert infobox_type("Template:Infobox_company") == "ORG"
    assert category_type(("1960年出生", "在世人物", "中国射击运动员")) == "PERSON"
    assert category_type(("使用Cite web的页面",)) is None


def test_a_years_events_category_types_only_what_nothing_else_types():
    # the categories of the corpus's 阿波罗11号 (a mission) and 东方红一号 (a satellite), as their pages have them
    assert category_type(("1969年美国", "阿波罗计划")) == "EVENT"
    assert category_type(("东方红卫星系列", "人造地球卫星", "1970年中国", "1970年科學", "1970年4月")) == "PRODUCT"
    assert category_type(("1960年代中國",)) == "EVENT"
    assert category_type(("1969年美國電影",)) == "WORK_OF_ART"  # its members are films: the class word decides
    assert category_type(("1970年4月",)) is None


def test_compound_institution_names():  # synthetic
    text = "甲乙町位于丙丁县。甲乙町商工会与甲乙町观光协会成立。在丙丁县组织政府。"
    links = [Link("甲乙町", 0, 3, "甲乙町"), Link("丙丁县", 5, 8, "丙丁县")]
    found = {e.name: e for e in find_entities(Document("测试", "dump", text, links=links))}
    assert (found["甲乙町商工会"].type, found["甲乙町商工会"].type_source) == ("ORG", "name_pattern")
    assert found["甲乙町观光协会"].type == "ORG"
    assert "丙丁县组织政府" not in found  # a clause (组织 is a verb), not a name
    assert [(m.start, m.end) for m in found["甲乙町"].mentions] == [(0, 3)]  # not inside the longer names


def test_compound_teams_and_games():  # synthetic
    text = "她生于丙丁。后加入丙丁射击队，参加伦敦奥运会，为中国奥运会金牌。"
    found = {e.name: e for e in find_entities(Document("测试", "dump", text, links=[Link("丙丁", 3, 5, "丙丁")]))}
    assert (found["丙丁射击队"].type, [(m.start, m.end) for m in found["丙丁射击队"].mentions]) == ("ORG", [(9, 14)])
    assert (found["伦敦奥运会"].type, found["伦敦奥运会"].type_source) == ("EVENT", "name_pattern")
    assert "中国奥运会" not in found  # games are named after a host city, not a country
    assert [(m.start, m.end) for m in found["丙丁"].mentions] == [(3, 5)]
    text = "高知县的高知市与美国市场。"  # a place class word right after a known short name; 市场 is a word
    found = {e.name: e for e in find_entities(Document("测试", "dump", text, links=[Link("高知县", 0, 3, "高知县")]))}
    assert (found["高知市"].type, [(m.start, m.end) for m in found["高知市"].mentions]) == ("GPE", [(4, 7)])
    assert "美国市" not in found
    text = "伦敦奥运会组队选拔赛。"
    assert "伦敦奥运会组队" not in {e.name for e in find_entities(Document("测试", "dump", text))}  # 组队 is a word


def test_short_place_names_and_compound_surname():  # synthetic
    text = "欧阳某某生于钟祥县。后居钟祥。欧阳曾任职。"
    doc = Document("欧阳某某", "dump", text, links=[Link("钟祥县", 6, 9, "钟祥县")], bold=[Span(0, 4)])
    found = {e.name: e for e in find_entities(doc)}
    assert [(m.start, m.end) for m in found["钟祥县"].mentions] == [(6, 9), (12, 14)]
    assert [(m.start, m.end) for m in found["欧阳某某"].mentions] == [(0, 4), (15, 17)]


def test_gazetteer_names_join_a_linked_entity():  # synthetic
    text = "日语是语言。日文很难。"
    found = {e.name: e for e in find_entities(Document("测试", "dump", text, links=[Link("日语", 0, 2, "日语")]))}
    assert [(m.start, m.linked) for m in found["日语"].mentions] == [(0, True), (6, False)]
    assert "日文" not in found


def test_listed_names_share_a_class_suffix():  # synthetic
    text = "1900年：设置甲乙村、丙丁戊村、己庚村各役场。甲乙村和己庚村合并。吃饭、睡觉。"
    found = {e.name: e for e in find_entities(Document("测试", "dump", text))}
    assert {n: (found[n].type, found[n].type_source) for n in ("甲乙村", "丙丁戊村", "己庚村")} == {
        n: ("GPE", "name_pattern") for n in ("甲乙村", "丙丁戊村", "己庚村")
    }
    assert [(m.start, m.end) for m in found["甲乙村"].mentions] == [(8, 11), (24, 27)]
    assert "设置甲乙村" not in found and "己庚村各役场" not in found
    assert not {"吃饭", "睡觉"} & set(found)


def test_office_subject_leaves_its_text_to_the_country():  # synthetic
    text = "帛琉总统是帛琉共和国的元首。帛琉总统任期四年。"
    doc = Document("帛琉总统", "dump", text, links=[Link("帛琉共和国", 5, 10, "帛琉共和国")], bold=[Span(0, 4)])
    found = {e.name: e for e in find_entities(doc)}
    assert (found["帛琉总统"].type, found["帛琉总统"].mentions) == (None, [])
    state = found["帛琉共和国"]  # 帛琉 is CLDR's PW; 帛琉共和国 is 帛琉 and a form of state
    assert [(m.start, m.end, m.linked) for m in state.mentions] == [(0, 2, False), (5, 10, True), (14, 16, False)]


def test_no_mentions_inside_another_languages_text():  # synthetic
    markup = "[[箱根町|箱根]]有'''箱根驿传'''（{{lang-ja|箱根駅伝}}）。日文写作{{lang|ja|箱根}}。箱根很美。"
    record = process_page(Page(markup=markup, format="wikitext", path="x.wiki", title="箱根驿传"), Options())
    text, town = record["text"], by_name(record)["箱根町"]
    spans = [(text[m["start"] : m["end"]], m["start"], m["linked"]) for m in town["mentions"]]
    inside = text.index("箱根駅伝")
    assert all(not inside <= start < inside + 4 for _, start, _ in spans)  # 箱根駅伝 is Japanese text
    later = [("箱根", text.index("写作") + 2, False), ("箱根", text.index("很美") - 2, False)]
    assert spans == [("箱根", 0, True), *later]


def test_ruler_title_and_personal_name_are_two_names():  # synthetic, shaped like 隋恭帝.wiki's lead
    text = "隋恭帝杨侑，隋朝皇帝。杨侑在位一年。"
    found = {e.name: e for e in find_entities(Document("隋恭帝", "dump", text, bold=[Span(0, 5)]))}
    subject = found["隋恭帝"]
    assert [(m.start, m.end) for m in subject.mentions] == [(0, 3), (3, 5), (11, 13)]
    assert subject.aliases == ["杨侑"]


def test_japanese_person_is_called_by_the_family_name():  # synthetic
    text = "甲斐田 一郎是日本政治家。甲斐田曾任议员。"
    doc = Document("甲斐田一郎", "dump", text, categories=["日本政治人物"], bold=[Span(0, 6)])
    subject = {e.name: e for e in find_entities(doc)}["甲斐田一郎"]
    assert (subject.type, "甲斐田" in subject.aliases) == ("PERSON", True)  # the lead's space shows the split
    assert (13, 16) in [(m.start, m.end) for m in subject.mentions]


def test_the_subjects_family_names_linked_kin():  # synthetic
    text = "甲斐田 一郎是政治家。其父甲斐田英雄、祖父甲斐田宽亦为议员。"  # the bold name's space splits the family name
    links = [Link("甲斐田英雄", 13, 18, "甲斐田英雄"), Link("甲斐田宽", 21, 25, "甲斐田宽")]
    doc = Document("甲斐田一郎", "dump", text, links=links, categories=["日本政治人物"], bold=[Span(0, 6)])
    found = {e.name: (e.type, e.type_source) for e in find_entities(doc)}
    assert found["甲斐田英雄"] == found["甲斐田宽"] == ("PERSON", "context")


def test_member_anchor_is_no_name_and_a_clan_is_no_alias():  # synthetic
    text = "某某是政治家，曾任众议院议员。连续当选众议院议员。"
    links = [Link("众议院 (日本)", 9, 14, "众议院 (日本)")]
    found = {e.name: e for e in find_entities(Document("某某", "dump", text, links=links))}
    house = found["众议院 (日本)"]
    assert house.aliases == ["众议院议员", "众议院"]  # the anchor is kept as what the editor wrote
    assert [(m.start, m.end, m.linked) for m in house.mentions] == [(9, 14, True), (19, 22, False)]
    text = "甲乙，字丙丁，拜岳特氏，清朝官员。"
    doc = Document("甲乙", "dump", text, bold=[Span(0, 2), Span(4, 6), Span(7, 11)])
    assert {e.name: e.aliases for e in find_entities(doc)}["甲乙"] == ["丙丁"]  # 拜岳特氏 is his clan


def test_language_name_inside_a_word_is_no_mention():  # synthetic
    text = "香云纱是国际文化遗产。中日文化交流。本书有日文版。"
    found = {e.name: [(m.start, m.end) for m in e.mentions] for e in find_entities(Document("测试", "dump", text))}
    assert "国际文" not in found  # CLDR's Interlingue, inside 国际文化
    assert found["日文"] == [(text.index("日文版"), text.index("日文版") + 2)]  # not inside 中日文化


def test_gazetteer_name_inside_a_longer_word_is_no_mention():  # synthetic
    text = "寺院所在的太白山风景秀丽。理查德来自乍得。他住在台北市。"
    found = {e.name: [(m.start, m.end) for m in e.mentions] for e in find_entities(Document("测试", "dump", text))}
    assert "白山" not in found  # 太白山 is a mountain
    assert "查德" not in found  # CLDR's name for Chad, inside 理查德
    assert found["台北"] == [(text.index("台北市"), text.index("台北市") + 2)]  # 台北市 is the same place


def test_names_at_the_very_end_of_the_text():  # synthetic: no character after the name to read a word with
    text = "日之影町是町。参见：日之影町观光协会"
    doc = Document("测试", "dump", text, links=[Link("日之影町", 0, 4, "日之影町")])
    found = {e.name: e.type for e in find_entities(doc)}
    assert found["日之影町观光协会"] == "ORG"
    assert {e.name for e in find_entities(Document("测试", "dump", "本书译自日文"))} == {"测试", "日文"}


def test_transliterated_persons_are_called_by_the_family_name():  # synthetic
    text = "约瑟夫·卡比拉是总统。他会见亨利·季辛吉。季辛吉说，卡比拉很年轻。詹姆斯·范·艾伦发现了它，范艾伦认为如此。"
    links = [Link("亨利·季辛吉", 14, 20, "亨利·季辛吉"), Link("詹姆斯·范·艾伦", 33, 41, "詹姆斯·范·艾伦")]
    doc = Document("约瑟夫·卡比拉", "dump", text, links=links, categories=["刚果民主共和国总统"], bold=[Span(0, 7)])
    found = {e.name: e for e in find_entities(doc)}
    spans = {name: [text[m.start : m.end] for m in found[name].mentions] for name in found}
    assert spans["亨利·季辛吉"] == ["亨利·季辛吉", "季辛吉"]
    assert spans["约瑟夫·卡比拉"] == ["约瑟夫·卡比拉", "卡比拉"]
    assert spans["詹姆斯·范·艾伦"] == ["詹姆斯·范·艾伦", "范艾伦"]  # the particle 范 belongs to the family name


def test_a_list_with_persons_makes_persons_of_its_name_shaped_items():  # shaped like 美中關係全國委員會.wiki
    text = "副主席：莫里斯·格林伯格、Thomas Kean、亨利·季辛吉、Jeffrey Bader。工作：访问、交流、研究。"
    links = [Link("莫里斯·格林伯格", 4, 12, "莫里斯·格林伯格"), Link("Thomas Kean", 13, 24, "Thomas Kean"),
             Link("亨利·季辛吉", 25, 31, "亨利·季辛吉")]
    assert [text[link.start : link.end] for link in links] == [link.target for link in links]
    found = {e.name: (e.type, e.type_source) for e in find_entities(Document("测试", "dump", text, links=links))}
    assert found["Thomas Kean"] == ("PERSON", "context")  # linked, untyped until the list says so
    assert found["Jeffrey Bader"] == ("PERSON", "context")  # unlinked, found as an item
    assert not {"访问", "交流", "研究"} & set(found)


@pytest.mark.parametrize(
    ("target", "label"),
    [
        ("Carla A. Hills", "PERSON"),  # links of 美中關係全國委員會.wiki's list of chairs
        ("I. Peter Wolff", "PERSON"),
        ("Jan F. van Eck", "PERSON"),
        ("David L. Cunningham Jr.", "PERSON"),
        ("巴伯·B·科纳布尔", "PERSON"),  # a Latin initial between the parts of a transliterated name
        ("Comic Birz", None),  # a magazine (日丸屋秀和.wiki): capitalized words but no initial
        ("Jump SQ", None),
    ],
)
def test_a_linked_name_with_an_initial_is_a_person(target: str, label: str | None):
    text = f"成员有{target}。"
    links = [Link(target, 3, 3 + len(target), target)]
    found = {e.name: e.type for e in find_entities(Document("测试", "dump", text, links=links))}
    assert found[target] == label


def test_a_link_followed_by_zu_names_a_people():  # shaped like 中东北非民族.wiki's lists
    text = "使用闪含语系语言的民族：\n柏柏尔族\n贝都因族\n柏柏尔族分布很广。"
    links = [Link("柏柏尔", 13, 16, "柏柏尔"), Link("贝都因人", 18, 21, "贝都因")]
    found = {e.name: e for e in find_entities(Document("测试", "dump", text, links=links))}
    assert (found["柏柏尔"].type, found["柏柏尔"].type_source) == ("NORP", "context")
    assert "柏柏尔族" in found["柏柏尔"].aliases and found["贝都因人"].type == "NORP"
    assert [(m.start, m.linked) for m in found["柏柏尔"].mentions] == [(13, True), (23, False)]  # 柏柏尔族 later


def test_a_list_left_open_ends_at_its_last_item():  # synthetic: a run of items no punctuation closes
    text = "甲乙村、丙丁村、戊己村、"  # the regex once retried such runs from every position (quadratic)
    found = {e.name: (e.type, e.type_source) for e in find_entities(Document("测试", "dump", text))}
    assert {n: found.get(n) for n in ("甲乙村", "丙丁村", "戊己村")} == {
        n: ("GPE", "name_pattern") for n in ("甲乙村", "丙丁村", "戊己村")
    }


def test_names_sharing_a_first_character_and_a_name_at_the_end():  # synthetic
    text = "书甲乙与书甲丙。又读书甲乙。我爱中国"  # 中国 ends the text; longer gazetteer names start with 中 too
    links = [Link("书甲乙", 0, 3, "书甲乙"), Link("书甲丙", 4, 7, "书甲丙")]
    entities = find_entities(Document("测试", "dump", text, links=links))
    found = {e.name: [(m.start, m.end) for m in e.mentions] for e in entities}
    assert found["书甲乙"] == [(0, 3), (10, 13)] and found["书甲丙"] == [(4, 7)]
    assert found["中国"] == [(16, 18)]


# --- the fast matchers against straightforward versions of the same rules, on the corpus's own text ----------


def _corpus_texts() -> list[str]:
    """The corpus's markup as folded text (no parsing needed: the matchers take any text)."""
    from _paths import CORPUS

    from extractor.titles import fold

    if not CORPUS.is_dir():
        pytest.skip("shared corpus not available")
    files = sorted(CORPUS.glob("wikitext/*.wiki")) + sorted(CORPUS.glob("markdown/*.md"))
    return [fold(f.read_text(encoding="utf-8")) for f in files] + ["、", "张三、李四、王五", "甲乙、丙丁等\n", ""]


@pytest.fixture(scope="module")
def corpus_texts() -> list[str]:
    return _corpus_texts()


def _regex_role_spans(folded: str) -> list[tuple[int, int]]:
    """persons.role_spans as one regex over the text (the rule as first written: slow, plain)."""
    from extractor.extract import persons
    from extractor.extract.typing import person_roles, surname_set

    alternatives = {side: "|".join(sorted(words, key=len, reverse=True)) for side, words in person_roles().items()}
    surnames = "|".join(sorted(surname_set(), key=len, reverse=True))
    name = rf"(?:{surnames})[\u4e00-\u9fff]{{1,2}}"
    copula = "(?:是为|叫做|名叫|名为|是|为|叫|：|:)?"
    pattern = re.compile(rf"(?P<a>{name})(?:{alternatives['after']})|(?:{alternatives['before']}){copula}(?P<b>{name})")
    spans = []
    for m in pattern.finditer(folded):
        if m.group("a"):
            start = m.start("a")
            starts = start == 0 or not "\u4e00" <= folded[start - 1] <= "\u9fff"
            starts = starts or folded.endswith(person_roles()["before"], 0, start)
            if starts and persons._given_ok(m.group("a")):
                spans.append(m.span("a"))
            continue
        start, end = m.start("b"), persons._name_end(folded, m.start("b"), m.end("b"))
        if persons._given_ok(folded[start:end]):
            spans.append((start, end))
    return spans


def test_role_spans_equal_the_plain_regex(corpus_texts):
    from extractor.extract.entities import _table_words
    from extractor.extract.persons import role_marks, role_spans

    found = 0
    for text in corpus_texts:
        spans = list(role_spans(text))
        assert spans == _regex_role_spans(text)
        assert list(role_spans(text, role_marks(text, _table_words().find(text)))) == spans  # as find_entities
        found += len(spans)
    assert found > 20  # 41 in the corpus: the comparison is not vacuous


def test_occurrences_are_every_occurrence_of_every_name(corpus_texts):
    """The automata find what a str.find loop over every name finds (page names and gazetteer names)."""
    from extractor.extract.entities import _gazetteer_names, _occurrences, _table_words

    def plain(text: str, names: set[str]) -> list[tuple[int, int, int, str]]:
        found = []
        for name in names:
            at = text.find(name)
            while at != -1:
                found.append((-len(name), at, at + len(name), name))
                at = text.find(name, at + 1)
        return sorted(found)

    for text in corpus_texts[::4]:
        owners = {t: None for t in re.findall(r"\[\[([^\[\]|#\n]{2,20})", text)}  # the page's link targets
        found = _occurrences(text, owners, _table_words().find(text))
        assert found == plain(text, set(owners) | set(_gazetteer_names()))


def test_enumeration_stretches_equal_a_search_of_every_stretch(corpus_texts):
    from extractor.extract.entities import _LIST, _list_matches
    from extractor.extract.persons import _ENUMERATION, _LIST_RUN, HAN_OR_COMMA, runs_holding

    for text in corpus_texts:
        every = [m.span() for m in re.finditer(r"[^：:；;。，,\n（）()]+", text) if "、" in m.group()]
        assert runs_holding(text, "、", _LIST_RUN) == every
        assert [m.span() for m in _list_matches(text)] == [m.span() for m in _LIST.finditer(text)]
        stretches = runs_holding(text, "、", HAN_OR_COMMA)
        within = [m.span() for s, e in stretches for m in _ENUMERATION.finditer(text, s, min(e + 1, len(text)))]
        assert within == [m.span() for m in _ENUMERATION.finditer(text)]


def test_a_works_credits_name_its_people():  # real: 逢坂剛.wiki's list of translations
    text = "卡迪斯红星\n（中文）译者：洪碧娟，皇冠出版社，2011-06-13，656页"
    found = {e.name: (e.type, e.type_source) for e in find_entities(Document("逢坂刚", "dump", text))}
    assert found["洪碧娟"] == ("PERSON", "context")
