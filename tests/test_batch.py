"""playbook build --profiles: one site per profile, in parallel, with every problem shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook_builder.cli import main
from playbook_builder.commands import batch
from playbook_builder.commands.output import MARKER

from .conftest import MINIMAL

pytestmark = pytest.mark.build

MKDOCS = "site_name: T\ntheme:\n  name: material\nplugins:\n  - search\n  - playbook\n"


@pytest.fixture
def agency(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An agency's repository: one profile per client, one of them broken."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    text = MINIMAL.read_text(encoding="utf-8")
    for name in ("hillside", "lakeside", "riverside"):
        (profiles / f"{name}.yml").write_text(
            text.replace("Hillside Library", f"{name.title()} Library"), encoding="utf-8")
    (profiles / "broken.yml").write_text("schema_version: 1\n", encoding="utf-8")
    (profiles / "README.txt").write_text("not a profile", encoding="utf-8")
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--profiles", "profiles", "--out", "out",
                                       *args])
    return result.exit_code, result.stderr


def test_builds_every_valid_profile_and_reports_the_broken_one(agency: Path) -> None:
    code, err = run("--jobs", "2")
    assert code == 2
    assert "3 built, 0 unchanged, 0 failed, 1 invalid" in err
    assert "profiles/broken.yml:1:1: error: missing required key 'why' [PB101]" in err
    for name in ("hillside", "lakeside", "riverside"):
        page = (agency / "out" / name / "index.html").read_text("utf-8")
        assert f"{name.title()} Library" in page
    index = (agency / "out" / "index.html").read_text("utf-8")
    assert index.count("<li>") == 3 and 'href="lakeside/"' in index


def test_changed_only_rebuilds_what_changed(agency: Path) -> None:
    run()
    before = (agency / "out" / "hillside" / MARKER).read_text("utf-8")
    lake = agency / "profiles" / "lakeside.yml"
    lake.write_text(lake.read_text("utf-8").replace("200 new members", "300 new members"),
                    encoding="utf-8")
    code, err = run("--changed-only")
    assert code == 2  # broken.yml is still broken
    assert "1 built, 2 unchanged" in err
    assert "hillside: unchanged" in err and "lakeside: built" in err
    assert (agency / "out" / "hillside" / MARKER).read_text("utf-8") == before
    assert "300 new members" in (agency / "out" / "lakeside" / "index.html").read_text("utf-8")


def test_shards_split_the_work(agency: Path) -> None:
    everything = batch.find_profiles(agency / "profiles")
    shares = [batch.find_profiles(agency / "profiles", (i, 3)) for i in (1, 2, 3)]
    assert sorted(p for share in shares for p in share) == everything
    assert all(len(share) in (1, 2) for share in shares)
    assert run("--shard", "2/2")[0] == 0
    built = sorted(p.name for p in (agency / "out").iterdir() if not p.name.startswith("."))
    assert built == ["hillside", "index.html", "riverside"]  # 2nd and 4th of four


@pytest.mark.parametrize("shard", ["0/2", "3/2", "x", "1/0"])
def test_bad_shard(agency: Path, shard: str) -> None:
    code, err = run("--shard", shard)
    assert code == 2 and "shard" in err


def test_a_failing_build_does_not_stop_the_others(
    agency: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mkdocs.commands.build as mkdocs_build

    (agency / "profiles" / "broken.yml").unlink()
    # Workers are forked, so they inherit this patch.
    monkeypatch.setattr(mkdocs_build, "build", _fail_for_riverside(mkdocs_build.build))
    code, err = run("--jobs", "2")
    assert code == 1
    assert "2 built, 0 unchanged, 1 failed, 0 invalid" in err
    assert "riverside: failed" in err and "theme exploded" in err
    assert (agency / "out" / "hillside" / "index.html").is_file()


def _fail_for_riverside(real):  # type: ignore[no-untyped-def]
    import os

    def build(config, **kwargs):  # type: ignore[no-untyped-def]
        if os.environ.get("PLAYBOOK_PROFILE", "").endswith("riverside.yml"):
            raise RuntimeError("theme exploded")
        return real(config, **kwargs)

    return build


def test_duplicate_slugs_are_reported(agency: Path) -> None:
    twin = agency / "profiles" / "twin.yml"
    hill = (agency / "profiles" / "hillside.yml").read_text("utf-8")
    twin.write_text(hill.replace("  name: Hillside Library", "  name: Twin\n  slug: hillside"),
                    encoding="utf-8")
    (agency / "profiles" / "hillside.yml").write_text(
        hill.replace("  name: Hillside Library", "  name: Hillside\n  slug: hillside"),
        encoding="utf-8")
    code, err = run()
    assert code == 2
    assert "profiles/twin.yml:1:1: error: slug 'hillside' is already used by" in err


def test_each_shard_writes_the_whole_index(agency: Path) -> None:
    run("--shard", "1/2")
    index = (agency / "out" / "index.html").read_text("utf-8")
    assert index.count("<li>") == 3  # every valid profile, whichever shard builds it


def test_a_docs_change_is_a_change(agency: Path) -> None:
    run()
    (agency / "docs" / "extra.md").write_text("# Extra\n", encoding="utf-8")
    assert "3 built, 0 unchanged" in run("--changed-only")[1]


def test_a_foreign_index_page_is_not_replaced(agency: Path) -> None:
    (agency / "out").mkdir()
    (agency / "out" / "index.html").write_text("<h1>Our intranet</h1>", encoding="utf-8")
    code, err = run()
    assert code == 2
    assert "out: refusing to write playbooks into a folder that playbook did not make" in err
    assert (agency / "out" / "index.html").read_text("utf-8") == "<h1>Our intranet</h1>"
    assert sorted(p.name for p in (agency / "out").iterdir()) == ["index.html"]


def test_a_single_site_folder_is_not_filled_with_playbooks(agency: Path) -> None:
    single = CliRunner().invoke(main, ["build", "--profile", "profiles/hillside.yml",
                                       "--out", "out"])
    assert single.exit_code == 0, single.stderr
    before = sorted(p.name for p in (agency / "out").iterdir())
    code, err = run()
    assert code == 2 and "refusing to write playbooks into a folder" in err
    assert sorted(p.name for p in (agency / "out").iterdir()) == before


def test_a_profile_that_became_invalid_stays_listed_with_its_site(agency: Path) -> None:
    run()
    lake = agency / "profiles" / "lakeside.yml"
    lake.write_text(lake.read_text("utf-8").replace("why:", "whyy:"), encoding="utf-8")
    code, err = run()
    assert code == 2 and "2 invalid" in err  # lakeside, and the one broken from the start
    index = (agency / "out" / "index.html").read_text("utf-8")
    assert 'href="lakeside/"' in index and index.count("<li>") == 3
    assert (agency / "out" / "lakeside" / "index.html").is_file()  # as it was


def test_changed_only_rebuilds_a_renamed_profile(agency: Path) -> None:
    lake = agency / "profiles" / "lakeside.yml"
    lake.write_text(lake.read_text("utf-8").replace(
        "  name: Lakeside Library\n", "  name: Lakeside Library\n  slug: lakeside\n"), "utf-8")
    run()
    lake.rename(agency / "profiles" / "lake.yml")  # same site; its edit links name the file
    _, err = run("--changed-only")
    assert "lakeside: unchanged" not in err and "hillside: unchanged" in err


@pytest.mark.parametrize(("stem", "slug"), [
    ("Hillside", "hillside"), ("Caf\u00e9 Society", "cafe-society"),
    ("Cafe\u0301 Society", "cafe-society"), ("con", "con-site"), ("---", "site"),
    ("\u65e5\u672c\u8a9e", "site-77710a"),
])
def test_folder_names_from_file_names_are_ascii_and_never_a_device(stem: str,
                                                                  slug: str) -> None:
    assert batch._slug(stem) == slug


def test_a_profile_past_the_bounds_is_invalid_not_failed(agency: Path) -> None:
    """Judged as a single build judges it: a profile with one role too many is an input
    problem (exit 2) found before anything is built, not a build that failed (exit 1)."""
    from playbook_builder.site.limits import MAX_ROLES

    from .test_site_size import with_roles

    (agency / "profiles" / "broken.yml").unlink()
    many = with_roles(MINIMAL.read_text(encoding="utf-8"), MAX_ROLES + 1)
    (agency / "profiles" / "many.yml").write_text(many, encoding="utf-8")
    code, err = run("--jobs", "2")
    assert code == 2, err
    assert "3 built, 0 unchanged, 0 failed, 1 invalid" in err
    assert f"too many roles: {MAX_ROLES + 1}, at most {MAX_ROLES} [PB103]" in err
    assert not (agency / "out" / "many").exists()


def listed_profiles(out: Path) -> list[str]:
    data = json.loads((out / batch.INDEX_MARKER).read_text("utf-8"))
    return [site["profile"] for site in data["sites"]]


def test_the_index_names_profiles_without_where_the_build_ran(agency: Path) -> None:
    run()
    assert listed_profiles(agency / "out") == ["hillside.yml", "lakeside.yml", "riverside.yml"]
    assert str(agency) not in (agency / "out" / batch.INDEX_MARKER).read_text("utf-8")


def test_an_invalid_profile_stays_listed_after_the_folder_moved(agency: Path) -> None:
    """CI builds in a new folder every time: the entry is the profile's, not the path's."""
    run()
    (agency / "profiles").rename(agency / "clients")
    lake = agency / "clients" / "lakeside.yml"
    lake.write_text(lake.read_text("utf-8").replace("why:", "whyy:"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--profiles", "clients", "--out", "out"])
    assert result.exit_code == 2, result.stderr
    index = (agency / "out" / "index.html").read_text("utf-8")
    assert 'href="lakeside/"' in index and index.count("<li>") == 3
    assert "lakeside.yml" in listed_profiles(agency / "out")


def test_an_index_written_with_whole_paths_is_still_read(agency: Path) -> None:
    run()
    marker = agency / "out" / batch.INDEX_MARKER
    data = json.loads(marker.read_text("utf-8"))
    for site in data["sites"]:  # as earlier versions wrote it, from another machine
        site["profile"] = f"/home/ci/builds/1234/profiles/{site['profile']}"
    marker.write_text(json.dumps(data), encoding="utf-8")
    lake = agency / "profiles" / "lakeside.yml"
    lake.write_text(lake.read_text("utf-8").replace("why:", "whyy:"), encoding="utf-8")
    code, _ = run()
    assert code == 2
    assert 'href="lakeside/"' in (agency / "out" / "index.html").read_text("utf-8")
    assert listed_profiles(agency / "out") == ["hillside.yml", "lakeside.yml", "riverside.yml"]


def test_file_names_that_differ_only_in_case_are_a_located_clash(agency: Path) -> None:
    """Linux keeps Riverside.yml beside riverside.yml; both would become riverside/."""
    river = agency / "profiles" / "riverside.yml"
    (agency / "profiles" / "Riverside.yml").write_text(
        river.read_text("utf-8").replace("Riverside Library", "Other Riverside"), "utf-8")
    code, err = run()
    assert code == 2
    assert ("profiles/riverside.yml:1:1: error: would be built into riverside/, as"
            " profiles/Riverside.yml is: the two file names differ only in letter case"
            " [PB202]\n  hint: rename one of the files, or give one its own"
            " 'organisation: slug:'") in err
    assert "Other Riverside" in (agency / "out" / "riverside" / "index.html").read_text("utf-8")
