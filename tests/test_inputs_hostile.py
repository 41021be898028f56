"""Inputs built to hang a run, fill its memory or slip past a check: each is refused
quickly, with a located diagnostic, exit code 2 and exact output.

The corpus (``tests/corpus``) holds what fits in a committed profile; what needs a named
pipe, a device, a link or a huge file is made here, in a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import sys
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import TypeAdapter, ValidationError

from playbook_builder.cli import main
from playbook_builder.inputs import files
from playbook_builder.inputs.diagnostics import InputError, Suggestions, did_you_mean
from playbook_builder.inputs.files import TooLarge, read_limited
from playbook_builder.inputs.images import MAX_IMAGE_BYTES
from playbook_builder.inputs.loading import load_library
from playbook_builder.inputs.values import ID_PATTERN, WINDOWS_DEVICES, Id
from playbook_builder.inputs.yamlsource import load_yaml
from playbook_builder.resources import data_dir

from .test_profile_diagnostics import BASE

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="named pipes and /dev/zero")


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fails the test, instead of hanging the run, if it takes over five seconds."""
    def expired(*_: object) -> None:
        raise TimeoutError("still reading after 5 s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(5)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def validate(folder: Path, *args: str) -> tuple[int, str, float]:
    """``playbook validate`` in ``folder``: its exit code, what it printed, and the time."""
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        started = time.perf_counter()
        result = CliRunner().invoke(main, ["validate", *args])
        return result.exit_code, result.stderr, time.perf_counter() - started
    finally:
        os.chdir(cwd)


SPECIAL_HINT = "  hint: name a YAML file; named pipes, devices and sockets are never read"
SPECIAL = SPECIAL_HINT + "\n1 error\n"


# 1. A profile that never ends or never opens.

@posix_only
def test_a_named_pipe_as_the_profile_is_refused_at_once(tmp_path: Path, deadline: None) -> None:
    os.mkfifo(tmp_path / "p.yml")  # no writer: opening it to read would wait for ever
    code, output, seconds = validate(tmp_path, "p.yml")
    assert (code, output) == (2, "p.yml:1:1: error: not a regular file but a named pipe"
                                 " [PB001]\n" + SPECIAL)
    assert seconds < 1, seconds


@posix_only
def test_a_link_to_dev_zero_as_the_profile_is_refused_at_once(
    tmp_path: Path, deadline: None
) -> None:
    (tmp_path / "p.yml").symlink_to("/dev/zero")  # never ends: it would fill the memory
    code, output, seconds = validate(tmp_path, "p.yml")
    assert (code, output) == (2, "p.yml:1:1: error: not a regular file but a device"
                                 " [PB001]\n" + SPECIAL)
    assert seconds < 1, seconds


def test_a_folder_as_the_profile_is_refused(tmp_path: Path) -> None:
    (tmp_path / "p.yml").mkdir()
    with pytest.raises(InputError) as caught:
        load_yaml(tmp_path / "p.yml", "p.yml")
    assert caught.value.format_text() == (
        "p.yml:1:1: error: not a regular file but a folder [PB001]\n" + SPECIAL_HINT)


def test_a_file_that_grows_after_the_check_is_read_no_further(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.yml"
    path.write_bytes(b"x" * 5_000)
    real_fstat = os.fstat

    def small(st: os.stat_result) -> os.stat_result:
        return os.stat_result((*st[:6], 10, *st[7:]))  # st_size as when it was checked

    monkeypatch.setattr(files.os, "stat", lambda p: small(os.lstat(p)))
    monkeypatch.setattr(files.os, "fstat", lambda fd: small(real_fstat(fd)))
    reads: list[int] = []
    real_read = os.read
    monkeypatch.setattr(files.os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    with pytest.raises(TooLarge):
        read_limited(path, 100)
    assert sum(reads) <= 101
    assert read_limited(path, 5_000) == b"x" * 5_000


def test_the_size_is_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.png"
    with path.open("wb") as f:
        f.truncate(1 << 30)  # sparse: a gigabyte that takes no room
    monkeypatch.setattr(files.os, "open", lambda *_: pytest.fail("opened a file too large"))
    with pytest.raises(TooLarge) as caught:
        read_limited(path, MAX_IMAGE_BYTES)
    assert caught.value.size == 1 << 30


def library_copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(data_dir("content"), content)
    return content


def library_problems(content: Path, tmp_path: Path) -> str:
    with pytest.raises(InputError) as caught:
        load_library(content)
    return caught.value.format_text().replace(str(tmp_path) + "/", "")


@posix_only
def test_a_named_pipe_in_the_library_is_refused(tmp_path: Path, deadline: None) -> None:
    content = library_copy(tmp_path)
    os.mkfifo(content / "objections" / "piped.yml")
    assert library_problems(content, tmp_path) == (
        "content/objections/piped.yml:1:1: error: not a regular file but a named pipe [PB001]\n"
        + SPECIAL_HINT)


@posix_only
def test_library_links_must_stay_in_the_library(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, deadline: None
) -> None:
    content = library_copy(tmp_path)
    outside = tmp_path_factory.mktemp("elsewhere") / "lose-control.yml"
    shutil.copyfile(content / "objections" / "lose-control.yml", outside)
    (content / "objections" / "lose-control.yml").unlink()
    (content / "objections" / "lose-control.yml").symlink_to(outside)
    (content / "objections" / "zero.yml").symlink_to("/dev/zero")
    expected = (
        "content/objections/{}.yml:1:1: error: leads outside the library folder [PB206]\n"
        "  hint: copy the file into the library instead of linking it")
    assert library_problems(content, tmp_path) == "\n".join(
        expected.format(name) for name in ("lose-control", "zero"))


@posix_only
def test_a_link_inside_the_library_is_fine(tmp_path: Path) -> None:
    content = library_copy(tmp_path)
    (content / "shared").mkdir()
    (content / "objections" / "trolls.yml").rename(content / "shared" / "trolls.yml")
    (content / "objections" / "trolls.yml").symlink_to(content / "shared" / "trolls.yml")
    assert "trolls" in load_library(content).ids("objections")


@posix_only
def test_a_broken_link_in_the_library_is_located(tmp_path: Path) -> None:
    content = library_copy(tmp_path)
    (content / "objections" / "gone.yml").symlink_to(content / "objections" / "nowhere.yml")
    assert library_problems(content, tmp_path) == (
        "content/objections/gone.yml:1:1: error: file not found [PB001]\n"
        "  hint: check the path and the current folder")


# 2. The logo: a size cap, and never a special file.

LOGO_PROFILE = BASE.replace("  name: Hillside\n", "  name: Hillside\n  logo: logo.png\n")


def test_a_huge_logo_is_refused_before_reading(tmp_path: Path) -> None:
    (tmp_path / "p.yml").write_text(LOGO_PROFILE, encoding="utf-8")
    with (tmp_path / "logo.png").open("wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.truncate(1 << 30)  # a "PNG" of a gigabyte, sparse
    code, output, seconds = validate(tmp_path, "p.yml")
    assert (code, output) == (2, (
        "p.yml:4:9: error: logo 'logo.png' is too large (1,073,741,824 bytes) [PB008]\n"
        "  hint: a logo may be at most 2,000,000 bytes; export it smaller\n1 error\n"))
    assert seconds < 1, seconds


def test_a_logo_of_the_largest_size_is_fine(tmp_path: Path) -> None:
    (tmp_path / "p.yml").write_text(LOGO_PROFILE, encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(
        b"\x89PNG\r\n\x1a\n".ljust(MAX_IMAGE_BYTES, b"\0"))
    assert validate(tmp_path, "p.yml")[:2] == (0, "")


@posix_only
def test_a_named_pipe_as_the_logo_is_refused(tmp_path: Path, deadline: None) -> None:
    (tmp_path / "p.yml").write_text(LOGO_PROFILE, encoding="utf-8")
    os.mkfifo(tmp_path / "logo.png")
    code, output, seconds = validate(tmp_path, "p.yml")
    assert (code, output) == (2, (
        "p.yml:4:9: error: logo 'logo.png' is not a regular file but a named pipe [PB001]\n"
        "  hint: name a readable image next to the profile\n1 error\n"))
    assert seconds < 1, seconds


@posix_only
def test_a_logo_leading_to_a_device_is_refused(tmp_path: Path, deadline: None) -> None:
    (tmp_path / "p.yml").write_text(LOGO_PROFILE, encoding="utf-8")
    (tmp_path / "logo.png").symlink_to("/dev/zero")
    assert validate(tmp_path, "p.yml")[:2] == (2, (
        "p.yml:4:9: error: logo 'logo.png' leads outside the profile's folder [PB206]\n"
        "  hint: copy the image into the profile's folder instead of linking it\n1 error\n"))


@posix_only
def test_a_logo_link_that_loops_is_located(tmp_path: Path) -> None:
    (tmp_path / "p.yml").write_text(LOGO_PROFILE, encoding="utf-8")
    (tmp_path / "logo.png").symlink_to("logo.png")
    code, output, _ = validate(tmp_path, "p.yml")
    assert code == 2
    assert output.startswith("p.yml:4:9: error: logo 'logo.png' cannot be read (")
    assert "[PB001]" in output


# 4. Did-you-mean, bounded.

def thousand_broken_references() -> str:
    audiences = "".join(f"  - {{id: audience-number-{i:04d}, name: A}}\n" for i in range(1000))
    goals = "".join(f"  - {{id: goal-{i}, statement: s, audiences: [audiance-numbre-{i:04d}]}}\n"
                    for i in range(1000))
    return ("schema_version: 1\norganisation:\n  name: H\nwhy: y\naudiences:\n" + audiences
            + "goals:\n" + goals)


def test_a_thousand_broken_references_are_reported_quickly(tmp_path: Path) -> None:
    (tmp_path / "p.yml").write_text(thousand_broken_references(), encoding="utf-8")
    code, output, seconds = validate(tmp_path, "p.yml")
    assert code == 2
    # The thousand audiences and goals are past their bounds, and every reference is
    # still checked.
    assert output.endswith("1002 errors\n")
    assert seconds < 5  # about 0.3 s; 20 s when every one searched all thousand ids
    lines = output.splitlines()
    broken = [i for i, line in enumerate(lines) if line.endswith("[PB201]")]
    assert len(broken) == 1000
    # The first ones, which are read first, keep their suggestions.
    assert lines[broken[0]:broken[0] + 2] == [
        "p.yml:1007:44: error: unknown audience 'audiance-numbre-0000' [PB201]",
        "  hint: did you mean 'audience-number-0000'?",
    ]
    # The rest list what is allowed.
    assert output.splitlines()[-2].startswith(
        "  hint: expected one of 'audience-number-0000', 'audience-number-0001', ")


def test_suggestions_stop_searching_once_the_work_is_done() -> None:
    suggest = Suggestions(budget=100)
    assert suggest("facebok", ["facebook", "linkedin"]) == "did you mean 'facebook'?"
    assert suggest.left == 100 - (2 * 7 + 16)
    for _ in range(2):
        suggest("facebok", ["facebook", "linkedin"])
    assert suggest("facebok", ["facebook", "linkedin"]) == (
        "expected one of 'facebook', 'linkedin'")
    assert did_you_mean("facebok", ["facebook", "linkedin"]) == "did you mean 'facebook'?"


# 6. Ids that cannot be files on Windows, or that could differ only by case.

@pytest.mark.parametrize("name", sorted(WINDOWS_DEVICES))
def test_windows_device_names_are_not_ids(name: str) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(Id).validate_python(name)
    assert TypeAdapter(Id).validate_python(f"{name}-team") == f"{name}-team"


@pytest.mark.parametrize("text", [
    "Con", "LPT1", "Readers", "readers\u212a",  # upper case; the Kelvin sign folds to 'k'
    "stra\u00dfe", "\u017fpeakers", "\u0131d", "caf\u00e9", "cafe\u0301",  # ß, long s, dotless i
    "\uff41bc", "\ufb01nance",  # a fullwidth letter, a ligature
])
def test_ids_are_lower_case_ascii_so_none_differ_only_by_case(text: str) -> None:
    """Two ids that a case-insensitive file system (or NFC/NFD) would take for one cannot
    both be valid: every valid id is its own case fold and its own NFKC form."""
    with pytest.raises(ValidationError):
        TypeAdapter(Id).validate_python(text)
    for valid in ("readers", "con-team", "a1-b2"):
        assert valid.casefold() == valid == unicodedata.normalize("NFKC", valid)
    assert ID_PATTERN == r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def test_stat_kinds_are_named() -> None:
    assert files.kind_of(stat.S_IFIFO) == "a named pipe"
    assert files.kind_of(stat.S_IFCHR) == "a device"
    assert files.kind_of(stat.S_IFSOCK) == "a socket"
    assert files.kind_of(stat.S_IFDIR) == "a folder"
    assert files.kind_of(stat.S_IFREG) is None
