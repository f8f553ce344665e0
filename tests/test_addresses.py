"""Places named in an address after a known place (extractor/extract/addresses.py).

Sentences marked real are quoted (script-folded) from corpus articles (CC BY-SA,
../shared/corpus/SOURCES.md); the others are synthetic edge cases."""

from __future__ import annotations

import pytest

from extractor.extract.addresses import address_spans
from extractor.extract.entities import find_entities
from extractor.model import Document

KNOWN = ("句章县", "陕西省", "安徽", "淮南市", "北京市", "广东省", "刚果民主共和国", "孙中山", "淮安", "宁波市", "上海")

CASES = [  # folded text, units found
    ("隋恭帝。葬于陕西省干县阳洪乡乳台村南800米处。", ["干县", "阳洪乡", "乳台村"]),  # real: 隋恭帝.wiki
    ("后葬于安徽淮南市谢家集区李郢孜镇境内", ["淮南市", "谢家集区", "李郢孜镇"]),  # real: 春申君.md
    ("尔巽墓位于北京市怀柔区怀北镇神山村北。", ["怀柔区", "怀北镇", "神山村"]),  # real: 趙爾巽.md
    ("设立为宁波市鄞州区。", ["鄞州区"]),  # real: 鄞州区.wiki; the longest unit, not 鄞州
    ("生于刚果民主共和国南基伍省金杜市，", ["南基伍省", "金杜市"]),  # real: 约瑟夫·卡比拉.md
    ("革命党总理孙中山南下广州，", []),  # 南下 is a word: no unit starts inside it
    ("从今淮安到扬州，", []),  # a verb, not a name
    ("武德四年（621年）析故句章县置鄞州，", []),  # real: 鄞州区.wiki; 置 (set up) is no part of the name
    ("广东省的城市", []),  # a clause after the place
    ("上海市场", []),  # 市场 is a word: 市 is no class word there
    ("陕西省全省", []),  # 全省: a common word
]


def _place_ends_at(folded: str):
    ends = {folded.find(name) + len(name) for name in KNOWN if name in folded}
    return lambda end: end in ends


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:8] for c in CASES])
def test_address_spans(text, expected):
    assert [text[s:e] for s, e in address_spans(text, _place_ends_at(text))] == expected


def test_address_units_are_places_of_the_record():  # real sentence, 隋恭帝.wiki (traditional script kept)
    text = "葬於陝西省乾縣陽洪鄉乳台村南800米處。"
    found = {e.name: e for e in find_entities(Document("隋恭帝", "dump", text))}
    assert {name: found[name].type for name in ("乾縣", "陽洪鄉", "乳台村")} == dict.fromkeys(
        ("乾縣", "陽洪鄉", "乳台村"), "GPE"
    )
    assert [(m.start, m.end) for m in found["陽洪鄉"].mentions] == [(7, 10)]
