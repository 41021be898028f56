"""Shared helpers: the bundled library, small profiles and real MkDocs builds in tmp_path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from playbook_builder.inputs.library import Library
from playbook_builder.inputs.loading import load_library
from playbook_builder.resources import data_dir

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# Compiled templates are kept in the user's cache folder: tests keep theirs to themselves.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="playbook-tests-cache-")

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "profiles" / "example.yml"
MINIMAL = Path(__file__).resolve().parent / "profiles" / "minimal.yml"

MKDOCS_YML = """\
site_name: Test playbook
site_url: https://playbook.example.org/
repo_url: https://git.example.org/org/playbook
edit_uri: edit/main/docs/
theme:
  name: material
plugins:
  - search
  - playbook:
      profile: profile.yml
"""


@pytest.fixture(autouse=True)
def cache_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own cache folder for compiled templates (the user's, during a test)."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "playbook-builder"


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library(data_dir("content"))


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


HASH_SEEDS = ("0", "1", "2")
"""String hashing differs between these interpreters, and with it the order of a set of
strings: output that depends on such an order differs between them."""


def across_hash_seeds(code: str) -> list[str]:
    """What ``code`` prints in a fresh interpreter for each of :data:`HASH_SEEDS`: an
    in-process comparison of two runs cannot catch an order taken from a set."""
    return [subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                           text=True, cwd=REPO,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in HASH_SEEDS]


DIGESTS = """
import hashlib, json
from playbook_builder.health.score import check
from playbook_builder.pipeline import load_playbook
from playbook_builder.site.render import render_site
from tests.conftest import EXAMPLE

pb = load_playbook(EXAMPLE)
public = load_playbook(EXAMPLE, public=True)
digest = lambda text: hashlib.sha256(text.encode()).hexdigest()
print(json.dumps({
    "merge": digest(repr(pb) + repr(public)),
    "render": digest(repr(render_site(pb)) + repr(render_site(public))),
    "health": digest(repr(check(pb)) + repr(check(public))),
}))
"""


@pytest.fixture(scope="session")
def digests_across_hash_seeds() -> list[dict[str, str]]:
    """The demo merged, rendered and checked (full and public) in fresh interpreters that
    hash strings differently: digests of each, per interpreter."""
    return [json.loads(out) for out in across_hash_seeds(DIGESTS)]


class Project:
    """A playbook project in a temporary folder: mkdocs.yml, docs/ and profile.yml."""

    def __init__(self, root: Path, profile: str, mkdocs_yml: str = MKDOCS_YML) -> None:
        self.root = root
        (root / "docs").mkdir(parents=True, exist_ok=True)
        (root / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
        self.write_profile(profile)

    @property
    def profile(self) -> Path:
        return self.root / "profile.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def write_profile(self, text: str) -> None:
        self.profile.write_text(text, encoding="utf-8")

    def build(self, **overrides: object) -> Path:
        config = load_config(str(self.root / "mkdocs.yml"), **overrides)
        build(config)
        return self.site

    def page(self, url_path: str) -> str:
        return (self.site / url_path / "index.html").read_text(encoding="utf-8")

    def search_index(self) -> list[dict[str, str]]:
        data = json.loads((self.site / "search" / "search_index.json").read_text("utf-8"))
        docs: list[dict[str, str]] = data["docs"]
        return docs


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo playbook, built strictly from the repository's own mkdocs.yml."""
    site = tmp_path_factory.mktemp("demo") / "site"
    build(load_config(str(REPO / "mkdocs.yml"), site_dir=str(site), strict=True))
    return site


def page_html(site: Path, url: str) -> str:
    """The HTML of the page at ``url`` (a directory URL such as ``platforms/x``)."""
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def minimal_text() -> str:
    return MINIMAL.read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, minimal_text: str) -> Project:
    return Project(tmp_path, minimal_text)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """Keep each phase's report on the test item, so fixtures can see a failure."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


pytest_plugins = ["tests.browser"]


def tamper_first_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, the first page the pipeline renders ends with a script our templates
    never write: what the publish gate is there to stop."""
    from playbook_builder.site import render

    real = render.render_site

    def tampered(pb, **options):  # type: ignore[no-untyped-def]
        pages = real(pb, **options)
        first = pages[0]
        return [render.RenderedPage(first.src, first.markdown + "\n<script>x()</script>\n"),
                *pages[1:]]

    monkeypatch.setattr("playbook_builder.pipeline.render_site", tampered)
