"""What zh.wikipedia templates show a reader, rendered natively.

Only templates that put reader-visible text into an article are rendered
(measured over the corpus: lang/lang-xx, link helpers, dates, convert, country
flags, quotes, cell markers such as won/nom...). Everything else (navigation
boxes, maintenance banners, hatnotes, coordinates) renders nothing; every
template is still recorded in `Document.templates` by the caller.

A renderer is `fn(walker, params, key)`: `params` maps a parameter name
("1", "2", "url"...) to its value as mwparserfromhell `Wikicode`; the renderer
writes through the walker (`walk`, `write`, `plain`, `link`, `cite`, `note`),
so links and references inside a rendered parameter are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..titles import NAMESPACES

Renderer = Callable[[Any, dict, str], None]

LANG_NAMES: dict[str, str] = {
    "en": "英语",
    "ja": "日语",
    "jp": "日语",
    "fr": "法语",
    "de": "德语",
    "ko": "韩语",
    "ru": "俄语",
    "es": "西班牙语",
    "pt": "葡萄牙语",
    "it": "意大利语",
    "la": "拉丁语",
    "ar": "阿拉伯语",
    "zh": "中文",
    "nl": "荷兰语",
    "el": "希腊语",
    "grc": "古希腊语",
    "he": "希伯来语",
    "hi": "印地语",
    "sa": "梵语",
    "vi": "越南语",
    "th": "泰语",
    "id": "印尼语",
    "ms": "马来语",
    "tr": "土耳其语",
    "fa": "波斯语",
    "pl": "波兰语",
    "uk": "乌克兰语",
    "sv": "瑞典语",
    "no": "挪威语",
    "da": "丹麦语",
    "fi": "芬兰语",
    "cs": "捷克语",
    "hu": "匈牙利语",
    "ro": "罗马尼亚语",
    "mn": "蒙古语",
    "bo": "藏语",
    "ug": "维吾尔语",
    "yue": "粤语",
    "nan": "闽南语",
    "tl": "他加禄语",
    "ga": "爱尔兰语",
    "cy": "威尔士语",
    "ca": "加泰罗尼亚语",
    "eo": "世界语",
    "sr": "塞尔维亚语",
    "hr": "克罗地亚语",
    "bg": "保加利亚语",
    "km": "高棉语",
    "lo": "老挝语",
    "my": "缅甸语",
    "ta": "泰米尔语",
    "ur": "乌尔都语",
    "bn": "孟加拉语",
    "mnc": "满语",
    "pi": "巴利语",
}

COUNTRIES: dict[str, str] = {
    "usa": "美国",
    "us": "美国",
    "prc": "中华人民共和国",
    "chn": "中国",
    "china": "中国",
    "roc": "中華民國",
    "roc-tw": "中華民國",
    "twn": "台湾",
    "jpn": "日本",
    "jap": "日本",
    "kor": "韩国",
    "prk": "朝鲜",
    "gbr": "英国",
    "uk": "英国",
    "fra": "法国",
    "ger": "德国",
    "deu": "德国",
    "ita": "意大利",
    "rus": "俄罗斯",
    "can": "加拿大",
    "aus": "澳大利亚",
    "hkg": "香港",
    "mac": "澳门",
    "vat": "梵蒂冈",
    "tur": "土耳其",
    "ind": "印度",
    "esp": "西班牙",
    "bra": "巴西",
    "mex": "墨西哥",
    "sgp": "新加坡",
    "mys": "马来西亚",
    "tha": "泰国",
    "vnm": "越南",
    "phi": "菲律宾",
    "phl": "菲律宾",
    "idn": "印度尼西亚",
    "ina": "印度尼西亚",
    "nzl": "新西兰",
    "ned": "荷兰",
    "nld": "荷兰",
    "bel": "比利时",
    "sui": "瑞士",
    "che": "瑞士",
    "swe": "瑞典",
    "nor": "挪威",
    "den": "丹麦",
    "fin": "芬兰",
    "pol": "波兰",
    "aut": "奥地利",
    "gre": "希腊",
    "egy": "埃及",
    "isr": "以色列",
    "irn": "伊朗",
    "ukr": "乌克兰",
    "ussr": "苏联",
    "plw": "帛琉",
}

UNITS: dict[str, str] = {
    "km": "公里",
    "m": "米",
    "cm": "厘米",
    "mm": "毫米",
    "mi": "英里",
    "ft": "英尺",
    "in": "英寸",
    "kg": "公斤",
    "g": "克",
    "t": "吨",
    "lb": "磅",
    "km2": "平方公里",
    "m2": "平方米",
    "ha": "公顷",
    "sqmi": "平方英里",
    "acre": "英亩",
    "km/h": "公里每小时",
    "mph": "英里每小时",
    "c": "°C",
    "f": "°F",
    "l": "升",
    "m3": "立方米",
    "nmi": "海里",
    "kn": "节",
    "kw": "千瓦",
    "hp": "马力",
    "au": "天文单位",
}

ICON_SUFFIX = re.compile(r"^([a-z]{2,3}(?:-[a-z]{2,4})?)(?: icon)?$")

INFOBOX = re.compile(
    r"^(?:infobox|geobox|chembox$|drugbox|taxobox|automatic taxobox|speciesbox|starbox begin|"
    r"明清人物信息框)|(?:信息框|資訊框|资讯框|信息盒|訊息框)$",
    re.I,
)
DISAMBIG_PREFIXES = ("disambig", "消歧义", "消歧義", "消歧異")
MAGIC_WORDS = frozenset(
    "DEFAULTSORT DEFAULTSORTKEY DEFAULTCATEGORYSORT DISPLAYTITLE PAGENAME FULLPAGENAME BASEPAGENAME "
    "SUBPAGENAME ARTICLEPAGENAME SUBJECTPAGENAME TALKPAGENAME NAMESPACE NS CURRENTYEAR CURRENTMONTH "
    "CURRENTDAY CURRENTTIMESTAMP LC UC LCFIRST UCFIRST FORMATNUM PLURAL GENDER INT FULLURL LOCALURL "
    "URLENCODE ANCHORENCODE PADLEFT PADRIGHT REVISIONID SITENAME SERVER NUMBEROFARTICLES PAGESIZE "
    "SUBST SAFESUBST MSGNW MSG RAW TOC NOTOC 默认排序 默認排序".split()
)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)


def template_name(raw: str) -> str:
    """`{{ template:cite_web }}` -> `Cite web`: what MediaWiki would look up."""
    name = _COMMENT.sub("", raw).replace("\ue000", "").replace("\ue001", "")
    name = " ".join(name.replace("_", " ").split())
    if ":" in name:
        prefix, rest = name.split(":", 1)
        if NAMESPACES.get(prefix.strip().lower()) == "Template":
            name = rest.strip()
    return name[:1].upper() + name[1:]


def is_magic(name: str) -> bool:
    """Parser functions (`#if:`) and magic words (`DEFAULTSORT:`) are not templates."""
    if name.startswith("#"):
        return True
    head = name.split(":", 1)[0].strip().upper()
    return head in MAGIC_WORDS and (":" in name or name.isupper())


def is_disambiguation(key: str) -> bool:
    return key == "dab" or key.startswith(DISAMBIG_PREFIXES)


def positional(params: dict, n: int) -> list:
    """Values of the positional parameters 1..n that are present and not blank."""
    return [params[str(i)] for i in range(1, n + 1) if _filled(params.get(str(i)))]


def _filled(value) -> bool:
    return value is not None and bool(str(value).strip())


def _get(params: dict, *keys: str):
    for key in keys:
        if _filled(params.get(key)):
            return params[key]
    return None


# --- renderer factories -------------------------------------------------------


def show(*keys: str) -> Renderer:
    """Write the first non-blank parameter of `keys`."""

    def render(w, params: dict, key: str) -> None:
        value = _get(params, *keys)
        if value is not None:
            w.value(value)

    return render


def show_last(w, params: dict, key: str) -> None:
    """`{{resize|90%|text}}`, `{{transl|ja|text}}`: the text is the last positional."""
    values = positional(params, 9)
    if values:
        w.value(values[-1])


def literal(text: str) -> Renderer:
    def render(w, params: dict, key: str) -> None:
        w.write(text)

    return render


def show_or(text: str, *keys: str) -> Renderer:
    """Table-cell markers (`{{won}}` -> 获奖) unless a parameter gives the text."""

    def render(w, params: dict, key: str) -> None:
        value = _get(params, *keys)
        if value is not None:
            w.value(value)
        else:
            w.write(text)

    return render


def nothing(w, params: dict, key: str) -> None:
    return None


# --- language ---------------------------------------------------------------


def foreign(w, value) -> None:
    """Text in another language: zh.wikipedia's {{lang}} family wraps it in
    `-{ }-`, so script conversion never touches it (日露関係 stays 関係)."""
    w.protect_open()
    w.value(value)
    w.protect_close()


def lang(w, params: dict, key: str) -> None:
    """`{{lang|ja|日露関係}}` -> the text, protected unless it is Chinese."""
    value = _get(params, "2", "text")
    if value is None:
        return
    if (_get(params, "1") or "").strip().lower().startswith("zh"):
        w.value(value)
    else:
        foreign(w, value)


def lang_xx(w, params: dict, key: str) -> None:
    """`{{lang-en|Asia-Pacific}}` -> `英语：Asia-Pacific` (zh.wikipedia's rendering)."""
    code = key[5:].split("-")[0] if key.startswith("lang-") else key
    value = _get(params, "1", "text")
    if value is None:
        return
    w.write(LANG_NAMES.get(code, LANG_NAMES.get(key[5:], key[5:])) + "：")
    foreign(w, value)


def lang_icon(w, params: dict, key: str) -> None:
    """`{{en}}`, `{{ja icon}}`: the language marker a reference list shows, `（英文）`."""
    code = ICON_SUFFIX.match(key).group(1).split("-")[0]
    name = LANG_NAMES.get(code)
    if name:
        w.write("（" + name.replace("语", "文") + "）")


def zh_names(w, params: dict, key: str) -> None:
    """`{{zh|s=…|t=…|p=…}}`: the Chinese forms and romanizations, labelled."""
    labels = {
        "c": "中文",
        "s": "简体中文",
        "t": "繁体中文",
        "p": "汉语拼音",
        "w": "威妥玛拼音",
        "j": "粤拼",
        "poj": "白话字",
        "l": "字面意思",
    }
    parts = [(labels[k], params[k]) for k in labels if _filled(params.get(k))]
    if not parts:
        if not positional(params, 1):
            w.write("（中文）")
        return
    for i, (label, value) in enumerate(parts):
        w.write(("；" if i else "") + label + "：")
        w.value(value)


def japanese(w, params: dict, key: str) -> None:
    """`{{jpn|j=…|hg=…|rm=…}}`, `{{japanese|漢字|かな|romaji}}` -> `日语：漢字，かな，romaji`."""
    if key == "jpn" and not params:
        w.write("日本")
        return
    groups = (("j", "japanese", "1"), ("hg", "h", "k", "kana", "2"), ("rm", "r", "romaji", "3"))
    values = [v for v in (_get(params, *g) for g in groups) if v is not None]
    if not values:
        return
    w.write("日语：")
    for i, value in enumerate(values):
        if i:
            w.write("，")
        w.value(value)


def nihongo(w, params: dict, key: str) -> None:
    """`{{nihongo|English|漢字|romaji}}` -> `English（日语：漢字，romaji）`."""
    first = _get(params, "1")
    if first is not None:
        w.value(first)
    rest = [params[k] for k in ("2", "3") if _filled(params.get(k))]
    if rest:
        w.write("（日语：")
        for i, value in enumerate(rest):
            if i:
                w.write("，")
            w.value(value)
        w.write("）")


def ruby(w, params: dict, key: str) -> None:
    """`{{ruby|漢字|かんじ}}` -> `漢字（かんじ）`: the reading follows the base in plain text."""
    values = positional(params, 2)
    if values:
        w.value(values[0])
    if len(values) > 1:
        w.write("（")
        w.value(values[1])
        w.write("）")


# --- links ------------------------------------------------------------------


def link_helper(target_key: str, label_keys: tuple[str, ...]) -> Renderer:
    """`{{link-en|中文|English|显示}}`, `{{tsl|en|English|中文}}`: a link to the zh title."""

    def render(w, params: dict, key: str) -> None:
        target = _get(params, target_key)
        if target is None:
            return
        label = _get(params, *label_keys) or target
        w.link(w.plain(target), label)

    return render


# --- dates and numbers ----------------------------------------------------------


def _ymd(w, params: dict, keys: tuple[str, str, str]) -> str:
    parts = [w.plain(params[k]).strip() if _filled(params.get(k)) else "" for k in keys]
    out = ""
    for value, unit in zip(parts, "年月日", strict=False):
        if not value:
            break
        out += (value.lstrip("0") or "0") + ("" if value.endswith(unit) else unit)
    return out


def date_ymd(w, params: dict, key: str) -> None:
    """`{{birth date|1960|5|3}}` -> `1960年5月3日`."""
    w.write(_ymd(w, params, ("1", "2", "3")))


def death_date_and_age(w, params: dict, key: str) -> None:
    w.write(_ymd(w, params, ("1", "2", "3")))


def birth_death(w, params: dict, key: str) -> None:
    """`{{bd|1960年|5月3日|2020年|1月1日}}` -> `1960年5月3日—2020年1月1日`."""
    values = [params.get(str(i)) for i in range(1, 5)]
    if not any(_filled(v) for v in values):
        return
    for value in values[:2]:
        if _filled(value):
            w.value(value)
    w.write("—")
    for value in values[2:]:
        if _filled(value):
            w.value(value)


def convert(w, params: dict, key: str) -> None:
    """`{{convert|100|km}}` -> `100公里`; `{{convert|1|-|2|km}}` -> `1-2公里`."""
    values = [w.plain(v).strip() for v in positional(params, 6)]
    if not values:
        return
    number, rest = values[0], values[1:]
    if len(rest) >= 2 and rest[0] in ("-", "–", "to", "至", "~", "and", "x", "×"):
        number += ("-" if rest[0] in ("–", "to", "至") else rest[0]) + rest[1]
        rest = rest[2:]
    unit = rest[0] if rest else ""
    zh = UNITS.get(unit.lower()) if unit else ""
    w.write(number + zh if zh or not unit else f"{number} {unit}")


def isbn(w, params: dict, key: str) -> None:
    values = positional(params, 1)
    if values:
        w.write("ISBN ")
        w.value(values[0])


def country(w, params: dict, key: str) -> None:
    """`{{flag|USA}}`, `{{USA}}`: the country's name (the flag image is not text)."""
    name = _get(params, "2", "name")
    if name is not None:
        w.value(name)
        return
    code = (
        w.plain(params["1"]).strip()
        if key in ("flag", "flagcountry", "flagu", "country") and _filled(params.get("1"))
        else key
    )
    w.write(COUNTRIES.get(code.lower(), code))


def items(w, params: dict, key: str) -> None:
    """`{{ubl|a|b}}`, `{{hlist|a|b}}`: items, separated as a reader sees them inline."""
    values = positional(params, 30)
    if len(values) == 1 and key in ("flat list", "flatlist", "plainlist", "plain list", "hlist"):
        w.value(values[0])
        return
    for i, value in enumerate(values):
        if i:
            w.write("、")
        w.value(value)


def quote(w, params: dict, key: str) -> None:
    """Quotations and quote boxes: the quoted text, then its source, as a paragraph."""
    text = _get(params, "text", "quote", "quotetext", "1")
    if text is None:
        return
    source = _get(params, "sign", "author", "source", "2")
    w.out.paragraph()
    w.value(text)
    if source is not None:
        w.out.line_break()
        w.write("——")
        w.value(source)
    w.out.paragraph()


def cite(w, params: dict, key: str) -> None:
    """A citation outside or inside a reference: `author. title. work. publisher. date.`"""
    author = _get(params, "author", "author1", "authors", "last", "last1", "editor")
    pieces = [
        author,
        _get(params, "title", "script-title", "trans-title", "chapter"),
        _get(params, "work", "website", "newspaper", "journal", "magazine", "periodical"),
        _get(params, "publisher", "agency"),
        _get(params, "date", "year", "publication-date"),
    ]
    texts = [w.plain(v).strip().rstrip(".") for v in pieces if v is not None]
    texts = [t for t in texts if t]
    if texts:
        w.write(". ".join(texts) + ".")


def cite_r(w, params: dict, key: str) -> None:
    """`{{r|name|name2}}`: citation marks of named references."""
    for value in positional(params, 9):
        w.cite(w.plain(value).strip())


def note_template(w, params: dict, key: str) -> None:
    """`{{efn|…}}`, `{{NoteTag|…}}`: a footnote, a reference in the notes group."""
    body = _get(params, "1", "text")
    name = params.get("name")
    w.note(body, w.plain(name).strip() if name is not None else None)


_WORK_KEYS = {
    "zh-hans": ("cn", "sg", "my", "tw", "hk"),
    "zh-cn": ("cn", "sg", "tw", "hk"),
    "zh-sg": ("sg", "cn", "my", "tw", "hk"),
    "zh-my": ("my", "sg", "cn", "tw", "hk"),
    "zh-hant": ("tw", "hk", "mo", "cn"),
    "zh-tw": ("tw", "hk", "mo", "cn"),
    "zh-hk": ("hk", "mo", "tw", "cn"),
    "zh-mo": ("mo", "hk", "tw", "cn"),
}


def work_title(w, params: dict, key: str) -> None:
    """`{{作品名稱|name=原名|cn=…|tw=…|hk=…}}`: the title used in the reader's region.

    The regional title is the author's choice for that variant, so it is protected
    from script conversion, like `-{ }-` text.
    """
    chosen = _get(params, *_WORK_KEYS.get(w.ctx.variant, _WORK_KEYS["zh-hans"]))
    original = _get(params, "name", "1")
    if chosen is not None:
        w.write("《")
        w.protect_open()
        w.value(chosen)
        w.protect_close()
        w.write("》")
    if original is not None:
        w.write("（")
        w.value(original)
        w.write("）")


def pagename(w, params: dict, key: str) -> None:
    w.write(w.page_title)


RENDERERS: dict[str, Renderer] = {
    "lang": lang,
    "lang-zh": show("1"),
    "native name": show("2"),
    "native phrase": show("2"),
    "nowrap": show("1"),
    "nobr": show("1"),
    "small": show("1"),
    "big": show("1"),
    "smaller": show("1"),
    "larger": show("1"),
    "large": show("1"),
    "center": show("1"),
    "nobold": show("1"),
    "noitalic": show("1"),
    "abbr": show("1"),
    "abbrlink": show("1"),
    "tooltip": show("1"),
    "iast": show("1"),
    "sup": show("1"),
    "sub": show("1"),
    "math": show("1"),
    "mvar": show("1"),
    "keypress": show("1"),
    "url": show("2", "1"),
    "colorbox": show("2"),
    "color box": show("2"),
    "color": show("2"),
    "colour": show("2"),
    "font color": show_last,
    "resize": show_last,
    "transl": show_last,
    "transliteration": show_last,
    "linktext": items,
    "ubl": items,
    "unbulleted list": items,
    "hlist": items,
    "flat list": items,
    "flatlist": items,
    "plainlist": items,
    "plain list": items,
    "bulleted list": items,
    "!": literal("|"),
    "!!": literal("||"),
    "=": literal("="),
    "·": literal("·"),
    "•": literal("•"),
    "〈": literal("〈"),
    "〉": literal("〉"),
    "nbsp": literal(" "),
    "snd": literal(" – "),
    "ndash": literal("–"),
    "mdash": literal("—"),
    "l1": literal("L1"),
    "l2": literal("L2"),
    "l3": literal("L3"),
    "l4": literal("L4"),
    "l5": literal("L5"),
    "won": show_or("获奖", "1"),
    "nom": show_or("提名", "1"),
    "yes": show_or("是", "1"),
    "no": show_or("否", "1"),
    "n/a": show_or("N/A", "1"),
    "na": show_or("N/A", "1"),
    "tba": show_or("待定", "1"),
    "tbd": show_or("待定", "1"),
    "partial": show_or("部分", "1"),
    "dunno": show_or("?", "1"),
    "zh": zh_names,
    "zh-full": zh_names,
    "jpn": japanese,
    "japanese": nothing,  # zh {{Japanese}} is a header box
    "作品名稱": work_title,
    "作品名称": work_title,
    "nihongo": nihongo,
    "ruby": ruby,
    "ruby-ja": ruby,
    "ruby-py": ruby,
    "ruby-zh-p": ruby,
    "le": link_helper("1", ("3",)),
    "link-en": link_helper("1", ("3",)),
    "tsl": link_helper("3", ("4",)),
    "ill": link_helper("1", ("lt",)),
    "ilh": link_helper("1", ("lt", "d")),
    "internal link helper": link_helper("1", ("lt", "d")),
    "bd": birth_death,
    "birth date": date_ymd,
    "death date": date_ymd,
    "birth date and age": date_ymd,
    "death date and age": death_date_and_age,
    "start date": date_ymd,
    "end date": date_ymd,
    "start date and age": date_ymd,
    "end date and age": date_ymd,
    "film date": date_ymd,
    "release date": date_ymd,
    "release date and age": date_ymd,
    "dts": date_ymd,
    "birth year and age": show("1"),
    "convert": convert,
    "cvt": convert,
    "isbn": isbn,
    "flag": country,
    "flagcountry": country,
    "flagu": country,
    "country": country,
    "quote": quote,
    "quotation": quote,
    "cquote": quote,
    "blockquote": quote,
    "quote box": quote,
    "quotebox": quote,
    "rquote": quote,
    "centered pull quote": quote,
    "citation": cite,
    "citeweb": cite,
    "newsrelease": cite,
    "r": cite_r,
    "efn": note_template,
    "notetag": note_template,
    "refn": note_template,
    "efn-ua": note_template,
    "efn-lr": note_template,
    "note": nothing,
    "pagename": pagename,
    "fullpagename": pagename,
}


def renderer_for(key: str) -> Renderer | None:
    """The renderer of a lower-cased template name, through name families."""
    found = RENDERERS.get(key)
    if found is not None:
        return found
    if key.startswith("lang-"):
        return lang_xx
    if key.startswith("link-"):
        return link_helper("1", ("3",))
    if key.startswith("cite "):
        return cite
    if key in COUNTRIES:
        return country
    if (key in LANG_NAMES or key.endswith(" icon") or key.startswith("zh-")) and ICON_SUFFIX.match(key):
        return lang_icon if not key.startswith("zh-") else literal("（中文）")
    return None
