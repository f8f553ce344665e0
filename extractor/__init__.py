"""Chinese Wikipedia into clean, validated records: `process_page(page, options)`."""

from __future__ import annotations

__version__ = "0.1.0"

from .model import Document, Page, Quarantine, Skip  # noqa: E402
from .options import Options  # noqa: E402


def process_page(page: Page, options: Options | None = None, groups=None, *, index=None):
    """page -> record dict | Quarantine | Skip (see extractor.pipeline.process_page)."""
    from .pipeline import process_page as _process

    return _process(page, options or Options(), groups, index=index)


__all__ = ["__version__", "process_page", "Options", "Page", "Document", "Quarantine", "Skip"]
