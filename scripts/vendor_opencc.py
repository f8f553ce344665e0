"""Vendor OpenCC's dictionary data into extractor/data/opencc/ from an OpenCC source distribution.

    .venv/bin/python scripts/vendor_opencc.py /tmp/occ/opencc-1.4.2.tar.gz

The sdist is PyPI's (`pip download --no-deps --no-binary :all: opencc==1.4.2`). What it writes,
deterministically (the same sdist gives the same bytes; every other file of the folder is
removed first):

- `config/<name>.json` for each config in CONFIGS, copied verbatim from `data/config/`;
- `dictionary/<Name>.txt` for every dictionary those configs name (`normalization` and
  `conversion_chain`; `segmentation` is not used by the converter): the ones upstream keeps in
  `data/dictionary/` are copied verbatim; the ones OpenCC's build generates
  (`data/CMakeLists.txt`, DICTS_GENERATED) are generated here the way its scripts do it (see
  GENERATED below), so a reader can check each against an OpenCC build;
- `LICENSE` (the sdist's, Apache-2.0) and `SOURCES.md` (provenance: sdist, sha256, what was
  derived and how, per-file sha256).

Only the Python standard library is needed; OpenCC itself is not (the one derivation that runs
OpenCC, STPhrases_GeneratedFromRegionalPhrases, runs OpenCC's t2s matching as restated in
`_opencc_convert`). The derived files were checked byte for byte against the dictionaries of
the PyPI wheel opencc-1.4.2 (its `opencc_dict --from ocd2 --to text` dump), see SOURCES.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sys
import tarfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "extractor" / "data" / "opencc"

# The configs extractor's variants use (extractor/normalize/opencc_backend.py CONFIGS).
CONFIGS = ("t2s", "s2t", "tw2sp", "s2twp", "s2hk")

REPO = "https://github.com/BYVoid/OpenCC"
PIP_DOWNLOAD = "`pip download --no-deps --no-binary :all: opencc=="


# --- reading the sdist ------------------------------------------------------------------------


class Sdist:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        self.tar = tarfile.open(path)
        top = {m.name.split("/", 1)[0] for m in self.tar.getmembers()}
        if len(top) != 1:
            raise SystemExit(f"{path}: expected one top-level folder, found {sorted(top)}")
        self.top = top.pop()
        match = re.fullmatch(r"(?i)opencc-(\d+(?:\.\d+)*)", self.top)
        if not match:
            raise SystemExit(f"{path}: top-level folder {self.top!r} is not opencc-<version>")
        self.version = match.group(1)

    def read(self, member: str) -> bytes:
        f = self.tar.extractfile(f"{self.top}/{member}")
        if f is None:
            raise SystemExit(f"{self.path}: {member} is not a file")
        return f.read()

    def has(self, member: str) -> bool:
        try:
            self.tar.getmember(f"{self.top}/{member}")
        except KeyError:
            return False
        return True


# --- OpenCC's dictionary text format (data/scripts/common.py) ---------------------------------

REVERSE_PREFERENCE_PREFIX = "# @reverse-prefer:"
TOFU_RISK_PREFIX = "# @tofu-risk:"


def entries(text: str) -> list[tuple[str, list[str]]]:
    """(key, values) of each entry line, in file order (`common.BaseDict.iter`)."""
    out = []
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        key, value = line.split("\t", 1)
        out.append((key, value.split(" ")))
    return out


def dump(items: list[tuple[str, list[str]]]) -> str:
    return "".join(f"{key}\t{' '.join(values)}\n" for key, values in items)


def reverse(text: str) -> str:
    """`data/scripts/reverse.py` (common.reverse_items): every value -> the keys that map to it,
    in file order, a `# @reverse-prefer: X [Y]` annotation moving Y to the front of X's list;
    sorted by key."""
    preferences = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(REVERSE_PREFERENCE_PREFIX):
            fields = line[len(REVERSE_PREFERENCE_PREFIX) :].split()
            if len(fields) not in (1, 2):
                raise ValueError(f"invalid reverse preference at line {number}: {line}")
            preferences[fields[0]] = fields[-1]
    swapped: dict[str, list[str]] = {}
    for key, values in entries(text):
        for value in values:
            swapped.setdefault(value, []).append(key)
    for key, preferred in preferences.items():
        if key not in swapped or preferred not in swapped[key]:
            raise ValueError(f"reverse preference {key} -> {preferred} has no matching mapping")
        values = swapped[key]
        values.insert(0, values.pop(values.index(preferred)))
    return dump(sorted(swapped.items(), key=lambda item: item[0]))


def extract_tofu_risk(text: str) -> str:
    """`data/scripts/extract_tofu_risk.py`: the mapping after each `# @tofu-risk:` line, minus
    a first value equal to its key."""
    lines = text.splitlines(keepends=True)
    extracted = []
    for index, line in enumerate(lines):
        if not line.startswith(TOFU_RISK_PREFIX):
            continue
        mapping = lines[index + 1] if index + 1 < len(lines) else ""
        if not mapping.strip() or mapping.startswith("#"):
            raise ValueError(f"expected a mapping after {TOFU_RISK_PREFIX} at line {index + 1}")
        key, values_text = mapping.rstrip("\n").split("\t", 1)
        values = values_text.split()
        if values and values[0] == key:
            values = values[1:]
        if not values:
            raise ValueError(f"expected an extension mapping after {TOFU_RISK_PREFIX} at line {index + 1}")
        extracted.append(f"{key}\t{' '.join(values)}\n")
    return "".join(extracted)


# --- OpenCC's own conversion, for the one derivation that runs OpenCC -------------------------


def _leaf_table(entries_: list[tuple[str, list[str]]], table: dict[str, str]) -> None:
    for key, values in entries_:
        table.setdefault(key, values[0])  # a union: the earlier dictionary wins a tie


def _opencc_matcher(spec: dict, dictionary_text) -> object:
    """OpenCC's PrefixMatch (src/PrefixMatch.cpp) for one `dict` spec: a leaf, or a union group
    whose leaves flatten into one table (the longest key wins, the earlier dictionary on a tie),
    is ("leaf", table); a short_circuit group is ("group", children): its first child with any
    prefix match gives that child's longest match."""
    if spec["type"] == "group" and spec.get("match_policy", "short_circuit") == "short_circuit":
        return ("group", [_opencc_matcher(child, dictionary_text) for child in spec["dicts"]])
    table: dict[str, str] = {}
    for name in _leaf_files(spec):
        _leaf_table(entries(dictionary_text(name)), table)
    return ("leaf", table, max(map(len, table), default=0))


def _leaf_files(spec: dict) -> list[str]:
    if spec["type"] == "group":
        return [name for child in spec["dicts"] for name in _leaf_files(child)]
    return [txt_name(spec["file"])]


def _prefix_match(matcher, text: str, i: int) -> tuple[int, str] | None:
    if matcher[0] == "group":
        for child in matcher[1]:
            found = _prefix_match(child, text, i)
            if found is not None:
                return found
        return None
    _, table, longest = matcher
    for n in range(min(longest, len(text) - i), 0, -1):
        value = table.get(text[i : i + n])
        if value is not None:
            return n, value
    return None


def _opencc_convert(config: dict, dictionary_text, text: str) -> str:
    """OpenCC's conversion of `text` with `config` for a config without `segmentation` (t2s): the
    normalization chain, then the conversion chain, each step forward maximum matching
    (src/Conversion.cpp) over the whole text. Only used on dictionary keys (no IDS, no newline)."""
    for stage in config.get("normalization", []) + config["conversion_chain"]:
        matcher = _opencc_matcher(stage["dict"], dictionary_text)
        out, i = [], 0
        while i < len(text):
            found = _prefix_match(matcher, text, i)
            if found is None:
                out.append(text[i])
                i += 1
            else:
                out.append(found[1])
                i += found[0]
        text = "".join(out)
    return text


def generate_st_phrases(inputs: list[str], t2s: dict, dictionary_text) -> str:
    """`data/scripts/generate_st_phrases_from_regional_phrases.py` as data/CMakeLists.txt runs it
    (--input HKPhrases.txt --input TWPhrases.txt --config t2s.json, the opencc binary with
    --include-tofu-risk-dictionaries): each regional phrase key converted by t2s; projections of
    3+ characters map back to the key; conflicting projections are an error."""
    collisions: dict[str, list[str]] = defaultdict(list)
    for name in inputs:
        for key, _ in entries(dictionary_text(name)):
            converted = _opencc_convert(t2s, dictionary_text, key)
            if len(converted) < 3:
                continue
            collisions[converted].append(key)
    conflicts = {k: v for k, v in collisions.items() if len(set(v)) > 1}
    if conflicts:
        raise ValueError(f"conflicting regional phrase simplified projections: {conflicts}")
    generated = sorted(((key, [values[0]]) for key, values in collisions.items()), key=lambda e: e[0])
    header = (
        "# Open Chinese Convert (OpenCC) Dictionary\n"
        "# File: STPhrases_GeneratedFromRegionalPhrases.txt\n"
        "# Format: key\tvalue(s) (values separated by spaces)\n"
        "# License: Apache-2.0 (see LICENSE)\n"
        "# Source: generated from " + ", ".join(inputs) + " keys via t2s.json\n"
        "# Used in configs: s2hkp.json, s2twp.json\n"
        "#\n"
        "# This generated ST phrase dictionary preserves Simplified-input spans\n"
        "# before applying regional phrase vocabulary.\n"
        "\n"
    )
    return header + dump(generated)


# --- which files -------------------------------------------------------------------------------


def txt_name(file: str) -> str:
    """A config's dictionary file (`TSPhrases.ocd2`) -> its text source (`TSPhrases.txt`)."""
    return re.sub(r"\.(ocd2|ocd|txt)$", "", file) + ".txt"


def config_dictionaries(config: dict) -> list[str]:
    """The text dictionaries a config's normalization and conversion chain name, in order."""
    names: list[str] = []
    for stage in config.get("normalization", []) + config["conversion_chain"]:
        for name in _leaf_files(stage["dict"]):
            if name not in names:
                names.append(name)
    return names


# How OpenCC's build (data/CMakeLists.txt, DICTS_GENERATED) makes each generated dictionary:
# name -> (description for SOURCES.md, inputs).
GENERATED = {
    "TSCharactersExt.txt": (
        "`scripts/extract_tofu_risk.py`: the mappings tagged `# @tofu-risk:`",
        ["TSCharacters.txt"],
    ),
    "TWVariantsRev.txt": (
        "`scripts/reverse.py` (keys and values swapped, `@reverse-prefer` honoured)",
        ["TWVariants.txt"],
    ),
    "HKVariantsRev.txt": (
        "`scripts/reverse.py` (keys and values swapped, `@reverse-prefer` honoured)",
        ["HKVariants.txt"],
    ),
    "JPShinjitaiCharactersRev.txt": (
        "`scripts/reverse.py` (keys and values swapped, `@reverse-prefer` honoured)",
        ["JPShinjitaiCharacters.txt"],
    ),
    "STPhrases_GeneratedFromRegionalPhrases.txt": (
        "`scripts/generate_st_phrases_from_regional_phrases.py`: each key of the regional phrase "
        "dictionaries converted with t2s.json (tofu-risk dictionaries included, as the build runs it); "
        "projections of 3+ characters map back to the key",
        ["HKPhrases.txt", "TWPhrases.txt"],
    ),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sdist", type=Path, help="opencc-<version>.tar.gz from PyPI")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    sdist = Sdist(args.sdist)

    raw_cache: dict[str, str] = {}

    def raw(name: str) -> str:
        if name not in raw_cache:
            raw_cache[name] = sdist.read(f"data/dictionary/{name}").decode("utf-8")
        return raw_cache[name]

    generated_cache: dict[str, str] = {}

    def dictionary_text(name: str) -> str:
        """A dictionary as OpenCC's build tree holds it: raw, or generated."""
        if sdist.has(f"data/dictionary/{name}"):
            return raw(name)
        if name not in generated_cache:
            generated_cache[name] = generate(name)
        return generated_cache[name]

    def generate(name: str) -> str:
        if name == "TSCharactersExt.txt":
            return extract_tofu_risk(raw("TSCharacters.txt"))
        if name == "STPhrases_GeneratedFromRegionalPhrases.txt":
            t2s = json.loads(sdist.read("data/config/t2s.json"))
            return generate_st_phrases(GENERATED[name][1], t2s, dictionary_text)
        if name in GENERATED and "reverse" in GENERATED[name][0]:
            return reverse(raw(GENERATED[name][1][0]))
        raise SystemExit(f"{name}: neither in data/dictionary/ nor a generated dictionary this script knows")

    configs = {name: sdist.read(f"data/config/{name}.json") for name in CONFIGS}
    needed: list[str] = []
    for data in configs.values():
        for name in config_dictionaries(json.loads(data)):
            if name not in needed:
                needed.append(name)
    files: dict[str, bytes] = {f"config/{name}.json": data for name, data in configs.items()}
    for name in sorted(needed):
        text = dictionary_text(name)
        keys = [key for key, _ in entries(text)]
        if len(keys) != len(set(keys)):
            raise SystemExit(f"{name}: duplicate keys")
        files[f"dictionary/{name}"] = text.encode("utf-8")
    files["LICENSE"] = sdist.read("LICENSE")
    files["SOURCES.md"] = sources_md(sdist, needed, files).encode("utf-8")

    if args.out.exists():
        shutil.rmtree(args.out)
    for relative, data in sorted(files.items()):
        path = args.out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"wrote {len(files)} files to {args.out}", file=sys.stderr)
    return 0


def sources_md(sdist: Sdist, needed: list[str], files: dict[str, bytes]) -> str:
    rows = []
    for relative in sorted(files):
        name = relative.rsplit("/", 1)[-1]
        if relative == "LICENSE":
            origin = "`LICENSE` of the sdist, verbatim"
        elif relative.startswith("config/"):
            origin = f"`data/config/{name}`, verbatim"
        elif name in GENERATED:
            how, inputs = GENERATED[name]
            origin = "generated from " + ", ".join(f"`{i}`" for i in inputs) + " by " + how
        else:
            origin = f"`data/dictionary/{name}`, verbatim"
        digest = hashlib.sha256(files[relative]).hexdigest()
        rows.append(f"| `{relative}` | {origin} | `{digest[:16]}` |")
    files_table = "\n".join(rows)
    return f"""# OpenCC data (vendored)

Dictionaries and configurations of OpenCC (Open Chinese Convert), {REPO},
license Apache-2.0 (`LICENSE`, copied from the sdist). Written by
`scripts/vendor_opencc.py` from PyPI's source distribution; do not edit by hand, re-run:

    .venv/bin/python scripts/vendor_opencc.py opencc-{sdist.version}.tar.gz

| | |
|---|---|
| sdist | `opencc-{sdist.version}.tar.gz` (PyPI `opencc` {sdist.version}; {PIP_DOWNLOAD}{sdist.version}`) |
| sha256 | `{sdist.sha256}` |
| upstream | {REPO} (`data/config/`, `data/dictionary/`, `data/CMakeLists.txt`, `data/scripts/`) |
| license | Apache-2.0 |
| configs | {", ".join(CONFIGS)} (the ones `extractor/normalize/opencc_backend.py` uses) |

Only the dictionaries those configs name are vendored ({len(needed)}), as text (OpenCC's
`.ocd2` files are built from these `.txt` sources; the configs keep naming `.ocd2`, the loader
reads the `.txt` of the same name). Dictionaries OpenCC's build generates
(`data/CMakeLists.txt`, DICTS_GENERATED) are generated by the script the same way; the script
was checked to give the same entries as the dictionaries of the PyPI wheel
`opencc-{sdist.version}` (dumped with its `opencc_dict --from ocd2 --to text`). In this version
TWPhrasesRev and HKPhrasesRev are kept in `data/dictionary/` upstream, not generated.

How extractor reads them (`extractor/normalize/opencc_dicts.py`): a config's `normalization`
steps run first, then its `conversion_chain`; a `short_circuit` group is a sequence of
dictionaries, a `union` group one dictionary (its files merged, the earlier file winning a
duplicate key), dictionaries marked `may_output_tofu` included (OpenCC's library default and
how its own test cases run); `segmentation` is not used. The matching is
opencc-python-reimplemented's, not OpenCC's (see `extractor/normalize/fastcc.py`).

| file | origin | sha256 (first 16) |
|---|---|---|
{files_table}
"""


if __name__ == "__main__":
    sys.exit(main())
