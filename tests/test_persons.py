"""Unlinked personal names the text vouches for (extractor/extract/persons.py).

Sentences marked real are quoted from the corpus articles named beside them
(CC BY-SA, tests/fixtures/SOURCES.md); the others are synthetic edge cases.
"""

from __future__ import annotations

import pytest

from extractor.extract.persons import cast_spans, listed_spans, role_spans, temple_spans


def names(spans, text):
    return [text[start:end] for start, end in spans(text)]


ROLE_CASES = [  # text, names found
    ("陶璐娜的启蒙教练是翁绍兴，陶璐娜还是13岁时", ["翁绍兴"]),  # real: 陶璐娜.md (copula, place word as given name)
    ("曾经在陕西队训练时的队友杜雷结婚；两人于", ["杜雷"]),  # real: 郭文珺.md (杜雷|结婚)
    ("其教练是为谢前乔。随著时间过去", ["谢前乔"]),  # real: 陶璐娜.md
    ("秘书长李新军博士出席。", ["李新军"]),  # the seed: role before and after
    ("美国总统艾森豪通过白宫新闻", ["艾森豪"]),
    ("母亲和前夫木下胜太郎", []),  # 和 is a conjunction here, 前夫 a noun
    ("哈瓦斯的儿子成功地于1852年", []),  # 成功 is a word, not 成 + a given name
    ("原来35位副总裁解雇了33个", []),
    ("他的女儿和他一起。", []),  # pronoun after a conjunction-surname
    ("向吴先生致歉意。", []),  # 向 is a preposition, 吴先生 the person (one character: not matched)
    ("国民政府主席汪精卫兼任委员长", ["汪精卫"]),
]


@pytest.mark.parametrize("text,expected", ROLE_CASES, ids=[c[0][:8] for c in ROLE_CASES])
def test_role_spans(text, expected):
    assert names(role_spans, text) == expected


def test_cast_notes_name_character_and_actor():
    # real: 廟街十二少.md
    text = "他就是小男婴日后的养父唐秋水(吴孟达饰)。他还有一个养母叫做凤凰女(叶德娴饰)，"
    text += "故为小男婴取名为唐十二(刘德华饰)"
    assert names(cast_spans, text) == ["唐秋水", "吴孟达", "凤凰女", "叶德娴", "唐十二", "刘德华"]
    text = "这是一个很长的没有名字的句子(某某饰)"
    assert names(cast_spans, text) == ["某某"]  # 句子 is a common noun, no character


def test_temple_names():
    text = "刘瑾事败，武宗召其回京师。世宗在未登基前居。禅宗与宗教。成为清圣祖、清世宗"  # first two: real, 孫交.wiki
    assert names(temple_spans, text) == ["武宗", "世宗", "圣祖", "世宗"]
    assert [(s, e) for s, e in temple_spans("集中宗教")] == []  # 宗教 is a word


def test_enumerations_of_names():
    text = "其中四大探长---雷洛、蓝江、颜同、韩森。"  # real: 廟街十二少.md (颜同: 同 alone is a preposition)
    assert names(listed_spans, text) == ["雷洛", "蓝江", "颜同", "韩森"]
    text = "（集体设计：吴南生、林川、林墉等）"  # real: 汕头大学 (等 closes the list)
    assert names(listed_spans, text) == ["吴南生", "林川", "林墉"]
    assert names(listed_spans, "王府、高楼、金库。") == []  # words jieba knows are no names
    assert names(listed_spans, "雷洛、蓝江。") == []  # two items are no enumeration cue
