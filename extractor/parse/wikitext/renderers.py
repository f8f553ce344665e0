"""Renderers: what one zh.wikipedia template shows a reader, written natively.

A renderer is `fn(walker, params, key)`: `params` maps a parameter name
("1", "2", "url"...) to its value as a node list (`nodes.Code`); the renderer
writes through the walker (`walk`, `write`, `value`, `plain`, `link`, `cite`,
`note`, `protect_open`/`protect_close`), so links and references inside a
rendered parameter are kept. Which template uses which renderer is decided in
`templates.RENDERERS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .template_tables import COUNTRIES, LANG_NAMES, UNITS

Renderer = Callable[[Any, dict, str], None]

ICON_SUFFIX = re.compile(r"^([a-z]{2,3}(?:-[a-z]{2,4})?)(?: icon)?$")


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
    `-{ }-`, so script conversion never touches it (日露関係 stays 関係); its
    span is marked foreign, so no Chinese entity mention is sought in it."""
    w.protect_open(foreign=True)
    w.value(value)
    w.protect_close()


def lang(w, params: dict, key: str) -> None:
    """`{{lang|ja|日露関係}}` -> the text, protected unless it is Chinese."""
    value = _get(params, "2", "text")
    if value is None:
        return
    if str(_get(params, "1") or "").strip().lower().startswith("zh"):
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
    """`{{bd|1960年|5月3日|2020年|1月1日}}` -> `1960年5月3日—2020年1月1日` (zh.wikipedia's
    Template:Bd: the article writes the parentheses around it)."""
    values = [params.get(str(i)) for i in range(1, 5)]
    if not any(_filled(v) for v in values):
        return
    _life_span(w, values)


def birth_death_parenthesized(w, params: dict, key: str) -> None:
    """`{{BD|？||前464年}}` -> `（？—前464年）`: zh.wikipedia's Template:BD, a different page
    from Template:Bd (only a title's first letter is case-insensitive), adds the parentheses."""
    values = [params.get(str(i)) for i in range(1, 5)]
    if not any(_filled(v) for v in values):
        return
    w.write("（")
    _life_span(w, values)
    w.write("）")


def _life_span(w, values: list) -> None:
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
