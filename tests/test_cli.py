"""The playbook command through click's CliRunner: exit codes, messages, nothing written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook_builder.cli import main
from playbook_builder.commands.handover import PROFILE_ENV

from .conftest import EXAMPLE, Project


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.build
def test_build_with_profile_option(runner: CliRunner, project: Project, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.root)
    other = tmp_path / "other.yml"
    other.write_text(project.profile.read_text("utf-8").replace(
        "Hillside Library", "Lakeside Library"), encoding="utf-8")
    result = runner.invoke(main, ["build", "--profile", str(other), "--out", "out"])
    assert result.exit_code == 0, result.output
    assert "Lakeside Library" in (project.root / "out" / "index.html").read_text("utf-8")
    assert PROFILE_ENV not in os.environ


@pytest.mark.build
def test_build_gives_the_same_site_as_mkdocs(runner: CliRunner, project: Project,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.root)
    assert runner.invoke(main, ["build", "--out", "by-cli"]).exit_code == 0
    project.build()
    for name in ("index.html", "objections/index.html", "search/search_index.json"):
        assert (project.root / "by-cli" / name).read_bytes() == (project.site / name).read_bytes()


@pytest.mark.build
def test_invalid_profile_exits_2_and_writes_nothing(
    runner: CliRunner, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project.root)
    project.write_profile(project.profile.read_text("utf-8").replace("why:", "wyh:"))
    result = runner.invoke(main, ["build", "--out", "out"])
    assert result.exit_code == 2
    assert result.stderr == (
        "profile.yml:1:1: error: missing required key 'why' [PB101]\n"
        "  hint: add 'why:' here (Step 1: why should anyone care about what you do?)\n"
        "profile.yml:5:1: error: unknown key 'wyh' [PB104]\n"
        "  hint: did you mean 'why'?\n"
        "2 errors\n"
    )
    assert not (project.root / "out").exists()


def test_validate(runner: CliRunner, tmp_path: Path) -> None:
    ok = runner.invoke(main, ["validate", str(EXAMPLE)])
    assert (ok.exit_code, ok.stdout) == (0, "1 profile(s) valid\n")
    bad = tmp_path / "bad.yml"
    bad.write_text("schema_version: 1\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", str(EXAMPLE), str(bad)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{bad}:1:1: error: missing required key 'audiences' [PB101]"
    )
    assert result.stderr.splitlines()[-1] == "3 errors"


@pytest.mark.build
def test_missing_config_file(runner: CliRunner, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: mkdocs.yml: no such file; run this where mkdocs.yml is, "
        "or name it with --config-file\n"
    )


def test_version(runner: CliRunner) -> None:
    assert runner.invoke(main, ["--version"]).stdout.startswith("playbook, version ")


BROKEN = "schema_version: 1\norganisation:\n  name: X\nwhy: y\naudiences:\n  - id: a\n" \
         "    name: A\n    hangs_out: [facebok]\nplatfroms: []\n"


def test_json_format(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.chdir(tmp_path)
    Path("p.yml").write_text(BROKEN, encoding="utf-8")
    result = runner.invoke(main, ["validate", "--format", "json", "p.yml"])
    assert result.exit_code == 2
    assert json.loads(result.stdout) == [{
        "file": "p.yml", "line": 8, "col": 17, "code": "PB201", "severity": "error",
        "message": "unknown platform 'facebok'", "hint": "did you mean 'facebook'?",
    }, {
        "file": "p.yml", "line": 9, "col": 1, "code": "PB104", "severity": "error",
        "message": "unknown key 'platfroms'", "hint": "did you mean 'platforms'?",
    }]
    ok = runner.invoke(main, ["validate", "--format", "json", str(EXAMPLE)])
    assert (ok.exit_code, ok.stdout) == (0, "[]\n")


def test_github_format(runner: CliRunner, tmp_path: Path,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("p.yml").write_text(BROKEN.replace("platfroms: []\n", ""), encoding="utf-8")
    result = runner.invoke(main, ["validate", "--format", "github", "p.yml"])
    assert result.exit_code == 2
    assert result.stdout == (
        "::error file=p.yml,line=8,col=17,title=PB201::unknown platform 'facebok' [PB201]"
        "%0Ahint: did you mean 'facebook'?\n"
    )


@pytest.mark.build
def test_build_reports_in_the_chosen_format(runner: CliRunner, project: Project,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.root)
    project.write_profile(BROKEN)
    result = runner.invoke(main, ["build", "--format", "github"])
    assert result.exit_code == 2
    assert result.stdout.splitlines()[1].startswith(
        "::error file=profile.yml,line=9,col=1,title=PB104::")


def own_library_project(project: Project) -> Project:
    """The project with a library of its own: the bundled one plus one more objection,
    which the profile selects (unknown to the bundled library)."""
    import shutil

    from playbook_builder.resources import data_dir

    library = project.root / "library"
    shutil.copytree(data_dir("content"), library)
    item = sorted((library / "objections").glob("*.yml"))[0]
    (library / "objections" / "ours-only.yml").write_text(
        item.read_text("utf-8").replace(f"id: {item.stem}", "id: ours-only"), "utf-8")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "      content_dir: library\n", "utf-8")
    project.write_profile(project.profile.read_text("utf-8").replace(
        "  select: [time-waste, cant-measure]", "  select: [time-waste, ours-only]"))
    return project


@pytest.mark.build
def test_validate_and_check_judge_with_the_projects_library(
    runner: CliRunner, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    own_library_project(project)
    monkeypatch.chdir(project.root)
    assert runner.invoke(main, ["build", "--out", "out"]).exit_code == 0
    validated = runner.invoke(main, ["validate", "profile.yml"])
    assert (validated.exit_code, validated.stdout) == (0, "1 profile(s) valid\n")
    assert runner.invoke(main, ["validate"]).stdout == "1 profile(s) valid\n"  # the project's
    assert runner.invoke(main, ["check", "profile.yml"]).exit_code == 0
    assert runner.invoke(main, ["check"]).exit_code == 0
    elsewhere = runner.invoke(main, ["validate", "profile.yml", "-f", "missing.yml"])
    assert elsewhere.exit_code == 2
    assert "missing.yml: no such file" in elsewhere.stderr
    bundled = runner.invoke(main, ["validate", "profile.yml", "--content-dir",
                                   str(EXAMPLE.parent.parent / "content")])
    assert bundled.exit_code == 2
    assert "unknown objection 'ours-only'" in bundled.stderr


def test_validate_outside_a_project_needs_a_profile(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 2
    assert "name the profiles to check, or run this where the project's mkdocs.yml is" in (
        result.stderr)


@pytest.mark.build
def test_playbook_build_replaces_a_site_mkdocs_built(
    runner: CliRunner, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project.root)
    project.build()  # plain 'mkdocs build', with the plugin
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert (project.site / "index.html").is_file()


def test_a_bare_plugin_entry_names_the_option_it_lacks(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\ntheme:\n  name: material\nplugins:\n  - search\n  - playbook\n", "utf-8")
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 2
    assert result.stderr == (
        "mkdocs.yml:6:5: error: the playbook plugin has no 'profile' option, and"
        " profiles/example.yml does not exist [PB001]\n"
        "  hint: add 'profile: <your profile>.yml' under '- playbook:' (relative to"
        " mkdocs.yml)\n1 error\n")


@pytest.mark.build
@pytest.mark.parametrize("flags", [["-q", "-d", "out"], ["-v", "--site-dir", "out", "-s"],
                                   ["--dirty", "-d", "out"]])
def test_build_takes_mkdocs_flags_after_the_subcommand(
    runner: CliRunner, project: Project, monkeypatch: pytest.MonkeyPatch, flags: list[str]
) -> None:
    monkeypatch.chdir(project.root)
    result = runner.invoke(main, ["build", *flags])
    assert result.exit_code == 0, result.output
    assert (project.root / "out" / "index.html").is_file()
    if "--dirty" in flags:  # a dirty build starts from the site as it was
        (project.root / "out" / "kept.txt").write_text("x", "utf-8")
        assert runner.invoke(main, ["build", *flags]).exit_code == 0
        assert (project.root / "out" / "kept.txt").is_file()
        assert runner.invoke(main, ["build", "-d", "out"]).exit_code == 0
        assert not (project.root / "out" / "kept.txt").exists()


@pytest.mark.build
def test_build_in_json_prints_json(runner: CliRunner, project: Project,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.root)
    result = runner.invoke(main, ["-q", "build", "--out", "out", "--format", "json"])
    assert (result.exit_code, result.stdout) == (0, "[]\n")


def test_serve_takes_mkdocs_flags(runner: CliRunner, project: Project,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import mkdocs.commands.serve

    monkeypatch.chdir(project.root)
    seen: dict[str, object] = {}
    monkeypatch.setattr(mkdocs.commands.serve, "serve", lambda **kwargs: seen.update(kwargs))
    result = runner.invoke(main, ["serve", "--open", "--no-livereload", "--dirty", "-s", "-q",
                                  "-w", "docs", "--watch-theme", "-a", "127.0.0.1:8123"])
    assert result.exit_code == 0, result.output
    assert seen == {"config_file": "mkdocs.yml", "livereload": False, "build_type": "dirty",
                    "watch_theme": True, "watch": ["docs"], "open_in_browser": True,
                    "dev_addr": "127.0.0.1:8123", "strict": True}


# --- strictness, names, output folders, addresses in mkdocs.yml --------------------------

ANCHOR_PAGES = {"extra.md": "# Extra\n\nSee [other](other.md#nowhere).\n",
                "other.md": "# Other\n"}
NOT_IN_NAV = "not_in_nav: |\n  /extra.md\n  /other.md\n"


def with_pages(project: Project, pages: dict[str, str], config_extra: str) -> None:
    for name, text in pages.items():
        (project.root / "docs" / name).write_text(text, encoding="utf-8")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + config_extra, encoding="utf-8")


@pytest.mark.build
@pytest.mark.parametrize("flags", [["-q", "build", "--strict"], ["build", "-q", "--strict"],
                                   ["build", "--strict"], ["build", "-v", "-s"]])
def test_strict_build_fails_on_a_missing_anchor_whatever_the_verbosity(
    runner: CliRunner, project: Project, monkeypatch: pytest.MonkeyPatch, flags: list[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.chdir(project.root)
    with_pages(project, ANCHOR_PAGES, NOT_IN_NAV)
    result = runner.invoke(main, [*flags, "--out", "out"])
    assert result.exit_code == 1, result.output
    assert "strict mode" in result.stderr and "Traceback" not in result.output
    assert "does not contain an anchor '#nowhere'" in caplog.text
    assert not (project.root / "out").exists()
    assert runner.invoke(main, ["-q", "build", "--out", "out"]).exit_code == 0  # not strict


@pytest.mark.build
def test_strict_build_fails_on_a_page_left_out_of_the_nav(
    runner: CliRunner, project: Project, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.chdir(project.root)
    with_pages(project, {"extra.md": "# Extra\n"}, "")
    result = runner.invoke(main, ["-q", "build", "--strict", "--out", "out"])
    assert result.exit_code == 1, result.output
    assert "strict mode" in result.stderr
    assert "extra.md" in caplog.text and "not included in the \"nav\"" in caplog.text


@pytest.mark.build
def test_the_configs_own_strict_is_kept(runner: CliRunner, project: Project,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.root)
    with_pages(project, ANCHOR_PAGES, NOT_IN_NAV + "strict: true\n")
    assert runner.invoke(main, ["-q", "build", "--out", "out"]).exit_code == 1
    assert runner.invoke(main, ["-q", "build", "--no-strict", "--out", "out"]).exit_code == 0


@pytest.mark.build
def test_strict_keeps_a_users_own_validation_settings(
    runner: CliRunner, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``absolute_links: relative_to_docs`` is a way of reading links, not a level."""
    monkeypatch.chdir(project.root)
    with_pages(project, {"extra.md": "# Extra\n\nSee [other](/other.md).\n",
                         "other.md": "# Other\n"},
               NOT_IN_NAV + "validation:\n  links:\n    absolute_links: relative_to_docs\n")
    result = runner.invoke(main, ["-q", "build", "--strict", "--out", "out"])
    assert result.exit_code == 0, result.output


def test_tighten_raises_levels_and_keeps_warnings_counted() -> None:
    import logging

    from playbook_builder.commands.strictness import tighten

    config = {"strict": True, "validation": {
        "nav": {"omitted_files": logging.INFO, "not_found": logging.WARNING,
                "absolute_links": logging.DEBUG},
        "links": {"not_found": logging.WARNING, "anchors": logging.INFO,
                  "absolute_links": -1, "unrecognized_links": logging.INFO}}}
    logger = logging.getLogger("mkdocs")
    saved = logger.level
    try:
        logger.setLevel(logging.ERROR)
        tighten(config)
        assert logger.level == logging.WARNING
    finally:
        logger.setLevel(saved)
    assert config["validation"] == {
        "nav": {"omitted_files": logging.WARNING, "not_found": logging.WARNING,
                "absolute_links": logging.WARNING},
        "links": {"not_found": logging.WARNING, "anchors": logging.WARNING,
                  "absolute_links": -1, "unrecognized_links": logging.WARNING}}
    relaxed = {"strict": False, "validation": {"nav": {}, "links": {}}}
    tighten(relaxed)
    assert relaxed["validation"] == {"nav": {}, "links": {}}


@pytest.mark.parametrize("name", ["1.0\n", "1.0\nmain", "\x1b[2J", " 1.0", "1.0 ", "1..2",
                                  "a" * 65, "-rf", "", "index.html", "v1/x", "1.0\t"])
def test_bad_version_and_alias_names_are_one_plain_line(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)  # checked before anything else: no project needed
    for args in (["publish", "--", name], ["publish", "1.0", "--alias", name]):
        result = runner.invoke(main, args)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("Error: '") and "is not a version name" in (
            result.stderr)
        assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr
        assert "Traceback" not in result.output
        assert isinstance(result.exception, SystemExit)  # not a crash


def test_good_version_names_pass() -> None:
    from playbook_builder.site.links import version_name_problem

    for name in ("1.0", "2026.11", "latest", "v2", "dev_build-3", "a" * 64):
        assert version_name_problem(name) is None, name


def test_an_unusable_out_folder_is_one_line(runner: CliRunner, project: Project,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.root)
    result = runner.invoke(main, ["-q", "build", "--out", "/proc/x"])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: /proc/x: cannot write the site there (")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    root = runner.invoke(main, ["-q", "build", "--out", "/"])
    assert root.exit_code == 2 and root.stderr.count("\n") == 1, root.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_parent_is_one_line(runner: CliRunner, project: Project,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.root)
    locked = project.root / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = runner.invoke(main, ["-q", "build", "--out", "locked/site"])
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 2, result.output
    assert "cannot write the site there" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


@pytest.fixture
def small_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A 512 KiB tmpfs (where this runs as root with the right to mount), read-only or
    full on request."""
    import subprocess

    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs",
                              str(folder)], capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.build
@pytest.mark.parametrize("state", ["full-before", "full-during", "read-only"])
def test_a_full_or_read_only_disk_is_one_line(
    runner: CliRunner, project: Project, monkeypatch: pytest.MonkeyPatch, small_disk: Path,
    state: str,
) -> None:
    import subprocess

    monkeypatch.chdir(project.root)
    if state == "full-before":
        subprocess.run(["dd", "if=/dev/zero", f"of={small_disk / 'fill'}", "bs=4k"],
                       capture_output=True, check=False)
    if state == "read-only":
        subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = runner.invoke(main, ["-q", "build", "--out", str(small_disk / "sub" / "site")])
    expected = 2 if state == "read-only" else 1
    assert result.exit_code == expected, result.output
    error = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(error) == 1 and "Traceback" not in result.output, result.output
    assert ("cannot write the site there" if state == "read-only" else "the disk is full"
            ) in error[0]
    assert not (small_disk / "sub" / "site").exists()


@pytest.mark.parametrize(("key", "value"), [
    ("site_url", "https://x/\"><script>alert(1)</script>"),
    ("site_url", "https://x/ onload=alert(1)"),
    ("repo_url", "https://git.example.org/'onmouseover='alert(1)"),
    ("edit_uri", "javascript:alert(1)//"),
    ("edit_uri", "edit/main/docs/\"><img src=x>"),
    ("edit_uri_template", "edit/main/docs/{path}<x>"),
])
def test_addresses_with_markup_are_refused_before_building(
    runner: CliRunner, project: Project, monkeypatch: pytest.MonkeyPatch, key: str,
    value: str,
) -> None:
    import json

    monkeypatch.chdir(project.root)
    config = project.root / "mkdocs.yml"
    # edit_uri goes too: MkDocs warns when both it and edit_uri_template are set, and
    # that warning, printed or not depending on which test set up logging first, is not
    # what this test is about.
    lines = [line for line in config.read_text("utf-8").splitlines()
             if not line.startswith((f"{key}:", "edit_uri"))]
    config.write_text("\n".join([*lines, f"{key}: {json.dumps(value)}", ""]), "utf-8")
    for args in (["build", "--out", "out"], ["publish", "1.0"], ["export", "--out", "out"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.startswith(f"Error: mkdocs.yml: '{key}' must be "), result.stderr
        assert result.stderr.count("\n") == 1
    assert not (project.root / "out").exists()


def test_plain_addresses_pass() -> None:
    from playbook_builder.commands.config_urls import url_problem

    for key, value in [("site_url", "https://playbook.example.org/"),
                       ("site_url", "http://localhost:8000/a/b/"), ("site_url", None),
                       ("site_url", "https://bücher.example/"),
                       ("repo_url", "https://github.com/org/repo"),
                       ("edit_uri", "edit/main/docs/"), ("edit_uri", "?path=/docs/"),
                       ("edit_uri", "https://git.example.org/org/repo/-/edit/main/docs/"),
                       ("edit_uri_template", "edit/main/docs/{path!q}")]:
        assert url_problem(key, value) is None, (key, value)
    for key, value in [("site_url", "ftp://x.org/"), ("repo_url", "https://x.org/\u202e"),
                       ("site_url", "https://x.org/`"), ("edit_uri", "data:text/html,x")]:
        assert url_problem(key, value) is not None, (key, value)


@pytest.mark.parametrize(("value", "public"), [("1", True), ("yes", True), ("TRUE", True),
                                               ("0", False), ("", False), ("off", False)])
def test_the_public_switch_reads_yes_and_no(monkeypatch: pytest.MonkeyPatch, value: str,
                                            public: bool) -> None:
    from playbook_builder.commands.handover import PUBLIC_ENV, public_requested

    monkeypatch.setenv(PUBLIC_ENV, value)
    assert public_requested() is public


def test_a_public_switch_that_is_neither_yes_nor_no_is_refused(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from playbook_builder.commands.handover import (
        PUBLIC_ENV,
        HandoverProblem,
        public_requested,
    )

    monkeypatch.setenv(PUBLIC_ENV, "internal")
    with pytest.raises(HandoverProblem, match="PLAYBOOK_PUBLIC is 'internal'"):
        public_requested()


def test_public_and_dirty_are_refused_together(runner: CliRunner, project: Project) -> None:
    result = runner.invoke(main, ["build", "--public", "--dirty", "--config-file",
                                  str(project.root / "mkdocs.yml")])
    assert result.exit_code == 2
    assert "a public site cannot start from a previous build" in result.stderr
    assert not project.site.exists()
