"""Page titles the way MediaWiki normalizes them (Title::secureAndSplit).

`_` and runs of blanks become one space, `%XX` and HTML entities are decoded,
a leading `:` is dropped, the first letter is upper-cased (zh.wikipedia's
$wgCapitalLinks is on), `#fragment` is split off, and a namespace or an
interwiki / interlanguage prefix is recognised so that callers can tell page
links from file, category and foreign links.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import unquote

# Namespace names and the zh aliases zh.wikipedia accepts (its siteinfo
# `namespaces` and `namespacealiases`), keyed by lower-case name.
NAMESPACES: dict[str, str] = {
    **dict.fromkeys(["category", "分类", "分類", "cat"], "Category"),
    **dict.fromkeys(["file", "image", "文件", "檔案", "档案", "图像", "圖像", "媒体文件", "媒體文件"], "File"),
    **dict.fromkeys(["media", "媒体", "媒體"], "Media"),
    **dict.fromkeys(["template", "模板", "样板", "樣板", "t"], "Template"),
    **dict.fromkeys(["wikipedia", "维基百科", "維基百科", "wp", "project"], "Wikipedia"),
    **dict.fromkeys(["help", "帮助", "幫助", "h"], "Help"),
    **dict.fromkeys(["portal", "主题", "主題", "p"], "Portal"),
    **dict.fromkeys(["user", "用户", "用戶", "u"], "User"),
    **dict.fromkeys(["talk", "讨论", "討論"], "Talk"),
    **dict.fromkeys(["mediawiki", "mw"], "MediaWiki"),
    **dict.fromkeys(["special", "特殊"], "Special"),
    **dict.fromkeys(["module", "模块", "模組"], "Module"),
    **dict.fromkeys(["draft", "草稿"], "Draft"),
    **dict.fromkeys(["wikiproject", "专题", "專題"], "WikiProject"),
    **dict.fromkeys(["user talk", "template talk", "wikipedia talk", "category talk", "file talk"], "Talk"),
}

# Interwiki prefixes (other projects) that zh.wikipedia links use most; any
# language code (2-3 letters, or with a dash such as zh-yue) is interlanguage.
INTERWIKI = frozenset(
    "wikt wiktionary q wikiquote s wikisource b wikibooks n wikinews v wikiversity voy "
    "wikivoyage d wikidata commons c species meta m mw metawikimedia foundation wmf "
    "incubator phab phabricator gerrit iarchive google doi arxiv".split()
)
_LANG_CODE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$")
_BLANKS = re.compile(r"[\s_\u00a0\u3000]+")
_DISAMBIG = re.compile(r"\s*[（(][^（）()]+[）)]$")


@dataclass(frozen=True)
class Title:
    text: str  # the normalized title, namespace prefix included
    namespace: str | None  # canonical namespace name, or None for articles
    section: str | None = None
    interwiki: str | None = None  # prefix of a link to another wiki

    @property
    def is_article(self) -> bool:
        return self.namespace is None and self.interwiki is None and bool(self.text)


def normalize_title(raw: str) -> Title:
    """Normalize a link target or page title as MediaWiki would."""
    s = _decode(raw).strip()
    section = None
    if "#" in s:
        s, section = s.split("#", 1)
        section = _BLANKS.sub(" ", section).strip() or None
    s = _BLANKS.sub(" ", s).strip().lstrip(":").strip()
    namespace, interwiki, name = _split_prefix(s)
    name = _upper_first(name)
    text = f"{namespace}:{name}" if namespace else name
    return Title(text, namespace, section, interwiki)


def strip_disambiguation(title: str) -> str:
    """`PHP (程式語言)` -> `PHP`: the name a reader uses in running text."""
    return _DISAMBIG.sub("", title)


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
    return name[:1].upper() + name[1:] if name else name
