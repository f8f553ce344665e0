"""Bracket groups emptied by dropped templates, cleaned as a reader wants (both parsers)."""

import pytest

from extractor.parse.brackets import apply_mask, keep_mask

CASES = [
    ("（）", ""),
    ("（，）", ""),
    ("（，缩写：）", ""),  # the seed: an English name and an abbreviation were dropped
    ("（，英語：X）", "（英語：X）"),
    ("（甲，，乙）", "（甲，乙）"),
    ("（甲，）", "（甲）"),
    ("（1960年—2020年）", "（1960年—2020年）"),
    ("（英语：Asia-Pacific；缩写：）", "（英语：Asia-Pacific）"),
    ("(, )", ""),
    ("（甲（，）乙）", "（甲（，）乙）"),  # a nested group was cleaned when it closed, not here
]


@pytest.mark.parametrize("group,cleaned", CASES, ids=[c[0] for c in CASES])
def test_keep_mask(group, cleaned):
    keep = keep_mask(group)
    assert "".join(ch for ch, k in zip(group, keep, strict=True) if k) == cleaned


def test_apply_mask_keeps_span_events_and_splits_text_events():
    events = [("t", "（，"), ("open", 1), ("t", "英語"), ("close", 1), ("t", "：X）")]
    keep = keep_mask("（，英語：X）")
    assert apply_mask(events, keep, "t") == [("t", "（"), ("open", 1), ("t", "英語"), ("close", 1), ("t", "：X）")]
