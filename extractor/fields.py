"""Which parts of the record a run produces (`run --fields`).

Every record has the core fields (`CORE`: id, title, text, sections …: what a
plain-text extractor gives, plus the page's own flags). The others are optional
and present exactly when the run selected them; `all` (the default) selects
every one. The manifest records the choice (`options.fields`), and validation
requires the selected fields, so a run's records all have one shape.
Skipping a field skips the stages that only it needs (dates, entities, the
resolution of links through the title index).
"""

from __future__ import annotations

CORE = (
    "schema_version",
    "id",
    "title",
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
PROFILES: dict[str, tuple[str, ...]] = {"all": OPTIONAL, "text": ()}
ALL: tuple[str, ...] = OPTIONAL


def parse_fields(spec: str) -> tuple[str, ...]:
    """`"text,links,dates"` -> the optional fields selected, in record order.

    Items are profile names (`all`, `text`: the core alone) or optional field names;
    an unknown name raises ValueError naming the choices."""
    chosen: set[str] = set()
    for item in (part.strip() for part in spec.split(",")):
        if item in PROFILES:
            chosen.update(PROFILES[item])
        elif item in OPTIONAL:
            chosen.add(item)
        else:
            choices = ", ".join([*PROFILES, *OPTIONAL])
            raise ValueError(f"unknown field {item!r} in --fields {spec!r}; choose from {choices}")
    return tuple(name for name in OPTIONAL if name in chosen)


def describe(fields: tuple[str, ...]) -> str:
    """The shortest spec that gives `fields` back: `all`, `text` or `text,links,…`."""
    if fields == ALL:
        return "all"
    return ",".join(["text", *fields])
