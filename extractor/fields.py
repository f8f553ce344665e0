"""Which parts of the record a run produces (`run --fields`).

Every record has the core fields (`CORE`: id, title, text, sections …: what a
plain-text extractor gives, plus the page's own flags). The others are optional:
filled when the run selected them, null otherwise (every record of every run
has every field); `all` (the default) selects every one. The manifest records
the choice (`options.fields`), and validation holds a run's records to it.
Skipping a field skips the work that only it needs: the stages (dates,
entities, the resolution of links through the title index) and, in the parser,
rendering tables, infobox values, reference texts and template parameters.
"""

from __future__ import annotations

from functools import cache

CORE = (
    "schema_version",
    "id",
    "title",
    "url",
    "variant",
    "source",
    "text",
    "redirect",
    "is_disambiguation",
    "sections",
    "blocks",
    "unresolved_conversion_groups",
)
OPTIONAL = (
    "links",
    "external_links",
    "categories",
    "templates",
    "infobox",
    "references",
    "citations",
    "tables",
    "dates",
    "entities",
)
# A date of an infobox value, a reference or a table cell points into it; a citation names a reference.
IMPLIED: dict[str, tuple[str, ...]] = {"dates": ("infobox", "references", "tables"), "citations": ("references",)}
PROFILES: dict[str, tuple[str, ...]] = {"all": OPTIONAL, "text": ()}
ALL: tuple[str, ...] = OPTIONAL


def parse_fields(spec: str) -> tuple[str, ...]:
    """`"text,links,dates"` -> the optional fields selected, in record order.

    Items are profile names (`all`, `text`: the core alone) or optional field names, with the
    fields they point into (`IMPLIED`); an unknown name raises ValueError naming the choices."""
    chosen: set[str] = set()
    for item in (part.strip() for part in spec.split(",")):
        if item in PROFILES:
            chosen.update(PROFILES[item])
        elif item in OPTIONAL:
            chosen.add(item)
        else:
            choices = ", ".join([*PROFILES, *OPTIONAL])
            raise ValueError(f"unknown field {item!r} in --fields {spec!r}; choose from {choices}")
    for name in list(chosen):
        chosen.update(IMPLIED.get(name, ()))
    return tuple(name for name in OPTIONAL if name in chosen)


@cache  # called for every page with the run's one choice
def parser_needs(fields: tuple[str, ...]) -> frozenset[str]:
    """The optional parts a parser must fill for records of `fields` (it may skip the others):
    a category link may stand anywhere, in a table, an infobox value or a reference (and entities
    are typed by categories); a reference may stand in a table or an infobox value."""
    needs = set(fields)
    if needs & {"categories", "entities"}:
        needs |= {"tables", "infobox", "references"}
    if "references" in needs:  # a reference may stand in a table or an infobox value
        needs |= {"tables", "infobox"}
    return frozenset(needs)


EVERYTHING = parser_needs(ALL)


def describe(fields: tuple[str, ...]) -> str:
    """The shortest spec that gives `fields` back: `all`, `text` or `text,links,…`."""
    if fields == ALL:
        return "all"
    return ",".join(["text", *fields])
