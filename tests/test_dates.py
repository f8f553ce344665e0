"""Tests for extractor.extract.dates.find_dates.

Table-driven: each case is (id, sentence, expected), where expected lists
(mention text, value, precision) in order. Sentences are short quotes from real
zh.wikipedia articles (seed article and ../shared/corpus, CC BY-SA) or
minimal constructed ones; negative cases expect [].
"""

from __future__ import annotations

import glob
import json
import re

import pytest

from extractor.extract.dates import find_dates
from extractor.extract.dates.numerals import parse_number
from extractor.extract.dates.patterns import BODY, DATE_RE

CASES: list[tuple[str, str, list[tuple[str, str | None, str]]]] = [
    # --- seed article (亚太空间合作组织) ---
    (
        "seed-full-date",
        "2005年10月28日八个成员国签署《亚太空间合作组织公约》",
        [("2005年10月28日", "2005-10-28", "day")],
    ),
    ("seed-jiezhi-month", "截至2006年6月止共有9个签约国", [("2006年6月", "2006-06", "month")]),
    ("seed-year-comma", "1992年，中国、泰国和巴基斯坦共同倡议", [("1992年", "1992", "year")]),
    ("seed-year-yu", "1994年于泰国曼谷举行", [("1994年", "1994", "year")]),
    ("seed-month-comma", "2003年8月，组织秘书处先后在吉隆坡", [("2003年8月", "2003-08", "month")]),
    (
        "seed-day-comma",
        "2003年11月10日，章程起草组在北京举行第二次会议",
        [("2003年11月10日", "2003-11-10", "day")],
    ),
    ("seed-single-digit-day", "2006年6月1日，土耳其在北京签署", [("2006年6月1日", "2006-06-01", "day")]),
    ("seed-list-1994", "第1次会议，泰国，1994年1月", [("1994年1月", "1994-01", "month")]),
    ("seed-list-1995", "第2次会议，巴基斯坦，1995年4月", [("1995年4月", "1995-04", "month")]),
    ("seed-list-1996", "第3次会议，韩国，1996年5月", [("1996年5月", "1996-05", "month")]),
    ("seed-list-1997", "第4次会议，巴林，1997年12月", [("1997年12月", "1997-12", "month")]),
    ("seed-list-1999", "第5次会议，伊朗，1999年12月", [("1999年12月", "1999-12", "month")]),
    ("seed-list-2001", "第6次会议，中国，2001年9月", [("2001年9月", "2001-09", "month")]),
    ("seed-first-4-years", "前4年每年举行一次会议，之后每隔1年举行一次。", []),
    ("seed-url", "vol.1 2012,http://202.204.81.108/uploadFile//bitlaw/newsPicture/20121029225149591.zip", []),
    # --- digits and numerals ---
    ("fullwidth-digits", "２００５年１０月２８日成立", [("２００５年１０月２８日", "2005-10-28", "day")]),
    ("chinese-full-date", "二〇〇五年十月二十八日", [("二〇〇五年十月二十八日", "2005-10-28", "day")]),
    ("chinese-ling-zero", "二零零八年八月八日开幕", [("二零零八年八月八日", "2008-08-08", "day")]),
    ("chinese-year", "一九九二年，三国倡议", [("一九九二年", "1992", "year")]),
    (
        "chinese-month-12-day-31",
        "一九九九年十二月三十一日",
        [("一九九九年十二月三十一日", "1999-12-31", "day")],
    ),
    (
        "mixed-arabic-year-chinese-month-is-lunar",
        "1907年九月，清末新政",
        [("1907年", "1907", "year"), ("九月", None, "month")],
    ),
    ("space-before-nian", "2014 年11月13日，微軟新任執行長", [("2014 年11月13日", "2014-11-13", "day")]),
    ("hao-day", "2008年8月8号开幕", [("2008年8月8号", "2008-08-08", "day")]),
    ("three-digit-year", "359年苻坚打算拜王猛", [("359年", "0359", "year")]),
    ("category-year", "Category:1957年国际关系", [("1957年", "1957", "year")]),
    ("niandu-is-year", "荣获2001年度国家最高科学技术奖", [("2001年", "2001", "year")]),
    # --- 公元 / BC ---
    ("gongyuan-prefix", "公元2005年，该组织成立", [("公元2005年", "2005", "year")]),
    ("gongyuan-qian-221", "公元前221年，秦统一六国", [("公元前221年", "-0220", "year")]),
    ("gongyuan-qian-small", "公元前4年，耶稣诞生", [("公元前4年", "-0003", "year")]),
    ("gongyuan-yuan-nian", "公元元年", [("公元元年", "0001", "year")]),
    ("gongyuan-chinese-numeral", "公元前二二一年", [("公元前二二一年", "-0220", "year")]),
    ("xiyuan-qian", "西元前490年馬拉松戰役", [("西元前490年", "-0489", "year")]),
    ("bare-qian-bc", "前238年，楚考烈王病死", [("前238年", "-0237", "year")]),
    ("bare-qian-bc-after-yu", "于是于前272年派遣辯才出众的黄歇", [("前272年", "-0271", "year")]),
    ("bare-qian-bc-de", "在前207年的鉅鹿之戰", [("前207年", "-0206", "year")]),
    (
        "bare-qian-bc-month-is-lunar",
        "英布遂率军西向，前196年十月与汉军會",
        [("前196年", "-0195", "year"), ("十月", None, "month")],
    ),
    ("bc-range", "在位 = 公元前496年－前464年", [("公元前496年－前464年", "-0495", "year")]),
    ("bc-in-parens", "勾践二十四年（前473年），越军围困", [("前473年", "-0472", "year")]),
    ("qian-first-years-small", "在職的前10年，他很少出國", []),
    ("qian-first-years-jian", "最初的前100年间人口稳定", []),
    ("zhiqian-300", "在此之前300年，这里是一片海", []),
    # --- decades and centuries ---
    ("decade-4-digit", "1990年代中期，她與骨", [("1990年代中期", "1990", "decade")]),
    ("decade-2-digit", "在90年代與時任美國總統", [("90年代", "1990", "decade")]),
    ("decade-chinese", "隨著八十年代末港產片市道", [("八十年代末", "1980", "decade")]),
    ("decade-00s", "00年代的流行音乐", [("00年代", "2000", "decade")]),
    ("decade-range-tail", "為1960-70年代的販毒集團", [("1960-70年代", "1960", "decade")]),
    ("decade-not-year", "在1960年代後期至1970年代初期", [("1960年代後期至1970年代初期", "1960", "decade")]),
    ("century-simplified", "不同于19世纪另外三大通讯社", [("19世纪", "1801", "century")]),
    ("century-20", "在20世纪首次自力發射", [("20世纪", "1901", "century")]),
    ("century-traditional-chinese", "起源於十九世紀初", [("十九世紀初", "1801", "century")]),
    ("century-21-chinese", "二十一世纪的中国", [("二十一世纪", "2001", "century")]),
    ("century-bc", "前3世纪的希腊化时代", [("前3世纪", "-0299", "century")]),
    ("century-bc-gongyuan", "公元前1世纪", [("公元前1世纪", "-0099", "century")]),
    # --- 民國 ---
    ("roc-arabic", "民國38年遷台", [("民國38年", "1949", "year")]),
    ("roc-yuan-nian", "民国元年，孙中山就任", [("民国元年", "1912", "year")]),
    (
        "roc-chinese-with-gloss",
        "民國二十七年（1938年）",
        [("民國二十七年", "1938", "year"), ("1938年", "1938", "year")],
    ),
    (
        "roc-full-name",
        "中华民国二年（1913年）",
        [("中华民国二年", "1913", "year"), ("1913年", "1913", "year")],
    ),
    (
        "roc-gloss-month-is-gregorian",
        "民国十四年（1925年）2月，段祺瑞擧行善後會議",
        [("民国十四年", "1925", "year"), ("1925年", "1925", "year"), ("2月", "1925-02", "month")],
    ),
    # --- ranges and anchoring ---
    ("range-years", "2001年至2005年", [("2001年至2005年", "2001", "year")]),
    ("range-months", "1994年1月至3月", [("1994年1月至3月", "1994-01", "month")]),
    ("range-days", "2005年10月28日至30日", [("2005年10月28日至30日", "2005-10-28", "day")]),
    ("range-chinese-months", "1994年一月至三月", [("1994年一月至三月", "1994-01", "month")]),
    (
        "anchor-month-day",
        "1913年，国民党初在选举中取胜。7月12日，李烈钧宣布独立",
        [("1913年", "1913", "year"), ("7月12日", "1913-07-12", "day")],
    ),
    ("anchor-unresolved", "7月18日，陳炯明響應", [("7月18日", None, "day")]),
    (
        "anchor-tongnian",
        "1787年起事。同年9月，全台响应",
        [("1787年", "1787", "year"), ("同年9月", "1787-09", "month")],
    ),
    (
        "anchor-cinian",
        "2001年成立，次年5月迁址",
        [("2001年", "2001", "year"), ("次年5月", "2002-05", "month")],
    ),
    (
        "anchor-follows-cinian",
        "2001年成立，次年5月迁址，8月开学",
        [("2001年", "2001", "year"), ("次年5月", "2002-05", "month"), ("8月", "2002-08", "month")],
    ),
    (
        "era-gloss-lunar",
        "康熙七年（1668年）四月十二日，方苞生",
        [("康熙七年", "1668", "year"), ("1668年", "1668", "year"), ("四月十二日", None, "day")],
    ),
    (
        "era-gloss-arabic-month",
        "光緒三十年（1904年）4月，內調署戶部尚書",
        [("光緒三十年", "1904", "year"), ("1904年", "1904", "year"), ("4月", None, "month")],
    ),
    (
        "era-year-resets-anchor",
        "1990年出生。康熙五十二年，3月5日",
        [("1990年", "1990", "year"), ("康熙五十二年", "1713", "year"), ("3月5日", None, "day")],
    ),
    (
        "ganzhi-far-from-anchor",
        "2000年，x。甲子年4月5日",
        [("2000年", "2000", "year"), ("甲子年", None, "year"), ("4月5日", None, "day")],
    ),
    ("lunar-marker", "1855年農曆10月於岡山聚眾", [("1855年", "1855", "year"), ("農曆10月", None, "month")]),
    ("recurring-every-year", "2010年起，每年10月举行", [("2010年", "2010", "year"), ("10月", None, "month")]),
    ("feb-29-leap", "2004年2月29日", [("2004年2月29日", "2004-02-29", "day")]),
    # --- not dates ---
    ("neg-duration-3-years", "經過3年的審訊", []),
    ("neg-every-other-year", "之后每隔1年举行一次", []),
    ("neg-age-xiangnian", "享年65岁", []),
    ("neg-age-sui", "他65岁时退休", []),
    ("neg-words-with-nian", "青年、年轻人、三年级、少年、新年、每年都来", []),
    ("neg-one-year-later", "一年后他回到北京", []),
    ("neg-ordinal-year", "这是第3年，也是第100年", []),
    ("neg-jian-lai-duo", "300年间，2000年来，1000多年", []),
    ("neg-shu-ji-nian", "数年之后，几年以前", []),
    ("neg-years-ago", "是4500年前至900年前居住於此", []),
    ("neg-year-too-large", "3000年，人类", []),
    ("neg-month-13", "13月", []),
    ("neg-day-32", "5月32日", [("5月", None, "month")]),
    ("neg-feb-30", "2月30日", []),
    ("neg-feb-29-common-year", "2005年2月29日", []),
    # a two-digit year with no four-digit year in the text: no century, so unresolved
    ("short-year-unanchored", "与01年即已停产", [("01年", None, "year")]),
    ("neg-short-year-duration", "任期18年", []),
    ("neg-url-digits", "见 http://example.org/2005/file2005.html", []),
    ("neg-version", "Windows 2000 與 .NET 2.0", []),
    ("neg-isbn", "ISBN 978-7-5004-2006-9", []),
    ("neg-chinese-bare-month", "十月围城与五月天", []),
    ("neg-bare-day", "每年的3日和28日", []),
    ("era-year-alone", "光绪二十九年署湖南巡抚", [("光绪二十九年", "1903", "year")]),
    ("neg-half-year", "10年半", []),
    ("neg-grade", "2年级", []),
    # --- numeric dates (Recognizers-Text specs; corpus) ---
    ("numeric-iso", "2010-01-29", [("2010-01-29", "2010-01-29", "day")]),
    ("numeric-dots", "你2015.5.13有没有时间", [("2015.5.13", "2015-05-13", "day")]),
    ("numeric-day-first", "你13.5.2015有没有空", [("13.5.2015", "2015-05-13", "day")]),
    (
        "numeric-dots-in-parens",  # corpus: 第10屆日本參議院議員通常選舉
        "山崎五郎（1976.4.6去世）→佐佐木满（1976.5.23补选）",
        [("1976.4.6", "1976-04-06", "day"), ("1976.5.23", "1976-05-23", "day")],
    ),
    ("numeric-iso-in-text", "皇冠出版社，2011-06-13，656页", [("2011-06-13", "2011-06-13", "day")]),  # corpus: 逢坂剛
    ("neg-numeric-ambiguous-order", "1/2/2020", []),
    ("neg-numeric-no-year", "比分12/1", []),
    ("neg-numeric-two-digit-year", "你12-11-10有时间吗", []),
    ("neg-version-number", "版本2010.1.2.3", []),
    ("neg-phone", "我的电话号码是888-000-9999。", []),
    ("neg-ip", "请检查：192.168.255.255。", []),
    ("neg-invalid-numeric", "2010-13-01", []),
    # --- Chinese-numeral years and days without 日 ---
    ("positional-year", "两千零四年八月十五", [("两千零四年八月十五", "2004-08-15", "day")]),
    ("digit-string-year-no-ri", "二零零四年八月十五", [("二零零四年八月十五", "2004-08-15", "day")]),
    ("month-day-no-ri-unanchored", "一月二十三", [("一月二十三", None, "day")]),
    ("neg-positional-year-duration", "两千年来", []),
    ("neg-day-no-ri-count", "五月十五人死亡", []),
    (
        "three-digit-year-month-is-lunar",
        "三六七年一月一日",
        [("三六七年", "0367", "year"), ("一月一日", None, "day")],
    ),
    # --- centuries with decades ---
    ("century-decade", "十九世纪七十年代", [("十九世纪七十年代", "1870", "decade")]),
    ("century-decade-arabic", "19世纪70年代，他出生了", [("19世纪70年代", "1870", "decade")]),
    ("century-decade-relative", "本世纪20年代", [("20年代", None, "decade")]),
    ("century-21-traditional", "二十一世紀", [("二十一世紀", "2001", "century")]),  # corpus: 帛琉歷史 heading
    # --- relative days ---
    ("neg-tongri-idiom", "1990年5月3日，不可同日而语", [("1990年5月3日", "1990-05-03", "day")]),
    ("neg-tongri-japan", "1990年5月3日，同日本签约", [("1990年5月3日", "1990-05-03", "day")]),
    ("neg-shiri-japan", "1943年11月1日—）是日本东京都人", [("1943年11月1日", "1943-11-01", "day")]),
    ("neg-cishi-eclipse", "1990年5月3日，x。一次日食", [("1990年5月3日", "1990-05-03", "day")]),
    ("neg-cishi-japan", "1990年5月3日，这次日本队", [("1990年5月3日", "1990-05-03", "day")]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_find_dates(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    found = find_dates(text)
    assert [(d.text, d.value, d.precision) for d in found] == expected
    for d in found:
        assert text[d.start : d.end] == d.text


def test_offsets_in_longer_text() -> None:
    text = "序言。2005年10月28日签署，截至2006年6月止。"
    found = find_dates(text)
    assert [(d.start, d.end) for d in found] == [(3, 14), (19, 26)]


def test_anchor_never_uses_today() -> None:
    assert find_dates("3月5日")[0].value is None


@pytest.mark.parametrize(
    "raw, value",
    [
        ("二十八", 28),
        ("十二", 12),
        ("十", 10),
        ("廿八", 28),
        ("卅一", 31),
        ("一九九二", 1992),
        ("二〇〇五", 2005),
        ("二千零五", 2005),
        ("一百零八", 108),
        ("2005", 2005),
        ("十十", None),
    ],
)
def test_numerals(raw: str, value: int | None) -> None:
    assert parse_number(raw) == value


from _paths import CORPUS as _CORPUS_DIR  # noqa: E402
from _paths import SEED as _SEED  # noqa: E402

SEED = str(_SEED)
CORPUS = sorted(glob.glob(str(_CORPUS_DIR / "*" / "*"))) + [SEED]


@pytest.mark.skipif(not CORPUS, reason="shared corpus not present")
def test_corpus_invariants() -> None:
    """Sorted, non-overlapping, exact spans, well-formed values on real pages."""
    iso = re.compile(r"-?\d{4}(-\d{2}(-\d{2})?)?")
    for path in CORPUS:
        text = open(path, encoding="utf-8").read()
        found = find_dates(text)
        for a, b in zip(found, found[1:], strict=False):
            assert a.end <= b.start, path
        for d in found:
            assert text[d.start : d.end] == d.text
            assert d.precision in {"day", "month", "year", "decade", "century"}
            assert d.value is None or iso.fullmatch(d.value), d


@pytest.mark.skipif(not CORPUS, reason="shared corpus not present")
def test_first_char_prefilter_changes_nothing() -> None:
    """The FIRST_CHARS lookahead is only a speed-up: same matches without it."""
    plain = re.compile(BODY, re.VERBOSE)
    texts = [open(p, encoding="utf-8").read() for p in CORPUS] + [c[1] for c in CASES]
    for text in texts:
        text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
        assert [m.span() for m in DATE_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]


# --- every field of a mention: eras, 干支, qualifiers, ranges, relative dates ---------
# (id, text, expected): expected lists, per mention, the fields to check.
# Sentences marked (corpus) are quotes from /work/shared/corpus; the rest are minimal.
FIELD_CASES: list[tuple[str, str, list[dict]]] = [
    (
        "era-kangxi-61",
        "康熙六十一年，康熙病重",
        [{"text": "康熙六十一年", "value": "1722", "precision": "year"}],
    ),
    ("era-zhenguan-3", "贞观三年，玄奘西行", [{"text": "贞观三年", "value": "0629"}]),
    ("era-guangxu-26", "光绪二十六年（1900年），义和团运动爆发", [{"value": "1900"}, {"value": "1900"}]),
    (
        "era-yuan-nian",
        "乾隆元年（1736年），入南书房",
        [{"text": "乾隆元年", "value": "1736"}, {"value": "1736"}],
    ),  # corpus
    (
        "era-traditional",
        "康熙七年（1668年）四月十二日",
        [{"text": "康熙七年", "value": "1668"}, {}, {"value": None}],
    ),
    (
        "era-ambiguous",
        "建武二年，天下大旱",
        [{"text": "建武二年", "value": None, "unresolved_reason": "ambiguous_era"}],
    ),
    ("era-prefix-dynasty", "东汉建武二年", [{"text": "建武二年", "value": "0026"}]),
    ("era-context-dynasty", "東晉的時候。太元八年，淝水之戰", [{"text": "太元八年", "value": "0383"}]),
    (
        "era-gloss-picks",
        "建武元年（317年），司马睿称晋王",
        [{"text": "建武元年", "value": "0317"}, {"value": "0317"}],
    ),
    (
        "era-japanese-context",
        "日本醍醐天皇時，貞觀三年",
        [{"text": "貞觀三年", "value": None, "unresolved_reason": "ambiguous_era"}],
    ),
    ("era-out-of-range", "貞觀三十年", [{"value": None, "unresolved_reason": "era_year_out_of_range"}]),
    (
        "era-bare-gloss",
        "康熙五十九年（1720）成《周官集注》",
        [{"value": "1720"}, {"text": "1720", "value": "1720"}],
    ),  # corpus
    (
        "era-arabic-range",
        "生卒：康熙7年-乾隆14年，中央研究院",
        [{"value": "1668", "end_value": "1749"}],
    ),  # corpus
    (
        "era-month-lunar",
        "雍正九年，十二月二十日出生于桐城",
        [{"value": "1731"}, {"value": None, "unresolved_reason": "lunar_calendar"}],
    ),  # corpus
    (
        "era-chinese-month-lunar",
        "前燕建熙四年（公元363年）前燕全面的攻势开始发动，四月，慕容忠攻荥阳",
        [
            {"value": "0363"},
            {"value": "0363"},
            {"text": "四月", "value": None, "unresolved_reason": "lunar_calendar"},
        ],
    ),  # corpus
    ("era-duration-not-date", "建國十年來，經濟發展", []),
    (
        "ganzhi-gloss",
        "1894年（甲午年），甲午戰爭",
        [{"value": "1894"}, {"text": "甲午年", "value": "1894", "anchored_to": 0}],
    ),
    (
        "ganzhi-unanchored",
        "甲子年，大旱",
        [{"text": "甲子年", "value": None, "unresolved_reason": "unanchored"}],
    ),
    (
        "season-spring",
        "1990年春，他回到北京",
        [{"text": "1990年春", "value": "1990", "precision": "year", "qualifier": "spring"}],
    ),
    (
        "season-summer",
        "930年夏天，发生旱灾",
        [{"text": "930年夏天", "value": "0930", "qualifier": "summer"}],
    ),  # corpus
    ("month-early", "3月上旬，天气转暖。", [{"text": "3月上旬", "qualifier": "early", "precision": "month"}]),
    (
        "year-late",
        "1994年底，许海峰退役",
        [{"text": "1994年底", "value": "1994", "qualifier": "late"}],
    ),  # corpus
    (
        "century-late",
        "19世纪末的欧洲",
        [{"text": "19世纪末", "value": "1801", "precision": "century", "qualifier": "late"}],
    ),
    ("century-first-half", "20世纪上半叶", [{"value": "1901", "qualifier": "first_half"}]),
    ("decade-mid", "1990年代中期", [{"value": "1990", "precision": "decade", "qualifier": "mid"}]),
    ("not-qualifier-festival", "2000年春节期间", [{"text": "2000年", "qualifier": None}]),
    ("not-qualifier-junior-high", "1990年初中毕业", [{"text": "1990年", "qualifier": None}]),
    ("not-qualifier-name", "次年春申君灭掉鲁国", [{"text": "次年", "qualifier": None}]),  # corpus
    ("range-years", "2001年至2005年", [{"value": "2001", "end_value": "2005", "end_precision": "year"}]),
    (
        "range-full-days",
        "1937年7月7日—1945年8月15日",
        [{"value": "1937-07-07", "end_value": "1945-08-15", "precision": "day"}],
    ),
    ("range-months", "1994年1月至3月", [{"value": "1994-01", "end_value": "1994-03"}]),
    (
        "range-days-anchored",
        "2010年，5月3日至6日举行",
        [{}, {"text": "5月3日至6日", "value": "2010-05-03", "end_value": "2010-05-06"}],
    ),
    (
        "range-decades",
        "1950–1960年代",
        [{"text": "1950–1960年代", "value": "1950", "end_value": "1960", "precision": "decade"}],
    ),
    ("range-one-nian", "1990-1995年间", [{"text": "1990-1995年", "value": "1990", "end_value": "1995"}]),
    (
        "range-mixed-precision",
        "605年—619年9月14日",
        [{"value": "0605", "precision": "year", "end_value": "0619-09-14", "end_precision": "day"}],
    ),  # corpus
    ("list-not-range", "1994年和1995年", [{"end_value": None}, {"value": "1995"}]),
    (
        "rel-tongnian-month",
        "1787年起事。同年9月，全台响应",
        [{}, {"text": "同年9月", "value": "1787-09", "anchored_to": 0}],
    ),
    (
        "rel-cinian-alone",
        "前201年，英布到陈县朝见刘邦。次年，到洛阳朝见。",
        [{"value": "-0200"}, {"text": "次年", "value": "-0199", "anchored_to": 0}],
    ),  # corpus
    ("rel-yinian", "1901年建校，翌年招生", [{}, {"text": "翌年", "value": "1902"}]),
    ("rel-qianyinian", "2010年上市，前一年已经试产", [{}, {"text": "前一年", "value": "2009"}]),
    ("rel-gainian", "2013年发射。该年年底", [{}, {"text": "该年", "value": "2013", "anchored_to": 0}]),
    (
        "rel-chains",
        "903年郁悒而亡。次年，京城发生水灾与瘟疫，又次年，天空出现彗星",
        [{}, {"value": "0904", "anchored_to": 0}, {"value": "0905", "anchored_to": 1}],
    ),  # corpus
    ("rel-unanchored", "同年，他去世", [{"text": "同年", "value": None, "unresolved_reason": "unanchored"}]),
    (
        "bare-month-day-anchored",
        "1913年，国民党初在选举中取胜。7月12日，李烈钧宣布独立",
        [{}, {"value": "1913-07-12", "anchored_to": 0}],
    ),
    ("bare-month-day-unanchored", "3月5日，会议召开", [{"value": None, "unresolved_reason": "unanchored"}]),
    (
        "lunar-leap-month",
        "朱一贵于闰6月7日被捕",
        [{"text": "闰6月7日", "value": None, "unresolved_reason": "lunar_calendar"}],
    ),  # corpus
    (
        "lunar-variant-char",
        "1726年起事于屏东，始于农暦11月24日",
        [{}, {"value": None, "unresolved_reason": "lunar_calendar"}],
    ),  # corpus
    ("lunar-chu-day", "1684年起事，至11月初1日平定", [{}, {"text": "11月初1日", "value": None}]),
    (
        "lunar-note-after",
        "1786年11月27日(此指阴历，阳历1787年1月16日)",
        [{"value": None, "unresolved_reason": "lunar_calendar"}, {"value": "1787-01-16"}],
    ),  # corpus
    (
        "lunar-prefix-year",
        "农历2015年十月初一",
        [
            {"text": "农历2015年", "value": "2015", "precision": "year"},
            {"text": "十月初一", "value": None, "precision": "day", "unresolved_reason": "lunar_calendar"},
        ],
    ),
    (
        "lunar-new-year",
        "雍正四年大年三十",
        [{"value": "1726"}, {"text": "大年三十", "value": None, "unresolved_reason": "lunar_calendar"}],
    ),
    (
        "lunar-day-no-ri",
        "于光绪三十三年5月3日(农历三月廿一)，突然从汉口",
        [{}, {}, {"text": "农历三月廿一", "value": None, "precision": "day", "unresolved_reason": "lunar_calendar"}],
    ),  # corpus: 岑春煊
    (
        "short-year-from-document",
        "2018年，北京。08年奥运会在北京举办",
        [{"value": "2018"}, {"text": "08年", "value": "2008", "precision": "year"}],
    ),
    (
        "short-year-nearest-document-year",
        "1900年，北京。08年奥运会",
        [{"value": "1900"}, {"text": "08年", "value": "1908"}],
    ),
    (
        "short-year-too-far",
        "1950年，北京。08年奥运会",
        [{"value": "1950"}, {"text": "08年", "value": None, "unresolved_reason": "unanchored"}],
    ),
    (
        "short-year-season",
        "2004－05年赛季",
        [{"text": "2004－05年", "value": "2004", "end_value": "2005"}],
    ),
    (
        "short-year-range-unanchored",
        "18年10月1日到19年2月3日",
        [
            {
                "text": "18年10月1日到19年2月3日",
                "value": None,
                "end_value": None,
                "precision": "day",
                "end_precision": "day",
                "unresolved_reason": "unanchored",
            }
        ],
    ),
    (
        "year-range-end-precision",
        "1995-1997年的收入",
        [{"value": "1995", "end_value": "1997", "precision": "year", "end_precision": "year"}],
    ),
    (
        "range-between-yu",
        "2007年与2009年间",
        [{"text": "2007年与2009年", "value": "2007", "end_value": "2009", "end_precision": "year"}],
    ),
    (
        "range-between-he",
        "然后，他在1853年和1858年间担任财政部财务秘书",
        [{"text": "1853年和1858年", "value": "1853", "end_value": "1858"}],
    ),  # corpus: 詹姆士·威爾遜_(商人)
    (
        "range-after-before",
        "帮我统计一下2010年之后2018年之前的销量",
        [{"value": "2010", "end_value": "2018"}],
    ),
    ("neg-range-list", "2007年与2009年的数据", [{"value": "2007", "end_value": None}, {"value": "2009"}]),
    (
        "range-chinese-months",
        "2018年，可以给我三月到五月的数据",
        [{}, {"text": "三月到五月", "value": "2018-03", "end_value": "2018-05", "precision": "month"}],
    ),
    (
        "paren-birth-death-fullwidth",
        "弟岑春蓂（1868－1944），历任湖北按察使、贵州巡抚。",
        [{"text": "1868－1944", "value": "1868", "end_value": "1944", "precision": "year", "end_precision": "year"}],
    ),  # corpus: 岑春煊
    (
        "paren-birth-death-three-digits",
        "吕夷简（979-1044），字坦夫，寿州人",
        [{"text": "979-1044", "value": "0979", "end_value": "1044"}],
    ),  # corpus: 寿县
    ("neg-paren-numbers", "（100-300）", []),
    ("neg-paren-long-span", "（1200-1900）", []),
    (
        "half-year-first",
        "我2017年上半年都不在北京",
        [{"text": "2017年上半年", "value": "2017", "precision": "year", "qualifier": "first_half"}],
    ),
    (
        "half-year-second",
        "我二零一七年下半年都不在北京",
        [{"text": "二零一七年下半年", "value": "2017", "qualifier": "second_half"}],
    ),
    (
        "rel-day-next",
        "1911年，9月下旬，岑春煊抵达武昌。10月10日，岑春煊还在武昌夜宿。是夜武昌起义，城中枪声大作，"
        "岑春煊“安卧如故”。次日晨，岑春煊遣人买舟渡江",
        [
            {},
            {},
            {"text": "10月10日", "value": "1911-10-10"},
            {"text": "次日", "value": "1911-10-11", "anchored_to": 2},
        ],
    ),  # corpus: 岑春煊 (1911年 added: in the article it is a paragraph earlier)
    (
        "rel-day-same",
        "2017年4月5日，微软宣布 .NET框架 4.7 将被整合到 Windows 10 創意者更新。"
        "同日，发行一个 Visual Studio 2017 更新版",
        [{"value": "2017-04-05"}, {"text": "同日", "value": "2017-04-05", "precision": "day", "anchored_to": 0}],
    ),  # corpus: _NET框架
    (
        "rel-day-year-end",
        "1999年12月31日，x。次日，y",
        [{}, {"text": "次日", "value": "2000-01-01"}],
    ),
    (
        "rel-day-after-lunar-not-returned",
        "于仁和3年(887年)8月25日恢复皇族身份，并于隔日被册封为皇太子，同日因光孝天皇驾崩而践祚，于同年的11月17日举行即位仪式。",
        [
            {"text": "887年", "value": "0887"},
            {"text": "8月25日", "value": None, "unresolved_reason": "lunar_calendar"},
            {"text": "同年", "value": "0887", "anchored_to": 0},
            {"text": "11月17日", "value": None, "unresolved_reason": "lunar_calendar"},
        ],
    ),  # corpus: 宇多天皇 (a Japanese-calendar date: 同日 has no Gregorian day to follow, 同年 is 887)
    ("rel-day-needs-day", "1990年，x。次日，y", [{"value": "1990"}]),
    ("rel-day-other-paragraph", "1990年5月3日，x。\n次日，y", [{"value": "1990-05-03"}]),
    (
        "lunar-clause",
        "1721年起事，为期自农历月23日至6月16日",
        [{}, {"text": "6月16日", "value": None}],
    ),  # corpus
    ("recurring", "2010年起，每年10月举行", [{}, {"value": None, "unresolved_reason": "recurring"}]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in FIELD_CASES], ids=[c[0] for c in FIELD_CASES])
def test_mention_fields(text: str, expected: list[dict]) -> None:
    found = find_dates(text)
    assert len(found) == len(expected), [(d.text, d.value) for d in found]
    for d, want in zip(found, expected, strict=True):
        assert {k: getattr(d, k) for k in want} == want
        assert text[d.start : d.end] == d.text


def test_sections_stop_anchoring() -> None:
    text = "历史\n1969年7月16日发射。\n返回\n7月24日返回地球。"
    second = text.index("返回\n")
    found = find_dates(text, sections=[(0, second), (second, len(text))])
    assert [(d.text, d.value, d.unresolved_reason) for d in found] == [
        ("1969年7月16日", "1969-07-16", None),
        ("7月24日", None, "unanchored"),
    ]
    assert find_dates(text)[1].value == "1969-07-24"  # without sections the anchor carries over


def test_era_table_is_real_data() -> None:
    from extractor.extract.dates.eras import TABLE, eras_by_name

    header = TABLE.read_text(encoding="utf-8").splitlines()[:3]
    assert any("中国年号列表" in line for line in header)
    table = eras_by_name()
    assert len({e for eras in table.values() for e in eras}) > 900
    assert [(e.dynasty, e.first) for e in table["康熙"]] == [("清朝", 1662)]
    assert {e.dynasty for e in table["建武"]} >= {"東漢", "西晉", "東晉", "後趙", "西燕", "齊"}


# --- infobox and reference dates --------------------------------------------------
WESTERN_CASES = [
    (
        "iso-day",
        "Scott Guthrie. Releasing the Source Code. 2007-10-03.",
        [("2007-10-03", "2007-10-03", "day")],
    ),
    (
        "mdy",
        "Japan and Russia Move Closer April 26, 2013 Wall Street Journal",
        [("April 26, 2013", "2013-04-26", "day")],
    ),
    ("dmy", "accessdate 29 October 2012", [("29 October 2012", "2012-10-29", "day")]),
    ("month-year", "Oct. 2012 issue", [("Oct. 2012", "2012-10", "month")]),
    ("isbn-not-date", "ISBN 978-7-5004-2006-9", []),
    ("url-not-date", "see http://example.org/2009-02/14/x.htm", []),
]


@pytest.mark.parametrize("value, expected", [c[1:] for c in WESTERN_CASES], ids=[c[0] for c in WESTERN_CASES])
def test_western_dates(value: str, expected: list[tuple[str, str, str]]) -> None:
    from extractor.extract.dates.western import find_western

    found = find_western(value)
    assert [(d.text, d.value, d.precision) for d in found] == expected
    assert all(value[d.start : d.end] == d.text for d in found)


def test_document_dates_from_infobox_and_references() -> None:
    from extractor.extract.dates import find_document_dates
    from extractor.model import Document, Infobox, Reference, Section

    doc = Document(
        title="t",
        title_from="bold",
        text="汕头大学于1981年成立。",
        sections=[Section("t", 1, 0, 13)],
        infobox=Infobox("Infobox university", {"established": "1981年8月26日", "admincode": "330212"}),
        references=[
            Reference(id="r1", text="学校简介. 2017-03-21.", date="2017"),
            Reference(id="r2", date="2014-03"),
        ],
    )
    found = find_document_dates(doc)
    assert [(d.source, d.field, d.ref_id, d.text, d.value, d.precision) for d in found] == [
        ("text", None, None, "1981年", "1981", "year"),
        ("infobox", "established", None, "1981年8月26日", "1981-08-26", "day"),
        ("reference", "text", "r1", "2017-03-21", "2017-03-21", "day"),
        ("reference", "date", "r1", "2017", "2017", "year"),
        ("reference", "date", "r2", "2014-03", "2014-03", "month"),
    ]
    assert doc.infobox.fields["established"][found[1].start : found[1].end] == found[1].text


def test_sentences_and_entities() -> None:
    from extractor.extract.dates import attach_sentences
    from extractor.model import Entity, Mention

    text = "方苞生于六合。1711年，戴名世案发，方苞入狱！\n乾隆元年，入南书房"
    dates = find_dates(text)
    entities = [
        Entity("方苞", "PERSON", [], [Mention(0, 2, True), Mention(19, 21, False)]),
        Entity("戴名世", "PERSON", [], [Mention(13, 16, True)]),
        Entity("南书房", None, [], [Mention(30, 33, True)]),
    ]
    attach_sentences(dates, text, entities)
    spans = [(text[d.sentence_start : d.sentence_end], d.entities) for d in dates]
    assert spans == [("1711年，戴名世案发，方苞入狱！", [0, 1]), ("乾隆元年，入南书房", [2])]


def test_timeline_command(tmp_path, capsys) -> None:
    from extractor.cli import main

    record = {
        "title": "方苞",
        "text": "康熙七年（1668年）生。\n同年，迁居。",
        "dates": [
            {"text": "康熙七年", "value": "1668", "precision": "year", "source": "text",
             "sentence_start": 0, "sentence_end": 13},
            {"text": "同年", "value": None, "precision": "year", "unresolved_reason": "unanchored",
             "source": "text", "sentence_start": 14, "sentence_end": 20},
            {"text": "2012", "value": "2012", "precision": "year", "source": "reference"},
        ],
    }  # fmt: skip
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["timeline", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "# 方苞",
        "1668\tyear\t康熙七年（1668年）生。",
        "?(unanchored)\tyear\t同年，迁居。",
    ]


@pytest.mark.skipif(not CORPUS, reason="shared corpus not present")
def test_record_dates_validate() -> None:
    """A real article's record, with infobox and reference dates, passes the schema and span checks."""

    from extractor.model import Page
    from extractor.options import Options
    from extractor.pipeline import process_page
    from extractor.sources import reader_for
    from extractor.validate import problems

    path = _CORPUS_DIR / "wikitext" / "_NET框架.wiki"
    page = next(p for p in reader_for(path)(path, str(path)) if isinstance(p, Page))
    record = process_page(page, Options())
    assert isinstance(record, dict) and problems(record) == []
    sources = {d["source"] for d in record["dates"]}
    assert sources == {"text", "infobox", "reference", "table"}
    assert all(d["sentence_start"] is not None for d in record["dates"] if d["source"] == "text")
