"""playbook publish against throwaway git repositories: versions, aliases, the changes
page, dirty trees, and races between publishes (which retry and never force-push)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook_builder.cli import main
from playbook_builder.commands import publish as publishing

from .gitrepo import clone_project, git, make_remote

pytestmark = pytest.mark.build


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    return make_remote(tmp_path)


def published(remote: Path, path: str) -> str:
    return git(remote, "show", f"gh-pages:{path}")


def run_publish(project: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["-q", "publish", *args])
    return result.exit_code, result.output


def edit_and_commit(project: Path, old: str, new: str) -> None:
    profile = project / "profiles" / "example.yml"
    profile.write_text(profile.read_text("utf-8").replace(old, new), encoding="utf-8")
    git(project, "commit", "-qam", f"{old} -> {new}")


def test_two_versions_an_alias_and_what_changed(
    remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = clone_project(remote, tmp_path / "work")
    code, out = run_publish(project, monkeypatch, "2026.10", "--alias", "latest",
                            "--set-default", "--push")
    assert code == 0, out
    edit_and_commit(project, "cadence: three posts a week", "cadence: daily")
    code, out = run_publish(project, monkeypatch, "2026.11", "--alias", "latest", "--push")
    assert code == 0, out
    versions = json.loads(published(remote, "versions.json"))
    assert [(v["version"], v["aliases"]) for v in versions] == [
        ("2026.11", ["latest"]), ("2026.10", [])]
    assert "latest" in published(remote, "index.html")
    first = published(remote, "2026.10/changes/index.html")
    assert "This is the first published version" in first
    second = published(remote, "2026.11/changes/index.html")
    assert "Since version 2026.10" in second
    assert "Changed the platform &#39;Facebook&#39;" in second or \
        "Changed the platform 'Facebook'" in second
    assert "cadence" in second
    assert json.loads(published(remote, "2026.11/playbook.json"))["title"]
    page = published(remote, "2026.11/index.html")
    assert "versions.json" not in page  # the selector is Material's own script
    assert '"provider": "mike"' in page or "mike" in page


def test_dirty_tree_is_refused(remote: Path, tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    project = clone_project(remote, tmp_path / "work")
    (project / "profiles" / "example.yml").write_text(
        (project / "profiles" / "example.yml").read_text("utf-8") + "\n", encoding="utf-8")
    code, out = run_publish(project, monkeypatch, "1.0")
    assert code == 2
    assert "uncommitted changes" in out and "--allow-dirty" in out
    code, out = run_publish(project, monkeypatch, "1.0", "--allow-dirty")
    assert code == 0, out


@pytest.mark.parametrize("version", ["../x", "v 1", "", "versions.json", "-rf"])
def test_version_names_are_checked(remote: Path, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch, version: str) -> None:
    project = clone_project(remote, tmp_path / "work")
    code, out = run_publish(project, monkeypatch, "--", version)
    assert code == 2 and "is not a version name" in out


def competitor(remote: Path, tmp_path: Path, version: str) -> Callable[[], None]:
    """A publish from another clone that pushes first, every time it is called."""
    other = clone_project(remote, tmp_path / f"other-{version}")
    calls = iter(range(100))

    def push_first() -> None:
        n = next(calls)
        request = publishing.Request(f"{version}.{n}", push=True, say=lambda _: None,
                                     config_file=other / "mkdocs.yml")
        publishing.publish(request, other)
    return push_first


def test_a_lost_race_is_retried_on_top_of_the_winner(
    remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = clone_project(remote, tmp_path / "work")
    rival = competitor(remote, tmp_path, "rival")
    raced = []

    def first_time_only() -> None:
        if not raced:
            raced.append(True)
            rival()

    messages: list[str] = []
    monkeypatch.chdir(project)
    request = publishing.Request("2.0", push=True, say=messages.append,
                                 config_file=project / "mkdocs.yml")
    publishing.publish(request, project, before_push=first_time_only)
    assert messages and "reached 'gh-pages' first (attempt 1 of 4)" in messages[0]
    names = [v["version"] for v in json.loads(published(remote, "versions.json"))]
    assert sorted(names) == ["2.0", "rival.0"]
    history = git(remote, "log", "--format=%s", "gh-pages")
    assert history.count("Deployed") == 2  # the rival's commit was kept, not overwritten


def test_always_losing_exits_3(remote: Path, tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    project = clone_project(remote, tmp_path / "work")
    monkeypatch.setattr(publishing, "ATTEMPTS", 2)
    rival = competitor(remote, tmp_path, "rival")
    monkeypatch.chdir(project)
    request = publishing.Request("3.0", push=True, say=lambda _: None,
                                 config_file=project / "mkdocs.yml")
    with pytest.raises(publishing.PublishConflict) as caught:
        publishing.publish(request, project, before_push=rival)
    assert "gave up after 2 attempts" in str(caught.value)
    assert publishing.PublishConflict.exit_code == 3
    names = [v["version"] for v in json.loads(published(remote, "versions.json"))]
    assert "3.0" not in names


def test_a_failed_push_is_not_mistaken_for_a_race(
    remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = clone_project(remote, tmp_path / "work")
    code, out = run_publish(project, monkeypatch, "1.0", "--push", "--remote", "nowhere")
    assert code == 1
    assert "git fetch failed" in out or "git push failed" in out
    assert "reached 'gh-pages' first" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [(["1.0", "--alias", "1.0"], "is both the version and an alias"),
     (["2.0", "--alias", "1.0"], "already specified as a version")],
)
def test_mike_refusals_are_usage_problems(
    remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str],
    message: str,
) -> None:
    project = clone_project(remote, tmp_path / "work")
    assert run_publish(project, monkeypatch, "1.0")[0] == 0
    code, out = run_publish(project, monkeypatch, *args)
    assert code == 2 and message in out


def test_publish_leaves_the_projects_site_folder_alone(
    remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = clone_project(remote, tmp_path / "work")
    assert run_publish(project, monkeypatch, "1.0")[0] == 0
    assert not (project / "site").exists()
    assert "1.0" in published_local(project, "versions.json")


def test_changes_compare_with_the_version_just_before(
    remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = clone_project(remote, tmp_path / "work")
    for version in ("dev", "2026.10", "2026.12"):
        assert run_publish(project, monkeypatch, version)[0] == 0
    assert run_publish(project, monkeypatch, "2026.11")[0] == 0
    page = published_local(project, "2026.11/changes/index.html").lower()
    assert "since version 2026.10" in page and "2026.12" not in page


def published_local(project: Path, path: str) -> str:
    return git(project, "show", f"gh-pages:{path}")


def test_the_snapshot_leaves_out_what_no_page_shows(library) -> None:  # type: ignore[no-untyped-def]
    from playbook_builder.inputs.loading import load_profile
    from playbook_builder.playbook.snapshot import snapshot_json

    from .conftest import EXAMPLE

    text = snapshot_json(load_profile(EXAMPLE, library))
    assert "comms@riverside.example.org" not in text
    assert "a social gathering among acquaintances" in text
