"""The compiled validator (jsonschema-rs, hot path) against the reference (jsonschema): the same
verdict on real records and on records broken at every rule of the schema, and the messages are
always the reference's."""

import copy
import json
from collections.abc import Iterator

import pytest
from _paths import ROOT

from extractor.fields import ALL, OPTIONAL
from extractor.validate import fast_validator, problems, schema, validator

OUTPUT = ROOT / "output" / "articles-00000.jsonl"
RECORDS = [json.loads(line) for line in OUTPUT.read_text(encoding="utf-8").splitlines()]
CONSTRAINTS = (
    "type",
    "enum",
    "const",
    "required",
    "additionalProperties",
    "minimum",
    "maximum",
    "minLength",
    "pattern",
)
WRONG_TYPE = {"string": 5, "integer": "5", "number": "5", "boolean": "yes", "array": {}, "object": [], "null": 5}


def breakages(value, sub: dict, path: tuple, where: tuple) -> Iterator[tuple[tuple, tuple, object]]:
    """(schema location, record path, breaking value or `DELETE`/`EXTRA` op) for every rule of
    `sub` that `value` obeys, and of every subschema below it that the record reaches."""
    for keyword in CONSTRAINTS:
        if keyword in sub:
            yield from _break(keyword, sub, value, path, where + (keyword,))
    if "oneOf" in sub:
        for n, branch in enumerate(sub["oneOf"]):
            if validator("record").evolve(schema=branch).is_valid(value):
                yield from breakages(value, branch, path, where + ("oneOf", n))
    if isinstance(value, dict):
        for key, item in value.items():
            if key in sub.get("properties", {}):
                yield from breakages(item, sub["properties"][key], path + (key,), where + ("properties", key))
            elif isinstance(sub.get("additionalProperties"), dict):
                yield from breakages(
                    item, sub["additionalProperties"], path + (key,), where + ("additionalProperties",)
                )
    if isinstance(value, list) and "items" in sub:
        for i, item in enumerate(value):
            yield from breakages(item, sub["items"], path + (i,), where + ("items",))


def _break(keyword: str, sub: dict, value, path: tuple, where: tuple):
    if keyword == "type":
        allowed = sub["type"] if isinstance(sub["type"], list) else [sub["type"]]
        wrong = next(w for t, w in WRONG_TYPE.items() if t not in allowed and _type_of(w) not in allowed)
        yield where, path, wrong
    elif keyword in ("enum", "const"):
        yield where, path, "not-a-listed-value"
    elif keyword == "required":
        for key in sub["required"]:
            yield where + (key,), path + (key,), "DELETE"
    elif keyword == "additionalProperties" and sub["additionalProperties"] is False:
        yield where, path + ("unexpected_field",), "EXTRA"
    elif keyword == "minimum" and isinstance(value, int):
        yield where, path, sub["minimum"] - 1
    elif keyword == "maximum" and isinstance(value, int):
        yield where, path, sub["maximum"] + 1
    elif keyword == "minLength" and isinstance(value, str):
        yield where, path, ""
    elif keyword == "pattern" and isinstance(value, str):
        yield where, path, "NOT MATCHING!"


def _type_of(value) -> str:
    return {int: "integer", str: "string", dict: "object", list: "array", bool: "boolean"}[type(value)]


def broken(record: dict, path: tuple, how) -> dict:
    if not path:
        return how  # the record itself replaced
    record = copy.deepcopy(record)
    parent = record
    for step in path[:-1]:
        parent = parent[step]
    if how == "DELETE":
        del parent[path[-1]]
    elif how == "EXTRA":
        parent[path[-1]] = 1
    else:
        parent[path[-1]] = how
    return record


def every_rule_broken_once(records: list[dict]) -> dict[tuple, dict]:
    """Schema location -> one real record broken there (the first record that reaches it)."""
    found: dict[tuple, dict] = {}
    for record in records:
        for where, path, how in breakages(record, schema("record"), (), ()):
            if where not in found:
                found[where] = broken(record, path, how)
    return found


def schema_rules(sub: dict, where: tuple = ()) -> Iterator[tuple]:
    """Every rule location of the schema, as `breakages` names them."""
    for keyword in CONSTRAINTS:
        if keyword == "required":
            yield from (where + ("required", key) for key in sub.get("required", ()))
        elif keyword == "additionalProperties":
            yield from [where + (keyword,)] if sub.get(keyword) is False else []
        elif keyword in sub:
            yield where + (keyword,)
    for n, branch in enumerate(sub.get("oneOf", ())):
        yield from schema_rules(branch, where + ("oneOf", n))
    for key, child in sub.get("properties", {}).items():
        yield from schema_rules(child, where + ("properties", key))
    if isinstance(sub.get("additionalProperties"), dict):
        yield from schema_rules(sub["additionalProperties"], where + ("additionalProperties",))
    if "items" in sub:
        yield from schema_rules(sub["items"], where + ("items",))


def test_both_validators_accept_every_committed_record():
    assert len(RECORDS) >= 20
    for record in RECORDS:
        assert fast_validator("record").is_valid(record)
        assert validator("record").is_valid(record)
        assert problems(record) == []


@pytest.fixture(scope="module")
def broken_records() -> dict[tuple, dict]:
    return every_rule_broken_once(RECORDS)


def test_every_rule_of_the_schema_is_broken_at_least_once(broken_records):
    rules = set(schema_rules(schema("record")))
    assert len(rules) >= 200
    assert rules - set(broken_records) == set()  # a new rule no committed record reaches fails here


def test_both_validators_reject_every_broken_record(broken_records):
    disagree = []
    for where, record in broken_records.items():
        fast, reference = fast_validator("record").is_valid(record), validator("record").is_valid(record)
        if fast or reference:
            disagree.append((where, fast, reference))
    assert disagree == []


def test_messages_come_from_the_reference_validator():
    record = broken(RECORDS[0], ("links", 0, "start"), -1)
    assert problems(record) == ["links/0/start: -1 is less than the minimum of 0"]
    record = broken(RECORDS[0], ("variant",), "zh-xx")
    assert problems(record)[0].startswith("variant: 'zh-xx' is not one of ['zh', 'zh-hans'")


def test_a_run_requires_the_fields_it_selected():
    core = {k: (None if k in OPTIONAL else v) for k, v in RECORDS[0].items()}
    assert problems(core, fields=()) == []
    assert "links: None is not of type 'array'" in problems(core, fields=ALL)
    assert problems({**core, "dates": []}, fields=("dates", "entities")) == [
        "entities: None is not of type 'array'"
    ]
    missing = {k: v for k, v in core.items() if k != "links"}
    assert problems(missing, fields=()) == ["links: 'links' is a required property"]


def test_records_are_checked_against_the_schema_of_their_version():
    old = {k: v for k, v in RECORDS[0].items() if k not in OPTIONAL and k != "url"}
    old = {**old, "schema_version": "1", "source": {k: v for k, v in old["source"].items() if v is not None}}
    assert problems(old, fields=()) == []
    assert problems({**old, "schema_version": "7"}) == [
        "schema_version: '7' is not a version this extractor knows ('2', '1')"
    ]
    assert problems({**RECORDS[0], "schema_version": "1"})[0] == (
        "(record): Additional properties are not allowed ('url' was unexpected)"
    )
