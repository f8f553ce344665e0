"""The seed article, checked as a new user would (the skeleton issue's expectations)."""

from pathlib import Path

import pytest

from extractor import Options, Page, process_page
from extractor.sources.files import read_text

SEED = Path(__file__).resolve().parent.parent / "raw" / "seed" / "000_b6e711bf4e50eda6.txt"

# (target, anchor) of every page link in the seed, in order: pandoc glued the
# following letters onto the label ([曼谷举行] was [[曼谷]]举行); the anchors are repaired.
LINKS = [
    ("亚太地区", "亚太地区"), ("联合国成员国", "联合国成员国"), ("政府", "政府"),
    ("国际组织", "国际组织"), ("中国", "中国"), ("北京", "北京"), ("组织", "组织"), ("宗旨", "宗旨"),
    ("空间", "空间"), ("科学", "科学"), ("技术", "技术"), ("外层空间", "外层空间"),
    ("泰国", "泰国"), ("曼谷", "曼谷"),
    ("澳大利亚", "澳大利亚"), ("孟加拉", "孟加拉"), ("中国", "中国"), ("印尼", "印尼"), ("韩国", "韩国"),
    ("蒙古", "蒙古"), ("巴基斯坦", "巴基斯坦"), ("俄罗斯", "俄罗斯"), ("斯里兰卡", "斯里兰卡"), ("泰国", "泰国"),
    ("吉隆坡", "吉隆坡"), ("曼谷", "曼谷"), ("菲律宾", "菲律宾"), ("联合国", "联合国"), ("观察员", "观察员"),
    ("秘鲁", "秘鲁"), ("土耳其", "土耳其"), ("巴林", "巴林"),
    ("灾害", "灾害"), ("环境保护", "环境保护"), ("卫星", "卫星"), ("通信", "通信"), ("导航定位", "导航定位"),
]


@pytest.fixture(scope="module")
def record() -> dict:
    (page,) = read_text(SEED, "raw/seed/000_b6e711bf4e50eda6.txt")
    assert isinstance(page, Page)
    result = process_page(page, Options())
    assert isinstance(result, dict), result
    return result


def test_title_is_the_lead_bold_term(record):
    assert record["title"] == "亚太太空合作组织"
    assert record["source"]["title_from"] == "bold"


@pytest.mark.parametrize("residue", ["](", '"wikilink"', "**", "{{", "\\[", "（）", "（，", "Category:"])
def test_no_markup_residue(record, residue):
    assert residue not in record["text"]


def test_text_reads_as_the_page(record):
    text = record["text"]
    # （，缩写：） held only what dropped templates left: the bracket goes, as a reader wants
    assert text.startswith("亚太太空合作组织是由亚太地区联合国成员国组成的政府间国际组织，")
    assert "总部设于中国北京，现任秘书长李新军博士。" in text
    assert "1994年于泰国曼谷举行亚太空间技术应用多边合作会议" in text
    assert "\n\n发展历程\n\n" in text or "\n发展历程\n" in text


def test_links_and_repaired_anchors(record):
    got = [(link["target"], record["text"][link["start"] : link["end"]]) for link in record["links"]]
    assert got == LINKS


def test_categories_in_simplified_script(record):
    assert record["categories"] == ["太空组织", "亚洲国家政府间组织"]


def test_dates(record):
    dates = [(d["text"], d["value"], d["precision"]) for d in record["dates"]]
    values = [v for _, v, _ in dates]
    assert values.count("2005-10-28") == 2
    for value in ["1992", "2003-08", "2003-11-10", "2006-06-01", "2006-06"]:
        assert value in values
    conferences = ["1994-01", "1995-04", "1996-05", "1997-12", "1999-12", "2001-09"]
    assert [v for v in values if v in conferences] == conferences
    assert not any(d["text"].startswith(("前4年", "4年", "1年")) for d in record["dates"])
    assert not any("2012" in (v or "") for v in values)  # only inside a URL
    for d in record["dates"]:
        assert record["text"][d["start"] : d["end"]] == d["text"]


def test_entities_from_links_with_unlinked_mentions(record):
    entities = {e["name"]: e for e in record["entities"]}
    thailand = entities["泰国"]
    linked = [m for m in thailand["mentions"] if m["linked"]]
    unlinked = [m for m in thailand["mentions"] if not m["linked"]]
    assert len(linked) == 2 and len(unlinked) == 4
    assert all(record["text"][m["start"] : m["end"]] == "泰国" for m in thailand["mentions"])
    # a country of the gazetteer: its mention before the first link (1992年，中国、泰国…) counts too
    assert unlinked[0]["start"] < linked[0]["start"] == record["text"].index("泰国曼谷")
    subject = entities["亚太太空合作组织"]
    assert subject["type"] == "ORG"


def test_blocks_are_paragraphs_list_items_and_headings(record):
    blocks = [(b["kind"], record["text"][b["start"] : b["end"]]) for b in record["blocks"]]
    assert blocks[0][0] == "paragraph" and blocks[0][1].startswith("亚太太空合作组织是由")
    assert ("heading", "发展历程") in blocks
    assert ("list_item", "第1次会议，泰国，1994年1月") in blocks
    assert sum(kind == "list_item" for kind, _ in blocks) >= 10
