"""Hostile input: random mixtures of wikitext, pandoc-markdown and conversion markup (synthetic)
must always give a schema-valid record, never a quarantine for our own bug."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import Page, process_page
from extractor.model import Skip
from extractor.pipeline import is_redirect

ATOMS = [
    "[[", "]]", "{{", "}}", "|", "=", "==", "'''", "''", "-{", "}-", "<ref>", "</ref>", "<ref name=a/>",
    "（", "）", "(", ")", "，", "：", "\n", "\n\n", "* ", "# ", "{|", "|}", "|-", "!", "<!--", "-->",
    "&nbsp;", "[http://x.org a]", "年", "月", "日", "2005", "十", "二〇〇五", "公元前", "康熙", "中国",
    "zh-hans:", "zh-hant:", ";", "H|", "A|", "R|", "T|", "lang-en", "NoteTA", "G1=", "1=", "Category:",
    "File:", "#REDIRECT ", "](", "[", "]", "**", "\\[1\\]", "[^1]", "ⓦ", "../Page/", ".md", ' "wikilink"',
    "<br>", "<math>", "</math>", "<nowiki>", "<table>", "<td>", "</table>", "&#", "`", "> ", "1.  ",
    " ", "a", "Ω", "\u3000", "\ue000", "\u2e00", "\U0001f600",
]
markup = st.lists(st.sampled_from(ATOMS), min_size=1, max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=markup, fmt=st.sampled_from(["wikitext", "pandoc-markdown"]))
def test_any_markup_gives_a_valid_record(text, fmt):
    result = process_page(Page(markup=text, format=fmt, path="fuzz", title=None))
    if isinstance(result, Skip):  # `#REDIRECT [[…`: a redirect page is in the redirect table, not a record
        assert result.reason == "redirect" and is_redirect(Page(markup=text, format=fmt, path="fuzz"))
        return
    assert isinstance(result, dict), getattr(result, "message", result)
    for link in result["links"]:
        assert result["text"][link["start"] : link["end"]].strip()
