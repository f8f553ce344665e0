"""OpenCC configurations and dictionaries, as conversion chains for `fastcc`.

Two sources of data, one shape (a chain of steps, a step a sequence of dictionaries):

- VENDORED, what the product converts with: OpenCC's current data, vendored under
  `extractor/data/opencc/` by `scripts/vendor_opencc.py` (provenance in its SOURCES.md;
  OpenCC, Apache-2.0). Read as OpenCC reads its configs, mapped onto the reimplementation's
  step/group semantics: the `normalization` steps (CJK compatibility ideographs) run first,
  then the `conversion_chain`; a `short_circuit` group is a sequence of dictionaries, tried in
  order as the reimplementation tries a group's; a `union` group is one dictionary, its files
  merged (the longest key of any of them wins, the earlier file a duplicate key: OpenCC's union
  rule, which the reimplementation's longest-first matching keeps for a merged dictionary);
  `ocd2`/`ocd` names are read from the `.txt` of the same name; dictionaries marked
  `may_output_tofu` are included (OpenCC's library default); `segmentation` is not used. A
  dictionary line is `key<TAB>candidates`, `#` lines and blank lines skipped (OpenCC's text
  format); of several space-separated candidates the first is used.
- REIMPLEMENTATION: the data opencc-python-reimplemented 0.1.7 ships (older OpenCC data), read
  from the installed package exactly as `opencc/opencc.py` reads it (`OpenCC._init_dict`,
  `_add_dict_chain`, `_add_dictionaries`, `StringTree.__findMatch`): a step is one `txt`
  dictionary or a `group` of them; entries of any other type are skipped, as the reimplementation
  skips them; a line is `key<TAB>candidates` after `str.strip()`; a later duplicate key wins.
  Only tests/test_fastcc.py uses it: fastcc with these data must equal the reimplementation.

A dictionary is named by a Member: the tuple of the files merged into it (one file but for a
union group).
"""

from __future__ import annotations

import importlib.util
import json
import re
from functools import cache
from pathlib import Path

# The sentence separators of opencc-python-reimplemented (`OpenCC.split_chars_re`, taken there
# from OpenCC's PhraseExtract.cpp). The reimplementation splits text at them before matching,
# so no dictionary match ever contains one. tests/test_fastcc.py asserts this is its pattern.
SEPARATORS = re.compile(
    r"(\s+|-|,|\.|\?|!|\*|　|，|。|、|；|：|？|！|…|“|”|‘|’|『|』|「|」|﹁|﹂|—|－|（|）"
    r"|《|》|〈|〉|～|．|／|＼|︒|︑|︔|︓|︿|﹀|︹|︺|︙|︐|［|﹇|］|﹈|︕|︖|︰|︳|︴|︽|︾|︵|︶"
    r"|｛|︷|｝|︸|﹃|﹄|【|︻|】|︼)"
)

VENDORED = "vendored"
REIMPLEMENTATION = "reimplementation"
VENDORED_DIR = Path(__file__).resolve().parents[1] / "data" / "opencc"

Dictionary = dict[str, str]
Member = tuple[str, ...]  # dictionary files merged into one dictionary (a union group)
Step = tuple[Member, ...]  # dictionaries applied as one group, in order


class UnsupportedOpenCC(ImportError):
    """OpenCC data of a shape fastcc does not reproduce, or no such data installed."""


@cache
def package_dir() -> Path:
    """The installed opencc-python-reimplemented package directory (not imported: finding it is enough)."""
    spec = importlib.util.find_spec("opencc")
    if spec is None or spec.origin is None:
        raise UnsupportedOpenCC("no `opencc` module: pip install opencc-python-reimplemented")
    root = Path(spec.origin).parent
    if not (root / "config" / "t2s.json").is_file() or not (root / "dictionary").is_dir():
        raise UnsupportedOpenCC(f"{root} is not opencc-python-reimplemented (no config/, dictionary/)")
    return root


def data_dir(source: str) -> Path:
    if source == VENDORED:
        return VENDORED_DIR
    if source == REIMPLEMENTATION:
        return package_dir()
    raise ValueError(f"unknown OpenCC data source {source!r}")


def load_chain(config: str, source: str = VENDORED) -> list[Step]:
    """The conversion chain of `config` (e.g. "t2s"): the dictionaries of each step."""
    with open(data_dir(source) / "config" / f"{config}.json", encoding="utf-8") as f:
        setting = json.load(f)
    if source == REIMPLEMENTATION:
        return [_reimplementation_step(entry.get("dict")) for entry in setting.get("conversion_chain")]
    stages = setting.get("normalization", []) + setting["conversion_chain"]
    return [_opencc_step(stage["dict"]) for stage in stages]


# --- OpenCC's current configs ------------------------------------------------------------------


def _opencc_step(spec: dict) -> Step:
    return tuple(_opencc_members(spec))


def _opencc_members(spec: dict) -> list[Member]:
    """A short_circuit group's dictionaries in order (a nested one is the same sequence), or one
    dictionary (a leaf or a union)."""
    if spec["type"] == "group" and _policy(spec) == "short_circuit":
        return [member for item in spec["dicts"] for member in _opencc_members(item)]
    return [_union(spec)]


def _union(spec: dict) -> Member:
    """A leaf, or a union group of leaves (and unions): one dictionary, its files in order."""
    if spec["type"] != "group":
        return (_text_file(spec),)
    if _policy(spec) != "union":
        raise UnsupportedOpenCC("a short_circuit group inside a union group")
    return tuple(name for item in spec["dicts"] for name in _union(item))


def _policy(spec: dict) -> str:
    policy = spec.get("match_policy", "short_circuit")
    if policy not in ("short_circuit", "union"):
        raise UnsupportedOpenCC(f"dictionary group match_policy {policy!r}")
    return policy


def _text_file(spec: dict) -> str:
    if spec["type"] not in ("ocd2", "ocd", "text", "txt"):
        raise UnsupportedOpenCC(f"dictionary type {spec['type']!r}")
    return re.sub(r"\.(ocd2|ocd|txt)$", "", spec["file"]) + ".txt"


# --- opencc-python-reimplemented's configs -----------------------------------------------------


def _reimplementation_step(entry: dict) -> Step:
    if entry.get("type") == "group":
        return tuple((name,) for item in entry.get("dicts") for name in _group_member(item))
    return ((entry["file"],),) if entry.get("type") == "txt" else ()


def _group_member(item: dict) -> list[str]:
    if item.get("type") == "group":
        raise UnsupportedOpenCC("a group nested in a group (the reimplementation cannot run it either)")
    return [item["file"]] if item.get("type") == "txt" else []


# --- dictionaries ------------------------------------------------------------------------------


@cache
def load_dictionary(member: Member | str, source: str = VENDORED) -> Dictionary:
    """`member` (e.g. ("STPhrases.txt",), or a file name) as {key: first candidate}; the files of
    a union merged, the earlier file winning a duplicate key. Cached and shared: never mutate it."""
    files = (member,) if isinstance(member, str) else member
    if len(files) == 1:
        return _read(files[0], source)
    table: Dictionary = {}
    for name in files:
        for key, value in _read(name, source).items():
            table.setdefault(key, value)
    return table


@cache
def _read(name: str, source: str) -> Dictionary:
    table: Dictionary = {}
    with open(data_dir(source) / "dictionary" / name, encoding="utf-8") as f:
        if source == REIMPLEMENTATION:
            for line in f:
                key, value = line.strip().split("\t")
                table[key] = value.split(" ")[0]
            return table
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            key, value = line.rstrip("\r\n").split("\t", 1)
            table[key] = value.split(" ")[0]
    return table
