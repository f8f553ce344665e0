"""What MediaWiki and zh.wikipedia define about markup, in one place.

The parser (`parse/wikitext`), the title index's regex pre-pass (`index_build`)
and normalization (`normalize/rules`) all read these: the redirect line, the
`-{ … }-` delimiters of LanguageConverter markup, comments, how a template call
names its template, which names are magic words or parser functions, and the
classes of templates the pipeline treats specially (infoboxes, disambiguation).
Titles and namespaces are in `titles`. This module depends on nothing else in
the package but `titles`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .titles import NAMESPACES

# `#REDIRECT [[Target]]` (MediaWiki's MagicWord `redirect`; zh.wikipedia adds `#重定向`).
REDIRECT = re.compile(r"^\s*#\s*(?:redirect|重定向)\s*:?\s*\[\[([^\]|\n]*)", re.I)
# The same line in pandoc's markdown rendering: an ordered-list item `1.  REDIRECT [X](…)` (or
# `#REDIRECT [X](…)`), the first thing on the page.
MARKDOWN_REDIRECT = re.compile(r"\A\s*(?:1\.|#)\s*(?:redirect|重定向)\s*:?\s*\[([^\]\n]+)\]\(", re.I)
# The delimiters of LanguageConverter markup (`-{…}-`, ConverterRule); `-{{` opens a template.
CONVERSION_TOKEN = re.compile(r"-\{(?!\{)|\}-")
# The double-underscore magic words that turn off the conversion of a page's content
# (MagicWord ids `nocontentconvert`, zh aliases `__NOCC__`; Parser::internalParseHalfParsed).
NO_CONTENT_CONVERT = re.compile(r"__(?:NOCONTENTCONVERT|NOCC)__")
NO_TITLE_CONVERT = re.compile(r"__(?:NOTITLECONVERT|NOTC)__")  # the title only
# An HTML comment; an unclosed one runs to the end (MediaWiki's preprocessor).
COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)

# Infobox templates: English families and zh names ending in one of INFOBOX_WORDS.
INFOBOX_WORDS = ("信息框", "資訊框", "资讯框", "信息盒", "訊息框")
INFOBOX = re.compile(
    r"^(?:infobox|geobox|chembox$|drugbox|taxobox|automatic taxobox|speciesbox|starbox begin|"
    r"明清人物信息框)|(?:" + "|".join(INFOBOX_WORDS) + ")$",
    re.I,
)
# Disambiguation templates (zh.wikipedia's Template:Disambig and its redirects);
# DISAMBIG_CALL finds a call to one in raw markup without naming every template.
DISAMBIG_PREFIXES = ("disambig", "消歧义", "消歧義", "消歧異")
DISAMBIG_CALL = re.compile(r"\{\{\s*(?:template\s*:\s*|模板\s*:\s*)?(?:disambig|dab\s*[|}]|消歧[义義異])", re.I)
# Magic words and parser functions written as `{{NAME}}` / `{{NAME:…}}` (MediaWiki's
# MagicWordFactory variable and function ids, with zh.wikipedia's aliases).
MAGIC_WORDS = frozenset(
    "DEFAULTSORT DEFAULTSORTKEY DEFAULTCATEGORYSORT DISPLAYTITLE PAGENAME FULLPAGENAME BASEPAGENAME "
    "SUBPAGENAME ARTICLEPAGENAME SUBJECTPAGENAME TALKPAGENAME NAMESPACE NS CURRENTYEAR CURRENTMONTH "
    "CURRENTDAY CURRENTTIMESTAMP LC UC LCFIRST UCFIRST FORMATNUM PLURAL GENDER INT FULLURL LOCALURL "
    "URLENCODE ANCHORENCODE PADLEFT PADRIGHT REVISIONID SITENAME SERVER NUMBEROFARTICLES PAGESIZE "
    "SUBST SAFESUBST MSGNW MSG RAW TOC NOTOC 默认排序 默認排序".split()
)


def redirect_target(markup: str) -> str | None:
    """The target of a redirect page, as written; None when the page is no redirect."""
    m = REDIRECT.match(markup)
    return m.group(1).strip() if m else None


def markdown_redirect_target(markup: str) -> str | None:
    """The target of a redirect page in pandoc's rendering, as written (the link's label)."""
    m = MARKDOWN_REDIRECT.match(markup)
    return m.group(1).strip() if m else None


@lru_cache(maxsize=1 << 14)
def template_name(raw: str) -> str:
    """`{{ template:cite_web }}` -> `Cite web`: what MediaWiki would look up (cached: a
    page calls the same templates again and again)."""
    name = COMMENT.sub("", raw).replace("\ue000", "").replace("\ue001", "")
    name = " ".join(name.replace("_", " ").split())
    if ":" in name:
        prefix, rest = name.split(":", 1)
        if NAMESPACES.get(prefix.strip().lower()) == "Template":
            name = rest.strip()
    return name[:1].upper() + name[1:]


OPEN, UNCLOSED, CLOSE, LOOSE = "open", "unclosed", "close", "loose"  # roles of conversion tokens


def conversion_tokens(markup: str) -> list[tuple[int, str]]:
    """Every `-{` and `}-` of `markup` as (offset, role), paired as a stack in one pass (linear
    time, no recursion, whatever the nesting): OPEN and CLOSE delimit a balanced block; UNCLOSED
    is a `-{` never closed; LOOSE a `}-` that closes no block (none is open, or it ends a template
    inside the innermost open block: `-{ {{x}}- }-`, counted as its `{` and `}` balance)."""
    found: list[list] = []
    stack: list[tuple[int, int]] = []  # (index in found, brace balance just inside the opener)
    balance = seen = 0
    for m in CONVERSION_TOKEN.finditer(markup):
        at = m.start()
        balance += markup.count("{", seen, at) - markup.count("}", seen, at)
        seen = at
        if m.group() == "-{":
            stack.append((len(found), balance + 1))
            found.append([at, UNCLOSED])
        elif stack and balance <= stack[-1][1]:
            found[stack.pop()[0]][1] = OPEN
            found.append([at, CLOSE])
        else:
            found.append([at, LOOSE])
    return [(at, role) for at, role in found]


def is_magic(name: str) -> bool:
    """Parser functions (`#if:`) and magic words (`DEFAULTSORT:`) are not templates."""
    if name.startswith("#"):
        return True
    head = name.split(":", 1)[0].strip().upper()
    return head in MAGIC_WORDS and (":" in name or name.isupper())


def is_disambiguation(key: str) -> bool:
    """A lower-cased template name that marks a disambiguation page."""
    return key == "dab" or key.startswith(DISAMBIG_PREFIXES)
