"""Versioned publishing through mike: exactly what the commit holds, built strictly, safe
against concurrent publishes and killed runs.

A publish builds the commit, not the working tree: HEAD is checked out (a detached
``git worktree``, with hooks off) into a private temporary folder and the site is built
from there, so nothing uncommitted can be published under the commit's name. Changes
that are not committed to what the site is built from (modified, staged, deleted or
untracked files: see :func:`~.project.site_sources`) are refused up front, each file
named, so that nobody publishes without an edit they meant to include; changes to
anything else (a README) are no concern of the site's. ``--allow-dirty`` builds the
working tree as it is instead.

Each attempt starts from the remote's deploy branch and reads the previous version's
``playbook.json`` from it (so the new version can say what changed). The site is built
by ``playbook build --strict`` in a subprocess, with this Python: any MkDocs warning
fails the publish, links to missing anchors and pages left out of the navigation
included. mike commits the site to the deploy branch, and the branch is pushed. If
another publish updated the branch first, git refuses the push, whatever its words for
it (we never force-push): the attempt is made again on top of theirs, building again
only when the version just before this one changed. After a few lost races the publish
gives up with exit 3. Any other failure stops at once with git's own message.

The temporary folder is ``playbook-publish-<pid>-*`` in the system's temporary folder,
locked while in use. A run killed with ``kill -9`` cannot clear it; the next publish
removes the folders of runs that are gone, and their checkouts' registrations in the
repository it publishes from. A git killed while it wrote a pack (mike commits the site
with ``git fast-import``, the deploy branch is fetched) leaves a ``tmp_pack_*`` file, as
large as the site, in ``.git/objects/pack``; the next publish removes those too, when no
git can still be writing them (see :func:`_clear_stale_packs`).
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import filelock

from ..inputs.diagnostics import printable
from ..playbook.snapshot import FILE_NAME
from ..site.links import version_name_problem
from .handover import DEFAULT_ENV, PREVIOUS_ENV, PREVIOUS_VERSION_ENV

ATTEMPTS = 4
TEMP_PREFIX = "playbook-publish-"
"""Our temporary folders are ``TEMP_PREFIX<pid>-<random>``, in the system's temp folder."""
_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"(\d+)-")
_LOCK = ".lock"
# What git says when a push is refused because someone else updated the branch first:
# refused by our git (non-fast-forward, fetch first, stale info), or by the remote, whose
# own update of the ref lost to a push that was under way at the same time (cannot lock
# ref ... is at X but expected Y, reference already exists, failed to update ref).
_LOST_RACE = re.compile(
    r"\[rejected\]|non-fast-forward|fetch first|stale info|cannot lock ref"
    r"|failed to update ref|reference already exists|incorrect old value"
    r"|remote contains work that you do|tip of your current branch is behind", re.I)


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
    sources: tuple[Path, ...] = ()
    """What the site is built from (the config, docs, hooks, profile, logo, library,
    theme overrides): an uncommitted change among them is refused. When empty (not
    known), a modified tracked file anywhere is refused, and untracked files are not
    looked for."""
    say: Callable[[str], None] = field(default=print, compare=False)
    engine: str = "mkdocs"
    """What builds the site: ``mkdocs`` or ``zensical`` (see ``playbook build --engine``)."""

    @property
    def default(self) -> str:
        """What the site's root opens once this version is published as the default."""
        return self.aliases[0] if self.aliases else self.version


def check_names(request: Request) -> None:
    """Refuse version and alias names that mike, git or a link could not take."""
    for name in (request.version, *request.aliases):
        problem = version_name_problem(name)
        if problem:
            raise PublishProblem(problem)
    if request.version in request.aliases:
        raise PublishProblem(f"'{request.version}' is both the version and an alias")


def check_request(request: Request, repo: Path) -> None:
    """Refuse what cannot be published, before anything is built."""
    check_names(request)
    if _git(repo, "rev-parse", "--is-inside-work-tree", check=False).strip() != "true":
        raise PublishProblem(f"{printable(str(repo))}: not a git repository; publishing"
                             f" commits to its '{printable(request.branch)}' branch")
    if not _git(repo, "rev-parse", "--verify", "--quiet", "HEAD", check=False).strip():
        raise PublishProblem("the repository has no commit yet; commit the playbook first")
    if request.allow_dirty:
        return
    _refuse_uncommitted(repo, request.sources)


SHOWN = 5
"""How many files a refusal names before it says how many more there are."""


def _refuse_uncommitted(repo: Path, sources: Sequence[Path]) -> None:
    """Edits the commit does not hold, where the site is built from: a publish builds the
    commit, so they would be left out of the version without a word.

    Modified (staged, deleted) tracked files count among ``sources`` only, or anywhere
    when the sources are not known; untracked ones (a forgotten ``git add``) among
    ``sources`` only. Either kind is one line of the message, each naming its files."""
    top = Path(_git(repo, "rev-parse", "--show-toplevel").strip()).resolve()
    specs = _pathspecs(top, sources)
    problems = []
    modified = _listed(top, "status", "--porcelain", "--no-renames", "--untracked-files=no",
                       "-z", specs=specs)
    if modified:
        where = " in files the site is built from" if sources else ""
        problems.append(
            f"uncommitted changes{where}: {_names(name[3:] for name in modified)}; a"
            " publish builds the commit, so commit them, or pass --allow-dirty to publish"
            " the working tree as it is")
    untracked = _listed(top, "ls-files", "--others", "--exclude-standard", "-z",
                        specs=specs) if sources else []
    if untracked:
        problems.append(
            f"not committed, so not in the version being published: {_names(untracked)};"
            " add and commit them (git add), remove them, or pass --allow-dirty to publish"
            " the working tree as it is")
    if problems:
        raise PublishProblem("\n".join(problems))


def _pathspecs(top: Path, sources: Sequence[Path]) -> list[str]:
    """``sources`` relative to the repository's top folder, which must hold them."""
    specs = []
    for source in sources:
        path = source.absolute().resolve()
        if not path.is_relative_to(top):
            raise PublishProblem(
                f"{printable(str(source))}: is outside the git repository, so the commit"
                " being published cannot hold it; move it into the repository, or pass"
                " --allow-dirty to publish the working tree as it is")
        specs.append(str(path.relative_to(top)) or ".")
    return specs


def _listed(top: Path, *args: str, specs: Sequence[str]) -> list[str]:
    """The entries a git listing (``-z``) gives for the paths in ``specs`` (all, when
    there are none), with paths relative to ``top``."""
    listed = _git(top, "--literal-pathspecs", *args, "--", *specs)
    return [entry for entry in listed.split("\0") if entry]


def _names(paths: Iterable[str]) -> str:
    """The first few paths, in order, and how many more there are."""
    names = sorted(set(paths))
    shown = ", ".join(printable(name) for name in names[:SHOWN])
    return shown + (f" and {len(names) - SHOWN} more" if len(names) > SHOWN else "")


def publish(request: Request, repo: Path, *, before_push: Callable[[], None] = lambda: None
            ) -> None:
    """Deploy ``request.version``; retried when another publish wins the race."""
    repo = repo.absolute()
    request = replace(request, config_file=request.config_file.absolute())
    check_request(request, repo)
    clear_leftovers(repo)
    head = _git(repo, "rev-parse", "--verify", "HEAD^{commit}").strip()
    with _workspace() as work, _source(request, repo, head, work) as config, \
            contextlib.chdir(repo):  # mike runs git in the current folder
        built: _Built | None = None
        for attempt in range(1, ATTEMPTS + 1):
            if request.push:
                _start_from_remote(repo, request)
            built = _deploy(request, repo, head, config, work, built)
            if not request.push:
                return
            before_push()
            pushed = subprocess.run(["git", "push", "--", request.remote, request.branch],
                                    cwd=repo, capture_output=True, text=True, check=False)
            if pushed.returncode == 0:
                return
            if not _LOST_RACE.search(pushed.stderr):
                raise PublishFailed(f"git push failed: {_words(pushed.stderr)}")
            request.say(f"another publish reached '{request.branch}' first (attempt"
                        f" {attempt} of {ATTEMPTS}); publishing again on top of it")
            if attempt < ATTEMPTS:
                time.sleep(random.uniform(0.05, 0.3) * attempt)  # out of step with rivals
    raise PublishConflict(f"gave up after {ATTEMPTS} attempts: other publishes kept"
                          f" updating '{request.branch}'; run the publish again")


@dataclass(frozen=True)
class _Built:
    """What the site in the workspace was built against."""

    previous: str | None
    snapshot: str | None


def _deploy(request: Request, repo: Path, head: str, config: Path, work: Path,
            built: _Built | None) -> _Built:
    """Build the version (unless the site already built is still right) and commit it
    (and the default, if asked) to the deploy branch."""
    from mike import commands, git_utils

    previous = _previous_version(request)
    wanted = _Built(previous, _previous_snapshot(repo, request, previous))
    site = work / "site"
    try:
        with _unless_unchanged(request, "the site is identical to the published one"), \
                commands.deploy({"site_dir": str(site), "use_directory_urls": True},
                                request.version, aliases=list(request.aliases),
                                update_aliases=True, branch=request.branch,
                                message=_message(repo, head, request.version)):
            if built != wanted:
                _build(config, site, work, request, wanted)
        if request.set_default:
            with _unless_unchanged(request, "it already is the default"):
                commands.set_default(request.default, branch=request.branch)
    except (ValueError, git_utils.GitError) as exc:  # mike's words for a refusal
        raise PublishProblem(str(exc).strip()) from None
    return wanted


def _message(repo: Path, head: str, version: str) -> str:
    """mike's commit message, naming the commit that was built (not whatever HEAD is by
    the time the site is committed)."""
    from mike import mkdocs_utils
    from mike.app_version import version as mike_version

    short = _git(repo, "rev-parse", "--short", head).strip()
    return (f"Deployed {short} to {version} with {mkdocs_utils.version_info()} and"
            f" mike {mike_version}")


def _build(config: Path, site: Path, work: Path, request: Request, built: _Built) -> None:
    """``playbook build --strict`` with this Python, whatever is on the PATH: every MkDocs
    warning fails the build, whatever the verbosity."""
    snapshot = work / "previous" / FILE_NAME
    if built.snapshot is not None:
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(built.snapshot, encoding="utf-8")
    env = {**os.environ, "MIKE_DOCS_VERSION": request.version, DEFAULT_ENV: request.default,
           PREVIOUS_ENV: str(snapshot) if built.snapshot is not None else "",
           PREVIOUS_VERSION_ENV: built.previous or ""}
    # -P: the project's own folders never shadow the installed playbook_builder.
    command = [sys.executable, "-P", "-m", "playbook_builder.cli", "-q", "build", "--strict",
               "--engine", request.engine, "--config-file", str(config), "--out", str(site)]
    done = subprocess.run(command, cwd=config.parent, env=env, check=False)
    if done.returncode == 2:
        raise PublishProblem("the playbook cannot be built as committed; see the messages"
                             " above")
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
        raise PublishFailed(f"git fetch failed: {_words(fetched.stderr)}")


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


def _previous_snapshot(repo: Path, request: Request, previous: str | None) -> str | None:
    """The previous version's snapshot: None for a first version, ``{}`` for a version
    published without one (its changes cannot be listed)."""
    if previous is None:
        return None
    snapshot = _read(repo, request.branch, f"{previous}/{FILE_NAME}")
    return "{}" if snapshot is None else snapshot


def _read(repo: Path, branch: str, path: str) -> str | None:
    shown = subprocess.run(["git", "show", f"refs/heads/{branch}:{path}"], cwd=repo,
                           capture_output=True, text=True, check=False)
    return shown.stdout if shown.returncode == 0 else None


@contextmanager
def _workspace() -> Iterator[Path]:
    """A private temporary folder for this publish, locked while it is in use."""
    folder = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-"))
    try:
        with filelock.FileLock(folder / _LOCK):
            yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _source(request: Request, repo: Path, head: str, work: Path) -> Iterator[Path]:
    """The configuration to build: in a checkout of the commit, or, with
    ``--allow-dirty``, the working tree's own."""
    if request.allow_dirty:
        yield request.config_file
        return
    top = Path(_git(repo, "rev-parse", "--show-toplevel").strip()).resolve()
    try:
        relative = request.config_file.resolve().relative_to(top)
    except ValueError:
        raise PublishProblem(f"{printable(str(request.config_file))}: is outside the git"
                             " repository, so the commit cannot hold it") from None
    tree = work / "tree"
    # Hooks off: nothing but the commit's own files may reach the checkout.
    _git(repo, "-c", f"core.hooksPath={os.devnull}", "worktree", "add", "--detach",
         "--quiet", str(tree), head, failure=PublishFailed)
    try:
        yield tree / relative
    finally:
        _git(repo, "worktree", "remove", "--force", str(tree), check=False)


def clear_leftovers(repo: Path | None = None) -> None:
    """Remove the temporary folders of publishes that were killed, and (in ``repo``) the
    registrations of their checkouts and the packs their gits left half written. A
    folder is left alone while its process lives or its lock is held, and when someone
    else owns it."""
    root = Path(tempfile.gettempdir())
    running = False
    for folder in root.glob(f"{TEMP_PREFIX}*"):
        found = _TEMP_NAME.match(folder.name)
        if found is None:
            continue
        pid = int(found.group(1))
        if _abandoned(folder, pid):
            shutil.rmtree(folder, ignore_errors=True)
        elif pid != os.getpid() and _alive(pid) is not False:
            running = True
    if repo is not None:
        _forget_checkouts(repo, root)
        if not running:
            _clear_stale_packs(repo)


STALE_PACK_SECONDS = 60 * 60
"""How long a temporary pack must have been left unchanged before it is removed."""
_TEMPORARY_PACK = re.compile(r"tmp_(?:pack|idx|rev|mtimes)_\w+")
"""What git names a pack (and its index) while writing it: fast-import and index-pack
write ``tmp_pack_XXXXXX`` and rename it to ``pack-<hash>.pack`` once it is complete."""


def _clear_stale_packs(repo: Path) -> None:
    """Remove the temporary packs a killed git left in ``repo``'s object store.

    Only files that no git can still be writing go. A git writing a pack keeps adding
    to it, so its file is never an hour old; a pack unchanged for an hour belongs to a
    git that is gone (git's own ``gc`` waits two weeks: ``gc.pruneExpire``). And this
    runs only when no other publish is under way (the caller checks), so no git of ours
    is writing at all. Should a stopped git (Ctrl-Z) be resumed after an hour anyway, it
    fails to rename the pack and says so; nothing a ref points to is ever in a
    temporary pack, so nothing is lost either way. Files of other users are left alone.
    """
    shown = _git(repo, "rev-parse", "--git-path", "objects/pack", check=False).strip()
    if not shown:
        return
    folder = repo / shown  # relative to the repository, or absolute
    cutoff = time.time() - STALE_PACK_SECONDS
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if not _TEMPORARY_PACK.fullmatch(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff and _ours(info):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _abandoned(folder: Path, pid: int) -> bool:
    try:
        info = folder.lstat()
    except OSError:
        return False
    alive = _alive(pid)
    if pid == os.getpid() or alive or not _ours(info) or not folder.is_dir() \
            or folder.is_symlink():
        return False
    if not (folder / _LOCK).exists():
        return alive is False  # killed before it took its lock
    try:
        with filelock.FileLock(folder / _LOCK, timeout=0):
            return True
    except (filelock.Timeout, OSError):
        return False  # in use (by a process this one cannot see)


def _alive(pid: int) -> bool | None:
    """Whether process ``pid`` runs; None where that cannot be asked (on Windows,
    ``os.kill`` would end it)."""
    if os.name == "nt":
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's
    return True


def _ours(info: os.stat_result) -> bool:
    """Does this user own it? (Windows has no owner to compare.)"""
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def _forget_checkouts(repo: Path, root: Path) -> None:
    """``git worktree remove`` for our checkouts whose folders are gone."""
    listed = _git(repo, "worktree", "list", "--porcelain", check=False)
    ours = root.resolve()
    for line in listed.splitlines():
        if not line.startswith("worktree "):
            continue
        path = Path(line.removeprefix("worktree "))
        try:
            first = path.resolve().relative_to(ours).parts[0]
        except (ValueError, IndexError):
            continue
        if first.startswith(TEMP_PREFIX) and not path.exists():
            _git(repo, "worktree", "remove", "--force", str(path), check=False)


def _words(stderr: str) -> str:
    """Git's own message, its lines kept but any terminal escape (which a remote's
    messages could carry) shown escaped."""
    return "\n".join(printable(line) for line in stderr.strip().splitlines())


def _git(repo: Path, *args: str, check: bool = True,
         failure: type[Exception] = PublishProblem) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                          check=False)
    if check and done.returncode != 0:
        raise failure(f"git {printable(' '.join(args))} failed: {_words(done.stderr)}")
    return done.stdout
