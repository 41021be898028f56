"""A public build carries no internal value, by construction.

The places where a profile may hold an internal entry are found from the models, not
listed by hand: any model with a ``visibility`` field. Each place has a sample here with
a marker text, and a public build must hold none of the markers in any file it writes,
while the full build holds every one (so the check can fail). A place added to the
models without a sample fails the first test; a field added to the models and forgotten
everywhere else is left out of a public build by construction (the last tests add one).
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from pydantic import BaseModel, create_model

from playbook_builder.cli import main
from playbook_builder.inputs import loading
from playbook_builder.inputs.profile import Organisation, Profile
from playbook_builder.inputs.values import Strict, Text, Visibility, inner_model
from playbook_builder.pipeline import load, prepare_site
from playbook_builder.playbook.visibility import without_internal
from playbook_builder.resources import data_dir
from playbook_builder.site.parts import Inputs

from .conftest import EXAMPLE, Project
from .test_operations import _texts


def internal_places(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, str]]:
    """``(place, kind)`` for every place in ``model`` that holds models with a
    ``visibility`` field: ``list`` and ``mapping`` entries, or a ``field`` of its own."""
    for name, info in model.model_fields.items():
        key = info.alias or name
        inner = inner_model(info.annotation)
        if inner is None:
            continue
        place = f"{prefix}{key}"
        if "visibility" in inner.model_fields:
            yield place, _kind(info.annotation)
        yield from internal_places(inner, f"{place}.")


def _kind(annotation: Any) -> str:
    origins = {typing.get_origin(a) for a in (annotation, *typing.get_args(annotation))}
    return "list" if tuple in origins else "mapping" if dict in origins else "field"


MARK = "Zanzibar-marker"
SAMPLES: dict[str, dict[str, Any]] = {
    "objections.add": {"id": "marked-objection", "objection": f"{MARK} objection",
                       "response": f"{MARK} response", "visibility": "internal"},
    "reading_list.add": {"title": f"{MARK} reading", "url": "https://marked.example.org/",
                         "visibility": "internal"},
    "roles": {"id": "marked-role", "name": f"{MARK} role", "welcome": f"{MARK} welcome",
              "path": ["strategy/why"]},
    "contacts": {"id": "marked-contact", "role": f"{MARK} contact",
                 "email": "marked@example.org"},
    "incidents.add": {"id": "marked-scenario", "title": f"{MARK} scenario",
                      "first_steps": [f"{MARK} step"]},
    "standards.add": {"id": "marked-standard", "title": f"{MARK} standard",
                      "we_do": [f"{MARK} rule"], "visibility": "internal"},
    # Overrides, by the library item's id: a scenario that stays internal (scenarios are
    # internal unless made public), a standard made internal.
    "incidents.override": {"account-compromised": {"holding_reply": f"{MARK} override"}},
    "standards.override": {"private-groups": {"we_do": [f"{MARK} own rule"],
                                              "visibility": "internal"}},
}
"""An internal entry for every place, each with the marker: roles are public unless said
otherwise, so the role is made internal below; contacts and scenarios are internal."""


def test_every_place_an_internal_entry_may_sit_has_a_sample() -> None:
    places = dict(internal_places(Profile))
    assert set(places) == set(SAMPLES), \
        "a place may hold internal entries: add a sample of one to SAMPLES"
    assert "field" not in places.values()  # a field of its own would need a sample too


def marked_profile() -> dict[str, Any]:
    """The demo profile with an internal sample at every place."""
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for place, sample in SAMPLES.items():
        node = data
        *parents, last = place.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        if place.endswith(".override"):
            node.setdefault(last, {}).update(sample)
        else:
            node.setdefault(last, []).append(dict(sample))
    data["roles"][-1]["visibility"] = "internal"
    return data


def write_project(root: Path, data: dict[str, Any]) -> Project:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    project = Project(root, text)
    (root / "assets").mkdir()
    for logo in (EXAMPLE.parent / "assets").iterdir():
        (root / "assets" / logo.name).write_bytes(logo.read_bytes())
    return project


def test_the_public_playbook_holds_no_marker_at_all(tmp_path: Path) -> None:
    """Not only what is published: nothing the stages after the merge are given, the
    profile included, holds an internal value, so no template can publish one."""
    project = write_project(tmp_path, marked_profile())
    inputs = Inputs(project.profile, data_dir("content"))
    assert repr(load(inputs).playbook).count(MARK) >= len(SAMPLES)
    assert MARK not in repr(load(inputs, public=True))


@pytest.mark.build
def test_a_public_build_holds_no_marker_and_the_full_build_every_one(tmp_path: Path) -> None:
    project = write_project(tmp_path, marked_profile())
    full, public = tmp_path / "full", tmp_path / "public"
    for out, flags in ((full, []), (public, ["--public"])):
        result = CliRunner().invoke(main, ["build", *flags, "--out", str(out),
                                           "--config-file", str(project.root / "mkdocs.yml")])
        assert result.exit_code == 0, result.output
    everywhere = " ".join(text for _, text in _texts(full))
    for kind in ("objection", "reading", "role", "contact", "scenario", "standard",
                 "override", "own rule"):
        assert f"{MARK} {kind}" in everywhere, kind
    for path, text in _texts(public):
        assert MARK not in text, path.relative_to(public)


# --- A field added later, and forgotten everywhere else ----------------------------------


class Partner(Strict):
    """A partner organisation the public must not learn about."""

    name: Text
    visibility: Visibility = "internal"


@pytest.fixture
def profile_with_partners(monkeypatch: pytest.MonkeyPatch) -> type[BaseModel]:
    """The profile format with ``organisation.partners`` added, as a change of the models
    might add it: no merge, template, snapshot or test knows of it."""
    organisation = create_model("Organisation", __base__=Organisation,
                                partners=(tuple[Partner, ...], ()))
    profile = create_model("Profile", __base__=Profile, organisation=(organisation, ...))
    monkeypatch.setattr(loading, "Profile", profile)
    return profile


def test_an_internal_field_added_later_stays_out_of_a_public_build(
        tmp_path: Path, profile_with_partners: type[BaseModel]) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["organisation"]["partners"] = [{"name": f"{MARK} partner"},
                                        {"name": "Open partner", "visibility": "public"}]
    path = tmp_path / "profile.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    (tmp_path / "assets").mkdir()
    for logo in (EXAMPLE.parent / "assets").iterdir():
        (tmp_path / "assets" / logo.name).write_bytes(logo.read_bytes())

    def outputs(public: bool) -> str:
        loaded = load(Inputs(path, data_dir("content")), public=public)
        parts = prepare_site(loaded, tags=False, use_directory_urls=True)
        return "\n".join([parts.snapshot, *(p.markdown for p in parts.pages)])

    full, public = outputs(public=False), outputs(public=True)
    assert f"{MARK} partner" in full  # the snapshot records the section whole
    assert f"{MARK} partner" not in public
    assert "Open partner" in public


def test_an_internal_entry_is_left_out_wherever_it_sits() -> None:
    nested = create_model("Nested", __base__=Strict, partners=(tuple[Partner, ...], ()),
                          lead=(Partner | None, None))
    value = nested(partners=(Partner(name="a"), Partner(name="b", visibility="public")),
                   lead=Partner(name="c"))
    kept = without_internal(value)
    assert [p.name for p in kept.partners] == ["b"]  # type: ignore[attr-defined]
    assert kept.lead is None  # type: ignore[attr-defined]
    untouched = nested(partners=(Partner(name="b", visibility="public"),))
    assert without_internal(untouched) is untouched


def test_an_internal_entry_needs_a_default_to_fall_back_to() -> None:
    required = create_model("Required", __base__=Strict, lead=(Partner, ...))
    with pytest.raises(TypeError, match=r"Required\.lead may be internal"):
        without_internal(required(lead=Partner(name="c")))

