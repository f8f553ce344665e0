"""Which zh.wikipedia templates show a reader text (template classes are in `mediawiki`).

Only templates that put reader-visible text into an article are rendered
(measured over the corpus with benchmarks/templates.py: lang/lang-xx, link
helpers, dates, convert, country flags, quotes, cell markers such as
won/nom...). Everything else (navigation boxes, maintenance banners, hatnotes,
coordinates) renders nothing; every template is still recorded in
`Document.templates` by the caller. The renderers are in `renderers`.
"""

from __future__ import annotations

from functools import lru_cache

from .renderers import (
    ICON_SUFFIX,
    Renderer,
    birth_death,
    birth_death_parenthesized,
    cite,
    cite_r,
    convert,
    country,
    date_ymd,
    death_date_and_age,
    isbn,
    items,
    japanese,
    lang,
    lang_icon,
    lang_xx,
    link_helper,
    literal,
    nihongo,
    note_template,
    nothing,
    pagename,
    quote,
    ruby,
    show,
    show_last,
    show_or,
    work_title,
    zh_names,
)
from .template_tables import COUNTRIES, LANG_NAMES

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


# Renderers by exact title, for templates that RENDERERS' lower-cased keys would confuse with
# another: MediaWiki folds only a title's first letter, so Template:BD is not Template:Bd.
CASED_RENDERERS: dict[str, Renderer] = {"BD": birth_death_parenthesized}


@lru_cache(maxsize=1 << 12)
def renderer_for(key: str) -> Renderer | None:
    """The renderer of a lower-cased template name, through name families (cached per name)."""
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
