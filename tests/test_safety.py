"""Safe rendering: templates are strict and sandboxed, library Markdown is checked, the
publish gate stops what slips through, and mkdocs-macros never runs our pages."""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import jinja2
import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from playbook_builder.inputs.library import Library, Principle
from playbook_builder.pipeline import load_playbook
from playbook_builder.site import gate, render
from playbook_builder.site.gate import inspect_html
from playbook_builder.site.render import TemplateBug, make_environment, render_template
from playbook_builder.site.settings import REQUIRED_EXTENSIONS

from .conftest import MINIMAL, Project, tamper_first_page


def test_undefined_name_in_a_template_is_located(tmp_path: Path) -> None:
    (tmp_path / "bad.md.j2").write_text("# Title\n\n{{ org.mision }}\n", encoding="utf-8")
    env = make_environment(jinja2.FileSystemLoader(tmp_path))
    with pytest.raises(TemplateBug) as caught:
        render_template(env, "bad.md.j2", {"org": {}})
    assert str(caught.value) == (
        "bad.md.j2:3: template error: 'dict object' has no attribute 'mision'"
    )


def test_templates_cannot_reach_python_internals() -> None:
    env = make_environment(jinja2.DictLoader({"x.md.j2": "{{ ''.__class__.__mro__ }}"}))
    with pytest.raises(TemplateBug):
        render_template(env, "x.md.j2", {})


def test_template_printing_none_is_a_bug() -> None:
    env = make_environment(jinja2.DictLoader({"x.md.j2": "{{ nothing }}"}))
    with pytest.raises(TemplateBug) as caught:
        render_template(env, "x.md.j2", {"nothing": None})
    assert "printed NoneType" in str(caught.value)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Hello <script>alert(1)</script>", "'body' contains raw HTML"),
        ("See {{ secret }}", "'body' contains template syntax"),
        ("A paragraph.\n{: onclick=\"alert(1)\" }", "'body' contains an attribute list in braces"),
        ("## Heading {.big}", "'body' contains an attribute list in braces"),
        ("[x](javascript:alert(1))", "'body' links to 'javascript:alert(1)'"),
        ("[x][1]\n\n[1]: javascript:alert(1)", "'body' links to 'javascript:alert(1)'"),
        ("[x](jav&#97;script:alert(1))", "'body' links to 'javascript:alert(1)'"),
        ("[x](java\tscript:alert(1))", "'body' links to 'javascript:alert(1)'"),
        ("[x][1]\n\n> [1]: javascript:alert(1)", "'body' links to 'javascript:alert(1)'"),
        ("[x][1]\n\n- [1]: javascript:alert(1)", "'body' links to 'javascript:alert(1)'"),
        ("[a](http://[x)", "'body' links to 'http://[x', which is not an address a browser"
                           " can read"),
        ("Read [the guide][g].\n\n[g]:\n  javascript:alert(1)",
         "'body' links to 'javascript:alert(1)'"),
        ("[x](javascript:" + "a" * 15_000 + ")",
         "'body' links to 'javascript:" + "a" * 46 + "...'"),
    ],
)
def test_library_markdown_is_checked(body: str, message: str) -> None:
    from playbook_builder.inputs.validation import parse

    principle, problems = parse(Principle, {
        "schema_version": "1", "id": "p", "title": "t", "summary": "s", "body": body,
        "step": "why"})
    assert principle is None
    assert [p.kind for p in problems] == ["library_markdown"]
    assert f"'body' {problems[0].detail['message']}" == message


@pytest.mark.parametrize(
    ("page", "finding"),
    [
        ("<p>ok</p><script>x()</script>", "a <script> element"),
        ('<p onclick="x()">hi</p>', "an event-handler attribute 'onclick' on <p>"),
        ('<a href="java\tscript:alert(1)">x</a>',
         "an unsafe link 'java\tscript:alert(1)' in <a href>"),
        ("<p>Hello {{ org.mision }}</p>", "leftover template syntax '{{' in the text"),
        ("<iframe src=https://e.org></iframe>", "a <iframe> element"),
    ],
)
def test_gate_findings(page: str, finding: str) -> None:
    assert inspect_html(page) == [finding]


def test_gate_passes_escaped_braces_and_safe_links() -> None:
    page = '<p>&#123;&#123; x &#125;&#125; <a href="../x/">a</a> <a href="mailto:a@b.c">m</a></p>'
    assert inspect_html(page) == []


@pytest.mark.build
def test_gate_fails_the_build(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    tamper_first_page(monkeypatch)
    with pytest.raises(Abort):
        project.build()


@pytest.mark.build
def test_mkdocs_macros_does_not_run_our_pages(tmp_path: Path, minimal_text: str) -> None:
    yml = ("site_name: T\ntheme:\n  name: material\nplugins:\n  - macros\n"
           "  - playbook:\n      profile: profile.yml\n")
    project = Project(tmp_path, minimal_text.replace(
        "name: Readers", "name: '{{ 7*7 }} readers {% raw %}'"), yml)
    project.build()
    assert "{{ 7*7 }} readers {% raw %}" in html.unescape(project.page("strategy/who"))


VALUE = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
                min_size=1, max_size=60).filter(lambda s: s.strip() != "")


def page_html(library: Library, name: str) -> str:
    pb = load_playbook(MINIMAL)
    audience = pb.profile.audiences[0].model_copy(update={"name": name})
    profile = pb.profile.model_copy(update={"audiences": (audience,)})
    pages = render.render_site(dataclasses.replace(pb, profile=profile))
    who = next(p.markdown for p in pages if p.src == "strategy/who.md")
    body = who.split("---\n", 2)[2]
    return markdown.markdown(body, extensions=list(REQUIRED_EXTENSIONS),
                             extension_configs=REQUIRED_EXTENSIONS)


def elements(page: str) -> list[str]:
    return re.findall(r"<([a-z0-9]+)[\s>]", page)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=VALUE)
def test_any_value_is_shown_verbatim_and_adds_no_element(library: Library, name: str) -> None:
    baseline = page_html(library, "Readers")
    page = page_html(library, name)
    assert elements(page) == elements(baseline)
    heading = re.search(r'<h3 id="audience-readers">(.*?)</h3>', page, re.S)
    assert heading is not None
    text = re.sub(r'<a class="headerlink".*?</a>', "", heading.group(1))
    assert html.unescape(text).strip() == " ".join(name.split())
    assert inspect_html(page) == []


@pytest.mark.parametrize(
    "page",
    ['<P ONCLICK="x()">hi</P>', "<SCRIPT>x()</SCRIPT>", '<a href="JaVaScRiPt:x()">a</a>',
     '<a href="jav&#x61;script:x()">a</a>', "<img/onerror=x()>",
     '<a href=" javascript:x()">a</a>'],
)
def test_gate_screen_misses_nothing(page: str) -> None:
    assert inspect_html(page) != []


LINK_PIECES = st.lists(st.sampled_from([
    "javascript:", "JavaScript:", "data:", "https:", "http:", "mailto:", "httpsx:", "vb",
    "&#106;", "&colon;", "&", ":", "\t", "\n", " ", "\x01", "\x1c", "/", "x", "#", "\"",
    "'", ">", "=", ".", "+",
]), max_size=6).map("".join)


@settings(max_examples=400, deadline=None)
@given(attributes=st.lists(st.tuples(
    st.sampled_from(sorted(gate.URL_ATTRIBUTES | {
        "title", "data-href", "xhref", "/href", "onclick", "ONLOAD", "on", "on-x", "button"})),
    st.sampled_from(['"', "'", ""]), LINK_PIECES), min_size=1, max_size=3),
    whole_page=st.booleans())
def test_the_screen_flags_every_page_the_parser_would_find_something_in(
    attributes: list[tuple[str, str, str]], whole_page: bool
) -> None:
    page = "<p><a " + " ".join(f"{name}={quote}{value}{quote}"
                               for name, quote, value in attributes) + ">x</a></p>"
    scanner = gate._Scanner(attributes_only=whole_page)
    scanner.feed(page)
    scanner.close()
    if scanner.findings:
        assert gate._suspicious(page, whole_page=whole_page), scanner.findings
        if whole_page:
            gate._CLEAN_PARTS.clear()
            assert gate._suspicious_page(page), scanner.findings


MARKUP_PIECES = [
    "<a", "<p", "<img", "<svg", "</a>", " ", "\n", "\t", "\x0c", "/", "=", "==", " = ", '"',
    "'", ">", "on", "onclick", "ONLOAD", "button", "href", "HREF", "src", "srcset", "data",
    "title", "x", "javascript:", "JavaScript", "java", "script", ":", "&#106;", "&", "#",
    "&colon;", "https:", "mailto:", " " * 70, "\x01", "\x1c", "<!--", "-->", "<!-->", "--!>",
    ">\n<", "> \n\t<",  # the gaps between tags that the whole-page screen splits at
]


@settings(max_examples=1500, deadline=None)
@given(pieces=st.lists(st.sampled_from(MARKUP_PIECES), max_size=24), whole_page=st.booleans())
def test_the_screen_flags_any_markup_the_parser_would_find_something_in(
    pieces: list[str], whole_page: bool
) -> None:
    page = "".join(pieces)
    scanner = gate._Scanner(attributes_only=whole_page)
    try:
        scanner.feed(page)
        scanner.close()
    except AssertionError:  # markup the parser cannot read: reported as such when parsed
        return
    if scanner.findings:
        assert gate._suspicious(page, whole_page=whole_page), scanner.findings
        if whole_page:
            gate._CLEAN_PARTS.clear()
            assert gate._suspicious_page(page), scanner.findings


@pytest.mark.parametrize(("page", "finding"), [
    ('<a class="button"onmouseover="x()">', "an event-handler attribute 'onmouseover' on <a>"),
    ('<a title="x"href="javascript:x()">', "an unsafe link 'javascript:x()' in <a href>"),
    ("<a href" + " " * 70 + "=javascript:x()>", "an unsafe link 'javascript:x()' in <a href>"),
    ("<!--> <img src=x onerror=x()> -->", "a comment browsers end early ('<!-->')"),
    ("<p>x</p>--!><img src=x onerror=x()>", "a comment browsers end early ('--!>')"),
])
def test_the_gate_reads_markup_as_browsers_do(page: str, finding: str) -> None:
    assert finding in inspect_html(page) and finding in inspect_html(page, whole_page=True)


def test_markup_the_parser_cannot_read_is_not_published() -> None:
    assert inspect_html("{{<![\nhref") == [
        "leftover template syntax '{{' in the text", "markup the gate cannot read"]
