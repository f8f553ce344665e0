"""Files shipped inside the package (`extractor/data/`, `extractor/schemas/`), found through
`importlib.resources` so that a wheel, pipx, a container or a Spark executor finds
them wherever the package is installed. The one place that knows where they live."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def data_file(name: str) -> Traversable:
    """A table of `extractor/data/` (TSV or text, UTF-8)."""
    return files("extractor") / "data" / name


def schema_file(name: str) -> Traversable:
    """A JSON Schema of `extractor/schemas/` (the repository's `schemas/` links to it)."""
    return files("extractor") / "schemas" / name
