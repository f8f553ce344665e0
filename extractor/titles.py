"""Page titles the way MediaWiki normalizes them (Title::secureAndSplit).

Bidi marks are dropped; `_` and every blank MediaWiki treats as a space
(U+00A0, U+1680, U+2000-U+200A, U+2028/9, U+202F, U+205F, U+3000) become one
space; `%XX` and HTML entities are decoded; a leading `:` is dropped; the first
letter is upper-cased (zh.wikipedia's $wgCapitalLinks is on; a letter whose
upper case is two letters, such as `ß`, is kept as MediaWiki's overrides do);
`#fragment` is split off; a namespace or an interwiki / interlanguage prefix is
recognised so that callers can tell page links from file, category and foreign
links. Titles with characters MediaWiki forbids (`<>[]{}|`) are not pages.

`fold` gives the script-folded key used to compare titles across scripts
(太空組織 and 太空组织 are one page name on a wiki that converts variants).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, unquote

# Namespace id -> canonical name, as zh.wikipedia's siteinfo lists them
# (API siteinfo `namespaces`; zhwiki keeps the English canonical names).
NAMESPACE_IDS: dict[str, int] = {
    "Media": -2, "Special": -1, "Talk": 1, "User": 2, "User talk": 3, "Wikipedia": 4,
    "Wikipedia talk": 5, "File": 6, "File talk": 7, "MediaWiki": 8, "MediaWiki talk": 9,
    "Template": 10, "Template talk": 11, "Help": 12, "Help talk": 13, "Category": 14,
    "Category talk": 15, "Portal": 100, "Portal talk": 101, "WikiProject": 102,
    "WikiProject talk": 103, "Draft": 118, "Draft talk": 119, "TimedText": 710,
    "TimedText talk": 711, "Module": 828, "Module talk": 829,
}

# Aliases zh.wikipedia accepts (siteinfo `namespacealiases`, the localized
# names of MessagesZh_hans.php / MessagesZh_hant.php, and zhwiki's short
# aliases WP, T, U, H, P, CAT), keyed by lower-case name.
_ALIASES: dict[str, tuple[str, ...]] = {
    "Media": ("媒体", "媒體", "媒体文件", "媒體檔案"),
    "Special": ("特殊",),
    "Talk": ("讨论", "討論", "对话", "對話"),
    "User": ("用户", "用戶", "u"),
    "User talk": ("用户讨论", "用戶討論", "用户对话", "用戶對話", "ut"),
    "Wikipedia": ("维基百科", "維基百科", "wp", "project"),
    "Wikipedia talk": ("维基百科讨论", "維基百科討論", "wt", "project talk"),
    "File": ("文件", "檔案", "档案", "图像", "圖像", "image"),
    "File talk": ("文件讨论", "檔案討論", "档案讨论", "图像讨论", "圖像討論", "image talk"),
    "MediaWiki": ("mw",),
    "MediaWiki talk": ("mediawiki讨论", "mediawiki討論"),
    "Template": ("模板", "样板", "樣板", "t"),
    "Template talk": ("模板讨论", "模板討論", "样板讨论", "樣板討論"),
    "Help": ("帮助", "幫助", "h"),
    "Help talk": ("帮助讨论", "幫助討論"),
    "Category": ("分类", "分類", "cat"),
    "Category talk": ("分类讨论", "分類討論"),
    "Portal": ("主题", "主題", "p"),
    "Portal talk": ("主题讨论", "主題討論"),
    "WikiProject": ("专题", "專題"),
    "WikiProject talk": ("专题讨论", "專題討論"),
    "Draft": ("草稿",),
    "Draft talk": ("草稿讨论", "草稿討論"),
    "Module": ("模块", "模組"),
    "Module talk": ("模块讨论", "模組討論"),
}
NAMESPACES: dict[str, str] = {
    **{name.lower(): name for name in NAMESPACE_IDS},
    **{alias: name for name, aliases in _ALIASES.items() for alias in aliases},
}

# Interwiki prefixes (other projects) that zh.wikipedia links use most; any
# language code (2-3 letters, or with a dash such as zh-yue) is interlanguage.
INTERWIKI = frozenset(
    "wikt wiktionary q wikiquote s wikisource b wikibooks n wikinews v wikiversity voy "
    "wikivoyage d wikidata commons c species meta m mw metawikimedia foundation wmf "
    "incubator phab phabricator gerrit iarchive google doi arxiv".split()
)
_LANG_CODE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$")
# MediaWiki's title blanks (Title.php: `[ _\xA0\x{1680}\x{180E}\x{2000}-\x{200A}...]`) plus ASCII whitespace.
_BLANKS = re.compile(r"[\s_\u00a0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
BIDI = re.compile(r"[\u200e\u200f\u202a-\u202e]")  # dropped from titles (MediaWiki's TitleParser)
_FORBIDDEN = re.compile(r"[<>\[\]{}|\x00-\x1f\x7f\ufffd]|~{3,}")
_DISAMBIG = re.compile(r"\s*[（(][^（）()]+[）)]$")


@dataclass(frozen=True)
class Title:
    text: str  # the normalized title, namespace prefix included
    namespace: str | None  # canonical namespace name, or None for articles
    section: str | None = None
    interwiki: str | None = None  # prefix of a link to another wiki
    valid: bool = True  # False: MediaWiki would refuse it as a title

    @property
    def is_article(self) -> bool:
        return self.valid and self.namespace is None and self.interwiki is None and bool(self.text)

    @property
    def namespace_id(self) -> int:
        return NAMESPACE_IDS.get(self.namespace, 0) if self.namespace else 0


@lru_cache(maxsize=1 << 12)  # bounded: memory stays flat over a whole dump
def normalize_title(raw: str) -> Title:
    """Normalize a link target or page title as MediaWiki would (cached: a page links
    to the same titles again and again, and `Title` is frozen)."""
    s = BIDI.sub("", _decode(raw)).strip()
    section = None
    if "#" in s:
        s, section = s.split("#", 1)
        section = _BLANKS.sub(" ", section).strip() or None
    s = _BLANKS.sub(" ", s).strip().lstrip(":").strip()
    namespace, interwiki, name = _split_prefix(s)
    if interwiki is None:
        name = _upper_first(name)
    text = f"{namespace}:{name}" if namespace else name
    return Title(text, namespace, section, interwiki, not _FORBIDDEN.search(s) and name not in (".", ".."))


WIKI = "https://zh.wikipedia.org"
# Characters MediaWiki leaves unescaped in a page's URL (wfUrlencode); a space is `_`.
_URL_SAFE = ";@$!*(),/~:"


def page_url(title: str | None, variant: str) -> str | None:
    """The page on zh.wikipedia.org shown in `variant` (`/zh-hans/Title`; `/wiki/Title` for
    zh, no conversion), as MediaWiki writes its links; None for no title or an invalid one."""
    if not title:
        return None
    page = normalize_title(title)
    if not page.valid or page.interwiki or not page.text:
        return None
    path = "wiki" if variant == "zh" else variant
    return f"{WIKI}/{path}/{quote(page.text.replace(' ', '_'), safe=_URL_SAFE)}"


def strip_disambiguation(title: str) -> str:
    """`PHP (程式語言)` -> `PHP`: the name a reader uses in running text."""
    return _DISAMBIG.sub("", title)


def fold(title: str) -> str:
    """Script-folded key: OpenCC's t2s character table applied character by character.

    Character-level on purpose: it is cheap enough for millions of index rows
    and, applied to both sides of a comparison, phrase-level subtleties of t2s
    cannot make two spellings of one title differ.
    """
    return title.translate(_t2s_table())


@lru_cache(maxsize=1)
def _t2s_table() -> dict[int, str]:
    """OpenCC's traditional-to-simplified characters, from the data the product converts with."""
    from .normalize.opencc_dicts import load_dictionary

    return {ord(source): target for source, target in load_dictionary("TSCharacters.txt").items() if len(source) == 1}


def _decode(raw: str) -> str:
    if "%" in raw:
        raw = unquote(raw)
    return html.unescape(raw) if "&" in raw else raw


def _split_prefix(s: str) -> tuple[str | None, str | None, str]:
    if ":" not in s:
        return None, None, s
    prefix, rest = s.split(":", 1)
    key = _BLANKS.sub(" ", prefix).strip().lower()
    if key in NAMESPACES:
        return NAMESPACES[key], None, rest.strip()
    if key in INTERWIKI or _LANG_CODE.match(key):
        return None, key, rest.strip()
    return None, None, s


def _upper_first(name: str) -> str:
    if not name:
        return name
    upper = name[0].upper()
    return (upper if len(upper) == 1 else name[0]) + name[1:]
