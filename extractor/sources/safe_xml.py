"""The XML parser every dump is read with: expat through ElementTree, refusing any DTD.

MediaWiki export dumps never contain a document type declaration, and everything
that makes XML hostile needs one: entities that expand without bound ("billion
laughs", quadratic blowup), external and parameter entities that read local files
or URLs (`<!ENTITY x SYSTEM "file:///…">`), a DTD fetched from the network. So the
parser refuses `<!DOCTYPE` itself, before expat reads its internal subset: nothing is
ever expanded or fetched (entity and external references are refused too, should a
DTD ever get through). Without a DTD, `&x;` is an undefined entity: expat's own
error, which costs its page only (xml_pages).

Why defusedxml: its `DefusedXMLParser` is ElementTree's Python `XMLParser`, whose
expat parser is reachable, with handlers that raise at those declarations; the C
accelerator's `XMLParser` has no such hook (a byte scan of the prolog would be
sound only for ASCII-compatible encodings, and expat also reads UTF-16). Trees are
still built by the C `TreeBuilder`, so only expat's few callbacks a page run in
Python. Measured (CPU seconds, reading every page with `read_dump`, C parser →
this one): 20,000 pages of 11 KB (223 MB .xml) 2.0-2.4 → 1.8-2.1, no difference;
the same as .xml.bz2, 9.3-9.5 → 8.6-9.0, bz2 dominates; 200,000 redirect-sized
pages of 430 bytes (86 MB) 3.8-4.1 → 5.3-5.9, about 7 µs more a page, against
milliseconds a page for the rest of the pipeline.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser

Forbidden = DefusedXmlException  # raised by the pull parser's `feed` / `close` on a refused declaration


def pull_parser() -> tuple[ET.XMLPullParser, DefusedXMLParser]:
    """A pull parser (start and end events) and the XML parser under it (for `refused_at`)."""
    parser = DefusedXMLParser(target=ET.TreeBuilder(), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    return ET.XMLPullParser(events=("start", "end"), _parser=parser), parser


def refused_at(parser: DefusedXMLParser) -> int:
    """Where expat was when it refused a declaration: bytes fed to `parser` (just past the declared name)."""
    return parser.parser.CurrentByteIndex


def refused_what(exc: Exception) -> str:
    """What was refused, for a message (never the entity's value or the file it names)."""
    if isinstance(exc, DTDForbidden):
        return "a document type declaration (<!DOCTYPE …>)"
    if isinstance(exc, EntitiesForbidden):
        return "an entity declaration (<!ENTITY …>)"
    return "a reference to an external entity"
