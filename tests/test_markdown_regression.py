"""Exact parse_markdown output for corpus pages that exercise the fast paths: percent-encoded and
parenthesised link destinations, glued anchors recovered by title prefix and by jieba's function
words, bracket groups, `-{…}-` protected spans, reference lists, citations.

A differential guard: every value below is what the parser gave before its speed work (and still
gives). A change here is an output change, to be made on purpose and reviewed, never a side effect.
Regenerate a value by printing `FIELDS[field](parsed(name, variant))`; never edit one by hand.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
from _paths import CORPUS

from extractor.model import Document
from extractor.parse.markdown import parse_markdown
from extractor.sources import reader_for


@cache
def parsed(name: str, variant: str) -> Document:
    path = CORPUS / "markdown" / f"{name}.md"
    (page,) = reader_for(path)(path, path.name)
    return parse_markdown(page, variant)


def links(doc: Document) -> list[tuple[str, str, bool]]:
    return [(link.target, doc.text[link.start : link.end], link.anchor_uncertain) for link in doc.links]


FIELDS: dict[str, Callable[[Document], Any]] = {
    "text": lambda doc: (len(doc.text), hashlib.sha256(doc.text.encode()).hexdigest()),
    "links": lambda doc: len(doc.links),
    "all_links": links,
    "repaired_links": lambda doc: [link for link in links(doc) if link[0] != link[1]],
    "external_links": lambda doc: [(e.url, doc.text[e.start : e.end]) for e in doc.external_links],
    "sections": lambda doc: [(s.title, s.level, s.start, s.end) for s in doc.sections],
    "protected": lambda doc: [(s.start, s.end) for s in doc.protected],
    "references": lambda doc: [(r.id, r.text, r.url, r.title) for r in doc.references],
    "citations": lambda doc: [(c.ref_id, c.pos) for c in doc.citations],
    "bold": lambda doc: [(s.start, s.end) for s in doc.bold],
    "blocks": lambda doc: len(doc.blocks),
    "tables": lambda doc: [(t.caption, t.header, len(t.rows)) for t in doc.tables],
    "categories": lambda doc: doc.categories,
}

EXPECTED: dict[tuple[str, str], dict[str, Any]] = {
    ("紀貫之", "zh-hans"): {
        "text": (460, "290435f2dc4cbe7fbefdca3b6e5cb16c1de6a39ec14c8d0f6e24603465b81752"),
        "links": 33,
        "repaired_links": [
            ("日語假名", "假名", True),
            ("比叡山鐵道比叡山鐵道線", "坂本纜車", True),
            ("福王子神社 (大津市)", "福王子神社(大津市)", False),
        ],
        "external_links": [
            ("http://www.aozora.gr.jp/index_pages/person155.html", "紀貫之：作家別作品リスト"),
            ("http://researchmap.jp/kaizen/%E4%BB%8A%E6%98%94%E7%A7%80%E6%AD%8C%E7%99%BE%E6%92%B0/", "今昔秀歌百撰"),
        ],
        "sections": [
            ("概略", 2, 56, 246),
            ("作品", 2, 248, 351),
            ("墓", 2, 353, 393),
            ("外部連結", 2, 395, 426),
            ("關連項目", 2, 428, 460),
        ],
        "protected": [],
        "references": [],
        "citations": [],
        "bold": [(0, 3)],
        "blocks": 22,
        "tables": [],
        "categories": [
            "紀氏",
            "日本散文家",
            "平安時代歌人",
            "日本人物神",
            "866年出生",
            "872年出生",
            "945年逝世",
            "平安時代中期貴族",
        ],
        "all_links": [
            ("平安時代", "平安時代", False),
            ("歌人", "歌人", False),
            ("古今和歌集", "古今和歌集", False),
            ("三十六歌仙", "三十六歌仙", False),
            ("紀友則", "紀友則", False),
            ("紀望行", "紀望行", False),
            ("延喜", "延喜", False),
            ("醍醐天皇", "醍醐天皇", False),
            ("壬生忠岑", "壬生忠岑", False),
            ("凡河內躬恒", "凡河內躬恒", False),
            ("勅撰和歌集", "勅撰和歌集", False),
            ("日語假名", "假名", True),
            ("小倉百人一首", "小倉百人一首", False),
            ("貫之集", "貫之集", False),
            ("土佐日記", "土佐日記", False),
            ("日記", "日記", False),
            ("女流文學", "女流文學", False),
            ("京都御所", "京都御所", False),
            ("古今和歌集", "古今和歌集", False),
            ("新撰和歌", "新撰和歌", False),
            ("古今著聞集", "古今著聞集", False),
            ("貫之集", "貫之集", False),
            ("土佐日記", "土佐日記", False),
            ("滋賀縣", "滋賀縣", False),
            ("大津市", "大津市", False),
            ("比叡山", "比叡山", False),
            ("比叡山鐵道", "比叡山鐵道", False),
            ("比叡山鐵道比叡山鐵道線", "坂本纜車", True),
            ("裳立山車站", "裳立山車站", False),
            ("青空文庫", "青空文庫", False),
            ("竹取物語", "竹取物語", False),
            ("福王子神社 (大津市)", "福王子神社(大津市)", False),
            ("紀貫之神社", "紀貫之神社", False),
        ],
    },
    ("许海峰", "zh-tw"): {
        "text": (663, "c08637baaf38da7b766e9825091b338480de55814e684db8176483cb9a9758e3"),
        "links": 29,
        "repaired_links": [
            ("中華人民共和國", "中國退役", True),
            ("1984年夏季奧林匹克運動會", "奧運", True),
            ("1990年亞洲運動會", "北京亞運會", True),
            ("奥林匹克运动会", "奧運", True),
        ],
        "external_links": [],
        "sections": [("生涯", 2, 68, 657), ("参考资料", 2, 659, 663)],
        "protected": [(243, 245)],
        "references": [("1", "", None, None)],
        "citations": [("1", 316)],
        "bold": [(0, 3)],
        "blocks": 9,
        "tables": [],
        "categories": [
            "許姓",
            "和县人",
            "漳州籍运动员",
            "马鞍山籍运动员",
            "中国射击运动员",
            "中国奥运射击运动员",
            "中国国家队总教练",
            "中国国家队主教练",
            "国家体育总局官员",
            "中国奥林匹克运动会金牌得主",
            "中国奥林匹克运动会铜牌得主",
            "1984年夏季奧林匹克運動會獎牌得主",
            "1988年夏季奧林匹克運動會獎牌得主",
            "奧林匹克運動會射擊獎牌得主",
            "中国共产党党员_(1985年入党)",
            "中国体育之最",
            "改革先锋称号获得者",
            "1984年夏季奥林匹克运动会射击运动员",
            "1988年夏季奥林匹克运动会射击运动员",
            "1986年亚洲运动会射击运动员",
            "1990年亚洲运动会射击运动员",
            "1994年亚洲运动会射击运动员",
            "1986年亞洲運動會金牌得主",
            "1990年亞洲運動會金牌得主",
            "1994年亚洲运动会金牌得主",
            "亞洲運動會射擊獎牌得主",
        ],
        "all_links": [
            ("安徽", "安徽", False),
            ("和县", "和县", False),
            ("福建", "福建", False),
            ("漳州", "漳州", False),
            ("中華人民共和國", "中國退役", True),
            ("射擊", "射擊", False),
            ("國家體育總局", "國家體育總局", False),
            ("安徽省", "安徽省", False),
            ("五運會", "五運會", False),
            ("銀牌", "銀牌", False),
            ("1984年夏季奧林匹克運動會", "奧運", True),
            ("金牌", "金牌", False),
            ("記者", "記者", False),
            ("奧運", "奧運", False),
            ("中國革命博物館", "中國革命博物館", False),
            ("1986年亚运会", "1986年亚运会", False),
            ("手槍", "手槍", False),
            ("世界紀錄", "世界紀錄", False),
            ("1990年亞洲運動會", "北京亞運會", True),
            ("金牌", "金牌", False),
            ("國家體育總局", "國家體育總局", False),
            ("杜麗", "杜麗", False),
            ("陶璐娜", "陶璐娜", False),
            ("王成意", "王成意", False),
            ("奥林匹克运动会", "奧運", True),
            ("中國奧委會", "中國奧委會", False),
            ("中華全國體育總會", "中華全國體育總會", False),
            ("中央電視台", "中央電視台", False),
            ("中國電視體育獎", "中國電視體育獎", False),
        ],
    },
    ("欧洲空间局", "zh-tw"): {
        "text": (1530, "7d577402407b5aae5d2f0c39c965c6ae2473c1da18397a2e4292468d8878df10"),
        "links": 62,
        "repaired_links": [
            ("圭亞那太空中心", "航天发射中心位于", True),
            ("衛星定位系統", "卫星定位系统", False),
            ("ATV (太空船)", "ATV", False),
        ],
        "external_links": [("http://www.esa.int", "欧洲空间局网站")],
        "sections": [
            ("译名", 2, 718, 783),
            ("主要项目", 2, 785, 1354),
            ("會員國及預算", 2, 1356, 1486),
            ("参见", 2, 1488, 1505),
            ("注釋", 2, 1507, 1509),
            ("参考文献", 2, 1511, 1515),
            ("外部链接", 2, 1517, 1530),
        ],
        "protected": [(82, 90), (732, 732), (745, 745), (760, 760), (778, 778)],
        "references": [
            ("1", "", None, None),
            (
                "2",
                "esa.int – ESA budget for 2009",
                "http://esamultimedia.esa.int/docs/corporate/ESA_2009_Budgetsweb.pdf",
                "ESA budget for 2009",
            ),
            (
                "3",
                "esa.int – ESA budget for 2011",
                "http://download.esa.int/docs/DG/ESA_2011_Budget_040111_rev2.ppt",
                "ESA budget for 2011",
            ),
            (
                "5",
                "Framework Agreement between the European Community and the European Space Agency",
                "http://www.consilium.europa.eu/App/accords/Default.aspx?command=details&id=297&aid=2003099&doclang=EN",
                "Framework Agreement between the European Community and the European Space Agency",
            ),
        ],
        "citations": [("1", 1438), ("2", 1465), ("3", 1486)],
        "bold": [(0, 5)],
        "blocks": 33,
        "tables": [(None, ["會員國", "加入ESA時間", "國家機構", "Contr. （mill. €）", "Contr. （%）"], 25)],
        "categories": ["歐洲太空總署", "总部在巴黎的国际组织", "1975年建立的组织"],
    },
}


@pytest.mark.parametrize(
    ("name", "variant", "field"),
    [(name, variant, field) for (name, variant), fields in EXPECTED.items() for field in fields],
    ids=str,
)
def test_exact_output(name: str, variant: str, field: str) -> None:
    doc = parsed(name, variant)
    assert FIELDS[field](doc) == EXPECTED[(name, variant)][field]
