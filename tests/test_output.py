"""Safe output: a failed, interrupted or concurrent build never damages the published site."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from playbook_builder.commands.output import (
    MARKER,
    Busy,
    DiskFull,
    OutputError,
    OutputFolder,
    publish_atomically,
)

from .conftest import REPO, Project

pytestmark = pytest.mark.build


def write_site(text: str):  # type: ignore[no-untyped-def]
    def build(staging: Path) -> None:  # the staging folder is there, as the build starts
        (staging / "index.html").write_text(text, encoding="utf-8")
    return build


def test_first_and_second_publish(tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish_atomically(site, write_site("one"))
    publish_atomically(site, write_site("two"))
    assert (site / "index.html").read_text("utf-8") == "two"
    assert (site / MARKER).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_failed_build_keeps_the_previous_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish_atomically(site, write_site("good"))

    def broken(staging: Path) -> None:
        write_site("half")(staging)
        raise RuntimeError("theme exploded")

    with pytest.raises(RuntimeError):
        publish_atomically(site, broken)
    assert (site / "index.html").read_text("utf-8") == "good"
    assert not list(tmp_path.glob(".site.building-*"))


def test_disk_full_is_one_clear_line(tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish_atomically(site, write_site("good"))

    def full(staging: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(DiskFull) as caught:
        publish_atomically(site, full)
    assert str(caught.value) == f"{site}: the disk is full; the previous site is unchanged"
    assert (site / "index.html").read_text("utf-8") == "good"


def test_refuses_a_folder_it_did_not_create(tmp_path: Path) -> None:
    site = tmp_path / "docs-of-someone-else"
    site.mkdir()
    (site / "thesis.tex").write_text("precious", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        publish_atomically(site, write_site("x"))
    assert str(caught.value) == (
        f"{site}: refusing to replace a folder that the playbook did not build (it has no"
        " .playbook-site file); empty it, remove it, or choose another --out")
    assert (site / "thesis.tex").read_text("utf-8") == "precious"


def test_hidden_entries_alone_do_not_make_a_folder_foreign_and_are_kept(
    tmp_path: Path
) -> None:
    site = tmp_path / "site"
    (site / ".git").mkdir(parents=True)
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    publish_atomically(site, write_site("x"))
    assert (site / ".git" / "HEAD").read_text("utf-8") == "ref: refs/heads/gh-pages\n"
    assert (site / "index.html").is_file()


def test_an_empty_folder_is_fine(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    publish_atomically(tmp_path / "site", write_site("x"))
    assert (tmp_path / "site" / "index.html").is_file()


def test_repairs_a_swap_cut_short(tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish_atomically(site, write_site("published"))
    site.rename(tmp_path / ".site.previous")  # as if killed between the two renames
    (tmp_path / ".site.building-999").mkdir()
    publish_atomically(site, write_site("next"))
    assert (site / "index.html").read_text("utf-8") == "next"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_second_build_says_who_holds_the_lock(tmp_path: Path) -> None:
    site = tmp_path / "site"
    started, release = threading.Event(), threading.Event()

    def slow(staging: Path) -> None:
        started.set()
        release.wait(10)
        write_site("first")(staging)

    first = threading.Thread(target=publish_atomically, args=(site, slow))
    first.start()
    started.wait(10)
    for _ in range(2):  # a try that fails leaves the holder's line as it was
        with pytest.raises(Busy) as caught:
            publish_atomically(site, write_site("second"))
        assert str(caught.value) == f"{site}: build {os.getpid()} on {socket.gethostname()}" \
            " is building into it"
        assert caught.value.exit_code == 1
    messages: list[str] = []
    second = threading.Thread(target=publish_atomically, args=(site, write_site("second")),
                              kwargs={"wait": messages.append})
    second.start()
    time.sleep(0.2)
    release.set()
    first.join(10)
    second.join(10)
    assert messages == [f"waiting for build {os.getpid()} on {socket.gethostname()} to"
                        f" finish building {site}"]
    assert (site / "index.html").read_text("utf-8") == "second"


KILLABLE = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from playbook_builder.commands.output import publish_atomically

    def build(staging):
        (staging / "index.html").write_text("half", encoding="utf-8")
        print("building", flush=True)
        time.sleep(60)

    publish_atomically(Path(sys.argv[1]), build)
""")


def test_kill_9_mid_build_keeps_the_site_and_next_build_cleans_up(tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish_atomically(site, write_site("published"))
    child = subprocess.Popen([sys.executable, "-c", KILLABLE, str(site)], cwd=REPO,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline() == "building\n"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    assert (site / "index.html").read_text("utf-8") == "published"
    assert list(tmp_path.glob(".site.building-*"))
    publish_atomically(site, write_site("next"))
    assert not list(tmp_path.glob(".site.building-*"))


def digest(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_same_inputs_same_bytes_across_paths_seeds_and_days(
    tmp_path: Path, minimal_text: str
) -> None:
    sites = []
    for name, seed, epoch in (("a", "1", "1700000000"), ("b", "2", "1700000000")):
        project = Project(tmp_path / name / "checkout", minimal_text)
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": epoch,
               "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([sys.executable, "-m", "playbook_builder.cli", "-q", "build"],
                       cwd=project.root, env=env, check=True)
        sites.append(digest(project.site))
    assert sites[0] == sites[1]


def test_build_date_comes_from_the_last_commit(tmp_path: Path, minimal_text: str) -> None:
    project = Project(tmp_path, minimal_text)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@e.org"]
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "-A"], cwd=tmp_path, check=True)
    env = {**os.environ, "GIT_COMMITTER_DATE": "2024-01-02T03:04:05Z",
           "GIT_AUTHOR_DATE": "2024-01-02T03:04:05Z"}
    subprocess.run([*git, "commit", "-qm", "x"], cwd=tmp_path, check=True, env=env)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    subprocess.run([sys.executable, "-m", "playbook_builder.cli", "-q", "build"],
                   cwd=tmp_path, env={**env, "NO_MKDOCS_2_WARNING": "1"}, check=True)
    assert "<lastmod>2024-01-02</lastmod>" in (project.site / "sitemap.xml").read_text()
    shutil.rmtree(project.site)


def test_a_symlinked_output_folder_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real"
    publish_atomically(real, write_site("published"))
    (tmp_path / "site").symlink_to(real)
    publish_atomically(tmp_path / "site", write_site("next"))
    assert (tmp_path / "site").is_symlink() and (tmp_path / "site").resolve() == real
    assert (real / "index.html").read_text("utf-8") == "next"
    # One lock for the folder, whichever name it is built by.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".real.lock", "real", "site"]


def test_a_symlink_to_a_folder_it_did_not_build_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "thesis"
    real.mkdir()
    (real / "thesis.tex").write_text("precious", encoding="utf-8")
    (tmp_path / "site").symlink_to(real)
    with pytest.raises(OutputError) as caught:
        publish_atomically(tmp_path / "site", write_site("x"))
    assert str(caught.value).startswith(f"{real}: refusing to replace a folder")
    assert [p.name for p in real.iterdir()] == ["thesis.tex"]


def test_a_symlink_loop_is_refused(tmp_path: Path) -> None:
    (tmp_path / "site").symlink_to(tmp_path / "loop")
    (tmp_path / "loop").symlink_to(tmp_path / "site")
    with pytest.raises(OutputError) as caught:
        publish_atomically(tmp_path / "site", write_site("x"))
    assert "is a symbolic link that leads round in a loop" in str(caught.value)


# --- the output folder, step by step ------------------------------------------------------


def test_begin_stages_beside_the_folder_and_abandon_leaves_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish_atomically(site, write_site("published"))
    (site / ".well-known").mkdir()
    folder = OutputFolder.begin(site, None)
    assert folder.staging == tmp_path / f".site.building-{os.getpid()}"
    assert sorted(p.name for p in folder.staging.iterdir()) == [".well-known"]
    folder.abandon()
    folder.abandon()
    assert not folder.staging.exists()
    assert (site / "index.html").read_text("utf-8") == "published"
    OutputFolder.begin(site, None).abandon()  # the lock was freed


def test_a_dirty_begin_starts_from_the_whole_site_and_commit_swaps_it_in(
    tmp_path: Path
) -> None:
    site = tmp_path / "site"
    publish_atomically(site, write_site("published"))
    folder = OutputFolder.begin(site, None, dirty=True)
    assert (folder.staging / "index.html").read_text("utf-8") == "published"
    (folder.staging / "new.html").write_text("new", encoding="utf-8")
    folder.commit("fingerprint\n")
    folder.abandon()  # harmless after commit
    assert (site / MARKER).read_text("utf-8") == "fingerprint\n"
    assert (site / "new.html").is_file() and (site / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_the_plugin_names_its_setting_in_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "site").write_text("a file", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        OutputFolder.begin(tmp_path / "site", None, setting="site_dir")
    assert str(caught.value) == (f"{tmp_path / 'site'}: exists and is not a folder; choose"
                                 " another site_dir")


# --- operating system errors become one-line output problems ------------------------------


def test_an_unwritable_place_is_an_output_problem(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as caught:
        publish_atomically(Path("/proc/playbook-site"), write_site("x"))
    assert not isinstance(caught.value, DiskFull) and caught.value.exit_code == 2
    assert str(caught.value).startswith("/proc/playbook-site: cannot write the site there (")
    with pytest.raises(OutputError):
        publish_atomically(Path("/"), write_site("x"))


def test_disk_full_before_the_build_is_disk_full(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import contextlib

    from playbook_builder.commands import output

    @contextlib.contextmanager
    def no_space(*args: object):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")
        yield

    monkeypatch.setattr(output, "lock", no_space)
    with pytest.raises(DiskFull) as caught:
        publish_atomically(tmp_path / "site", write_site("x"))
    assert caught.value.exit_code == 1 and "the disk is full" in str(caught.value)


def test_a_build_that_cannot_write_its_staging_folder_is_an_output_problem(
    tmp_path: Path
) -> None:
    def refused(staging: Path) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(staging / "index.html"))

    with pytest.raises(OutputError) as caught:
        publish_atomically(tmp_path / "site", refused)
    assert "cannot write the site there (Permission denied)" in str(caught.value)


def test_the_builds_own_errors_are_not_mistaken_for_the_output_folders(
    tmp_path: Path
) -> None:
    def unreadable_input(staging: Path) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "profile.yml"))

    with pytest.raises(PermissionError):
        publish_atomically(tmp_path / "site", unreadable_input)
    assert not list(tmp_path.glob(".site.building-*"))


def test_many_sites_into_an_unwritable_place_is_an_output_problem() -> None:
    from playbook_builder.commands import batch

    with pytest.raises(OutputError) as caught:
        batch.claim_folder(Path("/proc/playbooks"))
    assert str(caught.value).startswith("/proc/playbooks: cannot write the playbooks there")
    with pytest.raises(OutputError):
        batch.write_index(Path("/proc/playbooks"), [])


@pytest.mark.parametrize("where", [".", ".."])
def test_the_folder_worked_in_or_one_above_it_is_never_replaced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """Hidden entries alone do not make a folder foreign: without this, a folder holding
    only a .git (a fresh repository) could be swapped out from under the user."""
    work = tmp_path / "work"
    (work / ".git").mkdir(parents=True)
    monkeypatch.chdir(work)
    with pytest.raises(OutputError) as caught:
        publish_atomically(Path(where), write_site("x"))
    assert "cannot hold the site; choose a folder of its own as --out" in str(caught.value)
    assert (work / ".git").is_dir() and sorted(p.name for p in work.iterdir()) == [".git"]
