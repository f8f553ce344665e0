"""One type per name within a record; historical states, dynasties, regions and peoples from
data/historical_polities.tsv; list pages and the peoples of places name no single entity."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from extractor.extract.entities import _one_type_per_name
from extractor.extract.typing import Evidence, entity_type, gazetteer, historical_polities
from extractor.model import Entity, Mention
from extractor.options import Options
from extractor.pipeline import process_page
from extractor.sources import reader_for

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _paths import CORPUS  # noqa: E402

LINKED = Evidence(linked=True)


def test_the_table_loads_with_its_labels() -> None:
    table = historical_polities()
    assert table["越国"] == ("GPE", False)  # typed, not looked for in text (越国界)
    assert table["前燕"] == ("GPE", True)
    assert table["中原"] == ("LOC", True)
    assert table["匈奴"] == ("NORP", True)
    assert "越国" not in gazetteer() and gazetteer()["匈奴"] == "NORP"
    assert {label for label, _match in table.values()} <= {"GPE", "LOC", "NORP"}


@pytest.mark.parametrize(
    ("name", "label"),
    [("越国", "GPE"), ("齐国", "GPE"), ("晋国", "GPE"), ("楚国", "GPE"), ("赵国", "GPE"), ("马六甲", "GPE"),
     ("明郑", "GPE"), ("东瓯", "GPE"), ("百越", "NORP"), ("江南", "LOC"), ("越国人", "NORP")],
)
def test_historical_names_are_typed_by_the_table(name: str, label: str) -> None:
    assert entity_type(name, LINKED) == (label, "gazetteer")


def test_one_character_states_are_alike_by_their_suffix_too() -> None:
    """齐 (jieba: adjective) and 越 (adverb) no longer make 齐国 / 越国 a kind of state."""
    from extractor.extract.names import suffix_type

    assert {suffix_type(k) for k in ("越国", "齐国", "晋国", "黄国")} == {"GPE"}
    assert suffix_type("外国") == "CONCEPT" and suffix_type("各国") is None


def test_lists_and_peoples_of_places_are_no_entity() -> None:
    assert entity_type("清代台湾民变列表", Evidence(categories=("台湾清治时期民变事件",), linked=True))[0] == "CONCEPT"
    assert entity_type("中东北非民族", Evidence(categories=("非洲族群",), linked=True))[0] == "CONCEPT"
    assert entity_type("中华民族", LINKED)[0] == "NORP"


def test_one_type_per_name_takes_the_strongest_evidence() -> None:
    book = Entity("国语 (书)", "WORK_OF_ART", ["国语"], [Mention(0, 2, True)], "name_pattern")
    other = Entity("国语 (国别史著作)", None, ["国语"], [Mention(5, 7, True)], None)
    weak = Entity("赵国", "PERSON", [], [Mention(9, 11, False)], "context")
    strong = Entity("赵国 (战国)", "GPE", ["赵国"], [Mention(12, 14, True)], "gazetteer")
    _one_type_per_name([book, other, weak, strong])
    assert (other.type, other.type_source) == ("WORK_OF_ART", "name_pattern")
    assert (weak.type, weak.type_source) == ("GPE", "gazetteer")


def test_equal_evidence_that_disagrees_is_left_alone() -> None:
    a = Entity("甲乙", "ORG", ["丙丁"], [], "name_pattern")
    b = Entity("丙丁", "GPE", [], [], "name_pattern")
    _one_type_per_name([a, b])
    assert (a.type, b.type) == ("ORG", "GPE")


@pytest.mark.skipif(not (CORPUS / "wikitext" / "勾践.wiki").exists(), reason="shared corpus not present")
def test_goujian_states_are_typed_alike() -> None:
    path = CORPUS / "wikitext" / "勾践.wiki"
    (page,) = list(reader_for(path)(path, str(path)))[:1]
    types = {e["name"]: e["type"] for e in process_page(page, Options())["entities"]}
    assert [types[n] for n in ("越国", "楚国", "吴国", "齐国", "晋国", "滕国", "郯国", "闽越", "东越")] == ["GPE"] * 9
    assert types["百越"] == "NORP" and types["江南"] == "LOC"
    assert types["国语 (书)"] == types["国语 (国别史著作)"] == "WORK_OF_ART"
