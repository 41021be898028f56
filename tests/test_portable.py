"""The package runs where Unix-only modules are missing (Windows has no fcntl)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import filelock
import pytest

from playbook_builder.commands import publish as publishing

from .conftest import REPO

pytestmark = pytest.mark.build

WITHOUT_FCNTL = textwrap.dedent("""
    import sys

    sys.modules["fcntl"] = None  # so that 'import fcntl' raises ImportError, as on Windows
    try:
        import fcntl
    except ImportError:
        pass
    else:
        raise SystemExit("fcntl could still be imported")

    import playbook_builder.cli
    import playbook_builder.plugin

    playbook_builder.cli.main(
        ["-q", "build", "--config-file", sys.argv[1], "--out", sys.argv[2]],
        standalone_mode=False)
""")


def test_imports_and_builds_the_demo_without_fcntl(tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000",
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_FCNTL, str(REPO / "mkdocs.yml"), str(site)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert (site / "index.html").is_file()
    assert (site / ".playbook-site").is_file()  # swapped in whole, under the lock
    assert not list(tmp_path.glob(".site.building-*"))
    assert not (tmp_path / ".site.lock.holder").exists()  # the lock was let go


def test_a_publish_workspace_is_cleared_only_once_its_lock_is_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folders of killed publishes go; one whose lock is held stays, even when its
    process cannot be seen (another container, say)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True).stdout.strip()
    unlocked, held = (tmp_path / f"{publishing.TEMP_PREFIX}{ended}-{name}"
                      for name in ("unlocked", "held"))
    unlocked.mkdir()
    held.mkdir()
    with filelock.FileLock(held / ".lock"):
        publishing.clear_leftovers()
        assert [p.name for p in tmp_path.iterdir()] == [held.name]
    publishing.clear_leftovers()
    assert list(tmp_path.iterdir()) == []
