"""Entities from links: one per linked page, with every mention in the text.

Wikipedia editors link a page once; the later, unlinked mentions of the same
names are found here: longest name first, never overlapping another mention,
no one-character names (too ambiguous in Chinese). The article's own subject
(its title and the lead's bold names) is an entity too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Document, Entity, Mention
from ..titles import strip_disambiguation
from .typing import entity_type

_LATIN_EDGE = re.compile(r"[A-Za-z0-9]")


def find_entities(doc: Document) -> list[Entity]:
    entities: dict[str, Entity] = {}
    _add_subject(doc, entities)
    for link in doc.links:
        entity = entities.setdefault(link.target, _new(link.target))
        entity.mentions.append(Mention(link.start, link.end, True))
        _add_alias(entity, doc.text[link.start : link.end])
    _add_unlinked(doc.text, list(entities.values()))
    for entity in entities.values():
        entity.mentions.sort(key=lambda m: (m.start, m.end))
        entity.type, entity.type_source = entity_type(entity.name)
    return sorted(entities.values(), key=lambda e: (e.mentions[0].start if e.mentions else -1, e.name))


def _new(name: str) -> Entity:
    return Entity(name=name, type=None, aliases=[], mentions=[])


def _add_alias(entity: Entity, alias: str) -> None:
    if alias and alias != entity.name and alias not in entity.aliases:
        entity.aliases.append(alias)


def _add_subject(doc: Document, entities: dict[str, Entity]) -> None:
    if not doc.title:
        return
    subject = entities.setdefault(doc.title, _new(doc.title))
    for span in doc.bold:
        _add_alias(subject, doc.text[span.start : span.end])


def _names(entity: Entity) -> Iterable[str]:
    yield entity.name
    yield strip_disambiguation(entity.name)
    yield from entity.aliases


def _add_unlinked(text: str, entities: list[Entity]) -> None:
    """Find the names of each entity after its first mention (for the subject: anywhere)."""
    owner: dict[str, Entity] = {}
    for entity in entities:
        for name in _names(entity):
            if len(name) > 1:
                owner.setdefault(name, entity)
    if not owner:
        return
    taken = sorted((m.start, m.end) for e in entities for m in e.mentions)
    pattern = re.compile("|".join(re.escape(n) for n in sorted(owner, key=len, reverse=True)))
    for match in pattern.finditer(text):
        entity = owner[match.group()]
        if _acceptable(text, match.start(), match.end(), entity, taken):
            entity.mentions.append(Mention(match.start(), match.end(), False))


def _acceptable(text: str, start: int, end: int, entity: Entity, taken: list[tuple[int, int]]) -> bool:
    if any(s < end and start < e for s, e in taken):
        return False
    if entity.mentions and entity.mentions[0].linked and start < entity.mentions[0].start:
        return False
    return not _splits_latin_word(text, start, end)


def _splits_latin_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    inner_first, inner_last = text[start], text[end - 1]
    return bool(
        (_LATIN_EDGE.match(before) and _LATIN_EDGE.match(inner_first))
        or (_LATIN_EDGE.match(after) and _LATIN_EDGE.match(inner_last))
    )
