"""The build cache: an unchanged playbook is not prepared again, and nothing else changes.

A cached build must give the same bytes as a fresh one; any change to an input, an
option, the code or the cache entry itself must lead to a fresh build; the logo is
checked on every build; and the publish gate still stands between an entry and a page.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from playbook_builder import build_cache as build_cache_module
from playbook_builder import prepare

from .conftest import MKDOCS_YML, REPO, Project

SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">'
       b'<rect width="1" height="1"/></svg>')


@pytest.fixture
def preparations(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The profiles prepared afresh (not taken from the cache) since the test began."""
    prepared: list[Path] = []
    real = prepare.prepare_site

    def counting(inputs: Any, **options: Any) -> Any:
        prepared.append(inputs.profile)
        return real(inputs, **options)

    monkeypatch.setattr(prepare, "prepare_site", counting)
    return prepared


@pytest.fixture
def library_project(tmp_path: Path, minimal_text: str) -> Project:
    """A project with its own copy of the library, and a logo."""
    import shutil

    from playbook_builder.resources import data_dir

    shutil.copytree(data_dir("content"), tmp_path / "content")
    (tmp_path / "logo.svg").write_bytes(SVG)
    profile = minimal_text.replace("  name: Hillside Library\n",
                                   "  name: Hillside Library\n  logo: logo.svg\n")
    return Project(tmp_path, profile, MKDOCS_YML + "      content_dir: content\n")


def snapshot_of(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def build_fails(project: Project, caplog: pytest.LogCaptureFixture) -> str:
    """What MkDocs logged about the failed build."""
    caplog.clear()
    with pytest.raises(Abort):
        project.build()
    return caplog.text


def cache_entries(build_cache: Path) -> list[Path]:
    return sorted(build_cache.glob("*.json"))


def test_an_unchanged_playbook_is_taken_from_the_cache_with_the_same_bytes(
    library_project: Project, preparations: list[Path], build_cache: Path
) -> None:
    first = snapshot_of(library_project.build())
    assert len(cache_entries(build_cache)) == 1
    assert not (library_project.root / ".cache").exists()  # nothing in the project
    second = snapshot_of(library_project.build())
    assert preparations == [library_project.profile]  # the second build used the cache
    assert second == first


def _edit_profile(p: Project) -> None:
    p.write_profile(p.profile.read_text("utf-8").replace("Hillside Library", "Hillside Books"))


def _a_principle(p: Project) -> Path:
    return sorted((p.root / "content" / "principles").glob("*.yml"))[0]


def _edit_library(p: Project) -> None:
    item = _a_principle(p)
    item.write_text(item.read_text("utf-8") + "\n", encoding="utf-8")


def _new_library_item(p: Project) -> None:
    item = _a_principle(p)
    (item.parent / "a-new-principle.yml").write_text(
        item.read_text("utf-8").replace(f"id: {item.stem}", "id: a-new-principle"), "utf-8")


def _edit_logo(p: Project) -> None:
    (p.root / "logo.svg").write_bytes(SVG.replace(b'width="1"', b'width="0.5"'))


def _option(option: str) -> Callable[[Project], None]:
    def change(p: Project) -> None:
        config = p.root / "mkdocs.yml"
        config.write_text(config.read_text("utf-8") + f"      {option}\n", "utf-8")
    return change


def _directory_urls_off(p: Project) -> None:
    config = p.root / "mkdocs.yml"
    config.write_text("use_directory_urls: false\n" + config.read_text("utf-8"), "utf-8")


def _tags_on(p: Project) -> None:
    config = p.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - search\n", "  - search\n  - tags\n"),
                      "utf-8")


@pytest.mark.parametrize("change", [
    _edit_profile, _edit_library, _new_library_item, _option("health: false"),
    _directory_urls_off, _tags_on,
], ids=["profile", "library item", "new library item", "health option", "directory urls",
        "tags plugin"])
def test_any_change_to_an_input_or_setting_prepares_the_site_again(
    library_project: Project, preparations: list[Path], change: Callable[[Project], None]
) -> None:
    library_project.build()
    change(library_project)
    library_project.build()
    assert len(preparations) == 2
    library_project.build()
    assert len(preparations) == 2  # and the new result is cached in its turn


def test_an_edit_shows_on_the_rebuilt_site(library_project: Project) -> None:
    library_project.build()
    _edit_profile(library_project)
    assert "Hillside Books" in library_project.build().joinpath("index.html").read_text("utf-8")


def test_a_stray_file_in_the_library_is_still_reported(
    library_project: Project, caplog: pytest.LogCaptureFixture
) -> None:
    library_project.build()
    (library_project.root / "content" / "principles" / "notes.txt").write_text("x", "utf-8")
    assert "notes.txt:1:1: error: not a library item file [PB009]" in build_fails(
        library_project, caplog)


def test_an_unsafe_logo_is_still_refused(
    library_project: Project, caplog: pytest.LogCaptureFixture
) -> None:
    library_project.build()
    (library_project.root / "logo.svg").write_bytes(b'<svg onload="alert(1)"/>')
    assert ("profile.yml:4:9: error: logo 'logo.svg' contains a script, an event handler or"
            " embedded content [PB208]") in build_fails(library_project, caplog)


def test_a_logo_linked_from_outside_is_still_refused(
    library_project: Project, tmp_path_factory: pytest.TempPathFactory,
    caplog: pytest.LogCaptureFixture
) -> None:
    library_project.build()
    outside = tmp_path_factory.mktemp("elsewhere") / "logo.svg"
    outside.write_bytes(SVG)  # the same bytes, now from outside the profile's folder
    (library_project.root / "logo.svg").unlink()
    (library_project.root / "logo.svg").symlink_to(outside)
    assert ("profile.yml:4:9: error: logo 'logo.svg' leads outside the profile's folder"
            " [PB206]") in build_fails(library_project, caplog)


def test_an_invalid_profile_is_never_cached(
    project: Project, minimal_text: str, build_cache: Path
) -> None:
    project.write_profile(minimal_text.replace("schema_version: 1", "schema_version: 9"))
    with pytest.raises(Abort):
        project.build()
    assert cache_entries(build_cache) == []


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],
    lambda text: "[]",
    lambda text: text.replace('"site_name": "', '"site_name": 7, "x": "'),
    lambda text: text.replace('"pages": [[', '"pages": [[1, '),
    lambda text: text.replace('"nav": [', '"nav": [5, '),
    lambda text: text.replace('"nav": [{"Home"', '"nav": [{"<b>Home</b>"'),
    lambda text: text.replace('"pages": [["', '"pages": [["/tmp/x.md", "", true], ["'),
    lambda text: text.replace('"pages": [["', '"pages": [["../x.md", "", true], ["'),
    lambda text: text.replace('"redirects": [', '"redirects": [["/tmp/x.html", "", "x"], '),
    lambda text: text.replace('"logo_uri": null', '"logo_uri": "../../x.svg"'),
], ids=["truncated", "not a mapping", "wrong type", "wrong shape", "navigation shape",
        "navigation title", "page outside", "page upwards", "redirect outside",
        "logo outside"])
def test_a_damaged_entry_is_a_miss(
    project: Project, preparations: list[Path], build_cache: Path,
    damage: Callable[[str], str]
) -> None:
    first = snapshot_of(project.build())
    [entry] = cache_entries(build_cache)
    damaged = damage(entry.read_text("utf-8"))
    assert damaged != entry.read_text("utf-8")
    entry.write_text(damaged, "utf-8")
    assert snapshot_of(project.build()) == first
    assert len(preparations) == 2
    json.loads(entry.read_text("utf-8"))  # rewritten whole


def test_a_tampered_entry_cannot_get_past_the_publish_gate(
    project: Project, build_cache: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project.build()
    [entry] = cache_entries(build_cache)
    data = json.loads(entry.read_text("utf-8"))
    data["parts"]["pages"][0][1] += "\n<script>alert(1)</script>\n"
    entry.write_text(json.dumps(data), "utf-8")
    assert ("publish gate: index.md contains what our templates never put there;"
            " not publishing:\n  a <script> element") in build_fails(project, caplog)


def test_a_logo_replaced_during_the_build_is_checked_as_published(
    library_project: Project, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real = prepare.prepare_site

    def then_replace_the_logo(inputs: Any, **options: Any) -> Any:
        parts = real(inputs, **options)
        (library_project.root / "logo.svg").write_bytes(b'<svg onload="alert(1)"/>')
        return parts

    monkeypatch.setattr(prepare, "prepare_site", then_replace_the_logo)
    assert ("contains a script, an event handler or embedded content; it changed while"
            " the site was being built: build again") in build_fails(library_project, caplog)


def test_a_new_logo_is_checked_and_published_without_preparing_again(
    library_project: Project, preparations: list[Path]
) -> None:
    site = library_project.build()
    assert (site / "assets" / "playbook-logo.svg").read_bytes() == SVG
    _edit_logo(library_project)
    library_project.build()
    assert (site / "assets" / "playbook-logo.svg").read_bytes() != SVG
    assert len(preparations) == 1


def test_an_edit_to_any_template_changes_the_code_digest(tmp_path: Path) -> None:
    package = Path(build_cache_module.__file__).parent
    copy = tmp_path / "package"
    import shutil

    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = build_cache_module.code_digest(copy)
    step = copy / "templates" / "steps" / "why.md.j2"
    step.write_text(step.read_text("utf-8") + "\n", "utf-8")
    assert build_cache_module.code_digest(copy) != before


def test_the_cache_can_be_turned_off(
    project: Project, preparations: list[Path], build_cache: Path
) -> None:
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "      cache: false\n", "utf-8")
    project.build()
    project.build()
    assert len(preparations) == 2
    assert not build_cache.exists()


def test_the_cache_can_be_kept_elsewhere(project: Project, preparations: list[Path]) -> None:
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "      cache_dir: .cache/playbook\n", "utf-8")
    project.build()
    project.build()
    assert len(preparations) == 1
    assert len(list((project.root / ".cache" / "playbook").glob("*.json"))) == 1


def test_only_the_most_recently_used_entries_are_kept(
    tmp_path: Path, minimal_text: str, build_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_cache_module, "KEPT_ENTRIES", 2)
    projects = [Project(tmp_path / str(i), minimal_text) for i in range(3)]
    for p in projects:
        p.build()
    assert len(cache_entries(build_cache)) == 2


def test_compiled_templates_an_earlier_version_kept_are_removed(
    project: Project, build_cache: Path
) -> None:
    old = build_cache / "templates" / "0123456789abcdef"
    old.mkdir(parents=True)
    (old / "__jinja2_x.cache").write_bytes(b"old")
    project.build()
    assert not (build_cache / "templates").exists()
    assert len(cache_entries(build_cache)) == 1


def test_a_cache_folder_that_cannot_be_written_is_skipped(project: Project) -> None:
    (project.root / "blocked").write_text("a file, not a folder", "utf-8")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "      cache_dir: blocked/cache\n", "utf-8")
    first = snapshot_of(project.build())
    assert snapshot_of(project.build()) == first


BUILD_AND_REPORT = """
import sys
import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config
compiled = []
real = jinja2.Environment.compile
def compile(self, source, name=None, *args, **kwargs):
    if name and name.endswith(".md.j2"):
        compiled.append(name)
    return real(self, source, name, *args, **kwargs)
jinja2.Environment.compile = compile
build(load_config(sys.argv[1], site_dir=sys.argv[2]))
core = ("playbook_builder.profile", "playbook_builder.prepare", "playbook_builder.render")
print(" ".join(name for name in core if name in sys.modules) or "none", len(compiled))
"""


def build_in_a_fresh_process(project: Project) -> str:
    """What the core loaded, and how many of our templates it compiled."""
    done = subprocess.run(
        [sys.executable, "-c", BUILD_AND_REPORT, str(project.root / "mkdocs.yml"),
         str(project.site)], capture_output=True, text=True, check=True, cwd=REPO)
    return done.stdout.strip()


CORE = "playbook_builder.profile playbook_builder.prepare playbook_builder.render"


def test_a_cached_build_does_not_load_the_core(project: Project) -> None:
    assert build_in_a_fresh_process(project).startswith(CORE)
    assert build_in_a_fresh_process(project) == "none 0"


def test_a_fresh_process_compiles_no_template(project: Project) -> None:
    assert build_in_a_fresh_process(project) == f"{CORE} 0"
    before = snapshot_of(project.site)
    project.write_profile(project.profile.read_text("utf-8") + "# an edit\n")
    assert build_in_a_fresh_process(project) == f"{CORE} 0"
    assert snapshot_of(project.site) == before


def test_without_the_cache_nothing_is_kept(project: Project, build_cache: Path) -> None:
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "      cache: false\n", "utf-8")
    build_in_a_fresh_process(project)
    assert not build_cache.exists()


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


def test_the_cache_folder_is_private(project: Project, build_cache: Path) -> None:
    build_in_a_fresh_process(project)
    assert build_cache.stat().st_mode & 0o777 == 0o700


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="giving a folder away takes root")
def test_nothing_is_taken_from_a_cache_that_is_not_ours(
    project: Project, build_cache: Path, preparations: list[Path]
) -> None:
    first = snapshot_of(project.build())
    os.chown(build_cache, 65534, 65534)  # now somebody else's
    assert snapshot_of(project.build()) == first
    assert len(preparations) == 2


def test_without_posix_owners_the_cache_still_works(
    project: Project, monkeypatch: pytest.MonkeyPatch, preparations: list[Path]
) -> None:
    monkeypatch.setattr(build_cache_module, "_POSIX", False)  # as on Windows
    first = snapshot_of(project.build())
    assert snapshot_of(project.build()) == first
    assert len(preparations) == 1


def test_a_profile_saved_during_the_build_is_not_cached_as_its_old_self(
    project: Project, monkeypatch: pytest.MonkeyPatch, preparations: list[Path]
) -> None:
    original = project.profile.read_text("utf-8")
    counting = prepare.prepare_site

    def saved_meanwhile(inputs: Any, **options: Any) -> Any:
        parts = counting(inputs, **options)
        if len(preparations) == 1:
            project.write_profile(original.replace("Hillside Library", "Mid-build Edit"))
        return parts

    monkeypatch.setattr(prepare, "prepare_site", saved_meanwhile)
    project.build()
    project.write_profile(original)  # back to the bytes the build started from
    site = project.build()
    assert len(preparations) == 2
    assert "Hillside Library" in (site / "index.html").read_text("utf-8")


def test_serve_watches_the_logo_too(library_project: Project) -> None:
    from mkdocs.config import load_config

    from playbook_builder.plugin import PlaybookPlugin

    config = load_config(str(library_project.root / "mkdocs.yml"))
    plugin = config.plugins["playbook"]
    assert isinstance(plugin, PlaybookPlugin)
    plugin.on_config(config)
    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    plugin.on_serve(Server(), config=config, builder=None)  # type: ignore[arg-type]
    assert str(library_project.root / "logo.svg") in watched
