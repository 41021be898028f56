"""The corpus of broken and hostile profiles: exact diagnostics, and nothing ever written.

Each ``corpus/<name>.yml`` has a ``<name>.expected`` holding exactly what
``playbook validate`` prints for it. The same inputs go through ``playbook build`` and
``mkdocs build`` over a previously built site, which must stay byte-identical.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from playbook_builder.cli import main

from .conftest import MINIMAL, Project

CORPUS = Path(__file__).resolve().parent / "corpus"
CASES = sorted(p.stem for p in CORPUS.glob("*.yml"))


def test_corpus_is_substantial() -> None:
    assert len(CASES) >= 30
    assert {p.stem for p in CORPUS.glob("*.expected")} == set(CASES)


@pytest.mark.parametrize("name", CASES)
def test_exact_diagnostics(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CORPUS)
    result = CliRunner().invoke(main, ["validate", f"{name}.yml"])
    assert result.exit_code == 2, result.output
    assert result.stderr == (CORPUS / f"{name}.expected").read_text(encoding="utf-8")
    assert "Traceback" not in result.output


def digest(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, dict[str, str]]:
    project = Project(tmp_path_factory.mktemp("survivor"), MINIMAL.read_text("utf-8"))
    return project, digest(project.build())


@pytest.mark.build
@pytest.mark.parametrize("name", CASES)
def test_previous_site_survives_both_builds(
    name: str, built: tuple[Project, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, before = built
    shutil.copyfile(CORPUS / f"{name}.yml", project.profile)
    monkeypatch.chdir(project.root)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 2, result.output
    with pytest.raises(Abort):
        build(load_config(str(project.root / "mkdocs.yml")))
    assert digest(project.site) == before
