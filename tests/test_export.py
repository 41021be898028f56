"""playbook export: the same pages, built by plain MkDocs without the plugin."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config

from playbook_builder.cli import main

from .conftest import REPO

pytestmark = pytest.mark.build


def article(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    found = re.search(r"<article[^>]*>(.*?)</article>", html, re.S)
    assert found, page
    return re.sub(r'<a href="[^"]*" title="Edit this page".*?</a>', "", found.group(1), flags=re.S)


def test_export_builds_without_the_plugin_to_the_same_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(main, ["export", "--out", str(tmp_path / "export")])
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((tmp_path / "export" / "mkdocs.yml").read_text("utf-8"))
    assert config["plugins"] == ["search", "tags"]  # the demo uses Material's tags plugin
    assert "playbook" not in str(config["plugins"])
    assert (tmp_path / "export" / "docs" / "objections.md").is_file()
    build(load_config(str(tmp_path / "export" / "mkdocs.yml"), strict=True))
    build(load_config(str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "plugin")))
    exported, plugin = tmp_path / "export" / "site", tmp_path / "plugin"
    pages = sorted(p.relative_to(plugin) for p in plugin.rglob("index.html"))
    assert len(pages) > 15
    for page in pages:
        if "<article" in (plugin / page).read_text("utf-8"):
            assert article(exported / page) == article(plugin / page), page
        else:  # a redirect from an earlier address
            assert (exported / page).read_bytes() == (plugin / page).read_bytes()


def test_a_public_export_leaves_internal_pages_and_values_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(main, ["export", "--public", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    docs = tmp_path / "out" / "docs"
    assert (docs / "contacts.md").is_file()  # the shift lead is public
    assert not (docs / "onboarding" / "trustee.md").exists()
    everything = "".join(p.read_text("utf-8") for p in sorted(docs.rglob("*")) if p.is_file()
                         and p.suffix in (".md", ".json"))
    assert "Sam Patel" not in everything and "safeguarding-lead" not in everything


def test_a_plugin_turned_off_still_exports_its_playbook(tmp_path: Path) -> None:
    """``enabled: false`` builds the site without the playbook; ``export`` (for another
    engine, say) and ``link`` still speak of the playbook the plugin names."""
    from .conftest import MINIMAL, Project

    project = Project(tmp_path / "p", MINIMAL.read_text(encoding="utf-8"))
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "      profile: profile.yml\n", "      profile: profile.yml\n      enabled: false\n"),
        encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "--out", str(tmp_path / "export"),
                                       "--config-file", str(config)])
    assert result.exit_code == 0, result.output
    assert "Hillside" in (tmp_path / "export" / "docs" / "index.md").read_text("utf-8")
    result = CliRunner().invoke(main, ["link", "--all", "--config-file", str(config)])
    assert result.exit_code == 0 and "/onboarding/" in result.output, result.output
