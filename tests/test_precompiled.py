"""Templates compiled ahead of time: current, used only while current, same pages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jinja2
import pytest

from playbook_builder import precompiled, render
from playbook_builder.library import Library
from playbook_builder.loading import load_profile
from playbook_builder.render import TemplateBug, make_environment, render_template

from .conftest import EXAMPLE


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_the_committed_templates_are_current(tmp_path: Path) -> None:
    recorded = json.loads((precompiled.FOLDER / precompiled.MANIFEST).read_text("utf-8"))
    if recorded["jinja"] != jinja2.__version__:
        # Another Jinja writes other code: builds compile the sources instead.
        assert precompiled.loader() is None
        return
    precompiled.write(tmp_path / "compiled")
    assert files(tmp_path / "compiled") == files(precompiled.FOLDER), (
        "run: python -m playbook_builder.precompiled")
    assert precompiled.loader() is not None


def copy_of_compiled(tmp_path: Path) -> Path:
    copy = tmp_path / "compiled"
    shutil.copytree(precompiled.FOLDER, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_they_are_used_only_while_every_source_is_unchanged(tmp_path: Path) -> None:
    copy = copy_of_compiled(tmp_path)
    manifest = copy / precompiled.MANIFEST
    recorded = json.loads(manifest.read_text("utf-8"))
    recorded["jinja"] = jinja2.__version__
    manifest.write_text(json.dumps(recorded), "utf-8")
    assert precompiled.loader(copy) is not None
    for part, edited in (("templates", {**recorded["templates"], "home.md.j2": "0" * 64}),
                         ("environment", "0" * 64)):  # home.md.j2, or render.py, edited
        manifest.write_text(json.dumps({**recorded, part: edited}), "utf-8")
        assert precompiled.loader(copy) is None


def test_a_missing_compiled_template_is_compiled_from_its_source(tmp_path: Path) -> None:
    copy = copy_of_compiled(tmp_path)
    manifest = copy / precompiled.MANIFEST
    manifest.write_text(json.dumps(
        {**json.loads(manifest.read_text("utf-8")), "jinja": jinja2.__version__}), "utf-8")
    (copy / jinja2.ModuleLoader.get_module_filename("tags.md.j2")).unlink()
    loader = precompiled.loader(copy)
    assert loader is not None
    env = make_environment(loader)
    assert env.get_template("tags.md.j2").filename == str(precompiled.SOURCES / "tags.md.j2")
    assert env.get_template("home.md.j2").filename.startswith(str(copy))


def test_another_jinja_or_a_damaged_manifest_means_compiling(tmp_path: Path) -> None:
    copy = copy_of_compiled(tmp_path)
    manifest = copy / precompiled.MANIFEST
    recorded = json.loads(manifest.read_text("utf-8"))
    manifest.write_text(json.dumps({**recorded, "jinja": "2.11.3"}), "utf-8")
    assert precompiled.loader(copy) is None
    manifest.write_text("{not json", "utf-8")
    assert precompiled.loader(copy) is None
    manifest.unlink()
    assert precompiled.loader(copy) is None


@pytest.fixture
def compiled_loader() -> jinja2.BaseLoader:
    loader = precompiled.loader()
    if loader is None:
        pytest.skip("the compiled templates were written by another Jinja version")
    return loader


def test_they_render_exactly_what_the_sources_render(
    library: Library, compiled_loader: jinja2.BaseLoader, monkeypatch: pytest.MonkeyPatch
) -> None:
    pb = load_profile(EXAMPLE, library)
    monkeypatch.setattr(render, "_environment", lambda: make_environment(compiled_loader))
    from_compiled = render.render_site(pb, tags=True)
    sources = jinja2.FileSystemLoader(precompiled.SOURCES)
    monkeypatch.setattr(render, "_environment", lambda: make_environment(sources))
    assert render.render_site(pb, tags=True) == from_compiled


@pytest.mark.parametrize("name", ["reading-list.md.j2", "steps/lead.md.j2"])
def test_a_mistake_in_a_compiled_template_is_located_in_the_template(
    compiled_loader: jinja2.BaseLoader, name: str
) -> None:
    located = []
    for loader in (compiled_loader, jinja2.FileSystemLoader(precompiled.SOURCES)):
        with pytest.raises(TemplateBug) as caught:
            render_template(make_environment(loader), name, {"pb": {}, "profile": {}})
        located.append((caught.value.template, caught.value.line))
    assert located[0] == located[1]
    assert located[0][0] == name and located[0][1] > 0
