"""Chinese date expressions: `find_dates(text, sections)` for article text,
`find_document_dates(doc)` for text + infobox + references.

Layout: `numerals` (Chinese/Arabic numbers), `patterns` (the one compiled
scanning regex), `rules` (context rules turning matches into candidates),
`eras` (reign eras from extractor/data/eras.tsv), `qualifiers` (春, 上旬,
世纪末), `finder` (document-level anchoring, ranges, the public function),
`western` (2012-10-29, October 29, 2012 in references), `sources` (which
fields of a document are searched), `sentences` (the timeline's sentence and
entities of each date).
"""

from .finder import find_dates, iso
from .sentences import attach_sentences
from .sources import find_document_dates, find_field_dates

__all__ = ["find_dates", "find_document_dates", "find_field_dates", "attach_sentences", "iso"]
