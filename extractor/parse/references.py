"""References (`<ref>`, `{{efn}}`, `{{r}}`) collected while wikitext is walked.

A reference is removed from the text; what remains is a `Citation` at the
position of its mark. Named references are one `Reference` however often they
are cited, and a `<ref name=x/>` seen before its definition is filled in when
the definition comes. Citation templates inside a reference (cite web / news /
book ...) give its url, title, date and publisher.
"""

from __future__ import annotations

from ..model import Reference

URL_KEYS = ("url", "archive-url", "archiveurl", "chapter-url", "chapterurl")
TITLE_KEYS = ("title", "script-title", "trans-title", "chapter")
DATE_KEYS = ("date", "year", "publication-date", "publicationdate", "access-date", "accessdate")
PUBLISHER_KEYS = ("publisher", "work", "website", "newspaper", "journal", "agency", "magazine", "periodical")
CITE_NAMES = ("cite", "citation", "citeweb", "newsrelease", "webcite", "cite web")


class RefRegistry:
    """All references of a document, in order of first appearance."""

    def __init__(self) -> None:
        self.references: list[Reference] = []
        self._by_id: dict[str, Reference] = {}
        self._count = 0

    def add(self, name: str | None, text: str, fields: dict[str, str | None]) -> str:
        """Register a reference (or a use of a named one) and return its id."""
        if name and name in self._by_id:
            ref = self._by_id[name]
            if text and not ref.text:
                ref.text = text
            for key, value in fields.items():
                if value and not getattr(ref, key):
                    setattr(ref, key, value)
            return ref.id
        if name:
            ref_id = name
        else:
            self._count += 1
            ref_id = f"#{self._count}"
        ref = Reference(ref_id, text, **{k: v or None for k, v in fields.items()})
        self.references.append(ref)
        self._by_id[ref_id] = ref
        return ref_id


def is_cite(key: str) -> bool:
    return key.startswith(CITE_NAMES)


def cite_fields(params: dict, plain) -> dict[str, str | None]:
    """url / title / date / publisher of a citation template (`plain` renders a value)."""

    def first(keys: tuple[str, ...], raw: bool = False) -> str | None:
        for key in keys:
            value = params.get(key)
            if value is not None and str(value).strip():
                text = _raw(value) if raw else plain(value).strip()
                if text:
                    return text
        return None

    return {
        "url": first(URL_KEYS, raw=True),
        "title": first(TITLE_KEYS),
        "date": first(DATE_KEYS, raw=True),
        "publisher": first(PUBLISHER_KEYS),
    }


def _raw(value) -> str:
    """A parameter as written, minus comments and -{ }- sentinels."""
    text = "".join(str(n) for n in value.nodes if type(n).__name__ != "Comment")
    text = text.replace("\ue000", "").replace("\ue001", "")
    if text and max(text) >= "\U000f0000":  # a rule block's anchor (parse/wikitext/langconv.py)
        text = "".join(c for c in text if not "\U000f0000" <= c <= "\U000ffffd")
    return text.strip()
