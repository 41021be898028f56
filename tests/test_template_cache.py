"""Compiled templates kept between processes: the theme's and ours, only where it is safe.

A second build in a fresh process compiles no template, gives the same bytes, and takes
compiled code only from a folder the user alone owns; the logo is checked on every build.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jinja2
import pytest
from mkdocs.exceptions import Abort

from playbook_builder import pipeline
from playbook_builder.site import template_cache

from .conftest import REPO, Project

pytestmark = pytest.mark.build

SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">'
       b'<rect width="1" height="1"/></svg>')


@pytest.fixture
def logo_project(tmp_path: Path, minimal_text: str) -> Project:
    """A project with a logo next to its profile."""
    (tmp_path / "logo.svg").write_bytes(SVG)
    profile = minimal_text.replace("  name: Hillside Library\n",
                                   "  name: Hillside Library\n  logo: logo.svg\n")
    return Project(tmp_path, profile)


def snapshot_of(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def build_fails(project: Project, caplog: pytest.LogCaptureFixture) -> str:
    """What MkDocs logged about the failed build."""
    caplog.clear()
    with pytest.raises(Abort):
        project.build()
    return caplog.text


BUILD_AND_REPORT = """
import sys
import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config
compiled = {"ours": 0, "theme": 0}
# Material's search plugin reads its translations through an environment of its own,
# made before the build's: two small templates that no hook can reach.
translations = ("partials/language.html", "partials/languages/en.html")
real = jinja2.Environment.compile
def compile(self, source, name=None, *args, **kwargs):
    if name and name not in translations:
        compiled["ours" if name.endswith(".md.j2") else "theme"] += 1
    return real(self, source, name, *args, **kwargs)
jinja2.Environment.compile = compile
build(load_config(sys.argv[1], site_dir=sys.argv[2]))
print(compiled["ours"], compiled["theme"])
"""


def compiled_in_a_fresh_process(project: Project) -> tuple[int, int]:
    """How many of our templates, and of the theme's page templates, a fresh process
    compiled."""
    done = subprocess.run(
        [sys.executable, "-c", BUILD_AND_REPORT, str(project.root / "mkdocs.yml"),
         str(project.site)], capture_output=True, text=True, check=True, cwd=REPO)
    ours, theme = done.stdout.split()
    return int(ours), int(theme)


def test_a_second_fresh_process_compiles_no_template(project: Project) -> None:
    ours, theme = compiled_in_a_fresh_process(project)
    assert ours > 5 and theme > 1
    before = snapshot_of(project.site)
    project.write_profile(project.profile.read_text("utf-8") + "# an edit\n")
    assert compiled_in_a_fresh_process(project) == (0, 0)
    assert snapshot_of(project.site) == before


def test_an_edited_template_is_compiled_again(project: Project) -> None:
    overrides = project.root / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text('{% extends "base.html" %}\n', "utf-8")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "  name: material\n", "  name: material\n  custom_dir: overrides\n"), "utf-8")
    compiled_in_a_fresh_process(project)
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}\n{% block footer %}Our footer{% endblock %}\n', "utf-8")
    assert compiled_in_a_fresh_process(project) == (0, 1)
    assert "Our footer" in project.page("")


def test_without_the_cache_nothing_is_kept(project: Project, cache_folder: Path) -> None:
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "      cache: false\n", "utf-8")
    compiled_in_a_fresh_process(project)
    assert compiled_in_a_fresh_process(project) != (0, 0)
    assert not cache_folder.exists()


def test_the_cache_can_be_kept_elsewhere(project: Project, cache_folder: Path) -> None:
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "      cache_dir: .cache/playbook\n", "utf-8")
    compiled_in_a_fresh_process(project)
    assert compiled_in_a_fresh_process(project) == (0, 0)
    assert (project.root / ".cache" / "playbook" / "templates").is_dir()
    assert not cache_folder.exists()


def test_a_cache_folder_that_cannot_be_written_is_skipped(project: Project) -> None:
    (project.root / "blocked").write_text("a file, not a folder", "utf-8")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "      cache_dir: blocked/cache\n", "utf-8")
    first = snapshot_of(project.build())
    assert snapshot_of(project.build()) == first


def test_the_cache_folder_is_private(project: Project, cache_folder: Path) -> None:
    compiled_in_a_fresh_process(project)
    for folder in [cache_folder, *cache_folder.rglob("*")]:
        if folder.is_dir():
            assert folder.stat().st_mode & 0o777 == 0o700, folder


def test_a_damaged_compiled_template_is_compiled_again(
    project: Project, cache_folder: Path
) -> None:
    compiled_in_a_fresh_process(project)
    before = snapshot_of(project.site)
    for entry in cache_folder.rglob("*.cache"):
        entry.write_bytes(entry.read_bytes()[:40])
    ours, theme = compiled_in_a_fresh_process(project)
    assert ours > 5 and theme > 1
    assert snapshot_of(project.site) == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="giving a folder away takes root")
def test_nothing_is_taken_from_a_cache_that_is_not_ours(
    project: Project, cache_folder: Path
) -> None:
    compiled_in_a_fresh_process(project)
    os.chown(cache_folder, 65534, 65534)  # now somebody else's
    ours, theme = compiled_in_a_fresh_process(project)
    assert ours > 5 and theme > 1


def test_a_folder_of_ours_that_others_could_write_is_made_private_again(
    tmp_path: Path
) -> None:
    folder = tmp_path / "cache"
    template_cache.use_bytecode_cache(jinja2.Environment(), folder)
    folder.chmod(0o777)
    env = jinja2.Environment()
    template_cache.use_bytecode_cache(env, folder)
    assert env.bytecode_cache is not None
    assert folder.stat().st_mode & 0o777 == 0o700


def test_without_posix_owners_the_cache_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(template_cache, "_POSIX", False)  # as on Windows
    env = jinja2.Environment()
    template_cache.use_bytecode_cache(env, tmp_path / "cache")
    assert env.bytecode_cache is not None


def test_environments_that_compile_differently_keep_apart() -> None:
    plain = template_cache.settings_key(jinja2.Environment())
    assert plain == template_cache.settings_key(jinja2.Environment())
    assert plain != template_cache.settings_key(jinja2.Environment(trim_blocks=True))
    assert plain != template_cache.settings_key(jinja2.Environment(autoescape=True))
    assert plain != template_cache.settings_key(
        jinja2.Environment(extensions=["jinja2.ext.i18n"]))
    assert plain != template_cache.settings_key(jinja2.Environment(finalize=str))


def test_only_a_few_other_kinds_are_kept(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(template_cache, "KEPT_KINDS", 1)
    for options in ({}, {"trim_blocks": True}, {"lstrip_blocks": True}):
        template_cache.use_bytecode_cache(jinja2.Environment(**options), tmp_path)
    assert len(list((tmp_path / "templates").iterdir())) == 2


def test_an_unsafe_logo_is_refused_on_every_build(
    logo_project: Project, caplog: pytest.LogCaptureFixture
) -> None:
    logo_project.build()
    (logo_project.root / "logo.svg").write_bytes(b'<svg onload="alert(1)"/>')
    assert ("profile.yml:4:9: error: logo 'logo.svg' contains a script, an event handler or"
            " embedded content [PB208]") in build_fails(logo_project, caplog)


def test_a_logo_linked_from_outside_is_refused(
    logo_project: Project, tmp_path_factory: pytest.TempPathFactory,
    caplog: pytest.LogCaptureFixture
) -> None:
    logo_project.build()
    outside = tmp_path_factory.mktemp("elsewhere") / "logo.svg"
    outside.write_bytes(SVG)  # the same bytes, now from outside the profile's folder
    (logo_project.root / "logo.svg").unlink()
    (logo_project.root / "logo.svg").symlink_to(outside)
    assert ("profile.yml:4:9: error: logo 'logo.svg' leads outside the profile's folder"
            " [PB206]") in build_fails(logo_project, caplog)


def test_a_logo_replaced_during_the_build_is_published_as_it_was_checked(
    logo_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from playbook_builder import plugin

    real = pipeline.prepare_site

    def then_replace_the_logo(loaded: Any, **options: Any) -> Any:
        parts = real(loaded, **options)
        (logo_project.root / "logo.svg").write_bytes(b'<svg onload="alert(1)"/>')
        return parts

    monkeypatch.setattr(plugin, "prepare_site", then_replace_the_logo)
    site = logo_project.build()
    assert (site / "assets" / "playbook-logo.svg").read_bytes() == SVG


def test_in_one_process_the_gate_looks_again_only_at_pages_that_changed(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from playbook_builder import plugin

    inspected: list[bool] = []
    real = plugin.inspect_html

    def counting(html: str, *, whole_page: bool = False) -> list[str]:
        inspected.append(whole_page)
        return real(html, whole_page=whole_page)

    monkeypatch.setattr(plugin, "inspect_html", counting)
    monkeypatch.setattr(plugin, "_PASSED", set())
    project.build()
    pages = inspected.count(True)
    assert pages > 0 and inspected.count(False) == pages  # content, then the whole page
    project.build()
    assert len(inspected) == 2 * pages  # the same pages: nothing to look at again
    config = project.root / "mkdocs.yml"
    config.write_text("copyright: Changed\n" + config.read_text("utf-8"), "utf-8")
    project.build()  # the theme's part of every page changed, the content did not
    assert inspected[2 * pages:] == [True] * pages


def test_serve_watches_the_logo_too(logo_project: Project) -> None:
    from mkdocs.config import load_config

    from playbook_builder.plugin import PlaybookPlugin

    config = load_config(str(logo_project.root / "mkdocs.yml"))
    plugin = config.plugins["playbook"]
    assert isinstance(plugin, PlaybookPlugin)
    plugin.on_config(config)
    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    plugin.on_serve(Server(), config=config, builder=None)  # type: ignore[arg-type]
    assert str(logo_project.root / "logo.svg") in watched

