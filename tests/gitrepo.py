"""Throwaway git repositories holding the demo playbook project, for publishing tests."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .conftest import REPO

GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]


def git(folder: Path, *args: str) -> str:
    done = subprocess.run([*GIT, *args], cwd=folder, capture_output=True, text=True,
                          check=True)
    return done.stdout


def clone_project(remote: Path, folder: Path) -> Path:
    git(folder.parent, "clone", "-q", str(remote), folder.name)
    git(folder, "config", "user.name", "Test")
    git(folder, "config", "user.email", "test@example.org")
    return folder


def make_remote(tmp_path: Path) -> Path:
    """A bare 'origin' holding the demo playbook project."""
    bare = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    seed = tmp_path / "seed"
    seed.mkdir()
    shutil.copy(REPO / "mkdocs.yml", seed)
    shutil.copytree(REPO / "profiles", seed / "profiles")
    (seed / "docs").mkdir()
    (seed / "docs" / ".gitkeep").touch()
    git(seed, "init", "-q", "-b", "main")
    git(seed, "add", "-A")
    git(seed, "commit", "-qm", "playbook")
    git(seed, "push", "-q", str(bare), "main")
    return bare


def install_hook(git_dir: Path, name: str, script: str) -> None:
    """A shell hook (``pre-receive`` in a bare remote, ``pre-push`` in a clone's .git)."""
    hook = git_dir / "hooks" / name
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    hook.chmod(0o755)


def commit_all(folder: Path, message: str) -> None:
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", message)
    git(folder, "push", "-q", "origin", "HEAD")
