"""Profile mistakes: every problem reported at once, located, with a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook_builder.inputs.diagnostics import Diagnostic, InputError, printable
from playbook_builder.inputs.library import Library
from playbook_builder.pipeline import load_playbook

from .conftest import dedent


def problems(tmp_path: Path, library: Library, text: str) -> str:
    path = tmp_path / "org.yml"
    path.write_text(dedent(text), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_playbook(path)
    return caught.value.format_text().replace(str(tmp_path) + "/", "")


BASE = """\
schema_version: 1
organisation:
  name: Hillside
why: Because.
audiences:
  - id: readers
    name: Readers
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            BASE + "platfroms: []\n",
            "org.yml:8:1: error: unknown key 'platfroms' [PB104]\n"
            "  hint: did you mean 'platforms'?",
            id="unknown-top-level-key",
        ),
        pytest.param(
            BASE.replace("  name: Hillside\n", "  name: Hillside\n  mision: x\n"),
            "org.yml:4:3: error: unknown key 'mision' [PB104]\n"
            "  hint: expected one of 'country', 'logo', 'name', 'sector', 'slug', 'voice',"
            " 'website'",
            id="unknown-nested-key",
        ),
        pytest.param(
            BASE.replace("why: Because.\n", ""),
            "org.yml:1:1: error: missing required key 'why' [PB101]\n"
            "  hint: add 'why:' here (Step 1: why should anyone care about what you do?)",
            id="missing-why",
        ),
        pytest.param(
            BASE.replace("schema_version: 1", "schema_version: 2"),
            "org.yml:1:17: error: 'schema_version' is 2, but this version reads format 1"
            " [PB103]\n  hint: write 'schema_version: 1'",
            id="schema-version",
        ),
        pytest.param(
            BASE + "goals: recruit\n",
            "org.yml:8:8: error: 'goals' must be a list, not text [PB102]\n"
            "  hint: write each item on its own line, starting with '- '",
            id="list-expected",
        ),
        pytest.param(
            BASE.replace("  name: Hillside\n", "  name: Hillside\n  sector: charity\n"),
            "org.yml:4:11: error: 'charity' is not an allowed value for 'sector' [PB103]\n"
            "  hint: expected one of 'business', 'education', 'nonprofit', 'professional',"
            " 'public-sector'",
            id="sector",
        ),
        pytest.param(
            BASE.replace("id: readers", "id: Our Readers"),
            "org.yml:6:9: error: 'Our Readers' is not a valid id [PB103]\n"
            "  hint: use lower-case letters, digits and single hyphens, such as 'our-readers'",
            id="bad-id",
        ),
        pytest.param(
            BASE.replace("name: Hillside\n", "name: Hillside\n  website: javascript:alert(1)\n"),
            "org.yml:4:12: error: 'website' must start with https://, http:// or mailto:"
            " [PB103]\n  hint: write a full web address such as https://example.org, or a"
            " mailto: address",
            id="unsafe-link",
        ),
        pytest.param(
            BASE.replace("why: Because.", "why: \"Bec\\u202eause\""),
            "org.yml:4:6: error: 'why' contains an invisible character U+202E RIGHT-TO-LEFT"
            " OVERRIDE at position 4 [PB103]\n"
            "  hint: delete it; it often comes along when text is copied from another program",
            id="bidi-override",
        ),
        pytest.param(
            BASE + "    hangs_out: [facebok]\n",
            "org.yml:8:17: error: unknown platform 'facebok' [PB201]\n"
            "  hint: did you mean 'facebook'?",
            id="platform-typo",
        ),
        pytest.param(
            BASE + "goals:\n  - id: g\n    statement: s\n    audiences: [reader]\n"
            "  - id: g\n    statement: t\n",
            "org.yml:11:17: error: unknown audience 'reader' [PB201]\n"
            "  hint: did you mean 'readers'?\n"
            "org.yml:12:9: error: duplicate goal id 'g': another entry uses it [PB202]\n"
            "  hint: give each entry its own id",
            id="goal-refs",
        ),
        pytest.param(
            BASE + "platforms:\n  - id: myspace\n",
            "org.yml:9:9: error: 'myspace' is not a library platform [PB203]\n"
            "  hint: give a platform of your own a 'name' and a 'metaphor', or use a library"
            " platform: 'blog', 'bluesky', 'facebook', 'forums', 'google-business-profile',"
            " 'instagram', 'linkedin', 'mastodon', 'neighbourhood-groups', 'newsletter',"
            " 'podcast', 'threads', ...",
            id="new-platform-without-metaphor",
        ),
        pytest.param(
            BASE + "objections:\n  exclude: [its-a-fda]\n  add:\n"
            "    - {id: time-waste, objection: o, response: r}\n",
            "org.yml:9:13: error: unknown objection 'its-a-fda' [PB201]\n"
            "  hint: did you mean 'its-a-fad'?\n"
            "org.yml:11:12: error: duplicate objection id 'time-waste': the library already"
            " has it [PB202]\n"
            "  hint: use 'override' to change the library's one, or choose another id",
            id="objection-choices",
        ),
        pytest.param(
            BASE + "reading_list:\n  override:\n    cluetrain: {note: x}\n",
            "org.yml:10:5: error: unknown reading-list entry 'cluetrain' [PB201]\n"
            "  hint: did you mean 'cluetrain-manifesto'?",
            id="reading-override",
        ),
        pytest.param(
            BASE + "roles:\n  - id: r\n    name: R\n    path: [strategy/wyh, platforms/facebook]\n",
            "org.yml:11:12: error: unknown page or item 'strategy/wyh' [PB201]\n"
            "  hint: did you mean 'strategy/why'?\n"
            "org.yml:11:26: error: unknown page or item 'platforms/facebook' [PB201]\n"
            "  hint: 'facebook' is a library platform but not one of yours: add"
            " '- id: facebook' to 'platforms' to give it a page",
            id="role-path",
        ),
        pytest.param(
            BASE + "platforms:\n  - id: facebok\nroles:\n  - id: r\n    name: R\n"
            "    path: [platforms/facebook, platforms/faceboo]\n",
            "org.yml:9:9: error: 'facebok' is not a library platform [PB203]\n"
            "  hint: did you mean 'facebook'? Otherwise, give a platform of your own a 'name'"
            " and a 'metaphor'\n"
            "org.yml:13:12: error: unknown page or item 'platforms/facebook' [PB201]\n"
            "  hint: 'facebook' is a library platform but not one of yours: add"
            " '- id: facebook' to 'platforms' to give it a page\n"
            "org.yml:13:32: error: unknown page or item 'platforms/faceboo' [PB201]\n"
            "  hint: did you mean 'platforms'?",
            id="role-path-after-a-platform-typo",  # the typo is never offered as the fix
        ),
        pytest.param(
            BASE + "objections:\n  exclude: [time-waste]\nreading_list:\n"
            "  select: [cluetrain-manifesto]\nroles:\n  - id: r\n    name: R\n"
            "    path: [objections/time-waste, reading-list/samaritans-media-guidelines]\n",
            "org.yml:15:12: error: unknown page or item 'objections/time-waste' [PB201]\n"
            "  hint: 'time-waste' is left out by 'objections: exclude'; take it out of that"
            " list\n"
            "org.yml:15:35: error: unknown page or item"
            " 'reading-list/samaritans-media-guidelines' [PB201]\n"
            "  hint: 'samaritans-media-guidelines' is left out by 'reading_list: select'; add"
            " it to that list",
            id="role-path-to-a-library-item-left-out",
        ),
        pytest.param(
            BASE.replace("audiences:\n  - id: readers\n    name: Readers\n", "audiences: []\n"),
            "org.yml:5:12: error: 'audiences' must not be empty [PB103]\n"
            "  hint: write at least 1 item, such as"
            " 'audiences: [{id: volunteers, name: Volunteers}]'",
            id="empty-audiences",  # not "remove the key": the key is required
        ),
        pytest.param(
            BASE.replace("  name: Hillside\n", "  name: Hillside\n  logo: ../secret.svg\n"),
            "org.yml:4:9: error: logo '../secret.svg' points outside the profile's folder"
            " [PB206]\n  hint: put the logo next to the profile and give a relative path",
            id="logo-outside",
        ),
    ],
)
def test_profile_problem(tmp_path: Path, library: Library, text: str, expected: str) -> None:
    assert problems(tmp_path, library, text) == expected


def test_all_structural_problems_in_one_run(tmp_path: Path, library: Library) -> None:
    text = BASE.replace("  name: Hillside\n", "  nme: Hillside\n") + "audience: []\nextra: 1\n"
    lines = [line for line in problems(tmp_path, library, text).splitlines()
             if "error:" in line]
    assert lines == [
        "org.yml:2:1: error: missing required key 'name' [PB101]",
        "org.yml:3:3: error: unknown key 'nme' [PB104]",
        "org.yml:8:1: error: unknown key 'audience' [PB104]",
        "org.yml:9:1: error: unknown key 'extra' [PB104]",
    ]


def test_logo_symlink_leading_out_is_refused(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, library: Library
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere")
    (outside / "passwd").write_text("secret", encoding="utf-8")
    (tmp_path / "logo.svg").symlink_to(outside / "passwd")
    text = BASE.replace("  name: Hillside\n", "  name: Hillside\n  logo: logo.svg\n")
    assert problems(tmp_path, library, text) == (
        "org.yml:4:9: error: logo 'logo.svg' leads outside the profile's folder [PB206]\n"
        "  hint: copy the image into the profile's folder instead of linking it"
    )


ESCAPED = "has a backslash in its styles (a CSS escape can hide a link out of the file)"


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
         "contains a script, an event handler or embedded content"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><s:script'
                     b' xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script></svg>',
         "contains a script, an event handler or embedded content"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><a href="java&#115;cript:x()">'
                     b'x</a></svg>', "contains a script, an event handler or embedded content"),
        ("logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><\u00e9:script xmlns:\u00e9='
                     '"http://www.w3.org/2000/svg">x()</\u00e9:script></svg>'.encode(),
         "contains a script, an event handler or embedded content"),
        ("logo.svg", b"\xff\xfe" + '<svg xmlns="http://www.w3.org/2000/svg" onload="x()">'
                     '<!--\u733c\u6776--></svg>'.encode("utf-16-le"),
         "contains a script, an event handler or embedded content"),
        ("logo.svg", b'<!DOCTYPE svg [<!ATTLIST svg onload CDATA "x()">]>'
                     b'<svg xmlns="http://www.w3.org/2000/svg"/>',
         "contains a script, an event handler or embedded content"),
        ("logo.svg", b'<?xml-stylesheet type="text/xsl" href="#t"?>'
                     b'<svg xmlns="http://www.w3.org/2000/svg"/>',
         "contains a script, an event handler or embedded content"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><metadata><h:script xmlns:h='
                     b'"http://www.w3.org/1999/xhtml">x()</h:script></metadata></svg>',
         "contains a script, an event handler or embedded content"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><use href="other.svg#a"/></svg>',
         "contains a script, an event handler or embedded content"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><style>@imp<![CDATA[ort'
                     b' url(x.css);]]></style></svg>',
         "contains a script, an event handler or embedded content"),
        # CSS escapes would hide url( and @import; a backslash in styles is refused.
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><style>.a{fill:u\\72l('
                     b'https://tracker.example/p)}</style></svg>', ESCAPED),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><style>@\\69mport'
                     b' "https://tracker.example/x.css";</style></svg>', ESCAPED),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:u\\72l('
                     b'https://tracker.example/p)"/></svg>', ESCAPED),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><rect fill="\\75rl('
                     b'https://tracker.example/p)"/></svg>', ESCAPED),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:u&#92;72l('
                     b'https://tracker.example/p)"/></svg>', ESCAPED),
        # Addresses CSS takes without url(), and comments inside a name.
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><style>.a{background-image:'
                     b'image-set("https://tracker.example/a.png" 1x)}</style></svg>',
         "contains a script, an event handler or embedded content"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:'
                     b'-webkit-image-set(\'https://tracker.example/a.png\' 1x)"/></svg>',
         "contains a script, an event handler or embedded content"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><style>.a{fill:src('
                     b'"https://tracker.example/a.png")}</style></svg>',
         "contains a script, an event handler or embedded content"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:u/**/rl('
                     b'https://tracker.example/p)"/></svg>',
         "contains a script, an event handler or embedded content"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><style>.a{fill:"/*"}'
                     b' .b{fill:url(https://tracker.example/p)} .c{fill:"*/"}</style></svg>',
         "contains a script, an event handler or embedded content"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><g>', "is not an SVG image"),
        ("logo.svg", b'<svg xmlns="https://example.org/not-svg"/>', "is not an SVG image"),
        ("logo.svg", b'<svg onload="alert(1)"/>',
         "contains a script, an event handler or embedded content"),
        ("logo.png", b"<html>not a png</html>", "is not a PNG image"),
        ("logo.svg", b"just text", "is not an SVG image"),
    ],
)
def test_logo_must_be_a_safe_image(
    tmp_path: Path, library: Library, name: str, content: bytes, problem: str
) -> None:
    (tmp_path / name).write_bytes(content)
    text = BASE.replace("  name: Hillside\n", f"  name: Hillside\n  logo: {name}\n")
    assert problems(tmp_path, library, text) == (
        f"org.yml:4:9: error: logo '{name}' {problem} [PB208]\n"
        "  hint: export the logo again as a plain image"
    )


INKSCAPE_LOGO = b"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
     xmlns:dc="http://purl.org/dc/elements/1.1/" viewBox="0 0 64 64" role="img"
     inkscape:export-filename="C:\\Users\\me\\logo.png">
  <sodipodi:namedview id="base" inkscape:zoom="1.4"/>
  <metadata><rdf:RDF><dc:title>Logo &amp; mark</dc:title></rdf:RDF></metadata>
  <defs>
    <style>.a { fill: url(#g); } .b { font-family: "Open Sans"; }</style>
    <linearGradient id="g"><stop offset="0" stop-color="#1e6fa8"/></linearGradient>
  </defs>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer">
    <circle class="a" cx="32" cy="32" r="30" style="stroke: url('#g')"/>
    <use xlink:href="#g"/>
    <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
    <text class="b" x="8" y="40">R&#233;seau</text>
  </g>
</svg>
"""


def test_a_logo_from_a_drawing_program_is_fine(tmp_path: Path, library: Library) -> None:
    (tmp_path / "logo.svg").write_bytes(INKSCAPE_LOGO)
    path = tmp_path / "org.yml"
    path.write_text(BASE.replace("  name: Hillside\n", "  name: Hillside\n  logo: logo.svg\n"),
                    encoding="utf-8")
    assert load_playbook(path).profile.organisation.logo == "logo.svg"


def test_a_plain_svg_logo_is_fine(tmp_path: Path, library: Library) -> None:
    (tmp_path / "logo.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    path = tmp_path / "org.yml"
    path.write_text(BASE.replace("  name: Hillside\n", "  name: Hillside\n  logo: logo.svg\n"),
                    encoding="utf-8")
    assert load_playbook(path).profile.organisation.logo == "logo.svg"


def test_references_are_reported_with_structural_problems(
    tmp_path: Path, library: Library
) -> None:
    text = BASE.replace("  name: Hillside\n", "  name: Hillside\n  sector: charity\n") + (
        "    hangs_out: [facebok]\n"
        "goals:\n  - id: g\n    statement: s\n    audiences: [reader]\n"
        "platforms:\n  - id: facebook\n    goals: [g]\n    cadence: [not, text]\n"
    )
    lines = [line for line in problems(tmp_path, library, text).splitlines()
             if "error:" in line]
    assert lines == [
        "org.yml:4:11: error: 'charity' is not an allowed value for 'sector' [PB103]",
        "org.yml:13:17: error: unknown audience 'reader' [PB201]",
        "org.yml:17:14: error: 'cadence' must be text, not a list [PB102]",
    ]  # the platforms section is invalid, so 'facebok' (a platform) is not judged


def test_a_role_path_cannot_lead_to_onboarding_or_health(
    tmp_path: Path, library: Library
) -> None:
    text = BASE + "roles:\n  - id: r\n    name: R\n    path: [health, onboarding/r]\n"
    lines = [line for line in problems(tmp_path, library, text).splitlines()
             if "error:" in line]
    assert lines == [
        "org.yml:11:12: error: unknown page or item 'health' [PB201]",
        "org.yml:11:20: error: unknown page or item 'onboarding/r' [PB201]",
    ]


HOSTILE = Diagnostic("p\x1b.yml", 3, 4, "PB104",
                     "unknown key '\x00\x07\u202e\u2028\u00ad\U000e0041'",
                     "did you mean '\x1b[2J'?")


def test_text_output_shows_what_a_value_hides() -> None:
    assert HOSTILE.format_text() == (
        "p\\x1b.yml:3:4: error: unknown key '\\x00\\x07\\u202e\\u2028\\xad\\U000e0041' [PB104]\n"
        "  hint: did you mean '\\x1b[2J'?")


def test_github_output_shows_what_a_value_hides() -> None:
    line = HOSTILE.format_github()
    assert line == (
        "::error file=p\\x1b.yml,line=3,col=4,title=PB104::unknown key"
        " '\\x00\\x07\\u202e\\u2028\\xad\\U000e0041' [PB104]%0Ahint: did you mean '\\x1b[2J'?")
    assert line.isprintable()


def test_plain_text_and_other_scripts_are_left_alone() -> None:
    assert printable("Réunion, 東京, Ελλάδα, עברית, emoji 🎉 and a space") == (
        "Réunion, 東京, Ελλάδα, עברית, emoji 🎉 and a space")
