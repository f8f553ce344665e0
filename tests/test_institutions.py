"""Unlinked institution names (extractor/extract/institutions.py).

Sentences marked real are quoted from corpus articles (CC BY-SA, tests/fixtures/SOURCES.md
and ../shared/corpus/SOURCES.md); the others are synthetic edge cases.
"""

from __future__ import annotations

import pytest

from extractor.extract.institutions import institution_spans

CASES = [  # folded text, names found
    ("美世是威达信集团的全资子公司，与奥维咨询", ["威达信集团"]),  # real: 美世咨询.wiki (全资子公司: a kind)
    ("总裁。1916年创办中孚银行。", ["中孚银行"]),  # real: 寿县.wiki
    ("艳译，桂林：广西师范大学出版社，2008", ["广西师范大学出版社"]),  # real: 美联社.md
    ("开办豫南公司，开采河南矿产", ["豫南公司"]),  # real: 錫良.md
    ("这些公司亦同意", []),  # a pronoun: no name
    ("是世界最大的机构投资顾问公司", []),  # a kind of company
    ("位于高知县的日本国立大学。", []),  # 国立 (a distinguishing word) before the head: a kind
    ("与五国银行团签订", []),  # a count: a group of banks
    ("历转东阁、文渊阁、武英殿大学士", []),  # 大学士 is an office, the head goes on
    ("江大学、复旦大学等十余所大学的兼职教授", ["复旦大学"]),
    ("在开封创建河南大学堂。", []),  # 大学堂 is one word: the head goes on
    ("他任中国作家协会会长。", ["中国作家协会"]),  # 会长 is a word, but 协会会 is none: the president of it
    ("据纽约时报称，", ["纽约时报"]),  # 时报称 is no word (报称 is, but it is not the head's)
    # real: 美世咨询.wiki; jieba reads 司和佳 as one word: a name starts after the conjunction
    ("与奥维咨询、达信保险顾问公司和佳达保险经纪公司。", ["佳达保险经纪公司"]),
    ("东北大学文学院", ["东北大学文学院"]),  # real: 孫佩蒼.wiki; a sub-unit goes on from its institution
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:8] for c in CASES])
def test_institution_spans(text, expected):
    assert [text[s:e] for s, e in institution_spans(text)] == expected
