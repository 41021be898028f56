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


def own_library_project(project: Project) -> Project:
    """The project with a library of its own: the bundled one plus one more objection,
    which the profile selects (unknown to the bundled library)."""
    import shutil

    from playbook_builder.resources import data_dir

    library = project.root / "library"
    shutil.copytree(data_dir("content"), library)
    item = sorted((library / "objections").glob("*.yml"))[0]
    (library / "objections" / "ours-only.yml").write_text(
        item.read_text("utf-8").replace(f"id: {item.stem}", "id: ours-only"), "utf-8")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "      content_dir: library\n", "utf-8")
    project.write_profile(project.profile.read_text("utf-8").replace(
        "  select: [time-waste, cant-measure]", "  select: [time-waste, ours-only]"))
    return project


@pytest.mark.build
def test_validate_and_check_judge_with_the_projects_library(
    runner: CliRunner, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    own_library_project(project)
    monkeypatch.chdir(project.root)
    assert runner.invoke(main, ["build", "--out", "out"]).exit_code == 0
    validated = runner.invoke(main, ["validate", "profile.yml"])
    assert (validated.exit_code, validated.stdout) == (0, "1 profile(s) valid\n")
    assert runner.invoke(main, ["validate"]).stdout == "1 profile(s) valid\n"  # the project's
    assert runner.invoke(main, ["check", "profile.yml"]).exit_code == 0
    assert runner.invoke(main, ["check"]).exit_code == 0
    elsewhere = runner.invoke(main, ["validate", "profile.yml", "-f", "missing.yml"])
    assert elsewhere.exit_code == 2
    assert "missing.yml: no such file" in elsewhere.stderr
    bundled = runner.invoke(main, ["validate", "profile.yml", "--content-dir",
                                   str(EXAMPLE.parent.parent / "content")])
    assert bundled.exit_code == 2
    assert "unknown objection 'ours-only'" in bundled.stderr


def test_validate_outside_a_project_needs_a_profile(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 2
    assert "name the profiles to check, or run this where the project's mkdocs.yml is" in (
        result.stderr)


@pytest.mark.build
def test_playbook_build_replaces_a_site_mkdocs_built(
    runner: CliRunner, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project.root)
    project.build()  # plain 'mkdocs build', with the plugin
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert (project.site / "index.html").is_file()


def test_a_bare_plugin_entry_names_the_option_it_lacks(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\ntheme:\n  name: material\nplugins:\n  - search\n  - playbook\n", "utf-8")
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 2
    assert result.stderr == (
        "mkdocs.yml:6:5: error: the playbook plugin has no 'profile' option, and"
        " profiles/example.yml does not exist [PB001]\n"
        "  hint: add 'profile: <your profile>.yml' under '- playbook:' (relative to"
        " mkdocs.yml)\n1 error\n")


@pytest.mark.build
@pytest.mark.parametrize("flags", [["-q", "-d", "out"], ["-v", "--site-dir", "out", "-s"],
                                   ["--dirty", "-d", "out"]])
def test_build_takes_mkdocs_flags_after_the_subcommand(
    runner: CliRunner, project: Project, monkeypatch: pytest.MonkeyPatch, flags: list[str]
) -> None:
    monkeypatch.chdir(project.root)
    result = runner.invoke(main, ["build", *flags])
    assert result.exit_code == 0, result.output
    assert (project.root / "out" / "index.html").is_file()
    if "--dirty" in flags:  # a dirty build starts from the site as it was
        (project.root / "out" / "kept.txt").write_text("x", "utf-8")
        assert runner.invoke(main, ["build", *flags]).exit_code == 0
        assert (project.root / "out" / "kept.txt").is_file()
        assert runner.invoke(main, ["build", "-d", "out"]).exit_code == 0
        assert not (project.root / "out" / "kept.txt").exists()


@pytest.mark.build
def test_build_in_json_prints_json(runner: CliRunner, project: Project,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.root)
    result = runner.invoke(main, ["-q", "build", "--out", "out", "--format", "json"])
    assert (result.exit_code, result.stdout) == (0, "[]\n")


def test_serve_takes_mkdocs_flags(runner: CliRunner, project: Project,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import mkdocs.commands.serve

    monkeypatch.chdir(project.root)
    seen: dict[str, object] = {}
    monkeypatch.setattr(mkdocs.commands.serve, "serve", lambda **kwargs: seen.update(kwargs))
    result = runner.invoke(main, ["serve", "--open", "--no-livereload", "--dirty", "-s", "-q",
                                  "-w", "docs", "--watch-theme", "-a", "127.0.0.1:8123"])
    assert result.exit_code == 0, result.output
    assert seen == {"config_file": "mkdocs.yml", "livereload": False, "build_type": "dirty",
                    "watch_theme": True, "watch": ["docs"], "open_in_browser": True,
                    "dev_addr": "127.0.0.1:8123", "strict": True}
