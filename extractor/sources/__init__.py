"""Input formats: one reader module each, chosen by file name.

A reader is `read(path, shown) -> Iterator[Page | Quarantine]`; `shown` is the
path as the user gave it, recorded in every record's `source.path`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ..model import Page, Quarantine
from .files import read_markdown, read_text, read_wikitext
from .xml_dump import read_dump

Reader = Callable[[Path, str], Iterator[Page | Quarantine]]

# Longest suffix first: `.xml.bz2` before `.bz2`.
REGISTRY: dict[str, Reader] = {
    ".xml.bz2": read_dump,
    ".xml": read_dump,
    ".wiki": read_wikitext,
    ".wikitext": read_wikitext,
    ".mediawiki": read_wikitext,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".txt": read_text,
}


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    for suffix, reader in REGISTRY.items():
        if name.endswith(suffix):
            return reader
    return None


def find_inputs(inputs: list[str]) -> list[tuple[Path, str]]:
    """Every article file under `inputs`, sorted, with the path to show for it.

    In a directory, hidden files and README / SOURCES / LICENSE files are
    skipped; a file named explicitly is always read.
    Raises FileNotFoundError for an input that does not exist: a typo must not
    become an empty, successful run.
    """
    found: list[tuple[Path, str]] = []
    for given in inputs:
        root = Path(given)
        if root.is_dir():
            files = sorted(p for p in root.rglob("*") if p.is_file() and reader_for(p) and not _hidden(p, root))
            found += [(p, str(Path(given) / p.relative_to(root))) for p in files]
        elif root.is_file():
            found.append((root, given))
        else:
            raise FileNotFoundError(given)
    return found


# Documentation files that sit beside articles in corpora (raw/SOURCES.md).
_DOC_FILES = frozenset({"readme", "sources", "license", "licence", "changelog", "notice", "authors"})


def _hidden(path: Path, root: Path) -> bool:
    """Hidden files and folders, and documentation files, are not articles."""
    if path.name.split(".")[0].lower() in _DOC_FILES:
        return True
    return any(part.startswith(".") for part in path.relative_to(root).parts)
