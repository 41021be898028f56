"""Strict YAML loading: exact strings, positions, and every trap refused with a location."""

from __future__ import annotations

import codecs
import time
from pathlib import Path

import pytest
import yaml

from playbook_builder.inputs import files, yamlsource
from playbook_builder.inputs.diagnostics import InputError
from playbook_builder.inputs.yamlsource import MAX_BYTES, load_yaml


def load_text(tmp_path: Path, text: str | bytes):  # type: ignore[no-untyped-def]
    path = tmp_path / "p.yml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return load_yaml(path, "p.yml")


def errors(tmp_path: Path, text: str | bytes) -> str:
    with pytest.raises(InputError) as caught:
        load_text(tmp_path, text)
    return caught.value.format_text()


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("NO", "NO"), ("yes", "yes"), ("off", "off"), ("1.10", "1.10"),
        ("012345", "012345"), ("1:30", "1:30"), ("2026-11-22", "2026-11-22"),
        ("~", "~"), ("null", "null"), ("0x1F", "0x1F"), ("1e3", "1e3"), ("'quoted'", "quoted"),
    ],
)
def test_scalars_stay_exactly_as_typed(tmp_path: Path, typed: str, kept: str) -> None:
    assert load_text(tmp_path, f"value: {typed}\n").data == {"value": kept}


def test_positions_of_keys_and_values(tmp_path: Path) -> None:
    doc = load_text(tmp_path, "a:\n  b:\n    - x\n    - y\n")
    assert doc.position(("a", "b"), at_key=True) == (2, 3)
    assert doc.position(("a", "b", 1)) == (4, 7)
    assert doc.position(("a", "b", 7, "missing")) == (2, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "a: 1\nb: 2\na: 3\n",
            "p.yml:3:1: error: duplicate key 'a' (first at line 1) [PB003]\n"
            "  hint: keep one of them; YAML would silently use only the last",
            id="duplicate-key",
        ),
        pytest.param(
            "secret: !ENV HOME\n",
            "p.yml:1:9: error: YAML tag '!ENV' is not allowed [PB004]\n"
            "  hint: remove the tag; values are always plain text",
            id="env-tag",
        ),
        pytest.param(
            "x: !!python/object/apply:os.system ['true']\n",
            "p.yml:1:4: error: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'"
            " is not allowed [PB004]\n  hint: remove the tag; values are always plain text",
            id="python-tag",
        ),
        pytest.param(
            "a: &x hello\nb: *x\n",
            "p.yml:1:4: error: YAML anchors and aliases (&name, *name) are not supported [PB005]\n"
            "  hint: write the value out in full where it is needed\n"
            "p.yml:2:4: error: YAML anchors and aliases (&name, *name) are not supported [PB005]\n"
            "  hint: write the value out in full where it is needed",
            id="anchor-and-alias",
        ),
        pytest.param(
            "a:\n\t- b\n",
            "p.yml:2:1: error: tab character in indentation [PB002]\n"
            "  hint: indent with spaces; YAML does not allow tabs there",
            id="tab",
        ),
        pytest.param(
            "",
            "p.yml:1:1: error: expected a mapping of keys to values, found nothing [PB006]\n"
            "  hint: start the file with 'schema_version: 1' and the top-level keys",
            id="empty",
        ),
        pytest.param(
            "# only a comment\n",
            "p.yml:1:1: error: expected a mapping of keys to values, found nothing [PB006]\n"
            "  hint: start the file with 'schema_version: 1' and the top-level keys",
            id="comment-only",
        ),
        pytest.param(
            "- a\n- b\n",
            "p.yml:1:1: error: expected a mapping of keys to values, found a list [PB006]\n"
            "  hint: start the file with 'schema_version: 1' and the top-level keys",
            id="list",
        ),
        pytest.param(
            "just words\n",
            "p.yml:1:1: error: expected a mapping of keys to values, found a single value"
            " [PB006]\n  hint: start the file with 'schema_version: 1' and the top-level keys",
            id="scalar",
        ),
        pytest.param(
            b"a: ok\nb: caf\xe9\n",
            "p.yml:2:7: error: invalid UTF-8 (byte 0xe9) [PB007]\n"
            "  hint: save the file as UTF-8",
            id="latin-1",
        ),
        pytest.param(
            "a: [1, 2\n",
            "p.yml:2:1: error: invalid YAML: did not find expected ',' or ']' [PB002]\n"
            "  hint: check the indentation and quoting on this line and the one"
            " before it",
            id="syntax",
        ),
    ],
)
def test_refused_input_is_located(tmp_path: Path, text: str | bytes, expected: str) -> None:
    assert errors(tmp_path, text) == expected


def test_byte_order_marks(tmp_path: Path) -> None:
    assert load_text(tmp_path, codecs.BOM_UTF8 + b"a: b\n").data == {"a": "b"}
    assert load_text(tmp_path, "a: é\n".encode("utf-16")).data == {"a": "é"}


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    started = time.perf_counter()
    message = errors(tmp_path, "\n".join(lines) + "\n")
    assert "[PB005]" in message
    assert time.perf_counter() - started < 1.0


def test_size_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "p.yml"
    big.write_bytes(b"a: " + b"x" * MAX_BYTES + b"\n")
    # Read and then refused would pass the size test too: the file is never opened.
    monkeypatch.setattr(files.os, "open", lambda *_: pytest.fail("opened a file too large"))
    with pytest.raises(InputError) as caught:
        load_yaml(big, "p.yml")
    assert caught.value.format_text() == (
        f"p.yml:1:1: error: file is too large ({MAX_BYTES + 4:,} bytes) [PB008]\n"
        f"  hint: a profile or library file may be at most {MAX_BYTES:,} bytes"
    )


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_yaml(tmp_path / "nope.yml", "nope.yml")
    assert caught.value.format_text() == (
        "nope.yml:1:1: error: file not found [PB001]\n"
        "  hint: check the path and the current folder"
    )


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_lines_are_counted_as_editors_count_them(tmp_path: Path, separator: str) -> None:
    # YAML ends a line at these characters too; editors and CI annotations do not.
    doc = load_text(tmp_path, f'why: "copied{separator}text"\norganisation:\n  bogus: 1\n')
    assert doc.keys[("organisation", "bogus")] == (3, 3)
    text = f"why: \"a{separator}b\"\nc: [1\n"
    assert errors(tmp_path, text).startswith("p.yml:3:1: error: invalid YAML")


def test_lines_end_at_a_lone_carriage_return_too(tmp_path: Path) -> None:
    doc = load_text(tmp_path, 'a: "x\u2028y"\rb: 1\r')
    assert doc.keys[("b",)] == (2, 1)


def test_long_keys_and_tags_are_cut_short_in_messages(tmp_path: Path) -> None:
    key = "k" * 3_000
    assert f"duplicate key '{'k' * 57}...' (first at line 1)" in errors(
        tmp_path, f"? {key}\n: 1\n? {key}\n: 2\n")  # explicit keys may be that long
    assert "YAML tag '!" + "t" * 56 + "...' is not allowed" in errors(
        tmp_path, "a: !" + "t" * 500 + " x\n")


def test_how_a_yaml_1_2_reader_types_each_value_is_noted(tmp_path: Path) -> None:
    doc = load_text(tmp_path, (
        "a: 1.10\nb: true\nc: ~\nd: NO\ne: '1.10'\nf: !!str 012\ng: |\n  1\nh: [0x1F, 1_000,"
        " .NaN, Null, yes, -.5e3]\ni:\nj: 2026-11-22\nk: \"true\"\n"))
    assert doc.data["a"] == "1.10" and doc.data["f"] == "012"  # the text is kept all the same
    assert doc.types == {
        ("a",): "number", ("b",): "boolean", ("c",): "null", ("e",): "string",
        ("f",): "string", ("h", 0): "number", ("h", 2): "number", ("h", 3): "null",
        ("h", 5): "number"}


@pytest.fixture(params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test runs with libyaml's parser and with the pure-Python one, whose messages
    differ."""
    if request.param == "python":
        monkeypatch.setattr(yamlsource, "_Loader", yaml.BaseLoader)
    elif not hasattr(yaml, "CBaseLoader"):
        pytest.skip("libyaml is not built")
    return str(request.param)


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(
        'a: 1\nb: "open\nc: 2\nd: 3\n',
        'p.yml:2:4: error: invalid YAML: the double quote (") opened here is never closed'
        ' [PB002]\n  hint: end the value with a closing "; write \\" for a " inside it',
        id="double"),
    pytest.param(
        "a: 1\nb:\n  - 'open\n  - c\n",
        "p.yml:3:5: error: invalid YAML: the single quote (') opened here is never closed"
        " [PB002]\n  hint: end the value with a closing '; write '' for a ' inside it",
        id="single"),
    pytest.param(
        'a: [x, "open]\n---\nb: 1\n',
        'p.yml:1:8: error: invalid YAML: the double quote (") opened here is never closed'
        ' [PB002]\n  hint: end the value with a closing "; write \\" for a " inside it',
        id="before-a-document-separator"),
    pytest.param(
        'name: "Caf\u00e9\n  sector: "nonprofit"\nwhy: y\n',
        'p.yml:1:7: error: invalid YAML: the double quote (") opened here is closed only on'
        ' line 2, column 11 [PB002]\n  hint: end the value with " on this line; left open, a'
        ' quote takes in the lines after it up to the next "',
        id="closed-by-the-next-quote"),
    pytest.param(
        "a:\n  - {id: x, name: 'X}\n  - {id: y, name: 'Y'}\n",
        "p.yml:2:19: error: invalid YAML: the single quote (') opened here is closed only on"
        " line 3, column 19 [PB002]\n  hint: end the value with ' on this line; left open, a"
        " quote takes in the lines after it up to the next '",
        id="in-a-flow-mapping"),
])
def test_an_unclosed_quote_is_reported_where_it_opens(
        tmp_path: Path, parser: str, text: str, expected: str) -> None:
    assert errors(tmp_path, text) == expected


@pytest.mark.parametrize("text", [
    'a: "one\n  two" and more\n',  # a value over two lines, closed, then more: no quote
    'a: "one\n  two"\n c"\n',  # the quote after it is on another line
    'a: "x \\q"\n',  # an escape YAML does not know is reported where it is
    "a: [1, 2\n",
])
def test_other_errors_near_quotes_are_not_called_unclosed(
        tmp_path: Path, parser: str, text: str) -> None:
    assert "opened here" not in errors(tmp_path, text)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf_16_without_a_byte_order_mark_is_named(tmp_path: Path, codec: str) -> None:
    text = "schema_version: 1\norganisation:\n  name: Caf\u00e9 \u0395\u03bb\u03bb\u03b7\n"
    assert errors(tmp_path, text.encode(codec)) == (
        "p.yml:1:1: error: the file looks like UTF-16 text without a byte order mark [PB007]\n"
        "  hint: save the file as UTF-8; some editors call UTF-16 'Unicode'")


def test_utf_16_mostly_in_another_alphabet_is_named(tmp_path: Path) -> None:
    text = "why: " + "\u65e5\u672c\u8a9e\u306e\u8aac\u660e" * 20 + "\nname: \u0391\n"
    assert "looks like UTF-16 text" in errors(tmp_path, text.encode("utf-16-le"))


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_utf_32_without_a_byte_order_mark_is_named(tmp_path: Path, codec: str) -> None:
    assert errors(tmp_path, "a: b\n".encode(codec)) == (
        "p.yml:1:1: error: the file looks like UTF-32 text without a byte order mark [PB007]\n"
        "  hint: save the file as UTF-8")


@pytest.mark.parametrize(("raw", "expected"), [
    (b"a: b\x00c\n", "p.yml:1:5: error: the character U+0000 is not allowed in YAML"),
    (b"a: b\x00\x00c\n", "p.yml:1:5: error: the character U+0000 is not allowed in YAML"),
    (b"a: caf\xe9\n", "p.yml:1:7: error: invalid UTF-8 (byte 0xe9)"),
])
def test_a_stray_nul_or_latin_1_is_not_taken_for_utf_16(
        tmp_path: Path, raw: bytes, expected: str) -> None:
    assert errors(tmp_path, raw).startswith(expected)
