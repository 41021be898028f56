"""No file from outside the project reaches the site: symbolic links in docs/, in the
theme's custom_dir or among MkDocs' files that lead out of the project (or into its
hidden files), and special files, are refused by the plugin on every route."""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from playbook_builder.cli import main
from playbook_builder.inputs.diagnostics import InputError
from playbook_builder.site.sources import SourceRules

from .conftest import MKDOCS_YML, Project

SECRET = "TOP-SECRET-VALUE-42"


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside the project, holding a secret."""
    folder = tmp_path_factory.mktemp("outside")
    (folder / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    (folder / "nested").mkdir()
    (folder / "nested" / "credentials.txt").write_text(SECRET + "\n", encoding="utf-8")
    return folder


def published(site: Path) -> bool:
    """Does any file of the site hold the secret?"""
    return site.exists() and any(
        SECRET.encode() in p.read_bytes() for p in site.rglob("*") if p.is_file())


def rules(root: Path, custom_dir: str | None = None, theme_dirs: tuple[str, ...] = ()
          ) -> SourceRules:
    return SourceRules.for_project(root, str(root / "docs"), custom_dir, theme_dirs)


# The rule itself, without MkDocs ------------------------------------------------------


def test_links_out_of_the_project_are_named_with_where_they_lead(
        tmp_path: Path, outside: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "secret.txt").symlink_to(outside / "secret.txt")
    problem = rules(tmp_path).problem(str(tmp_path / "docs" / "secret.txt"))
    assert problem is not None and problem.code == "PB206"
    assert problem.message == (f"a symbolic link to a file outside the project"
                               f" ({outside / 'secret.txt'}); not publishing it")
    assert problem.file.endswith("docs/secret.txt") and (problem.line, problem.col) == (1, 1)


def test_links_within_the_project_are_fine(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "logo.png").write_bytes(b"png")
    (tmp_path / "docs" / "page.md").write_text("# Page\n", encoding="utf-8")
    (tmp_path / "docs" / "logo.png").symlink_to(tmp_path / "assets" / "logo.png")
    (tmp_path / "docs" / "same.md").symlink_to("page.md")
    (tmp_path / "docs" / "shared").symlink_to(tmp_path / "assets", target_is_directory=True)
    checked = rules(tmp_path)
    for name in ("page.md", "logo.png", "same.md", "shared/logo.png"):
        assert checked.problem(str(tmp_path / "docs" / name)) is None, name
    assert list(checked.folder_problems(str(tmp_path / "docs"), files=True)) == []


def test_a_link_into_a_hidden_file_of_the_project_is_refused(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[remote] token\n", encoding="utf-8")
    (tmp_path / ".env").write_text("TOKEN=1\n", encoding="utf-8")
    (tmp_path / "docs" / "config.txt").symlink_to(Path("..") / ".git" / "config")
    (tmp_path / "docs" / "env.txt").symlink_to(tmp_path / ".env")
    checked = rules(tmp_path)
    git = checked.problem(str(tmp_path / "docs" / "config.txt"))
    env = checked.problem(str(tmp_path / "docs" / "env.txt"))
    assert git is not None and "hidden file of the project (.git/config)" in git.message
    assert env is not None and "hidden file of the project (.env)" in env.message


def test_special_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    os.mkfifo(tmp_path / "docs" / "pipe.txt")
    (tmp_path / "docs" / "null.txt").symlink_to("/dev/null")
    (tmp_path / "docs" / "dangling.txt").symlink_to(tmp_path / "docs" / "missing.txt")
    checked = rules(tmp_path)
    pipe = checked.problem(str(tmp_path / "docs" / "pipe.txt"))
    null = checked.problem(str(tmp_path / "docs" / "null.txt"))
    dangling = checked.problem(str(tmp_path / "docs" / "dangling.txt"))
    assert pipe is not None and "a named pipe, not a regular file" in pipe.message
    assert null is not None and "outside the project (/dev/null)" in null.message
    assert dangling is not None and "a symbolic link to nothing" in dangling.message


def test_folder_links_out_of_the_project_or_in_a_loop_are_refused(
        tmp_path: Path, outside: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "system").symlink_to(outside, target_is_directory=True)
    (docs / "loop").symlink_to(tmp_path, target_is_directory=True)
    found = {Path(p.file).name: p.message
             for p in rules(tmp_path).folder_problems(str(docs), files=False)}
    assert found["system"] == (f"a symbolic link to a folder outside the project ({outside});"
                               " not publishing it")
    assert "a folder that contains it" in found["loop"]


def test_a_docs_folder_that_is_itself_a_link_out_is_refused(
        tmp_path: Path, outside: Path) -> None:
    (tmp_path / "docs").symlink_to(outside, target_is_directory=True)
    checked = rules(tmp_path)
    [folder] = checked.folder_problems(str(tmp_path / "docs"), files=False)
    assert folder.file.endswith("docs") and "outside the project" in folder.message
    assert checked.problem(str(tmp_path / "docs" / "secret.txt")) is not None


def test_a_docs_folder_mkdocs_yml_names_outside_the_project_is_trusted(
        tmp_path: Path, outside: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    checked = SourceRules.for_project(project, str(outside), None, ())
    assert checked.problem(str(outside / "secret.txt")) is None
    assert checked.problem(str(outside / "nested" / "credentials.txt")) is None


def test_installed_theme_files_are_not_checked(tmp_path: Path, outside: Path) -> None:
    theme = tmp_path / ".venv" / "material"  # an installed theme inside the project
    theme.mkdir(parents=True)
    (theme / "linked.js").symlink_to(outside / "secret.txt")
    assert rules(tmp_path, theme_dirs=(str(theme),)).problem(str(theme / "linked.js")) is None
    assert rules(tmp_path).problem(str(theme / "linked.js")) is not None


def broken_links(folder: Path) -> None:
    """Links the system cannot follow: through a file (``f/..``), round in a loop, and
    round a loop of two."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "f.md").write_text("# F\n", encoding="utf-8")
    (folder / "through").symlink_to(Path("f.md") / "..")
    (folder / "self").symlink_to("self")
    (folder / "ping").symlink_to("pong")
    (folder / "pong").symlink_to("ping")


THROUGH = "a symbolic link whose way passes through a file as if it were a folder"
LOOP = "a symbolic link that leads round in a loop"


def test_links_through_a_file_or_round_a_loop_are_named_not_raised(tmp_path: Path) -> None:
    broken_links(tmp_path / "docs")
    checked = rules(tmp_path)
    # Walked as MkDocs walks docs/: these are no folders, and so no folder problem.
    assert list(checked.folder_problems(str(tmp_path / "docs"), files=False)) == []
    found = {Path(p.file).name: (p.code, p.line, p.col, p.message)
             for p in checked.folder_problems(str(tmp_path / "docs"), files=True)}
    assert found == {
        "through": ("PB206", 1, 1, f"{THROUGH}; not publishing it"),
        "self": ("PB206", 1, 1, f"{LOOP}; not publishing it"),
        "ping": ("PB206", 1, 1, f"{LOOP}; not publishing it"),
        "pong": ("PB206", 1, 1, f"{LOOP}; not publishing it"),
    }
    through = checked.problem(str(tmp_path / "docs" / "through"))
    assert through is not None and through.message == f"{THROUGH}; not publishing it"


def test_broken_links_in_a_nested_folder_and_the_custom_dir(tmp_path: Path) -> None:
    broken_links(tmp_path / "docs" / "deep" / "er")
    broken_links(tmp_path / "theme" / "partials")
    checked = rules(tmp_path, custom_dir=str(tmp_path / "theme"))
    assert list(checked.folder_problems(str(tmp_path / "docs"), files=False)) == []
    theme = list(checked.folder_problems(str(tmp_path / "theme"), files=True))
    assert sorted(Path(p.file).name for p in theme) == ["ping", "pong", "self", "through"]
    assert all(p.file.endswith(f"theme/partials/{Path(p.file).name}") for p in theme)


def clashes(root: Path, outputs: list[tuple[str, str | None]]) -> list[str]:
    return [f"{Path(d.file).relative_to(root) if Path(d.file).is_absolute() else d.file}:"
            f" {d.message} [{d.code}]" for d in rules(root).case_clashes(outputs)]


def test_names_in_the_site_that_differ_only_in_case_are_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, outside: Path) -> None:
    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs"
    outputs: list[tuple[str, str | None]] = [
        ("guide/a/index.html", str(docs / "guide" / "a.md")),
        ("Guide/b/index.html", str(docs / "Guide" / "b.md")),
        ("Guide/c/index.html", str(docs / "Guide" / "c.md")),  # the same clash: said once
        ("objections/index.html", None),  # generated by the playbook
        ("Objections/index.html", str(docs / "Objections.md")),
        ("assets/javascripts/bundle.js", str(outside / "bundle.js")),  # an installed theme
        ("Assets/logo.png", str(docs / "Assets" / "logo.png")),
        ("contacts/index.html", None),
        ("notes.txt", str(docs / "notes.txt")),
    ]
    assert clashes(tmp_path, outputs) == [
        "docs/Assets/logo.png: becomes 'Assets/' in the site, which differs only in letter"
        " case from 'assets/' (from the theme); Windows and macOS take the two for one, so"
        " one would overwrite the other or links to one would break [PB202]",
        "docs/guide/a.md: becomes 'guide/' in the site, which differs only in letter case"
        " from 'Guide/' (docs/Guide/b.md); Windows and macOS take the two for one, so one"
        " would overwrite the other or links to one would break [PB202]",
        "docs/Objections.md: becomes 'Objections/' in the site, which differs only in letter"
        " case from 'objections/' (a page of the playbook); Windows and macOS take the two"
        " for one, so one would overwrite the other or links to one would break [PB202]",
    ]
    [one] = rules(tmp_path).case_clashes(outputs[:2])
    assert (one.line, one.col) == (1, 1)
    assert one.hint == "rename one of them; names in lower case and without accents are safest"


def test_names_that_differ_only_in_how_accents_are_encoded_are_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    composed, decomposed = "caf\u00e9", "cafe\u0301"
    [found] = clashes(tmp_path, [(f"{composed}.txt", str(tmp_path / "docs" / "a.txt")),
                                 (f"{decomposed}.txt", str(tmp_path / "docs" / "b.txt"))])
    assert "differs only in how its accents are encoded" in found
    assert "macOS takes the two for one" in found


def test_names_that_differ_in_more_than_case_are_fine(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    assert clashes(tmp_path, [("guide/index.html", str(docs / "guide.md")),
                              ("guides/index.html", str(docs / "guides.md")),
                              ("guide/a/index.html", str(docs / "guide" / "a.md")),
                              ("objections/index.html", None)]) == []


# Real builds ---------------------------------------------------------------------------


@pytest.mark.build
def test_mkdocs_build_refuses_a_link_to_a_file_outside_the_project(
        project: Project, outside: Path, caplog: pytest.LogCaptureFixture) -> None:
    (project.root / "docs" / "secret.txt").symlink_to(outside / "secret.txt")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        project.build()
    assert "docs/secret.txt:1:1: error: a symbolic link to a file outside the project" \
        in caplog.text
    assert f"({outside / 'secret.txt'}); not publishing it [PB206]" in caplog.text
    assert not published(project.site) and not project.site.exists()


@pytest.mark.build
def test_etc_passwd_is_not_published(project: Project) -> None:
    if not Path("/etc/passwd").is_file():
        pytest.skip("no /etc/passwd here")
    (project.root / "docs" / "passwd").symlink_to("/etc/passwd")
    with pytest.raises(Abort):
        project.build()
    assert not project.site.exists()


@pytest.mark.build
def test_a_linked_system_folder_is_refused_before_mkdocs_walks_it(
        project: Project, outside: Path, caplog: pytest.LogCaptureFixture) -> None:
    (project.root / "docs" / "system").symlink_to(outside, target_is_directory=True)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        project.build()
    assert "docs/system:1:1: error: a symbolic link to a folder outside the project" \
        in caplog.text
    assert not published(project.site)


@pytest.mark.build
def test_a_link_to_the_projects_git_config_is_refused(project: Project) -> None:
    (project.root / ".git").mkdir()
    (project.root / ".git" / "config").write_text(f"token = {SECRET}\n", encoding="utf-8")
    (project.root / "docs" / "config.txt").symlink_to(Path("..") / ".git" / "config")
    with pytest.raises(Abort):
        project.build()
    assert not published(project.site)


@pytest.mark.build
def test_a_fifo_in_docs_is_refused_rather_than_read(project: Project) -> None:
    os.mkfifo(project.root / "docs" / "pipe.txt")  # reading it would hang the build
    with pytest.raises(Abort):
        project.build()


@pytest.mark.build
@pytest.mark.parametrize("name", ["main.html", "assets/leak.txt"])
def test_links_out_of_the_custom_dir_are_refused(
        tmp_path: Path, minimal_text: str, outside: Path, name: str) -> None:
    yml = MKDOCS_YML.replace("  name: material\n", "  name: material\n  custom_dir: theme\n")
    project = Project(tmp_path, minimal_text, yml)
    (tmp_path / "theme" / name).parent.mkdir(parents=True)
    (tmp_path / "theme" / name).symlink_to(outside / "secret.txt")
    with pytest.raises(Abort):
        project.build()
    assert not published(project.site)


@pytest.mark.build
def test_links_inside_the_project_are_published(project: Project) -> None:
    (project.root / "assets").mkdir()
    (project.root / "assets" / "notes.txt").write_text("shared notes\n", encoding="utf-8")
    (project.root / "docs" / "notes.txt").symlink_to(Path("..") / "assets" / "notes.txt")
    (project.root / "docs" / "shared").symlink_to(Path("..") / "assets",
                                                  target_is_directory=True)
    site = project.build()
    assert (site / "notes.txt").read_text("utf-8") == "shared notes\n"
    assert (site / "shared" / "notes.txt").read_text("utf-8") == "shared notes\n"


@pytest.mark.build
def test_playbook_build_reports_it_as_invalid_input(
        project: Project, outside: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project.root / "docs" / "secret.txt").symlink_to(outside / "secret.txt")
    monkeypatch.chdir(project.root)
    result = CliRunner().invoke(main, ["build", "--strict", "--out", "out"])
    assert result.exit_code == 2, result.output
    assert re.search(r"^docs/secret\.txt:1:1: error: a symbolic link to a file outside the"
                     r" project \(", result.stderr, re.MULTILINE)
    assert "[PB206]\n  hint: replace the link with a copy" in result.stderr
    assert "Traceback" not in result.output
    assert not (project.root / "out").exists()
    assert not list(project.root.glob(".out.building-*"))


@pytest.mark.build
def test_what_reaches_the_caller_of_mkdocs_build(project: Project, outside: Path) -> None:
    """MkDocs turns a PluginError into Abort (exit 1, no traceback); an InputError passes
    through unchanged, which is what the playbook command (exit 2) is given when it
    builds into its own staging folder."""
    (project.root / "docs" / "secret.txt").symlink_to(outside / "secret.txt")
    with pytest.raises(Abort):
        build(load_config(str(project.root / "mkdocs.yml")))
    staging = project.root / f".out.building-{os.getpid()}"
    with pytest.raises(InputError) as raised:
        build(load_config(str(project.root / "mkdocs.yml"), site_dir=str(staging)))
    assert [d.code for d in raised.value.diagnostics] == ["PB206"]
    shutil.rmtree(staging, ignore_errors=True)


@pytest.mark.build
def test_mkdocs_build_names_links_through_a_file_or_round_a_loop(
        project: Project, caplog: pytest.LogCaptureFixture) -> None:
    broken_links(project.root / "docs")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        project.build()
    assert "Traceback" not in caplog.text
    for name, why in (("through", THROUGH), ("self", LOOP), ("ping", LOOP), ("pong", LOOP)):
        assert f"docs/{name}:1:1: error: {why}; not publishing it [PB206]" in caplog.text
    assert not project.site.exists()


@pytest.mark.build
def test_playbook_build_names_broken_links_in_docs_and_the_custom_dir(
        tmp_path: Path, minimal_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    yml = MKDOCS_YML.replace("  name: material\n", "  name: material\n  custom_dir: theme\n")
    project = Project(tmp_path, minimal_text, yml)
    broken_links(tmp_path / "docs")
    broken_links(tmp_path / "theme")
    monkeypatch.chdir(tmp_path)
    located = re.compile(r"^(\w+/\w+):1:1: error: .* \[PB206\]$", re.M)

    def build_fails() -> list[str]:
        result = CliRunner().invoke(main, ["build", "--out", "out"])
        assert result.exit_code == 2, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        return located.findall(result.stderr)

    # The theme's are found before MkDocs walks docs/ (the build stops there), then docs/.
    assert build_fails() == ["theme/ping", "theme/pong", "theme/self", "theme/through"]
    for name in ("through", "self", "ping", "pong"):
        (tmp_path / "theme" / name).unlink()
    assert build_fails() == ["docs/ping", "docs/pong", "docs/self", "docs/through"]
    assert not (project.root / "out").exists()


@pytest.mark.build
def test_a_page_that_differs_from_the_playbooks_only_in_case_is_refused(
        project: Project, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    (project.root / "docs" / "Objections.md").write_text("# Ours\n", encoding="utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        project.build()
    assert ("docs/Objections.md:1:1: error: becomes 'Objections/' in the site, which"
            " differs only in letter case from 'objections/' (a page of the playbook)"
            in caplog.text)
    monkeypatch.chdir(project.root)
    result = CliRunner().invoke(main, ["build", "--out", "out"])
    assert result.exit_code == 2 and "[PB202]" in result.stderr, result.output
    assert not project.site.exists() and not (project.root / "out").exists()
