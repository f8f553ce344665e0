"""Chinese date expressions in article text: `find_dates(text)`.

Layout: `numerals` (Chinese/Arabic numbers), `patterns` (the one compiled
scanning regex), `rules` (context rules turning matches into candidates),
`finder` (document-level anchoring of bare 月日 and the public function).
"""

from .finder import find_dates, iso

__all__ = ["find_dates", "iso"]
