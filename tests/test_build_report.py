"""When MkDocs itself stops a build, ``--format json`` and ``github`` still say why."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook_builder.cli import main

from .conftest import REPO

pytestmark = pytest.mark.build


@pytest.fixture
def broken_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo with a page of the user's own that links to a page that is not there."""
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "profiles", tmp_path / "profiles")
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    (tmp_path / "docs" / "about.md").write_text("# About\n\n[x](missing.md)\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_json_names_each_reason_mkdocs_gave(broken_link: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--strict", "--format", "json"])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert [(p["file"], p["code"], p["severity"]) for p in problems] == [
        ("mkdocs.yml", "PB301", "error")] * 3
    assert [p["message"] for p in problems] == [
        "The following pages exist in the docs directory, but are not included in the"
        " \"nav\" configuration: - about.md",
        "Doc file 'about.md' contains a link 'missing.md', but the target is not found"
        " among documentation files.",
        "Aborted with 2 warnings in strict mode!",
    ]
    assert not (broken_link / "site").exists()  # nothing published


def test_github_annotates_the_configuration(broken_link: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--strict", "--format", "github"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert all(line.startswith("::error file=mkdocs.yml,line=1,col=1,title=PB301::")
               for line in lines)


def test_a_build_that_passes_prints_no_problems(broken_link: Path) -> None:
    (broken_link / "docs" / "about.md").unlink()
    result = CliRunner().invoke(main, ["build", "--strict", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []
