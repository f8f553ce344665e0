"""OntoNotes types for entity names, from the strongest signal available.

Today the only signal is the name's own suffix (a table of ours, below); a
later stage adds infobox and category signals from a title index and CLDR
gazetteers. When no signal applies the type is None: never a guess dressed as
a fact. Suffixes are written in Simplified and Traditional script.
"""

from __future__ import annotations

# (suffix, label), longest suffixes first at lookup. Chosen for precision:
# bare 法 / 山 / 河 / 语 are left out because 方法, 江山, 银河, 成语 are not
# names, and a one-character suffix needs a stem of two (城市 is no GPE).
SUFFIX_TYPES: tuple[tuple[str, str], ...] = (
    *((s, "ORG") for s in "大学 大學 学院 學院 公司 集团 集團 委员会 委員會 组织 組織 协会 協會 银行 銀行 研究所 研究院 "
      "航天局 空间局 空間局 通讯社 通訊社 党 黨 学社 學社 政府 联盟 聯盟 基金会 基金會".split()),
    *((s, "EVENT") for s in "战争 戰爭 战役 戰役 会议 會議 运动会 運動會 奥运会 奧運會 起义 起義 革命 事变 事變 之战 之戰 选举 選舉".split()),
    *((s, "LAW") for s in "条约 條約 公约 公約 宪法 憲法 法案 协定 協定".split()),
    *((s, "GPE") for s in "省 市 县 縣 自治区 自治區 特别行政区 特別行政區 王国 王國 共和国 共和國 帝国 帝國 州".split()),
    *((s, "LOC") for s in "山脉 山脈 河流 江 湖 海峡 海峽 半岛 半島 平原 盆地 高原".split()),
    *((s, "FAC") for s in "机场 機場 车站 車站 博物馆 博物館 纪念馆 紀念館 大桥 大橋 运河 運河 铁路 鐵道 鐵路".split()),
)
_BY_LENGTH = sorted(SUFFIX_TYPES, key=lambda pair: len(pair[0]), reverse=True)


def entity_type(name: str) -> tuple[str | None, str | None]:
    """(OntoNotes label, type_source) for a canonical name, or (None, None)."""
    if name.startswith("《") and name.endswith("》"):
        return "WORK_OF_ART", "name_pattern"
    for suffix, label in _BY_LENGTH:
        if len(name) - len(suffix) >= (2 if len(suffix) == 1 else 1) and name.endswith(suffix):
            return label, "name_pattern"
    return None, None
