"""Tests for extractor.extract.dates.find_dates.

Table-driven: each case is (id, sentence, expected), where expected lists
(mention text, value, precision) in order. Sentences are short quotes from real
zh.wikipedia articles (seed article and /work/shared/corpus, CC BY-SA) or
minimal constructed ones; negative cases expect [].
"""

from __future__ import annotations

import glob
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
    ("mixed-arabic-year-chinese-month", "1907年九月，清末新政", [("1907年九月", "1907-09", "month")]),
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
    ("bare-qian-bc-month", "英布遂率军西向，前196年十月与汉军會", [("前196年十月", "-0195-10", "month")]),
    (
        "bc-range",
        "在位 = 公元前496年－前464年",
        [("公元前496年", "-0495", "year"), ("前464年", "-0463", "year")],
    ),
    ("bc-in-parens", "勾践二十四年（前473年），越军围困", [("前473年", "-0472", "year")]),
    ("qian-first-years-small", "在職的前10年，他很少出國", []),
    ("qian-first-years-jian", "最初的前100年间人口稳定", []),
    ("zhiqian-300", "在此之前300年，这里是一片海", []),
    # --- decades and centuries ---
    ("decade-4-digit", "1990年代中期，她與骨", [("1990年代", "1990", "decade")]),
    ("decade-2-digit", "在90年代與時任美國總統", [("90年代", "1990", "decade")]),
    ("decade-chinese", "隨著八十年代末港產片市道", [("八十年代", "1980", "decade")]),
    ("decade-00s", "00年代的流行音乐", [("00年代", "2000", "decade")]),
    ("decade-range-tail", "為1960-70年代的販毒集團", [("70年代", "1970", "decade")]),
    (
        "decade-not-year",
        "在1960年代後期至1970年代初期",
        [("1960年代", "1960", "decade"), ("1970年代", "1970", "decade")],
    ),
    ("century-simplified", "不同于19世纪另外三大通讯社", [("19世纪", "1801", "century")]),
    ("century-20", "在20世纪首次自力發射", [("20世纪", "1901", "century")]),
    ("century-traditional-chinese", "起源於十九世紀初", [("十九世紀", "1801", "century")]),
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
    ("range-years", "2001年至2005年", [("2001年", "2001", "year"), ("2005年", "2005", "year")]),
    ("range-months", "1994年1月至3月", [("1994年1月", "1994-01", "month"), ("3月", "1994-03", "month")]),
    (
        "range-days",
        "2005年10月28日至30日",
        [("2005年10月28日", "2005-10-28", "day"), ("30日", "2005-10-30", "day")],
    ),
    (
        "range-chinese-months",
        "1994年一月至三月",
        [("1994年一月", "1994-01", "month"), ("三月", "1994-03", "month")],
    ),
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
        [("1668年", "1668", "year"), ("四月十二日", None, "day")],
    ),
    (
        "era-gloss-arabic-month",
        "光緒三十年（1904年）4月，內調署戶部尚書",
        [("1904年", "1904", "year"), ("4月", None, "month")],
    ),
    (
        "era-year-resets-anchor",
        "1990年出生。康熙五十二年，3月5日",
        [("1990年", "1990", "year"), ("3月5日", None, "day")],
    ),
    ("ganzhi-year-month", "2000年，x。甲子年4月5日", [("2000年", "2000", "year"), ("4月5日", None, "day")]),
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
    ("neg-short-year", "与01年即已停产", []),
    ("neg-url-digits", "见 http://example.org/2005/file2005.html", []),
    ("neg-version", "Windows 2000 與 .NET 2.0", []),
    ("neg-isbn", "ISBN 978-7-5004-2006-9", []),
    ("neg-chinese-bare-month", "十月围城与五月天", []),
    ("neg-bare-day", "每年的3日和28日", []),
    ("neg-era-year-alone", "光绪二十九年署湖南巡抚", []),
    ("neg-half-year", "10年半", []),
    ("neg-grade", "2年级", []),
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


SEED = "/work/shared/seed/000_b6e711bf4e50eda6.txt"
CORPUS = sorted(glob.glob("/work/shared/corpus/*/*")) + sorted(glob.glob(SEED))


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
