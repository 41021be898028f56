"""``SOURCE_DATE_EPOCH``: a malformed value is refused in one line (exit code 2) on every
route, before anything is built; MkDocs, gzip and the health rules never see it."""

from __future__ import annotations

import logging
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from playbook_builder.cli import main
from playbook_builder.commands.build_date import ensure_source_date_epoch
from playbook_builder.inputs.build_time import (
    LATEST,
    VARIABLE,
    BuildTimeProblem,
    build_time,
    parse_epoch,
)

from .conftest import Project

MALFORMED = ["abc", "1e9", "1.5", "-5", "+5", "1_700_000_000", "9" * 20, "9" * 5000,
             str(LATEST + 1), "\u0661\u0667\u0660\u0660", "1\x1b[31m"]


@pytest.mark.parametrize("value", MALFORMED)
def test_a_malformed_value_is_refused_in_one_line(value: str) -> None:
    with pytest.raises(BuildTimeProblem) as raised:
        parse_epoch(value)
    message = str(raised.value)
    assert message.startswith(f"{VARIABLE} '") and "\n" not in message
    assert "\x1b" not in message and len(message) < 250
    assert message.endswith("set it to the build's time in seconds since 1970-01-01 UTC"
                            " (such as 1700000000), or unset it")


def test_what_is_wrong_is_said() -> None:
    def reason(value: str) -> str:
        with pytest.raises(BuildTimeProblem) as raised:
            parse_epoch(value)
        return str(raised.value).split("; ")[0]

    assert reason("-5") == f"{VARIABLE} '-5' is before 1970"
    assert reason("1e9") == f"{VARIABLE} '1e9' is not a whole number of seconds in digits"
    assert reason("4294967296") == (f"{VARIABLE} '4294967296' is later than 4294967295 (in"
                                    " 2106), the latest time a site can carry")


@pytest.mark.parametrize(("value", "seconds"), [
    ("0", 0), ("1700000000", 1700000000), (" 1700000000\n", 1700000000),
    ("0001700000000", 1700000000), (str(LATEST), LATEST), ("", None), ("  ", None)])
def test_valid_values(value: str, seconds: int | None) -> None:
    assert parse_epoch(value) == seconds


def test_the_latest_value_is_what_gzip_and_datetime_take() -> None:
    import gzip
    import io

    moment = build_time({VARIABLE: str(LATEST)})
    assert moment == datetime(2106, 2, 7, 6, 28, 15, tzinfo=UTC)
    with gzip.GzipFile(fileobj=io.BytesIO(), mode="wb", mtime=LATEST) as packed:
        packed.write(b"x")
    assert build_time({}) is None and build_time({VARIABLE: ""}) is None


ROUTES = [
    ["build", "--out", "out"],
    ["build", "--profiles", "profiles", "--out", "many"],
    ["serve"],
    ["export", "--out", "exported"],
    ["check"],
    ["publish", "1.0"],
]


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: " ".join(r[:2]))
@pytest.mark.parametrize("value", ["abc", "1e9", "-5", "9" * 20])
def test_every_command_refuses_it_with_exit_code_2(
        project: Project, monkeypatch: pytest.MonkeyPatch, route: list[str],
        value: str) -> None:
    monkeypatch.chdir(project.root)
    (project.root / "profiles").mkdir()
    monkeypatch.setenv(VARIABLE, value)
    result = CliRunner().invoke(main, route)
    assert result.exit_code == 2, result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit), result.exception
    assert result.stderr.startswith(f"Error: {VARIABLE} '")
    assert len(result.stderr.splitlines()) == 1
    assert not [name for name in ("out", "many", "exported") if (project.root / name).exists()]


@pytest.mark.build
@pytest.mark.parametrize("value", ["abc", "-5", "9" * 20, str(LATEST + 1)])
def test_mkdocs_build_refuses_it_as_a_plugin_error(
        project: Project, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
        value: str) -> None:
    monkeypatch.setenv(VARIABLE, value)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        project.build()
    [error] = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert error.startswith(f"{VARIABLE} '") and "\n" not in error
    assert not project.site.exists()


@pytest.mark.build
def test_a_blank_value_counts_as_not_set_under_mkdocs(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(VARIABLE, " ")
    build(load_config(str(project.root / "mkdocs.yml")))  # MkDocs alone: int(" ") fails
    assert (project.site / "sitemap.xml.gz").is_file()
    assert VARIABLE not in os.environ


def test_a_blank_value_is_replaced_by_the_last_commit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org",
                    "commit", "-q", "--allow-empty", "-m", "x"], cwd=tmp_path, check=True,
                   env={**os.environ, "GIT_COMMITTER_DATE": "1700000000 +0000"})
    monkeypatch.setenv(VARIABLE, "")
    ensure_source_date_epoch(tmp_path)
    assert os.environ[VARIABLE] == "1700000000"
    monkeypatch.setenv(VARIABLE, "")
    ensure_source_date_epoch(tmp_path / "nowhere")  # outside git: simply not set
    assert VARIABLE not in os.environ

