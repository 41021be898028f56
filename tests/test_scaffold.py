"""playbook new: a project that validates and builds as it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from playbook_builder.cli import main
from playbook_builder.health.score import check
from playbook_builder.inputs.library import Library
from playbook_builder.inputs.loading import load_profile

pytestmark = pytest.mark.build


@pytest.mark.parametrize("ci", ["github", "gitlab"])
def test_new_project_builds(tmp_path: Path, ci: str, library: Library,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["new", str(tmp_path / "ours"), "--ci", ci])
    assert result.exit_code == 0, result.output
    project = tmp_path / "ours"
    profile = project / "profiles" / "playbook.yml"
    assert profile.read_text("utf-8").startswith(
        "# yaml-language-server: $schema=../playbook-profile.schema.json")
    assert json.loads((project / "playbook-profile.schema.json").read_text("utf-8"))
    assert check(load_profile(profile, library)).score == 100
    workflow = project / (".github/workflows/playbook.yml" if ci == "github" else ".gitlab-ci.yml")
    data = yaml.safe_load(workflow.read_text("utf-8"))
    text = workflow.read_text("utf-8")
    assert "playbook validate" in text and "playbook build --strict" in text
    if ci == "github":
        assert data["concurrency"]["cancel-in-progress"] is False
        assert "playbook publish" in text and "--push" in text
    else:
        assert data["pages"]["resource_group"] and data["pages"]["retry"] == 2
    monkeypatch.chdir(project)
    built = runner.invoke(main, ["build", "--strict"])
    assert built.exit_code == 0, built.output
    assert "Our Organisation" in (project / "site" / "index.html").read_text("utf-8")


def test_new_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("keep", encoding="utf-8")
    result = CliRunner().invoke(main, ["new", str(tmp_path)])
    assert result.exit_code == 2
    assert "not an empty folder" in result.stderr
