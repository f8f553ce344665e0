"""OpenCC configurations and dictionaries, read exactly as opencc-python-reimplemented reads them.

The files are the ones that package ships (`opencc/config/*.json`, `opencc/dictionary/*.txt`,
from the OpenCC project, Apache-2.0); they are read from the installed package at run time,
never copied. Reading mirrors `opencc/opencc.py` (`OpenCC._init_dict`, `_add_dict_chain`,
`_add_dictionaries`, `StringTree.__findMatch`), so that `fastcc` converts with the same data:

- a config's `conversion_chain` is a list of steps; a step is one `txt` dictionary or a `group`
  of them; entries of any other type (`ocd`, `ocd2`, ...) are skipped, as the reimplementation
  skips them; `segmentation` is ignored, as it is there;
- a dictionary line is `key<TAB>candidates` after `str.strip()`; a later duplicate key wins;
  of several space-separated candidates the first is used.
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

Dictionary = dict[str, str]
Step = tuple[str, ...]  # dictionary file names, applied as one group


class UnsupportedOpenCC(ImportError):
    """The installed `opencc` is not opencc-python-reimplemented, or its data has a shape fastcc
    does not reproduce; callers may fall back to the reimplementation itself."""


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


def load_chain(config: str) -> list[Step]:
    """The conversion chain of `config` (e.g. "t2s"): the dictionary file names of each step."""
    with open(package_dir() / "config" / f"{config}.json", encoding="utf-8") as f:
        setting = json.load(f)
    return [_step(entry.get("dict")) for entry in setting.get("conversion_chain")]


def _step(entry: dict) -> Step:
    if entry.get("type") == "group":
        return tuple(name for item in entry.get("dicts") for name in _group_member(item))
    return (entry["file"],) if entry.get("type") == "txt" else ()


def _group_member(item: dict) -> list[str]:
    if item.get("type") == "group":
        raise UnsupportedOpenCC("a group nested in a group (the reimplementation cannot run it either)")
    return [item["file"]] if item.get("type") == "txt" else []


@cache
def load_dictionary(name: str) -> Dictionary:
    """`name` (e.g. "STPhrases.txt") as {key: first candidate}; cached and shared: never mutate it."""
    table: Dictionary = {}
    with open(package_dir() / "dictionary" / name, encoding="utf-8") as f:
        for line in f:
            key, value = line.strip().split("\t")
            table[key] = value.split(" ")[0]
    return table
