"""playbook check and the /health/ page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook_builder.cli import main

from .conftest import EXAMPLE, MKDOCS_YML, Project

WHATSAPP_LINE = EXAMPLE.read_text(encoding="utf-8").splitlines().index("  - id: whatsapp") + 1
DEMO_FINDING = (
    f"profiles/example.yml:{WHATSAPP_LINE}:5: advice: 'WhatsApp' is not among the places"
    " where its audiences ('Neighbours who may need us') already talk."
    " [platform-away-from-audience]"
)


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A copy of the demo with one finding it could fix: the neighbours' hangs_out no
    longer names WhatsApp, where the demo meets them. (The demo itself has none.)"""
    shutil.copytree(EXAMPLE.parent, tmp_path / "profiles")
    demo = tmp_path / "profiles" / "example.yml"
    text = demo.read_text(encoding="utf-8")
    demo.write_text(text.replace("hangs_out: [facebook, whatsapp, forums]",
                                 "hangs_out: [facebook, forums]"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)


def test_check_text(in_repo: None) -> None:
    result = CliRunner().invoke(main, ["check", "profiles/example.yml"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == DEMO_FINDING
    assert lines[1].startswith("  hint: Check whether WhatsApp")
    assert lines[-1] == (
        "score: 98/100 (why 20/20, who 18/20, listen 20/20, participate 20/20, lead 20/20)"
    )


def test_min_score_sets_the_exit_code(in_repo: None) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["check", "profiles/example.yml", "--min-score", "98"]
                         ).exit_code == 0
    low = runner.invoke(main, ["check", "profiles/example.yml", "--min-score", "99"])
    assert low.exit_code == 1
    assert low.stderr == "Error: score 98 is below the minimum 99\n"


def test_check_json(in_repo: None) -> None:
    result = CliRunner().invoke(main, ["check", "--format", "json", "profiles/example.yml"])
    data = json.loads(result.stdout)
    assert data["score"] == 98
    assert [s["score"] for s in data["steps"]] == [20, 18, 20, 20, 20]
    assert data["findings"][0]["rule"] == "platform-away-from-audience"
    assert (data["findings"][0]["line"], data["findings"][0]["col"]) == (WHATSAPP_LINE, 5)


def test_invalid_profile_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("schema_version: 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(bad)])
    assert result.exit_code == 2
    assert "missing required key 'why' [PB101]" in result.stderr


@pytest.mark.build
def test_health_page_is_published_and_linked(project: Project) -> None:
    project.build()
    page = project.page("health")
    assert "Strategy health" in page and "/ 100" in page
    assert 'href="health/"' in project.page("")


@pytest.mark.build
def test_health_page_can_be_left_out(tmp_path: Path, minimal_text: str) -> None:
    yml = MKDOCS_YML.replace("      profile: profile.yml", "      profile: profile.yml\n"
                             "      health: false")
    project = Project(tmp_path, minimal_text, yml)
    project.build()
    assert not (project.site / "health").exists()
    assert "health/" not in project.page("")
