"""The playbook command through click's CliRunner: exit codes, messages, nothing written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook_builder.cli import main
from playbook_builder.plugin import PROFILE_ENV

from .conftest import EXAMPLE, Project


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.build
def test_build_with_profile_option(runner: CliRunner, project: Project, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.root)
    other = tmp_path / "other.yml"
    other.write_text(project.profile.read_text("utf-8").replace(
        "Hillside Library", "Lakeside Library"), encoding="utf-8")
    result = runner.invoke(main, ["build", "--profile", str(other), "--out", "out"])
    assert result.exit_code == 0, result.output
    assert "Lakeside Library" in (project.root / "out" / "index.html").read_text("utf-8")
    assert PROFILE_ENV not in os.environ


@pytest.mark.build
def test_build_gives_the_same_site_as_mkdocs(runner: CliRunner, project: Project,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.root)
    assert runner.invoke(main, ["build", "--out", "by-cli"]).exit_code == 0
    project.build()
    for name in ("index.html", "objections/index.html", "search/search_index.json"):
        assert (project.root / "by-cli" / name).read_bytes() == (project.site / name).read_bytes()


@pytest.mark.build
def test_invalid_profile_exits_2_and_writes_nothing(
    runner: CliRunner, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project.root)
    project.write_profile(project.profile.read_text("utf-8").replace("why:", "wyh:"))
    result = runner.invoke(main, ["build", "--out", "out"])
    assert result.exit_code == 2
    assert result.stderr == (
        "profile.yml:1:1: error: missing required key 'why' [PB101]\n"
        "  hint: add 'why:' here (Step 1: why should anyone care about what you do?)\n"
        "profile.yml:5:1: error: unknown key 'wyh' [PB104]\n"
        "  hint: did you mean 'why'?\n"
        "2 errors\n"
    )
    assert not (project.root / "out").exists()


def test_validate(runner: CliRunner, tmp_path: Path) -> None:
    ok = runner.invoke(main, ["validate", str(EXAMPLE)])
    assert (ok.exit_code, ok.stdout) == (0, "1 profile(s) valid\n")
    bad = tmp_path / "bad.yml"
    bad.write_text("schema_version: 1\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", str(EXAMPLE), str(bad)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{bad}:1:1: error: missing required key 'audiences' [PB101]"
    )
    assert result.stderr.splitlines()[-1] == "3 errors"


@pytest.mark.build
def test_missing_config_file(runner: CliRunner, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: mkdocs.yml: no such file; run this where mkdocs.yml is, "
        "or name it with --config-file\n"
    )


def test_version(runner: CliRunner) -> None:
    assert runner.invoke(main, ["--version"]).stdout.startswith("playbook, version ")


BROKEN = "schema_version: 1\norganisation:\n  name: X\nwhy: y\naudiences:\n  - id: a\n" \
         "    name: A\n    hangs_out: [facebok]\nplatfroms: []\n"


def test_json_format(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.chdir(tmp_path)
    Path("p.yml").write_text(BROKEN, encoding="utf-8")
    result = runner.invoke(main, ["validate", "--format", "json", "p.yml"])
    assert result.exit_code == 2
    assert json.loads(result.stdout) == [{
        "file": "p.yml", "line": 8, "col": 17, "code": "PB201", "severity": "error",
        "message": "unknown platform 'facebok'", "hint": "did you mean 'facebook'?",
    }, {
        "file": "p.yml", "line": 9, "col": 1, "code": "PB104", "severity": "error",
        "message": "unknown key 'platfroms'", "hint": "did you mean 'platforms'?",
    }]
    ok = runner.invoke(main, ["validate", "--format", "json", str(EXAMPLE)])
    assert (ok.exit_code, ok.stdout) == (0, "[]\n")


def test_github_format(runner: CliRunner, tmp_path: Path,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("p.yml").write_text(BROKEN.replace("platfroms: []\n", ""), encoding="utf-8")
    result = runner.invoke(main, ["validate", "--format", "github", "p.yml"])
    assert result.exit_code == 2
    assert result.stdout == (
        "::error file=p.yml,line=8,col=17,title=PB201::unknown platform 'facebok' [PB201]"
        "%0Ahint: did you mean 'facebook'?\n"
    )


@pytest.mark.build
def test_build_reports_in_the_chosen_format(runner: CliRunner, project: Project,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.root)
    project.write_profile(BROKEN)
    result = runner.invoke(main, ["build", "--format", "github"])
    assert result.exit_code == 2
    assert result.stdout.splitlines()[1].startswith(
        "::error file=profile.yml,line=9,col=1,title=PB104::")
