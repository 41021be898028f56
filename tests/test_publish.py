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

from .gitrepo import clone_project, git, install_hook, make_remote

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


def commit_files(project: Path, files: dict[str, str], message: str = "files") -> None:
    for name, text in files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-qm", message)


def append(path: Path, text: str = "\n") -> None:
    path.write_text(path.read_text("utf-8") + text, encoding="utf-8")


def test_a_modified_file_the_site_is_not_built_from_does_not_block_publish(
    remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = clone_project(remote, tmp_path / "work")
    commit_files(project, {"README.md": "# Our playbook\n", "notes/plan.txt": "later\n"})
    append(project / "README.md", "Edited, not committed.\n")
    (project / "notes" / "plan.txt").unlink()
    git(project, "add", "notes")  # a staged change counts as much as one in the tree
    code, out = run_publish(project, monkeypatch, "1.0")
    assert code == 0, out
    assert "1.0" in published_local(project, "versions.json")
    assert "Edited" in (project / "README.md").read_text("utf-8")  # left as it was


def test_a_modified_profile_blocks_publish_and_is_named(
    remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = clone_project(remote, tmp_path / "work")
    append(project / "profiles" / "example.yml")
    code, out = run_publish(project, monkeypatch, "1.0")
    assert code == 2, out
    assert "uncommitted changes in files the site is built from: profiles/example.yml;" \
        in out and "--allow-dirty" in out and "Traceback" not in out
    assert len(out.strip().splitlines()) == 1
    assert not has_branch(project)


def test_a_modified_page_in_docs_is_named(
    remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = clone_project(remote, tmp_path / "work")
    add_pages(project, {"about.md": "# About\n"}, config_extra="not_in_nav: /about.md\n")
    append(project / "docs" / "about.md", "More about us.\n")
    code, out = run_publish(project, monkeypatch, "1.0")
    assert code == 2, out
    assert "built from: docs/about.md;" in out
    git(project, "checkout", "--", "docs/about.md")
    git(project, "rm", "-q", "docs/about.md")  # a deletion, staged, is a change too
    code, out = run_publish(project, monkeypatch, "1.0")
    assert code == 2, out
    assert "built from: docs/about.md;" in out
    assert not has_branch(project)


def test_every_file_the_site_is_built_from_is_named_at_once(
    remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Modified files on one line, untracked ones on the next; the README, modified too,
    is no concern of the site's and is not named."""
    project = clone_project(remote, tmp_path / "work")
    commit_files(project, {"README.md": "# Our playbook\n", "docs/about.md": "# About\n"})
    for name in ("README.md", "docs/about.md", "profiles/example.yml", "mkdocs.yml"):
        append(project / name, "\n")
    (project / "profiles" / "assets" / "riverside-logo.svg").write_text(
        (project / "profiles" / "assets" / "riverside-logo.svg").read_text("utf-8")
        .replace("<svg", "<svg data-edited='yes'", 1), encoding="utf-8")
    (project / "docs" / "new.md").write_text("# New\n", encoding="utf-8")
    code, out = run_publish(project, monkeypatch, "1.0")
    assert code == 2, out
    modified, untracked = out.strip().splitlines()
    assert modified.endswith(
        "uncommitted changes in files the site is built from: docs/about.md, mkdocs.yml,"
        " profiles/assets/riverside-logo.svg, profiles/example.yml; a publish builds the"
        " commit, so commit them, or pass --allow-dirty to publish the working tree as it"
        " is"), modified
    assert "not committed, so not in the version being published: docs/new.md;" in untracked
    assert "README" not in out
    assert not has_branch(project)


def test_hooks_and_inherited_configs_are_built_from(
    remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files mkdocs.yml names outside docs/: its hooks, and the config it inherits."""
    project = clone_project(remote, tmp_path / "work")
    commit_files(project, {"hooks/site.py": "# a hook of our own\n",
                           "config/base.yml": "extra:\n  team: comms\n"})
    append(project / "mkdocs.yml", "INHERIT: config/base.yml\nhooks:\n  - hooks/site.py\n")
    git(project, "commit", "-qam", "a hook and a base config")
    assert run_publish(project, monkeypatch, "1.0")[0] == 0
    append(project / "hooks" / "site.py", "# edited\n")
    append(project / "config" / "base.yml", "# edited\n")
    code, out = run_publish(project, monkeypatch, "1.1")
    assert code == 2, out
    assert "built from: config/base.yml, hooks/site.py;" in out


def test_without_sources_any_modified_file_is_refused_and_named(
    remote: Path, tmp_path: Path
) -> None:
    """Called without the list of what the site is built from, publish cannot tell what
    matters, and refuses every change, still naming it."""
    project = clone_project(remote, tmp_path / "work")
    commit_files(project, {"README.md": "# Our playbook\n"})
    append(project / "README.md")
    request = publishing.Request("1.0", say=lambda _: None, config_file=project / "mkdocs.yml")
    with pytest.raises(publishing.PublishProblem) as caught:
        publishing.check_request(request, project)
    assert str(caught.value).startswith("uncommitted changes: README.md;")


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
    from playbook_builder.pipeline import load_playbook
    from playbook_builder.playbook.snapshot import snapshot, snapshot_json

    from .conftest import EXAMPLE

    text = snapshot_json(snapshot(load_playbook(EXAMPLE)))
    assert "a social gathering among acquaintances" in text
    assert "comms@riverside.example.org" in text  # the owner, shown under every page
    # A public build shows no internal contact, and its snapshot holds none.
    assert "sam.patel@riverside.example.org" in text
    public = snapshot_json(snapshot(load_playbook(EXAMPLE, public=True)))
    assert "sam.patel@riverside.example.org" not in public


# --- strict publishing, the commit and nothing else, races, killed runs -----------------

NOT_IN_NAV = "not_in_nav: |\n  /extra.md\n  /other.md\n"


def add_pages(project: Path, pages: dict[str, str], config_extra: str = NOT_IN_NAV) -> None:
    """Pages of the user's own in docs/, committed."""
    for name, text in pages.items():
        (project / "docs" / name).write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + config_extra, encoding="utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "pages of our own")


def has_branch(project: Path, branch: str = "gh-pages") -> bool:
    import subprocess

    return subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"],
                          cwd=project, capture_output=True, check=False).returncode == 0


@pytest.mark.parametrize(("pages", "config_extra", "warning"), [
    ({"extra.md": "# Extra\n\nSee [the plan](missing.md).\n"}, NOT_IN_NAV,
     "'missing.md', but the target is not found"),
    ({"extra.md": "# Extra\n\nSee [other](other.md#nowhere).\n", "other.md": "# Other\n"},
     NOT_IN_NAV, "does not contain an anchor '#nowhere'"),
    ({"extra.md": "# Extra\n\nNot in the navigation.\n"}, "",
     "not included in the \"nav\" configuration"),
], ids=["broken-link", "missing-anchor", "not-in-nav"])
def test_publish_fails_on_any_mkdocs_warning(
    remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pages: dict[str, str],
    config_extra: str, warning: str, capfd: pytest.CaptureFixture[str],
) -> None:
    project = clone_project(remote, tmp_path / "work")
    add_pages(project, pages, config_extra)
    code, out = run_publish(project, monkeypatch, "1.0")
    assert code == 1, out
    assert "the build failed" in out
    assert warning in capfd.readouterr().err  # the build's own warning, shown despite -q
    assert not has_branch(project)


def test_mkdocs_strict_fails_where_publish_fails(remote: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    project = clone_project(remote, tmp_path / "work")
    add_pages(project, {"extra.md": "# Extra\n\nSee [the plan](missing.md).\n"})
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"],
                          cwd=project, capture_output=True, text=True, check=False)
    assert done.returncode == 1


def test_a_clean_page_of_our_own_publishes(remote: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    project = clone_project(remote, tmp_path / "work")
    add_pages(project, {"extra.md": "# Extra\n\nSee [other](other.md#other).\n",
                        "other.md": "# Other\n"})
    code, out = run_publish(project, monkeypatch, "1.0")
    assert code == 0, out
    assert "Extra" in published_local(project, "1.0/extra/index.html")


def test_untracked_files_the_site_would_contain_are_refused(
    remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = clone_project(remote, tmp_path / "work")
    (project / "docs" / "secret.md").write_text("# Secret\n", encoding="utf-8")
    code, out = run_publish(project, monkeypatch, "1.0")
    assert code == 2, out
    assert "docs/secret.md" in out and "git add" in out and "Traceback" not in out
    assert len(out.strip().splitlines()) == 1
    assert not has_branch(project)
    (project / "notes.txt").write_text("not part of the site", encoding="utf-8")
    (project / "docs" / "secret.md").unlink()
    code, out = run_publish(project, monkeypatch, "1.0")
    assert code == 0, out  # an untracked file the site is not built from is no problem


def test_publish_builds_the_commit_not_the_working_tree(
    remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even what no check sees (an ignored file in docs/) stays out: the site is built
    from a checkout of the commit."""
    project = clone_project(remote, tmp_path / "work")
    add_pages(project, {".gitignore": "private.md\n"}, config_extra="")
    (project / "docs" / "private.md").write_text("# Private\n\nsalaries\n", encoding="utf-8")
    code, out = run_publish(project, monkeypatch, "1.0")
    assert code == 0, out
    files = git(project, "ls-tree", "-r", "--name-only", "gh-pages")
    assert "1.0/index.html" in files and "private" not in files
    assert (project / "docs" / "private.md").is_file()  # the working tree is left alone
    assert git(project, "worktree", "list").count("\n") == 1
    log = git(project, "log", "-1", "--format=%s", "gh-pages")
    assert log.startswith("Deployed " + git(project, "rev-parse", "--short", "HEAD").strip())


RACE_ROUNDS = 10
BARRIER = """\
cat >/dev/null
touch "$PLAYBOOK_TEST_BARRIER/$$"
n=0
while [ "$(ls "$PLAYBOOK_TEST_BARRIER" | wc -l)" -lt 2 ] && [ $n -lt 200 ]; do
  sleep 0.02; n=$((n+1))
done
"""


def test_simultaneous_publishes_both_land(remote: Path, tmp_path: Path) -> None:
    """Two publishes push at the same moment (each clone's pre-push hook waits for the
    other) to a remote that takes its time (a slow pre-receive hook): the remote refuses
    one of them with 'cannot lock ref' / 'failed to update ref' (or, when the winner got
    there first, git says 'fetch first'); the loser publishes again on top of the
    winner. Both versions always end up published."""
    import os
    import subprocess
    import sys

    install_hook(remote, "pre-receive", "cat >/dev/null\nsleep 0.3\n")
    clones = [clone_project(remote, tmp_path / name) for name in ("a", "b")]
    for clone in clones:
        install_hook(clone / ".git", "pre-push", BARRIER)
    raced = 0
    for round_ in range(RACE_ROUNDS):
        barrier = tmp_path / f"barrier-{round_}"
        barrier.mkdir()
        env = {**os.environ, "PLAYBOOK_TEST_BARRIER": str(barrier)}
        children = [subprocess.Popen(
            [sys.executable, "-m", "playbook_builder.cli", "-q", "publish", f"{n}.{round_}",
             "--push"], cwd=clone, env=env, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True) for n, clone in enumerate(clones, 1)]
        outputs = [child.communicate(timeout=60)[0] for child in children]
        for child, output in zip(children, outputs, strict=True):
            assert child.returncode == 0, output
        raced += sum("first (attempt 1" in output for output in outputs)
        names = {v["version"] for v in json.loads(published(remote, "versions.json"))}
        assert {f"1.{round_}", f"2.{round_}"} <= names, outputs
    assert raced >= RACE_ROUNDS // 2  # the pushes really did race
    names = {v["version"] for v in json.loads(published(remote, "versions.json"))}
    assert len(names) == 2 * RACE_ROUNDS


def test_lost_races_are_recognised_in_every_wording() -> None:
    for stderr in (
        " ! [rejected]        gh-pages -> gh-pages (fetch first)",
        " ! [rejected]        gh-pages -> gh-pages (non-fast-forward)",
        " ! [rejected]        gh-pages -> gh-pages (stale info)",
        "remote: error: cannot lock ref 'refs/heads/gh-pages': is at 1a but expected 2b\n"
        " ! [remote rejected] gh-pages -> gh-pages (failed to update ref)",
        " ! [remote rejected] gh-pages -> gh-pages (cannot lock ref 'refs/heads/gh-pages':"
        " reference already exists)",
    ):
        assert publishing._LOST_RACE.search(stderr), stderr
    for stderr in (" ! [remote rejected] gh-pages -> gh-pages (pre-receive hook declined)",
                   " ! [remote rejected] gh-pages -> gh-pages (protected branch hook declined)",
                   "fatal: Authentication failed"):
        assert not publishing._LOST_RACE.search(stderr), stderr


SLOW_HOOK = """\
import os
import time
from pathlib import Path


def on_post_build(config, **kwargs):
    signal = os.environ.get("PLAYBOOK_TEST_SIGNAL")
    if signal:
        Path(signal).write_text("building", encoding="utf-8")
        time.sleep(60)
"""


def test_a_killed_publish_leaves_nothing_behind_for_long(
    remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """kill -9 in the middle of the build: nothing is left in the working tree, and the
    next publish removes the temporary folder and the checkout's registration."""
    import contextlib
    import os
    import signal
    import subprocess
    import sys
    import tempfile
    import time

    project = clone_project(remote, tmp_path / "work")
    (project / "hooks.py").write_text(SLOW_HOOK, encoding="utf-8")
    add_pages(project, {}, config_extra="hooks:\n  - hooks.py\n")
    temp = tmp_path / "temp"
    temp.mkdir()
    signal_file = tmp_path / "signal"
    env = {**os.environ, "TMPDIR": str(temp), "PLAYBOOK_TEST_SIGNAL": str(signal_file)}
    child = subprocess.Popen([sys.executable, "-m", "playbook_builder.cli", "-q", "publish",
                              "1.0"], cwd=project, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not signal_file.exists() and child.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)
        child.wait(10)
    assert signal_file.exists(), "the publish ended before it was killed"
    assert git(project, "status", "--porcelain", "--ignored") == ""
    assert list(project.glob(".playbook-*")) == []
    leftovers = [p.name for p in temp.iterdir()]
    assert leftovers and all(name.startswith(f"playbook-publish-{child.pid}-")
                             for name in leftovers), leftovers
    assert git(project, "worktree", "list").count("\n") == 2  # the killed run's checkout

    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    live = temp / f"playbook-publish-{os.getppid()}-live"  # a live process's: kept
    live.mkdir()
    code, out = run_publish(project, monkeypatch, "1.1")
    assert code == 0, out
    assert [p.name for p in temp.iterdir()] == [live.name]
    assert git(project, "worktree", "list").count("\n") == 1


def killed_fast_import(project: Path) -> Path:
    """The pack a ``git fast-import`` (what mike commits the site with) leaves when it is
    killed while writing: ``tmp_pack_XXXXXX``, as large as what it had been given."""
    import os
    import subprocess
    import time

    pack = Path(git(project, "rev-parse", "--git-path", "objects/pack").strip())
    pack = pack if pack.is_absolute() else project / pack
    before = set(pack.iterdir()) if pack.is_dir() else set()
    writer = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=project,
                              stdin=subprocess.PIPE)
    assert writer.stdin is not None
    writer.stdin.write(b"blob\nmark :1\ndata 5\nhello\n")
    writer.stdin.flush()
    deadline = time.monotonic() + 10
    while not (set(pack.iterdir()) - before if pack.is_dir() else set()):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    writer.kill()
    writer.wait(10)
    [left] = set(pack.iterdir()) - before
    assert left.name.startswith("tmp_pack_")
    hours_ago = time.time() - 2 * 60 * 60
    os.utime(left, (hours_ago, hours_ago))
    return left


def test_a_killed_gits_temporary_pack_is_removed_by_the_next_publish(
    remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    project = clone_project(remote, tmp_path / "work")
    left = killed_fast_import(project)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    code, out = run_publish(project, monkeypatch, "1.0")
    assert code == 0, out
    assert not left.exists()


def test_only_stale_temporary_packs_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pack changed within the hour may still be written by a live git, and while
    another publish runs, one of its gits may be writing: both are left alone."""
    import os
    import tempfile
    import time

    repo = tmp_path / "repo"
    git(tmp_path, "init", "-q", str(repo))
    pack = repo / ".git" / "objects" / "pack"
    pack.mkdir(parents=True, exist_ok=True)
    old = time.time() - publishing.STALE_PACK_SECONDS - 60
    names = ["tmp_pack_Ab12Cd", "tmp_idx_Ab12Cd", "tmp_pack_fresh1", "pack-0123abcd.pack",
             "tmp_pack_other.txt.keep"]
    for name in names:
        (pack / name).write_bytes(b"PACK")
        if name != "tmp_pack_fresh1":
            os.utime(pack / name, (old, old))
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))

    running = temp / f"{publishing.TEMP_PREFIX}{os.getppid()}-abc"  # a live publish's
    running.mkdir()
    publishing.clear_leftovers(repo)
    assert sorted(p.name for p in pack.iterdir()) == sorted(names)

    running.rmdir()
    publishing.clear_leftovers(repo)
    assert sorted(p.name for p in pack.iterdir()) == [
        "pack-0123abcd.pack", "tmp_pack_fresh1", "tmp_pack_other.txt.keep"]


def test_temporary_packs_are_found_from_a_linked_worktree(
    remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    project = clone_project(remote, tmp_path / "work")
    git(project, "worktree", "add", "-q", "--detach", str(tmp_path / "linked"))
    left = killed_fast_import(project)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    publishing.clear_leftovers(tmp_path / "linked")
    assert not left.exists()


def test_links_through_a_file_or_round_a_loop_are_named_when_publishing(
    remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """Committed, they reach the checkout the publish builds: each is a located input
    problem (exit 2), not a traceback."""
    project = clone_project(remote, tmp_path / "work")
    docs = project / "docs"
    (docs / "f.md").write_text("# F\n", encoding="utf-8")
    (docs / "through").symlink_to(Path("f.md") / "..")
    (docs / "ping").symlink_to("pong")
    (docs / "pong").symlink_to("ping")
    add_pages(project, {}, config_extra="not_in_nav: |\n  /f.md\n")
    code, out = run_publish(project, monkeypatch, "1.0")
    err = capfd.readouterr().err
    assert code == 2, out + err
    assert "Traceback" not in out + err
    for name in ("ping", "pong", "through"):
        assert f"docs/{name}:1:1: error: a symbolic link" in err, err
    assert not has_branch(project)
