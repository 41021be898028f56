"""Versioned publishing through mike, safe against dirty trees and concurrent publishes.

Each attempt starts from the remote's deploy branch, reads the previous version's
``playbook.json`` from it (so the new version can say what changed), builds strictly
with MkDocs through mike, commits to the deploy branch and pushes. If another publish
pushed first, the push is refused (we never force-push): the attempt is thrown away and
made again on top of theirs. After a few lost races the publish gives up with exit 3.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .snapshot import FILE_NAME

PREVIOUS_ENV = "PLAYBOOK_PREVIOUS"
"""Path of the previous version's snapshot ('' for the first version), for the build."""
PREVIOUS_VERSION_ENV = "PLAYBOOK_PREVIOUS_VERSION"

VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
RESERVED = frozenset({"versions.json", "index.html", "latest-redirect"})
ATTEMPTS = 4


class PublishProblem(Exception):
    """Publishing cannot start: the message says why and what to do (exit 2)."""

    exit_code = 2


class PublishConflict(Exception):
    """Other publishes kept winning the race to the deploy branch (exit 3)."""

    exit_code = 3


@dataclass(frozen=True)
class Request:
    version: str
    aliases: tuple[str, ...] = ()
    set_default: bool = False
    push: bool = False
    branch: str = "gh-pages"
    remote: str = "origin"
    allow_dirty: bool = False
    config_file: Path = Path("mkdocs.yml")
    say: Callable[[str], None] = field(default=print, compare=False)


def check_request(request: Request, repo: Path) -> None:
    """Refuse what cannot be published, before anything is built."""
    for name in (request.version, *request.aliases):
        if not VERSION.match(name) or name in RESERVED:
            raise PublishProblem(f"'{name}' is not a version name: use letters, digits, '.',"
                                 " '-' and '_', such as 2026.11 or latest")
    if _git(repo, "rev-parse", "--is-inside-work-tree", check=False).strip() != "true":
        raise PublishProblem(f"{repo}: not a git repository; publishing commits to its"
                             f" '{request.branch}' branch")
    dirty = _git(repo, "status", "--porcelain", "--untracked-files=no")
    if dirty and not request.allow_dirty:
        raise PublishProblem("the working tree has uncommitted changes, so the published"
                             " version would not match any commit; commit them, or pass"
                             " --allow-dirty")


def publish(request: Request, repo: Path, *, before_push: Callable[[], None] = lambda: None
            ) -> None:
    """Deploy ``request.version``; retried when another publish wins the race."""
    check_request(request, repo)
    with contextlib.chdir(repo):  # mike runs git in the current folder
        _attempts(request, repo, before_push)


def _attempts(request: Request, repo: Path, before_push: Callable[[], None]) -> None:
    from mike import commands, git_utils, mkdocs_utils

    for attempt in range(1, ATTEMPTS + 1):
        if request.push:
            _start_from_remote(repo, request)
        with _previous_snapshot(repo, request), _strict_config(request.config_file) as config:
            cfg = mkdocs_utils.load_config(str(config))
            with _unless_unchanged(request, "the site is identical to the published one"), \
                    commands.deploy(cfg, request.version, aliases=list(request.aliases),
                                    update_aliases=True, branch=request.branch), \
                    mkdocs_utils.inject_plugin(str(config)) as injected:
                mkdocs_utils.build(injected, request.version)
            if request.set_default:
                with _unless_unchanged(request, "it already is the default"):
                    commands.set_default(request.aliases[0] if request.aliases
                                         else request.version, branch=request.branch)
        if not request.push:
            return
        before_push()
        try:
            git_utils.push_branch(request.remote, request.branch)
            return
        except git_utils.GitError:
            request.say(f"another publish reached '{request.branch}' first (attempt"
                        f" {attempt} of {ATTEMPTS}); publishing again on top of it")
    raise PublishConflict(f"gave up after {ATTEMPTS} attempts: other publishes kept"
                          f" updating '{request.branch}'; run the publish again")


@contextmanager
def _unless_unchanged(request: Request, why: str) -> Iterator[None]:
    """mike refuses an empty commit; for a publish that changes nothing, that is fine."""
    from mike import git_utils

    try:
        yield
    except git_utils.GitEmptyCommit:
        request.say(f"nothing new to commit: {why}")


def _start_from_remote(repo: Path, request: Request) -> None:
    """Make the local deploy branch the remote's, dropping any unpushed attempt."""
    fetched = subprocess.run(
        ["git", "fetch", "--quiet", request.remote,
         f"+refs/heads/{request.branch}:refs/remotes/{request.remote}/{request.branch}"],
        cwd=repo, capture_output=True, text=True, check=False)
    if fetched.returncode == 0:
        _git(repo, "update-ref", f"refs/heads/{request.branch}",
             f"refs/remotes/{request.remote}/{request.branch}")


@contextmanager
def _previous_snapshot(repo: Path, request: Request) -> Iterator[None]:
    """Tell the build where the previous version's snapshot is ('' when there is none)."""
    previous, snapshot = _latest_published(repo, request)
    if previous is not None and snapshot is None:
        snapshot = "{}"  # published without a snapshot: its changes cannot be listed
    with tempfile.TemporaryDirectory(prefix="playbook-previous-") as folder:
        path = Path(folder) / FILE_NAME
        if snapshot is not None:
            path.write_text(snapshot, encoding="utf-8")
        saved = {k: os.environ.get(k) for k in (PREVIOUS_ENV, PREVIOUS_VERSION_ENV)}
        os.environ[PREVIOUS_ENV] = str(path) if snapshot is not None else ""
        os.environ[PREVIOUS_VERSION_ENV] = previous or ""
        try:
            yield
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def _latest_published(repo: Path, request: Request) -> tuple[str | None, str | None]:
    """The newest published version other than this one, and its snapshot."""
    listing = _read(repo, request.branch, "versions.json")
    if listing is None:
        return None, None
    for entry in json.loads(listing):
        name = str(entry.get("version"))
        if name != request.version:
            return name, _read(repo, request.branch, f"{name}/{FILE_NAME}")
    return None, None


def _read(repo: Path, branch: str, path: str) -> str | None:
    shown = subprocess.run(["git", "show", f"refs/heads/{branch}:{path}"], cwd=repo,
                           capture_output=True, text=True, check=False)
    return shown.stdout if shown.returncode == 0 else None


@contextmanager
def _strict_config(config_file: Path) -> Iterator[Path]:
    """The site's configuration with ``strict: true``: warnings fail a publish, always."""
    with tempfile.NamedTemporaryFile("w", suffix=".yml", prefix=".playbook-publish-",
                                     dir=config_file.parent, delete=False) as handle:
        handle.write(f"INHERIT: {config_file.name}\nstrict: true\n")
    try:
        yield Path(handle.name)
    finally:
        os.unlink(handle.name)


def _git(repo: Path, *args: str, check: bool = True) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                          check=False)
    if check and done.returncode != 0:
        raise PublishProblem(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout
