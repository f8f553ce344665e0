"""Title normalization with MediaWiki's rules."""

import pytest

from extractor.titles import normalize_title, strip_disambiguation

CASES = [
    ("Windows_DNA", "Windows DNA", None, None, None),
    ("PHP_(程式語言)", "PHP (程式語言)", None, None, None),
    ("亚太%E5%9C%B0区", "亚太地区", None, None, None),
    ("  :中国 ", "中国", None, None, None),
    ("iPod", "IPod", None, None, None),
    ("A#B_c", "A", None, "B c", None),
    ("Category:太空組織", "Category:太空組織", "Category", None, None),
    ("分類:太空組織", "Category:太空組織", "Category", None, None),
    ("檔案:X.jpg", "File:X.jpg", "File", None, None),
    ("圖像:x.png", "File:X.png", "File", None, None),
    (":en:Foo", "Foo", None, None, "en"),
    ("wikt:书", "书", None, None, "wikt"),
    ("AT&amp;T", "AT&T", None, None, None),
]


@pytest.mark.parametrize("raw,text,namespace,section,interwiki", CASES, ids=[c[0] for c in CASES])
def test_normalize_title(raw, text, namespace, section, interwiki):
    title = normalize_title(raw)
    assert (title.text, title.namespace, title.section, title.interwiki) == (text, namespace, section, interwiki)
    assert title.is_article == (namespace is None and interwiki is None)


def test_section_only_link_is_not_an_article():
    assert not normalize_title("#亚太空间技术应用多边合作会议").is_article


def test_strip_disambiguation():
    assert strip_disambiguation("PHP (程式語言)") == "PHP"
    assert strip_disambiguation("詹姆士·威爾遜 (商人)") == "詹姆士·威爾遜"
    assert strip_disambiguation("赣江") == "赣江"


MORE = [  # MediaWiki's Title rules beyond the basics
    ("\u200e中国\u200f", "中国", None, None, None),  # bidi marks dropped
    ("中\u3000国", "中 国", None, None, None),  # ideographic space is a blank
    ("User_talk:甲", "User talk:甲", "User talk", None, None),
    ("用户讨论:甲", "User talk:甲", "User talk", None, None),
    ("模板讨论:甲", "Template talk:甲", "Template talk", None, None),
    ("wp:甲", "Wikipedia:甲", "Wikipedia", None, None),
    ("ß", "ß", None, None, None),  # an upper case of two letters is not applied
    ("ω", "Ω", None, None, None),
    ("wikt:foo", "foo", None, None, "wikt"),  # no capitalisation on another wiki
]


@pytest.mark.parametrize("raw,text,namespace,section,interwiki", MORE, ids=[c[0] for c in MORE])
def test_normalize_title_more(raw, text, namespace, section, interwiki):
    title = normalize_title(raw)
    assert (title.text, title.namespace, title.section, title.interwiki) == (text, namespace, section, interwiki)


@pytest.mark.parametrize("raw", ["a[b", "a|b", "x{{y", "a~~~b"])
def test_forbidden_characters_make_no_page(raw):
    assert not normalize_title(raw).is_article


def test_namespace_ids_and_fold():
    from extractor.titles import fold

    assert normalize_title("Category:X").namespace_id == 14 and normalize_title("甲").namespace_id == 0
    assert fold("太空組織") == fold("太空组织") == "太空组织"
    assert len(fold("臺灣語言")) == len("臺灣語言")
