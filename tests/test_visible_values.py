"""What readers see is what a value does: a mail link writes to the address shown, a
link opens the host shown, and no invisible character changes or hides what text says."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from playbook_builder.inputs.diagnostics import format_diagnostics
from playbook_builder.inputs.library import Library, Principle, Reading
from playbook_builder.inputs.profile import Profile
from playbook_builder.inputs.validation import parse, validate
from playbook_builder.inputs.values import Email, Link, invisible
from playbook_builder.inputs.yamlsource import load_yaml

from .conftest import EXAMPLE

GOOD = "schema_version: 1\norganisation:\n  name: Hillside\nwhy: Because.\n" \
       "audiences:\n  - id: readers\n    name: Readers\n"
CONTACT = "contacts:\n  - id: lead\n    role: Lead\n"


def messages(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "p.yml"
    path.write_text(text, encoding="utf-8")
    record, diagnostics = validate(load_yaml(path, "p.yml"), Profile)
    assert (record is None) == bool(diagnostics)
    return [d.format_text() for d in sorted(diagnostics)]


def accepted(tmp_path: Path, text: str) -> bool:
    return messages(tmp_path, text) == []


def yaml_escaped(value: str) -> str:
    """``value`` in double quotes with YAML escapes, so the file itself stays plain ASCII
    (YAML writes a character outside the BMP as \\UXXXXXXXX, not as a surrogate pair)."""
    def escape(ch: str) -> str:
        if 0x20 <= ord(ch) < 0x7F and ch not in '"\\':
            return ch
        return f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"
    return '"' + "".join(map(escape, value)) + '"'


# Emails -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("spy%40evil.example%2C@example.org",
         "p.yml:11:12: error: 'email' has '%40', which a mail program reads as '@': the mail"
         " would not go to the address shown [PB103]\n"
         "  hint: write one plain address, such as comms@example.org, with no '%' escapes"
         " and no '?' part"),
        ("comms@example.org?cc=spy@evil.example",
         "p.yml:11:12: error: 'email' has '?', which starts a query: a mail program reads"
         " what follows as more recipients, copies or a subject [PB103]\n"
         "  hint: write one plain address, such as comms@example.org, with no '%' escapes"
         " and no '?' part"),
        ("comms%zz@example.org",
         "p.yml:11:12: error: 'email' has '%', which a mail program reads as the start of an"
         " escape: the mail would not go to the address shown [PB103]\n"
         "  hint: write one plain address, such as comms@example.org, with no '%' escapes"
         " and no '?' part"),
        ("comms\u200f@example.org",
         "p.yml:11:12: error: 'email' contains an invisible character U+200F RIGHT-TO-LEFT"
         " MARK at position 6 [PB103]\n"
         "  hint: delete it; it often comes along when text is copied from another program"),
    ],
)
def test_an_email_is_one_plain_address(tmp_path: Path, email: str, expected: str) -> None:
    text = GOOD + CONTACT + f"    email: {yaml_escaped(email)}\n"
    assert messages(tmp_path, text) == [expected]


@pytest.mark.parametrize("email", ["comms@example.org", "sam.patel+media@example.org",
                                   "first_last-1@mail.example.co.uk"])
def test_plain_addresses_pass(tmp_path: Path, email: str) -> None:
    assert accepted(tmp_path, GOOD + CONTACT + f"    email: {email}\n")


# Links ------------------------------------------------------------------------------

# Every place the profile takes a link, as (the text to add, the line the link is on,
# the column it starts at).
def link_places(link: str) -> list[tuple[str, str]]:
    return [
        (GOOD.replace("  name: Hillside", f"  name: Hillside\n  website: {link}"), "4:12"),
        (GOOD + f"platforms:\n  - id: facebook\n    account: {{url: {link}}}\n", "10:20"),
        (GOOD + CONTACT + f"    url: {link}\n", "11:10"),
        (GOOD + f"reading_list:\n  add:\n    - {{title: T, url: {link}}}\n", "10:23"),
        (GOOD + f"reading_list:\n  override:\n    x:\n      url: {link}\n", "11:12"),
    ]


@pytest.mark.parametrize(("text", "where"), link_places("https://facebook.com@evil.example/login"))
def test_a_link_with_user_info_is_refused_everywhere(
    tmp_path: Path, text: str, where: str
) -> None:
    [message] = messages(tmp_path, text)
    assert message.startswith(f"p.yml:{where}: error: ")
    assert message.endswith(
        " has a user name before '@' ('facebook.com'), so it opens 'evil.example' [PB103]\n"
        "  hint: write the address without the part before '@'")


@pytest.mark.parametrize(
    ("link", "message", "hint"),
    [
        ("https://user:secret@example.org/", "'website' has a user name before '@'"
         " ('user:secret'), so it opens 'example.org'", "write the address without the part"
         " before '@'"),
        ("https://a@b@evil.example:8443", "'website' has a user name before '@' ('a@b'), so"
         " it opens 'evil.example:8443'", "write the address without the part before '@'"),
        ("https://face%62ook.com/", "'website' has a percent-escape in its host name"
         " ('face%62ook.com'), which a browser decodes", "write the host name as plain text"),
        ("mailto:spy%40evil.example%2C@example.org", "'website' has '%40', which a mail"
         " program reads as '@': the mail would not go to the address shown",
         "write mailto: and one plain address, such as mailto:comms@example.org, with no '%'"
         " escapes and no '?' part"),
        ("mailto:comms@example.org?bcc=spy@evil.example", "'website' has '?', which starts a"
         " query: a mail program reads what follows as more recipients, copies or a subject",
         "write mailto: and one plain address, such as mailto:comms@example.org, with no '%'"
         " escapes and no '?' part"),
        ("mailto:comms", "'website' is not a mailto: link to one address",
         "write mailto: and one plain address, such as mailto:comms@example.org, with no '%'"
         " escapes and no '?' part"),
        ("\"https://face\\u200bbook.com\"", "'website' contains an invisible character"
         " U+200B ZERO WIDTH SPACE at position 13",
         "delete it; it often comes along when text is copied from another program"),
    ],
)
def test_a_link_opens_what_it_shows(tmp_path: Path, link: str, message: str, hint: str) -> None:
    text = GOOD.replace("  name: Hillside", f"  name: Hillside\n  website: {link}")
    assert messages(tmp_path, text) == [f"p.yml:4:12: error: {message} [PB103]\n  hint: {hint}"]


@pytest.mark.parametrize("link", [
    "https://example.org/", "https://example.org/a@b", "https://example.org/?to=a@b",
    "https://example.org/#@x", "http://example.org:8080/%41", "mailto:comms@example.org",
])
def test_plain_links_pass(tmp_path: Path, link: str) -> None:
    assert all(accepted(tmp_path, text) for text, _ in link_places(link))


def test_the_library_and_the_demo_links_pass(library: Library) -> None:
    links = [r.url for r in library.reading if r.url]
    demo = load_yaml(EXAMPLE).data
    links += [demo["organisation"]["website"], *(
        c[key] for c in demo["contacts"] for key in ("url", "email") if key in c)]
    assert len(links) >= 5
    assert all(TypeAdapter(Link).validate_python(link) for link in links if ":" in link)
    assert all(TypeAdapter(Email).validate_python(link) for link in links if ":" not in link)


def test_a_library_link_with_user_info_is_refused() -> None:
    reading, problems = parse(Reading, {
        "schema_version": "1", "id": "r", "title": "T",
        "url": "https://example.org@evil.example/"})
    assert reading is None and [p.kind for p in problems] == ["link_user_info"]
    principle, problems = parse(Principle, {
        "schema_version": "1", "id": "p", "title": "t", "summary": "s", "step": "why",
        "body": "Read [the guide](https://example.org@evil.example/)."})
    assert principle is None
    assert [p.detail["message"] for p in problems] == [
        "links to 'https://example.org@evil.example/', which has a user name before '@'"]


# Invisible and direction-changing characters ------------------------------------------

BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
MARKS = [0x061C, 0x200E, 0x200F]
"""The Arabic letter, left-to-right and right-to-left marks: kept in words, where Hebrew
and Arabic writers place punctuation with them; refused in phone numbers and links."""
TAGS = [0xE0001, 0xE0020, 0xE0041, 0xE007F]


def name_of(code: int) -> str:
    return f"U+{code:04X} {unicodedata.name(chr(code))}"


def code_id(code: int) -> str:
    return f"U+{code:04X}"


@pytest.mark.parametrize("code", BIDI + TAGS + [0x206E, 0xFFF9], ids=code_id)
def test_a_character_that_hides_or_turns_text_is_refused_anywhere(
    tmp_path: Path, code: int
) -> None:
    text = GOOD.replace("why: Because.", f"why: {yaml_escaped('Be' + chr(code) + 'cause.')}")
    assert messages(tmp_path, text) == [
        f"p.yml:4:6: error: 'why' contains an invisible character {name_of(code)} at"
        " position 3 [PB103]\n"
        "  hint: delete it; it often comes along when text is copied from another program"]


def test_more_than_one_is_counted(tmp_path: Path) -> None:
    text = GOOD.replace("why: Because.", 'why: "\\u202eBe\\u202ccause\\u2069."')
    assert messages(tmp_path, text) == [
        "p.yml:4:6: error: 'why' contains an invisible character U+202E RIGHT-TO-LEFT"
        " OVERRIDE at position 1, and 2 more [PB103]\n"
        "  hint: delete it; it often comes along when text is copied from another program"]


def test_a_control_character_without_a_name_is_named_by_its_code(tmp_path: Path) -> None:
    text = GOOD.replace("why: Because.", 'why: "Be\\acause."')
    assert messages(tmp_path, text) == [
        "p.yml:4:6: error: 'why' contains an invisible character U+0007 at position 3"
        " [PB103]\n"
        "  hint: delete it; it often comes along when text is copied from another program"]


@pytest.mark.parametrize("code", MARKS, ids=code_id)
def test_a_direction_mark_is_kept_in_words_and_refused_in_a_phone_number(
    tmp_path: Path, code: int
) -> None:
    text = GOOD.replace("why: Because.", f"why: {yaml_escaped('Be' + chr(code) + 'cause.')}")
    assert accepted(tmp_path, text)
    phone = f"    phone: {yaml_escaped('+44' + chr(code) + ' 20 7946 0000')}\n"
    [message] = messages(tmp_path, GOOD + CONTACT + phone)
    assert f"invisible character {name_of(code)} at position 4" in message


@pytest.mark.parametrize("phone", ["\u200f+44 20 7946 0000", "+44 20 7946 0000\u200e",
                                   "+44 20\u200b 7946 0000",
                                   "+44 20 7946 0000\u2060", "\u202d0000 6497 02 44+"])
def test_a_phone_number_has_no_invisible_character(tmp_path: Path, phone: str) -> None:
    [message] = messages(tmp_path, GOOD + CONTACT + f"    phone: {yaml_escaped(phone)}\n")
    assert message.startswith("p.yml:11:12: error: 'phone' contains an invisible character")


# Characters that show nothing on their own, and that Python's strip() keeps.
INVISIBLE_ONLY = [
    0x00AD, 0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180E, 0x200B, 0x200C,
    0x200D, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2800, 0x3164, 0xFE00, 0xFE0F,
    0xFEFF, 0xFFA0, 0x1D173, 0xE0100,
]


@pytest.mark.parametrize("code", INVISIBLE_ONLY, ids=code_id)
def test_a_name_of_invisible_characters_only_is_refused(tmp_path: Path, code: int) -> None:
    text = GOOD.replace("  name: Hillside", f"  name: {yaml_escaped(' ' + chr(code) * 2)}")
    [message] = messages(tmp_path, text)
    assert message.startswith("p.yml:3:9: error: 'name' has only invisible characters")
    assert message.endswith(
        "  hint: delete them, then write it after the colon: it is required (The"
        " organisation's name, shown in the header and on the home page)")


def test_the_invisible_only_message_names_a_character(tmp_path: Path) -> None:
    text = GOOD + f"    cares_about: [books, {yaml_escaped(chr(0x3164) + chr(0x200B))}]\n"
    assert messages(tmp_path, text) == [
        "p.yml:8:26: error: an item of 'cares_about' has only invisible characters, such as"
        " U+3164 HANGUL FILLER [PB103]\n"
        "  hint: delete them, then write the item after '- ', or remove the line"]


def test_what_counts_as_invisible() -> None:
    assert all(invisible(chr(c)) for c in INVISIBLE_ONLY + BIDI + TAGS)
    assert all(invisible(chr(c)) for c in range(0x110000) if not chr(c).strip())
    # Visible: letters, digits, marks that print, the signs that go before Arabic numbers.
    assert not any(invisible(ch) for ch in "aZ0.\u00e9\u0301\u0600\u06dd\U000110BD")


@pytest.mark.parametrize("value", [
    "\U0001F469\u200D\U0001F4BB volunteers",          # woman technologist: a ZWJ sequence
    "\u2764\uFE0F our neighbours",                    # red heart with its emoji selector
    "\U0001F3F4\U000E0067\U000E0062\U000E0077\U000E006C\U000E0073\U000E007F Cymru",  # Wales
    "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645",  # Persian: mi-khaham, with a ZWNJ
    "\u0915\u094D\u200D\u0937",                       # Devanagari half form, with a ZWJ
    "\u0e2d\u0e32\u0e2b\u0e32\u0e23\u200b\u0e14\u0e35",  # Thai: a ZWSP between words
    "co\u00adoperative",                              # a soft hyphen
    "\u05e9\u05dc\u05d5\u05dd!\u200f",                  # Hebrew: the mark keeps "!" after it
])
def test_joiners_and_selectors_inside_words_are_kept(tmp_path: Path, value: str) -> None:
    text = GOOD.replace("why: Because.", f"why: {yaml_escaped(value)}")
    assert accepted(tmp_path, text)


def test_tag_characters_outside_the_three_flags_are_refused(tmp_path: Path) -> None:
    # The black flag with tags that spell anything else hides text behind the flag.
    hidden = "\U0001F3F4" + "".join(chr(0xE0000 + ord(c)) for c in "secret") + "\U000E007F"
    text = GOOD.replace("why: Because.", f"why: {yaml_escaped('Go ' + hidden)}")
    [message] = messages(tmp_path, text)
    assert "U+E0073 TAG LATIN SMALL LETTER S at position 5, and 6 more" in message


def test_the_library_is_held_to_the_same() -> None:
    principle, problems = parse(Principle, {
        "schema_version": "1", "id": "p", "title": "t\u202e", "summary": "\u200b",
        "step": "why", "body": "B\u202e"})
    assert principle is None
    assert sorted(p.kind for p in problems) == [
        "invisible_character", "invisible_character", "invisible_only"]


def test_messages_never_carry_the_character(tmp_path: Path) -> None:
    text = GOOD + CONTACT + '    email: "x\\u202e@example.org"\n' \
        + "    phone: \"\\u200f1\"\n" + 'platforms:\n  - id: "\\u202eabc"\n'
    path = tmp_path / "p.yml"
    path.write_text(text, encoding="utf-8")
    _, diagnostics = validate(load_yaml(path, "p.yml"), Profile)
    assert len(diagnostics) == 3
    out = format_diagnostics(diagnostics, "json")
    assert not any(invisible(ch) for ch in out if ch not in " \n")
