"""Profile text becomes Markdown that shows exactly that text and adds nothing."""

from __future__ import annotations

import html
import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook_builder.site.markdown_text import bullets, escape, heading_id, paragraphs, url

# The extensions a playbook site runs with, plus common ones a site may add.
EXTENSIONS = [
    "attr_list", "md_in_html", "admonition", "tables", "toc", "abbr", "def_list",
    "footnotes", "pymdownx.tasklist", "pymdownx.magiclink", "pymdownx.tilde",
    "pymdownx.caret", "pymdownx.mark", "pymdownx.keys", "pymdownx.smartsymbols",
]


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def visible_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "# Heading",
    "[link](javascript:alert(1))",
    "[ref]: https://evil.example",
    "{: onclick=alert(1) }",
    "!!! danger \"boo\"",
    "{{ org.mission }} {% include 'x' %}",
    "--8<-- \"/etc/passwd\"",
    "<!-- hidden -->",
    "*emphasis* __strong__ `code`",
    "https://auto.link www.example.org someone@example.org",
    "~~del~~ ^^ins^^ ==mark== ++ctrl+alt++ (c) -->",
    "| a | b |",
    "1. not a list",
    "- not a list",
    "> not a quote",
    "    not code",
    "Term\n:   not a definition",
    "*[HTML]: not an abbreviation",
    "back\\slash and &amp; and &#60;",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_render_as_their_own_text(value: str) -> None:
    page = to_html(escape(value))
    assert re.fullmatch(r"<p>.*</p>", page, re.S), page
    assert visible_text(page).strip() == " ".join(value.split())


def test_inline_text_keeps_its_edges() -> None:
    assert escape(" (measured by x)") == " \\(measured by x\\)"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80))
def test_any_text_adds_no_element(value: str) -> None:
    page = to_html(escape(value))
    shown = " ".join(value.split())
    if not shown:
        return
    assert re.fullmatch(r"<p>[^<]*</p>", page), page
    assert visible_text(page).strip() == shown


def test_paragraphs_follow_line_breaks() -> None:
    page = to_html(paragraphs("First <b>one</b>.\nSecond # one.\n\nThird."))
    assert page == "<p>First &lt;b&gt;one&lt;&#47;b&gt;.</p>\n<p>Second # one.</p>\n<p>Third.</p>"


def test_bullets_escape_each_item() -> None:
    expected = "<ul>\n<li>&lt;i&gt;a&lt;&#47;i&gt;</li>\n<li>b</li>\n</ul>"
    assert to_html(bullets(["<i>a</i>", "b"])) == expected


def test_heading_id_accepts_only_ids() -> None:
    assert heading_id("time-waste") == "{#time-waste}"
    with pytest.raises(ValueError):
        heading_id("x} onclick=alert(1) {")


@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,x", "vbscript:x"])
def test_unsafe_urls_are_refused(link: str) -> None:
    with pytest.raises(ValueError):
        url(link)


def test_urls_are_encoded_for_markdown_links() -> None:
    assert url("https://e.org/wiki/A_(b)?x=1&y=*") == "https://e.org/wiki/A_%28b%29?x=1&y=*"
    assert url("https://e.org/é") == "https://e.org/%C3%A9"
    page = to_html("[Read it](" + url("https://x/a)b(c") + ")")
    assert page == '<p><a href="https://x/a%29b%28c">Read it</a></p>'


@pytest.mark.parametrize("value", ["https://x/[a](/onmouseover=alert(1)//)",
                                   'https://x/"onclick', "https://x/<b>", "https://x/{{y}}"])
def test_links_with_markup_characters_are_refused(value: str) -> None:
    from pydantic import TypeAdapter, ValidationError

    from playbook_builder.inputs.values import Link

    with pytest.raises(ValidationError) as caught:
        TypeAdapter(Link).validate_python(value)
    assert "which a link must percent-encode" in caught.value.errors()[0]["msg"]
