"""Versioned publishing through mike, safe against dirty trees and concurrent publishes.

Each attempt starts from the remote's deploy branch, reads the previous version's
``playbook.json`` from it (so the new version can say what changed), builds strictly
with this Python's MkDocs into a temporary folder, has mike commit that to the deploy
branch, and pushes. If another publish pushed first, git refuses the push (we never
force-push): the attempt is thrown away and made again on top of theirs. After a few
lost races the publish gives up with exit 3. Any other failure stops at once with git's
own message.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..playbook.snapshot import FILE_NAME
from .publish_env import DEFAULT_ENV, PREVIOUS_ENV, PREVIOUS_VERSION_ENV

VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
RESERVED = frozenset({"versions.json", "index.html"})
ATTEMPTS = 4
# What git says when a push is refused because the branch moved on the remote.
_LOST_RACE = re.compile(r"\[rejected\]|non-fast-forward|fetch first|stale info", re.I)


class PublishProblem(Exception):
    """Publishing cannot start: the message says why and what to do (exit 2)."""

    exit_code = 2


class PublishFailed(Exception):
    """Git or the build failed; the message carries their own words (exit 1)."""

    exit_code = 1


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

    @property
    def default(self) -> str:
        """What the site's root opens once this version is published as the default."""
        return self.aliases[0] if self.aliases else self.version


def check_request(request: Request, repo: Path) -> None:
    """Refuse what cannot be published, before anything is built."""
    for name in (request.version, *request.aliases):
        if not VERSION.match(name) or name in RESERVED:
            raise PublishProblem(f"'{name}' is not a version name: use letters, digits, '.',"
                                 " '-' and '_', such as 2026.11 or latest")
    if request.version in request.aliases:
        raise PublishProblem(f"'{request.version}' is both the version and an alias")
    if _git(repo, "rev-parse", "--is-inside-work-tree", check=False).strip() != "true":
        raise PublishProblem(f"{repo}: not a git repository; publishing commits to its"
                             f" '{request.branch}' branch")
    if not _git(repo, "rev-parse", "--verify", "--quiet", "HEAD", check=False).strip():
        raise PublishProblem("the repository has no commit yet; commit the playbook first")
    dirty = _git(repo, "status", "--porcelain", "--untracked-files=no")
    if dirty and not request.allow_dirty:
        raise PublishProblem("the working tree has uncommitted changes, so the published"
                             " version would not match any commit; commit them, or pass"
                             " --allow-dirty")


def publish(request: Request, repo: Path, *, before_push: Callable[[], None] = lambda: None
            ) -> None:
    """Deploy ``request.version``; retried when another publish wins the race."""
    repo = repo.absolute()
    request = replace(request, config_file=request.config_file.absolute())
    check_request(request, repo)
    with contextlib.chdir(repo):  # mike runs git in the current folder
        for attempt in range(1, ATTEMPTS + 1):
            if request.push:
                _start_from_remote(repo, request)
            _deploy(request, repo)
            if not request.push:
                return
            before_push()
            pushed = subprocess.run(["git", "push", "--", request.remote, request.branch],
                                    cwd=repo, capture_output=True, text=True, check=False)
            if pushed.returncode == 0:
                return
            if not _LOST_RACE.search(pushed.stderr):
                raise PublishFailed(f"git push failed: {pushed.stderr.strip()}")
            request.say(f"another publish reached '{request.branch}' first (attempt"
                        f" {attempt} of {ATTEMPTS}); publishing again on top of it")
    raise PublishConflict(f"gave up after {ATTEMPTS} attempts: other publishes kept"
                          f" updating '{request.branch}'; run the publish again")


def _deploy(request: Request, repo: Path) -> None:
    """Build the version and commit it (and the default, if asked) to the deploy branch."""
    from mike import commands, git_utils

    previous = _previous_version(request)
    with _previous_snapshot(repo, request, previous), \
            tempfile.TemporaryDirectory(prefix="playbook-publish-") as site, \
            _strict_config(request.config_file, Path(site)) as config:
        try:
            cfg = _load_config(config)
            with _unless_unchanged(request, "the site is identical to the published one"), \
                    commands.deploy(cfg, request.version, aliases=list(request.aliases),
                                    update_aliases=True, branch=request.branch):
                _build(config, request)
            if request.set_default:
                with _unless_unchanged(request, "it already is the default"):
                    commands.set_default(request.default, branch=request.branch)
        except (ValueError, git_utils.GitError) as exc:  # mike's words for a refusal
            raise PublishProblem(str(exc).strip()) from None


def _load_config(config: Path) -> Any:
    from mike import mkdocs_utils

    return mkdocs_utils.load_config(str(config))


def _build(config: Path, request: Request) -> None:
    """A strict build with this Python's MkDocs, whatever ``mkdocs`` is on the PATH."""
    env = {**os.environ, "MIKE_DOCS_VERSION": request.version, DEFAULT_ENV: request.default}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--clean", "--quiet",
                           "--config-file", str(config)], env=env, check=False)
    if done.returncode != 0:
        raise PublishFailed("the build failed; see the messages above")


def _start_from_remote(repo: Path, request: Request) -> None:
    """Make the local deploy branch the remote's, dropping any unpushed attempt."""
    remote_ref = f"refs/remotes/{request.remote}/{request.branch}"
    fetched = subprocess.run(
        ["git", "fetch", "--quiet", request.remote, f"+refs/heads/{request.branch}:{remote_ref}"],
        cwd=repo, capture_output=True, text=True, check=False)
    if fetched.returncode == 0:
        _git(repo, "update-ref", f"refs/heads/{request.branch}", remote_ref)
    elif "couldn't find remote ref" not in fetched.stderr:  # a first publish has no branch
        raise PublishFailed(f"git fetch failed: {fetched.stderr.strip()}")


@contextmanager
def _unless_unchanged(request: Request, why: str) -> Iterator[None]:
    """mike refuses an empty commit; for a publish that changes nothing, that is fine."""
    from mike import git_utils

    try:
        yield
    except git_utils.GitEmptyCommit:
        request.say(f"nothing new to commit: {why}")


def _previous_version(request: Request) -> str | None:
    """The version published just before this one, in mike's own version order."""
    from mike import commands

    versions = commands.list_versions(request.branch)
    versions.add(request.version)
    ordered = [str(info.version) for info in versions]
    later = ordered[ordered.index(request.version) + 1:]
    return later[0] if later else None


@contextmanager
def _previous_snapshot(repo: Path, request: Request, previous: str | None) -> Iterator[None]:
    """Tell the build where the previous version's snapshot is ('' when there is none)."""
    snapshot = _read(repo, request.branch, f"{previous}/{FILE_NAME}") if previous else None
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


def _read(repo: Path, branch: str, path: str) -> str | None:
    shown = subprocess.run(["git", "show", f"refs/heads/{branch}:{path}"], cwd=repo,
                           capture_output=True, text=True, check=False)
    return shown.stdout if shown.returncode == 0 else None


@contextmanager
def _strict_config(config_file: Path, site_dir: Path) -> Iterator[Path]:
    """The site's configuration, built strictly into ``site_dir``: warnings always fail a
    publish, and the project's own output folder is never touched."""
    with tempfile.NamedTemporaryFile("w", suffix=".yml", prefix=".playbook-publish-",
                                     dir=config_file.parent, delete=False) as handle:
        handle.write(f"INHERIT: {config_file.name}\nstrict: true\n"
                     f"site_dir: {json.dumps(str(site_dir))}\n")
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
