"""What the plugin promises under a plain ``mkdocs build``, as ``playbook build`` does:
a folder it did not build is never emptied, a failed or killed build leaves the previous
site as it was, two builds at once never mix, and the site is the one MkDocs builds."""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from playbook_builder import cli
from playbook_builder import plugin as plugin_module
from playbook_builder.cli import main
from playbook_builder.commands.output import MARKER, lock, publish_atomically

from .conftest import MKDOCS_YML, Project

pytestmark = pytest.mark.build

HOOKS = '''\
"""Test hooks: fail, or wait, when MkDocs has written some of the pages."""
import os
import time
from pathlib import Path


def on_post_page(output, page, config):
    if page.file.src_uri != os.environ.get("PB_TEST_PAGE", "objections.md"):
        return output
    if os.environ.get("PB_TEST_FAIL"):
        raise RuntimeError("a hook failed midway")
    hold = os.environ.get("PB_TEST_HOLD")
    if hold:
        Path(hold, "started").write_text(str(os.getpid()))
        deadline = time.monotonic() + 60
        while not Path(hold, "release").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    return output
'''


@pytest.fixture
def project(tmp_path: Path, minimal_text: str) -> Project:
    """A project whose builds can be made to fail or wait midway (see HOOKS)."""
    made = Project(tmp_path, minimal_text, MKDOCS_YML + "hooks:\n  - hooks.py\n")
    (tmp_path / "hooks.py").write_text(HOOKS, encoding="utf-8")
    return made


def digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def leftovers(project: Project) -> list[str]:
    return sorted(p.name for p in project.root.glob(".site.building-*"))


def mkdocs(project: Project, *args: str, env: dict[str, str] | None = None,
           wait: bool = True, log: Path | None = None) -> subprocess.Popen[str]:
    """``mkdocs build`` as users run it: MkDocs' own command line, in its own process;
    what it prints goes to ``log`` when given (to be read while it runs)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", *args], cwd=project.root, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        stdout=log.open("w", encoding="utf-8") if log else subprocess.PIPE,
        stderr=subprocess.STDOUT)
    if wait:
        process.wait(timeout=120)
    return process


def output(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    return process.stdout.read()


def wait_for(path: Path, text: str = "", seconds: float = 60) -> None:
    """Until ``path`` exists (and holds ``text``)."""
    deadline = time.monotonic() + seconds
    while not (path.exists() and text in path.read_text("utf-8")):
        assert time.monotonic() < deadline, f"{path} never appeared, or never said {text!r}"
        time.sleep(0.05)


def lock_is_free(target: Path) -> bool:
    try:
        with lock(target, None):
            return True
    except Exception:
        return False


@pytest.fixture
def built(project: Project) -> dict[str, str]:
    """The project built once: the previous site, as its files' digests."""
    project.build()
    return digest(project.site)


# A folder the playbook did not build ----------------------------------------------------


def test_mkdocs_build_refuses_a_folder_it_did_not_build(project: Project) -> None:
    project.site.mkdir()
    (project.site / "thesis.docx").write_bytes(b"four years of work")
    done = mkdocs(project)
    assert done.returncode == 1
    text = output(done)
    assert f"site_dir {project.site}: refusing to replace a folder that the playbook did" \
        " not build (it has no .playbook-site file)" in text
    assert "Traceback" not in text
    assert [p.name for p in project.site.iterdir()] == ["thesis.docx"]
    assert (project.site / "thesis.docx").read_bytes() == b"four years of work"
    assert leftovers(project) == []


def test_the_library_route_refuses_it_too(project: Project) -> None:
    other = project.root / "elsewhere"
    other.mkdir()
    (other / "notes.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(Abort):
        project.build(site_dir=str(other))
    assert [p.name for p in other.iterdir()] == ["notes.txt"]


def test_a_site_it_built_is_replaced_and_hidden_entries_are_kept(project: Project) -> None:
    project.site.mkdir()
    (project.site / ".git").mkdir()  # a folder with hidden entries only is not foreign
    (project.site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", "utf-8")
    assert mkdocs(project).returncode == 0
    assert (project.site / MARKER).is_file() and (project.site / "index.html").is_file()
    (project.site / "stale.html").write_text("from an older build\n", encoding="utf-8")
    assert mkdocs(project).returncode == 0
    assert not (project.site / "stale.html").exists()  # replaced whole, as MkDocs cleans
    assert (project.site / ".git" / "HEAD").read_text("utf-8") == "ref: refs/heads/gh-pages\n"



@pytest.mark.parametrize("route", ["mkdocs build", "playbook build"])
def test_a_symlinked_site_folder_is_followed_on_both_routes(
        project: Project, built: dict[str, str], route: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = project.root / "published"
    project.site.rename(real)
    project.site.symlink_to(real)
    (real / "stale.html").write_text("from an older build\n", encoding="utf-8")
    if route == "mkdocs build":
        done = mkdocs(project)
        assert done.returncode == 0, output(done)
    else:
        monkeypatch.chdir(project.root)
        result = CliRunner().invoke(main, ["build"])
        assert result.exit_code == 0, result.output
    assert project.site.is_symlink() and project.site.resolve() == real  # the link is kept
    assert digest(real).keys() == built.keys()  # the folder it leads to is replaced
    assert (project.root / ".published.lock").exists()
    assert sorted(p.name for p in project.root.glob(".published.*")) == [".published.lock"]

# A build that fails or is killed --------------------------------------------------------


@pytest.mark.parametrize("failure", ["hook", "gate", "template", "strict"])
def test_a_build_that_fails_midway_leaves_the_previous_site(
        project: Project, built: dict[str, str], failure: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    project.write_profile(project.profile.read_text("utf-8").replace(
        "Hillside Library", "Hillside Libraries"))  # what a successful build would change
    if failure == "hook":  # raises after MkDocs wrote the theme's files and some pages
        monkeypatch.setenv("PB_TEST_FAIL", "1")
    elif failure == "gate":
        monkeypatch.setattr(plugin_module, "_PASSED", set())
        monkeypatch.setattr(plugin_module, "inspect_html",
                            lambda html, whole_page=False: ["a <script> element"])
    elif failure == "template":  # a bug in a template of the site's theme
        (project.root / "theme").mkdir()
        (project.root / "theme" / "main.html").write_text(
            '{% extends "base.html" %}{% block content %}{{ page.nothing.at_all }}'
            "{% endblock %}", encoding="utf-8")
        text = (project.root / "mkdocs.yml").read_text("utf-8")
        (project.root / "mkdocs.yml").write_text(
            text.replace("  name: material\n", "  name: material\n  custom_dir: theme\n"),
            encoding="utf-8")
    else:  # MkDocs aborts a strict build with warnings only after on_post_build
        (project.root / "docs" / "extra.md").write_text("# Extra\n\n[x](missing.md)\n",
                                                         encoding="utf-8")
    with pytest.raises(Exception):  # noqa: B017 - each failure raises its own
        project.build(strict=failure == "strict")
    assert digest(project.site) == built
    assert leftovers(project) == []
    assert lock_is_free(project.site)


def test_a_strict_mkdocs_build_with_a_warning_publishes_nothing(
        project: Project, built: dict[str, str]) -> None:
    (project.root / "docs" / "extra.md").write_text("# Extra\n\n[x](missing.md)\n", "utf-8")
    done = mkdocs(project, "--strict")
    assert done.returncode == 1
    assert "warnings in strict mode" in output(done)  # the link, and the page left out of the nav
    assert digest(project.site) == built


def test_kill_9_leaves_the_previous_site_and_the_next_build_clears_up(
        project: Project, built: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    hold = tmp_path_factory.mktemp("hold")
    project.write_profile(project.profile.read_text("utf-8").replace(
        "Hillside Library", "Hillside Libraries"))
    process = mkdocs(project, env={"PB_TEST_HOLD": str(hold)}, wait=False)
    try:
        wait_for(hold / "started")  # some pages are written by now
        assert leftovers(project) == [f".site.building-{process.pid}"]
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        process.kill()
    assert digest(project.site) == built
    done = mkdocs(project)
    assert done.returncode == 0, output(done)
    assert leftovers(project) == []
    assert "Hillside Libraries" in project.page("")


def test_two_builds_at_once_never_mix(
        project: Project, built: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    hold = tmp_path_factory.mktemp("hold")
    other = project.root / "other.yml"
    other.write_text(project.profile.read_text("utf-8").replace(
        "Hillside Library", "Lakeside Library"), encoding="utf-8")
    first = mkdocs(project, env={"PB_TEST_HOLD": str(hold)}, wait=False)
    try:
        wait_for(hold / "started")  # the first build is half-way through its pages
        log = hold / "second.log"
        second = mkdocs(project, env={"PLAYBOOK_PROFILE": str(other)}, wait=False, log=log)
        wait_for(log, f"waiting for build {first.pid} on")  # for the lock the first holds
        assert second.poll() is None
        assert digest(project.site) == built
        (hold / "release").write_text("go", encoding="utf-8")
        assert first.wait(timeout=120) == 0, output(first)
        assert second.wait(timeout=120) == 0, log.read_text("utf-8")
    finally:
        first.kill()
        (hold / "release").write_text("go", encoding="utf-8")
    pages = [p.read_text("utf-8") for p in project.site.rglob("*.html")]
    assert any("Lakeside Library" in page for page in pages)
    assert not any("Hillside Library" in page for page in pages)  # none of the first's


def test_playbook_build_waits_for_a_mkdocs_build(
        project: Project, built: dict[str, str], tmp_path_factory: pytest.TempPathFactory,
        monkeypatch: pytest.MonkeyPatch) -> None:
    hold = tmp_path_factory.mktemp("hold")
    running = mkdocs(project, env={"PB_TEST_HOLD": str(hold)}, wait=False)
    try:
        wait_for(hold / "started")
        monkeypatch.chdir(project.root)

        def publishing(target: Path, write: Any, *, wait: Any = None, **options: Any) -> None:
            def waiting(message: str) -> None:
                wait(message)
                (hold / "release").write_text("go", encoding="utf-8")  # now let it finish
            publish_atomically(target, write, wait=waiting, **options)

        monkeypatch.setattr(cli, "publish_atomically", publishing)
        result = CliRunner().invoke(main, ["build"])
        assert result.exit_code == 0, result.output
        assert f"waiting for build {running.pid} on" in result.stderr
        assert running.wait(timeout=120) == 0
    finally:
        running.kill()
        (hold / "release").write_text("go", encoding="utf-8")
    assert digest(project.site).keys() == built.keys()


# The site itself, and where the plugin does nothing more --------------------------------


def test_the_site_is_the_one_mkdocs_builds_in_place(project: Project) -> None:
    staged = digest(project.build())
    # A folder named as 'playbook build' names its staging folder is built into in place:
    # what MkDocs alone writes.
    in_place = project.root / f".reference.building-{os.getpid()}"
    project.build(site_dir=str(in_place))
    assert digest(in_place) == staged
    assert not list(project.root.glob("..reference.building-*"))  # no second lock


def test_the_configuration_keeps_its_site_dir(project: Project) -> None:
    config = load_config(str(project.root / "mkdocs.yml"))
    build(config)  # gh-deploy publishes config.site_dir once the build is over
    assert config.site_dir == str(project.site)
    assert (project.site / "index.html").is_file()


def test_a_dirty_build_is_complete(project: Project, built: dict[str, str]) -> None:
    done = mkdocs(project, "--dirty")
    assert done.returncode == 0, output(done)
    assert digest(project.site).keys() == built.keys()


@pytest.fixture
def serving(project: Project) -> Iterator[plugin_module.PlaybookPlugin]:
    config = load_config(str(project.root / "mkdocs.yml"))
    plugin = config.plugins["playbook"]
    assert isinstance(plugin, plugin_module.PlaybookPlugin)
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        yield plugin
    finally:
        config.plugins.on_shutdown()


def test_serve_builds_in_place(project: Project, serving: plugin_module.PlaybookPlugin,
                               caplog: pytest.LogCaptureFixture) -> None:
    config = load_config(str(project.root / "mkdocs.yml"))  # a rebuild's configuration
    assert config.plugins["playbook"] is serving  # one plugin for the whole process
    with caplog.at_level(logging.INFO):
        build(config)
    assert f"Building documentation to directory: {project.site}" in caplog.text
    assert not (project.root / ".site.lock").exists()
