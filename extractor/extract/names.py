"""What a name's own shape says about its type: suffixes, disambiguation qualifiers, personal names.

Chinese names carry their class in their last characters (湖北省, 西臼杵郡,
自由民主党, 晋阳起兵), and zh.wikipedia titles carry a qualifier when a name
is shared (`张克俭 (1961年)`, `追龙 (电影)`, `民主党 (日本)`): a qualifier that
names a kind types the name, a life span makes a person unless the bare name
has a suffix of its own (`国民党 (1912年)`), any other qualifier (a country) is
stripped before the suffixes. Each suffix was kept only after judging where it
fires among the ~4,800 link targets of the shared corpus's development articles.
Guards keep common nouns out: a name jieba's dictionary knows as a frequent
common word (城市, 干部, 口号) is not a name, whatever its ending, and a
one-character suffix needs a stem of two unless listed in `_SHORT_STEM_OK`.

Personal names: a surname (data/surnames.txt, 百家姓) and one or two given
characters, which jieba does not know as a common word or a place — 刘瑾,
王恕, 闻一多, but not 金陵 (a place in jieba), 雷达 or 黄花 (common nouns).
All keys are script-folded (t2s) before they arrive here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..resources import data_file
from ..titles import fold

MEMO = 1 << 12  # entries kept per memoized test of a name: pages repeat common names; a small bound
# fills within the first few thousand pages, so memory is flat over the rest of a dump

# (suffix, label). Bare 法 / 河 / 语 / 星 are left out: 方法, 银河, 成语, 主序星.
SUFFIX_TYPES: tuple[tuple[str, str], ...] = (
    *(
        (s, "ORG")
        for s in "大学 学院 公司 集团 委员会 组织 协会 银行 研究所 研究院 航天局 空间局 通讯社 "
        "党 学社 政府 联盟 基金会 理事会 议会 法院 联合会 商会 商工会 俱乐部 乐团 军政府 社 局 署 "
        "议院 国务院 科学院 日报 晚报 时报 周报 新闻 电视台 广播电台 天文台 部 学会 工会 教会 铁道 "
        "学校 学堂 中心 队 常委会 人大 文库 塾 书院 医院 中学 小学 领事馆 大使馆 总局 分局 书局".split()
    ),  # not 网: 万维网 and 人民网 look alike
    *(
        (s, "EVENT")
        for s in "战争 战役 会议 运动会 奥运会 起义 革命 事变 之战 选举 政变 月食 日食 地震 大会 "
        "起兵 之变 之乱 之役 事件 会战 复辟 运动 运会 奥运 锦标赛 世界杯 奖 之会 案 对话 回归".split()
    ),
    *((s, "LAW") for s in "条约 公约 宪法 约法 法案 法典 条例 章程 协定 修正案 许可证 许可协议".split()),
    *(
        (s, "GPE")
        for s in "省 市 县 区 镇 乡 町 村 郡 藩 府 国 自治区 特别行政区 王国 共和国 帝国 州 街道 刺史部".split()
    ),
    *(
        (s, "LOC")
        for s in "地区 山脉 山地 河流 江 湖 海峡 半岛 群岛 岛 平原 盆地 高原 辐射带 南极 北极 "
        "瀑布 峡谷 沙漠 山 岳 峰".split()
    ),  # 山 / 岳 / 峰 with a stem of two: 五叶山, 真弓岳 (江山, 火山 are one)
    *(
        (s, "FAC")
        for s in "机场 车站 博物馆 纪念馆 大桥 运河 铁路 寺 宫 自动车道 高速公路 公路 交流道 "
        "线 大道 公园 园 广场 大殿 神社 神宫 御所 校区 殿 街 城墙 电站 美术馆 艺廊 画廊".split()
    ),
    *((s, "PRODUCT") for s in "月球车 探测器 运载火箭 飞船 航天器 太空船 望远镜".split()),
    *((s, "WORK_OF_ART") for s in "集 日记 物语".split()),  # 古今和歌集, 土佐日记, 竹取物语
    # 醍醐天皇, 慈禧太后, 光绪帝 (日本天皇 is an office), 保明亲王 and 宣子内亲王 (a prince and a princess)
    *((s, "PERSON") for s in "天皇 太后 皇后 帝 亲王 内亲王".split()),
    *((s, "NORP") for s in "民族 氏 族".split()),  # 佟佳氏, 拜岳特氏: a clan; 豪萨族: a people
    *((s, "LANGUAGE") for s in "语系 语族".split()),  # 闪含语系: a language family
    *((s, "CONCEPT") for s in "射线 姓".split()),  # X射线 is no railway line, 彭姓 no person
)
_BY_LENGTH = sorted(SUFFIX_TYPES, key=lambda pair: len(pair[0]), reverse=True)


def _by_last_character(pairs: list[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """Last character -> its suffixes, longest first: one short list to try per name, not all of them."""
    table: dict[str, list[tuple[str, str]]] = {}
    for pair in pairs:
        table.setdefault(pair[0][-1], []).append(pair)
    return table


_BY_LAST = _by_last_character(_BY_LENGTH)
# One-character suffixes whose names are often one character plus the suffix (吏部, 乾县, 蔡国, 明朝):
# allowed a one-character stem when the whole name is no common word (外国, 郡县, 干部 are).
_SHORT_STEM_OK = frozenset("部 县 国 郡 藩 州 氏 姓")
_NUMERAL_END = re.compile(r"[0-9一二三四五六七八九十百千两]$")  # 三国, 十六国, 六县: counts, not names
# 约翰·罗素，第一代罗素伯爵: zh.wikipedia's title for a peer, the name and the peerage it holds.
_PEERAGE = re.compile(r"^[^，,]{2,}[，,]第[一二三四五六七八九十]+代\S*(?:公爵|侯爵|伯爵|子爵|男爵|从男爵|准男爵)$")
_EDITION = re.compile(r"^第[0-9一二三四五六七八九十百千〇零两]+[届次]")
# 嫦娥六号, 双子星座10号: a proper stem and a serial number (spacecraft, ships, trains).
_SERIAL = re.compile(r"^[\u4e00-\u9fff]{2,}(?:[0-9]+|[一二三四五六七八九十百千〇零两]+)[号號]$")
# Stems that make a class noun of a suffix pattern: 国际组织, 地方政府 are kinds, not names.
_GENERIC_STEMS = frozenset(
    "国际 政府间 非政府 地方 中央 民间 跨国 私营 国营 国有 军事 学术 商业 宗教 "
    "恐怖 区域 地区 国家 全国 各国 该 此 这个 其 本 东 西 南 北 中 东北 东南 西北 西南 "
    "内 外 上 下 前 后 总 分 全 各 大 小 新 旧".split()
)
_NAMED_BY_ANY_STEM = frozenset("电视台 广播电台 研究院 科学院 大学 日报 通讯社 博物馆 美术馆 艺廊 画廊 殿 约法".split())
# Suffixes after which a common word names a kind: 咨询公司, 射电望远镜, 战略对话, 营业许可证, 管理条例.
_KIND_AFTER_COMMON_WORD = frozenset("公司 集团 望远镜 对话 回归 许可证 许可协议 条例 章程 园".split())
_WORD_ENDS = frozenset("案 局")  # 档案, 大结局: the suffix ends a common word, not a case or a bureau
# jieba's tags of words that make a stretch of text a clause, not part of a name: verbs, numerals,
# particles, adverbs, prepositions, conjunctions, pronouns, measure words (广州组织军政府, 到扬州)
CLAUSE_TAGS = ("v", "m", "u", "d", "p", "c", "r", "q")
_MODIFIER_TAGS = frozenset("a ad an b d".split())  # adjectives, adverbs, distinguishing words: 直接, 高等
_PRONOUNS = tuple("我你他她它这那")
_DESCRIPTIVE = re.compile(r"的")  # 2008年8月的月食 describes an eclipse, it does not name one

# Disambiguation qualifiers (zh.wikipedia 命名常规: "X (qualifier)") that say what X is.
_QUALIFIER_TYPES: dict[str, str] = {
    **{
        q: "PERSON"
        for q in "政治人物 政治家 演员 歌手 商人 作家 诗人 画家 学者 运动员 编剧 导演 人物 将领 将军 "
        "官员 军人 艺人 主持人 足球运动员 篮球运动员 企业家 科学家 律师 记者 教师 医生 外交官 摄影师 音乐家 "
        "作曲家 作词人 漫画家 模特儿 模特 法官 僧人 画师".split()
    },
    **{
        q: "WORK_OF_ART"
        for q in "电影 小说 专辑 歌曲 单曲 电视剧 电视节目 动画 漫画 诗 诗歌 戏剧 歌剧 书 "
        "纪录片 剧集 游戏 电子游戏".split()
    },
    **{q: "GPE" for q in "城市 县 市 镇 乡 村 省 州 郡 町 国家 行政区".split()},
    **{q: "LOC" for q in "山 山峰 山脉 河流 河 湖泊 湖 岛屿 岛 天体 地区 地理".split()},
    **{q: "ORG" for q in "公司 企业 政党 乐队 乐团 组合 球队 足球俱乐部 大学 报纸 报社 电视台 出版社 机构".split()},
    **{q: "FAC" for q in "车站 铁路 机场 建筑 建筑物 桥 寺庙 道路".split()},
    **{q: "PRODUCT" for q in "航天器 卫星 探测器 汽车 火箭 舰船 军舰".split()},
}
_LIFE = re.compile(r"^(?:前)?[0-9]{1,4}年?(?:[—–\-－~～至][0-9]{0,4}年?)?$")  # 1961年, 1911年—1980年: a person
_QUALIFIER = re.compile(r"^(?P<bare>.+?)\s*[（(](?P<q>[^（）()]+)[）)]$")
# Last characters that end place, building, work or class names, rarely a given name.
_NOT_GIVEN_ENDINGS = tuple("坡港湾城州市县岛山江河湖海馆站场厂店楼寺宫街道殿阁厅话病星态门系洞岭姓氏侠传仓桥都院派")
# Characters of transliterated foreign names (莫斯科, 安加尔, 霍伊克), rare in Chinese given names.
_TRANSLITERATION = frozenset("斯尔克卡伊娅娜丝")
_PERSON_TAGS = ("nr", "nrfg", "nrt")
_GIVEN_NAME_CHARS = frozenset("藩国")  # suffixes that also end given names (曾国藩, 李建国): jieba's nr wins
_MOUNTAIN_CHARS = frozenset("山岳峰")  # also end given names (孙中山, 许海峰): a surname-led name is no mountain
_COMMON_TAGS = frozenset("n ng nl v vn vd a an ad d s f m q r p c u".split())  # not l / i: rare names there
_RARE_FREQ = 20  # a surname-led word jieba files as a rare common noun is mostly a name (闻一多 is l)
COMMON_MIN_FREQ = 100  # rare "common nouns" in jieba's dictionary are often names (清史稿 28, 精武门 3)
WORD_MIN_FREQ = 20  # below this jieba's entries are often stray n-grams (国曹魏 5, 报报 3), not words


# Offices and titles (帛琉总统, 日本首相, 吏部尚书): a post, not the person who holds it; OntoNotes leaves
# them untyped. The heads are the office words of data/person_roles.txt and the classic Chinese posts.
_OFFICE_HEADS = tuple(
    "总统 副总统 总理 首相 主席 副主席 皇帝 国王 女王 天皇 大臣 部长 市长 省长 州长 县长 总督 "
    "议长 秘书长 总书记 尚书 侍郎 太守 刺史 知府 知县".split()
)


_MONARCH_HEADS = ("天皇", "皇帝", "国王", "女王")  # 日本天皇 is a post, 醍醐天皇 a man: the stem decides


@lru_cache(maxsize=MEMO)
def is_office(key: str) -> bool:
    """A title that names a post (帛琉总统, 吏部侍郎): a place or body and an office word, no person."""
    bare = split_qualifier(key)[0]
    if not bare.endswith(_OFFICE_HEADS):  # most names: one test
        return False
    head = next((h for h in _OFFICE_HEADS if bare.endswith(h)), None)
    if head is None or len(bare) <= 2 or is_person_name(bare):
        return False
    return head not in _MONARCH_HEADS or _realm(bare[: -len(head)])


def _realm(stem: str) -> bool:
    """The stem of a monarch's title names a realm (日本, 英国, 大清国), not a reign (醍醐, 光绪)."""
    return _place_word(stem) or stem.endswith(("国", "朝")) or suffix_type(stem) == "GPE"


@lru_cache(maxsize=MEMO)
def pattern_type(key: str) -> str | None:
    """The label a name's shape gives, or None."""
    if key.startswith("《") and key.endswith("》"):
        return "WORK_OF_ART"
    m = _QUALIFIER.match(key)
    if m:
        bare, qualifier = m.group("bare"), m.group("q").strip()
        # 众议院 (日本), 自由党 (英国): a disambiguated title is a name, whatever jieba makes of its words
        by_shape = suffix_type(bare, proper=True) or pattern_type(bare)
        return _QUALIFIER_TYPES.get(qualifier) or by_shape or ("PERSON" if _LIFE.match(qualifier) else None)
    if _EDITION.match(key) and len(key) > 4:
        return "EVENT"
    if _PEERAGE.match(key):
        return "PERSON"
    if _SERIAL.match(key):
        return "PRODUCT"
    return suffix_type(key)


@lru_cache(maxsize=MEMO)
def suffix_type(key: str, proper: bool = False) -> str | None:
    """The label of the name's class suffix; `proper`: the name is known to be a name (a disambiguated
    title), so a common word of jieba's (众议院) does not veto it."""
    for suffix, label in _BY_LAST.get(key[-1:], ()):
        if key.endswith(suffix) and len(key) > len(suffix):
            return _suffix_label(key, suffix, label, proper)
    return None


def _suffix_label(key: str, suffix: str, label: str, proper: bool = False) -> str | None:
    stem = key[: -len(suffix)]
    short_ok = len(suffix) > 1 or (suffix in _SHORT_STEM_OK and _han(stem))
    if stem.startswith(_PRONOUNS):  # 我来自广州 is a title or a clause, not a place
        return None
    if suffix in _WORD_ENDS and common_word(key[-2:]):
        return None
    counted = _NUMERAL_END.search(stem) and label != "EVENT"  # 三国 and 六县 are counts, 五运会 an edition
    if (len(stem) < 2 and not short_ok) or _DESCRIPTIVE.search(stem) or counted:
        return None
    if common_word(key) and not proper:
        return None
    if suffix in _GIVEN_NAME_CHARS and jieba_tag(key) in _PERSON_TAGS:  # 曾国藩 is a man
        return None
    if suffix in _MOUNTAIN_CHARS and (_person_like(key) or frequent_word(key[-2:])):  # 孙中山; …体验登山
        return None
    if label == "PERSON" and _no_reign(key, suffix):
        return None
    return "CONCEPT" if not proper and _kind_stem(stem, suffix) else label


def _kind_stem(stem: str, suffix: str) -> bool:
    """国际组织, 地方政府, 直接选举, 高等学校: a class word or an adjective before the suffix names a kind.

    中央电视台, 中央研究院 are names all the same: these suffixes take a generic stem as a name."""
    if suffix in _NAMED_BY_ANY_STEM:
        return False
    if suffix in _KIND_AFTER_COMMON_WORD and common_word(stem):  # 咨询公司, 汽车公司: a trade and a company
        return True
    # A one-character stem's own tag says nothing about the name: 越国, 齐国, 高县 are states and a county
    # whatever jieba makes of 越 (an adverb) or 齐 (an adjective); the generic ones (大国, 各县) are listed.
    return stem in _GENERIC_STEMS or (len(stem) > 1 and jieba_tag(stem) in _MODIFIER_TAGS)


def _no_reign(key: str, suffix: str) -> bool:
    """傀儡皇帝, 称帝, 上帝: a monarch's title after a common word names no one in particular."""
    base = key[:-2] if key.endswith("皇帝") else key[: -len(suffix)]
    # 光绪帝: an era name is a reign name, though jieba files 光绪 as a noun
    return len(base) < 2 or (common_word(base) and not _era(base)) or common_word(key)


def _person_like(key: str) -> bool:
    """jieba knows the name as a person's, or it is surname-led and jieba does not know it as a place."""
    tag = jieba_tag(key)
    return tag in _PERSON_TAGS or (is_person_name(key) and tag != "ns")


def frequent_word(key: str) -> bool:
    """A word jieba knows well, not as a name: 登山, 高山, 江山 (tagged ns there, but common words)."""
    return jieba_freq(key) >= COMMON_MIN_FREQ and jieba_tag(key) not in _PERSON_TAGS


def head_goes_on(folded: str, start: int, end: int) -> bool:
    """大学生, 集团军, 大学士: a class word and the next character are one word, so no name ends there
    (not 协会会长: 会长 is a word, 协会会 none, so the 协会 is named before its president)."""
    return end < len(folded) and jieba_freq(folded[start : end + 1]) >= WORD_MIN_FREQ


@lru_cache(maxsize=MEMO)
def person_shaped(key: str) -> bool:
    """A surname and one or two given characters, not a word jieba knows as common or as a place."""
    key = split_qualifier(key)[0]
    if not is_person_name(key) or key.endswith(_NOT_GIVEN_ENDINGS) or _TRANSLITERATION.intersection(key[1:]):
        return False
    if _place_word(key[1:]) or _era(key):  # 古印度: an epithet and a country; 武德: an era of the Tang
        return False
    tag, freq = jieba_tag(key), jieba_freq(key)
    if tag in _PERSON_TAGS:  # jieba files some common words nr too (卫星, 文明, 高明)
        return len(key) > 2 or freq < COMMON_MIN_FREQ
    return tag is None or tag not in ("ns", "nt", "nz") and freq < _RARE_FREQ


# Last characters of Japanese given names (一郎, 佳彦, 英雄, 多美子, 秀吉, 躬恒): a four- or five-character name
# ending so, which jieba does not know and whose last two characters are no frequent word (统一, 电子, 君子),
# is a Japanese person's name. Kept only after judging every link target of the corpus it fires on.
_JAPANESE_GIVEN_ENDINGS = tuple(
    "郎 朗 彦 雄 夫 男 子 介 助 吉 藏 卫门 兵卫 一 二 三 四 树 美 惠 江 香 奈 也 "
    "哉 次 平 信 光 宏 弘 义 明 正 和 之 恒 荣 生 马 元 太 造 作 松 直 清 实 纪 "
    "隆 博 浩 彰 司".split()
)


@lru_cache(maxsize=MEMO)
def japanese_name_shaped(key: str) -> bool:
    """野田佳彦, 谷垣祯一, 赤星多美子: a family name of two characters and a given name of two or three."""
    key = split_qualifier(key)[0]
    if not 4 <= len(key) <= 5 or not _han(key) or not key.endswith(_JAPANESE_GIVEN_ENDINGS):
        return False
    known = jieba_freq(key) and jieba_tag(key) not in _PERSON_TAGS  # 田中角荣 is nr in jieba's dictionary
    if known or suffix_type(key) or key.endswith("之治"):  # 延喜之治: an era of rule
        return False
    return jieba_freq(key[-2:]) < COMMON_MIN_FREQ and jieba_freq(key[:2]) < COMMON_MIN_FREQ


# 亨利·季辛吉, 巴兹·奥尔德林: a transliterated personal name, its parts joined by an interpunct; a middle
# part may be a Latin initial (大卫·L·博伦, 约翰·F·肯尼迪).
_PART = r"[\u4e00-\u9fff]{1,8}(?:[-－][\u4e00-\u9fff]{1,8})?"  # 洛朗-德西雷: a hyphenated given name
_TRANSLITERATED = re.compile(rf"^{_PART}(?:[·‧・](?:{_PART}|[A-Z]\.?)){{0,2}}[·‧・]{_PART}$")
# A personal name in Latin script: capitalized words and initials, particles before the family name
# (Jan F. van Eck), a generational suffix (David L. Cunningham Jr.).
_LATIN_WORD = r"(?:Mc|Mac|O')?[A-Z][a-zà-öø-ÿ]+(?:-[A-Z][a-zà-öø-ÿ]+)?"
_PARTICLE = "van|von|de|der|den|da|di|du|del|le|la"
_GENERATION = r"(?:,? Jr\.|,? Sr\.| III| II| IV)?"
_LATIN_TOKEN = rf"(?:[A-Z]\.|{_LATIN_WORD})"
LATIN_NAME = re.compile(rf"{_LATIN_TOKEN} (?:(?:{_LATIN_TOKEN}|{_PARTICLE}) )*{_LATIN_WORD}{_GENERATION}")
_INITIAL = re.compile(r"(?:^| )[A-Z]\. ")
_LATIN_INITIAL = re.compile(r"[A-Z]\.?")
_INTERPUNCT = re.compile("[·‧・]")


@lru_cache(maxsize=MEMO)
def transliterated_person(key: str) -> bool:
    """Given name and family name joined by an interpunct, no part a place or a word of a title."""
    key = split_qualifier(key)[0]
    if not _TRANSLITERATED.match(key) or suffix_type(key):
        return False
    parts = _INTERPUNCT.split(key)
    if any(_LATIN_INITIAL.fullmatch(part) for part in parts):  # 大卫·L·博伦: only a person has an initial
        return True
    return not any(_gazetteer_label(part) or common_word(part) for part in parts)


def latin_person(key: str) -> bool:
    """Carla A. Hills, I. Peter Wolff: a Latin-script name with an initial, which titles of works and
    organizations (Comic Birz, Jump SQ) do not have."""
    return bool(LATIN_NAME.fullmatch(key) and _INITIAL.search(key))


# 日产Sentra, 林宝坚尼Countach: zh.wikipedia titles a model by its maker's Chinese name and the model's
# Latin one (蓝光LED, a maker-less kind in capitals, is not so shaped).
_MODEL = re.compile(r"^[\u4e00-\u9fff]{2,4}[A-Z][a-z]{2,}(?:[ -][A-Za-z0-9]+)*$")


def model_shaped(key: str) -> bool:
    return bool(_MODEL.match(key))


@lru_cache(maxsize=MEMO)
def people_shaped(key: str) -> bool:
    """科普特人, 腓尼基人, 贝都因人: a name of two characters or more and 人 is a people, unless either is a
    common word (外星人, 机器人; 日耳曼人 is filed so too), its last two characters are a word of jieba's
    (柄谷行人 and 赛道狂人 end in 行人 and 狂人; 客家人 is lost so) or it is a species (北京猿人)."""
    stem = key[:-1]
    if not key.endswith("人") or len(stem) < 2 or not _han(stem) or key.endswith("猿人"):
        return False
    return jieba_freq(key[-2:]) < WORD_MIN_FREQ and not common_word(key) and not common_word(stem)


@lru_cache(maxsize=MEMO)
def family_of_transliterated(key: str) -> str | None:
    """亨利·季辛吉 is 季辛吉 in running text: the last part of a transliterated person's name (with a
    one-character particle before it: 范艾伦), unless it is a place (乔治·华盛顿's 华盛顿 is also a
    city) or a common word."""
    parts = _INTERPUNCT.split(split_qualifier(key)[0])
    last = parts[-1]
    if len(last) < 2 or _gazetteer_label(last) or common_word(last) or jieba_freq(last) >= COMMON_MIN_FREQ:
        return None
    # 詹姆斯·范·艾伦: a particle belongs to the family name (范艾伦); 大卫·L·博伦's initial does not
    if len(parts) > 2 and len(parts[-2]) == 1 and _han(parts[-2]):
        return parts[-2] + last
    return last


def _era(key: str) -> bool:
    """An era name of data/eras.tsv (武德, 光绪)."""
    from .dates.eras import eras_by_name

    return key in eras_by_name()


def _gazetteer_label(key: str) -> str | None:
    from .typing import gazetteer_type  # typing builds on this module

    return gazetteer_type(key)


def _place_word(key: str) -> bool:
    return _gazetteer_label(key) in ("GPE", "LOC")


@lru_cache(maxsize=MEMO)
def split_qualifier(key: str) -> tuple[str, str | None]:
    """`民主党 (日本)` -> ("民主党", "日本"); a name without a qualifier -> (name, None)."""
    m = _QUALIFIER.match(key)
    return (m.group("bare"), m.group("q").strip()) if m else (key, None)


@lru_cache(maxsize=MEMO)
def is_person_name(key: str) -> bool:
    """A Chinese personal name: a known surname and one or two given-name characters."""
    surnames = surname_set()
    for length in (2, 1):
        if key[:length] in surnames and 1 <= len(key) - length <= 2 and _han(key):
            return True
    return False


@lru_cache(maxsize=MEMO)
def common_word(key: str) -> bool:
    """jieba's dictionary knows the name as a frequent common word (城市, 干部, 口号)."""
    return jieba_tag(key) in _COMMON_TAGS and jieba_freq(key) >= COMMON_MIN_FREQ


def _han(s: str) -> bool:
    return bool(s) and all("\u4e00" <= c <= "\u9fff" for c in s)


@lru_cache(maxsize=1)
def surname_set() -> frozenset[str]:
    text = data_file("surnames.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


def jieba_tag(key: str) -> str | None:
    return jieba_tags().get(key)


def jieba_freq(key: str) -> int:
    return _jieba_freqs().get(key) or 0


@lru_cache(maxsize=1)
def _jieba_freqs() -> dict[str, int]:
    """jieba's word -> dictionary frequency table (loaded once per process)."""
    import jieba

    jieba_tags()
    return jieba.dt.FREQ


@lru_cache(maxsize=MEMO)
def name_key(name: str) -> str:
    """A name's script-folded key (titles.fold), once per process: names recur within and across pages."""
    return fold(name)


@lru_cache(maxsize=MEMO)
def pos_tags(text: str, hmm: bool = True) -> tuple[tuple[str, str], ...]:
    """jieba's (word, part-of-speech tag) pairs of a short stretch of text (`jieba.posseg.lcut`), memoized:
    the rules ask about the same few characters before a head again and again."""
    import jieba.posseg

    jieba_tags()  # the dictionary, loaded once per process
    return tuple((pair.word, pair.flag) for pair in jieba.posseg.lcut(text, HMM=hmm))


@lru_cache(maxsize=1)
def jieba_tags() -> dict[str, str]:
    """jieba's word -> POS tag table (loaded once per process)."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.posseg.dt.word_tag_tab
