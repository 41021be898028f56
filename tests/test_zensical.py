"""The second engine: the demo built by Zensical gives the same pages as MkDocs, with the
same footer and role paths, asks no other host, and keeps every promise of a build
(strict, gate, public, atomic swap, exit codes, same bytes); publish goes through mike."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from playwright import sync_api

from playbook_builder.cli import main
from playbook_builder.commands import zensical
from playbook_builder.commands.output import MARKER

from .browser import serve
from .conftest import REPO, tamper_first_page
from .gitrepo import clone_project, git, make_remote
from .test_no_external_requests import FORBIDDEN_IN_HTML, Requests, site_pages, visit

pytestmark = pytest.mark.build

THEME_ASSETS = re.compile(r"^assets/(javascripts/(bundle|lunr|workers|LICENSE)|stylesheets/"
                          r"(main|palette|classic|modern)|images/favicon)")
"""Each engine's own copy of the theme, named by content hashes that differ."""
SEARCH_AND_SITEMAP = {"search/search_index.json", "search.json", "sitemap.xml.gz",
                      "tags.json"}
"""Files one engine writes and the other does not: MkDocs' search index and gzipped
sitemap and Material's tags index, Zensical's search index."""


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["-q", *args])


def built(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()
            and not THEME_ASSETS.match(path.relative_to(site).as_posix())
            and path.relative_to(site).as_posix() not in SEARCH_AND_SITEMAP}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo, built by each engine with ``playbook build``."""
    out = tmp_path_factory.mktemp("engines")
    found = {}
    for engine in ("mkdocs", "zensical"):
        result = run("build", "--config-file", str(REPO / "mkdocs.yml"), "--engine", engine,
                     "--out", str(out / engine))
        assert result.exit_code == 0, result.output
        found[engine] = out / engine
    return found


def test_both_engines_build_the_same_files(sites: dict[str, Path]) -> None:
    mkdocs, zensical_files = built(sites["mkdocs"]), built(sites["zensical"])
    assert mkdocs == zensical_files
    assert {"index.html", "contacts/index.html", "when-things-go-wrong/index.html",
            "onboarding/front-door-volunteer/print/index.html", "playbook.json",
            MARKER} <= zensical_files
    assert len([name for name in zensical_files if name.endswith(".html")]) >= 40
    assert (sites["mkdocs"] / "playbook.json").read_bytes() == (
        sites["zensical"] / "playbook.json").read_bytes()


def _footer(html: str) -> str:
    found = re.search(r'<p class="pb-page-facts">.*?</p>', html, re.DOTALL)
    assert found, "no owner and version under the page"
    return re.sub(r"\s+", " ", found.group(0))


def _path(html: str) -> list[str]:
    return re.findall(r'<a class="pb-path__step" href="([^"]*)"', html)


def test_every_page_has_the_same_footer_and_every_role_the_same_path(
        sites: dict[str, Path]) -> None:
    pages = sorted(name for name in built(sites["zensical"]) if name.endswith("index.html")
                   and name != "404.html")
    roles = 0
    for name in pages:
        mine = (sites["mkdocs"] / name).read_text("utf-8")
        theirs = (sites["zensical"] / name).read_text("utf-8")
        if "pb-page-facts" in mine:
            assert _footer(mine) == _footer(theirs), name
            assert "comms@riverside.example.org" in _footer(theirs)
        if name.startswith("onboarding/") and _path(mine):
            roles += 1
            assert _path(mine) == _path(theirs), name
    assert roles >= 4


def test_the_home_page_title_is_the_site_name_on_both(sites: dict[str, Path]) -> None:
    for site in sites.values():
        html = (site / "index.html").read_text("utf-8")
        assert "<title>Riverside Social Playbook</title>" in html
        assert "<title>Who to ask - Riverside Social Playbook</title>" in (
            site / "contacts" / "index.html").read_text("utf-8")


def test_no_page_of_either_engine_names_web_fonts(sites: dict[str, Path]) -> None:
    for engine, site in sites.items():
        for page in site.rglob("*.html"):
            html = page.read_text("utf-8")
            assert not [host for host in FORBIDDEN_IN_HTML if host in html], (engine, page)


@pytest.mark.browser
def test_every_page_zensical_built_asks_only_its_own_server(
        sites: dict[str, Path], browser: sync_api.Browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        with serve(sites["zensical"]) as served:
            requests = Requests(page, served)
            pages = site_pages(sites["zensical"])
            assert len(pages) >= 40
            asked = {}
            for url in pages:
                visit(page, served + url)
                asked[url] = requests.elsewhere()
                requests.urls.clear()
    finally:
        context.close()
    elsewhere = {url: found for url, found in asked.items() if found}
    assert not elsewhere, f"pages that asked other hosts: {elsewhere}"


def test_a_plain_mkdocs_build_of_an_export_names_no_other_host(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    result = run("export", "--config-file", str(REPO / "mkdocs.yml"), "--out",
                 str(tmp_path / "export"))
    assert result.exit_code == 0, result.output
    config = (tmp_path / "export" / "mkdocs.yml").read_text("utf-8")
    assert "font: false" in config and "site_description:" in config
    build(load_config(str(tmp_path / "export" / "mkdocs.yml"), site_dir=str(tmp_path / "s"),
                      strict=True))
    for page in (tmp_path / "s").rglob("*.html"):
        html = page.read_text("utf-8")
        assert not [host for host in FORBIDDEN_IN_HTML if host in html], page


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the demo project to change."""
    project = tmp_path / "demo"
    project.mkdir()
    for name in ("mkdocs.yml", "profiles", "docs"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            shutil.copy(source, project / name)
    return project


def build_demo(project: Path, *args: str) -> Result:
    return run("build", "--engine", "zensical", "--config-file", str(project / "mkdocs.yml"),
               "--out", str(project / "site"), *args)


def read_all(folder: Path) -> str:
    return "".join(path.read_text("utf-8", "replace") for path in folder.rglob("*")
                   if path.is_file())


def test_a_public_build_holds_no_internal_value(demo: Path) -> None:
    assert build_demo(demo).exit_code == 0  # the full playbook first, then the public one
    assert "Sam Patel" in read_all(demo / ".site.zensical")
    result = build_demo(demo, "--public")
    assert result.exit_code == 0, result.output
    everything = read_all(demo / "site")
    assert "Sam Patel" not in everything and "safeguarding-lead" not in everything
    assert not (demo / "site" / "onboarding" / "trustee").exists()
    # Nor does the project it was built from, nor Zensical's cache there: the public
    # playbook has a project of its own.
    assert "Sam Patel" not in read_all(demo / ".site.zensical-public")


def test_the_same_inputs_give_the_same_bytes(demo: Path, tmp_path: Path) -> None:
    assert build_demo(demo).exit_code == 0
    first = {p.relative_to(demo / "site"): p.read_bytes()
             for p in (demo / "site").rglob("*") if p.is_file()}
    shutil.rmtree(demo / ".site.zensical")  # from a cold cache, too
    assert build_demo(demo).exit_code == 0
    second = {p.relative_to(demo / "site"): p.read_bytes()
              for p in (demo / "site").rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_invalid_input_exits_2_and_writes_nothing(demo: Path) -> None:
    assert build_demo(demo).exit_code == 0
    before = (demo / "site" / "index.html").read_bytes()
    profile = demo / "profiles" / "example.yml"
    profile.write_text(profile.read_text("utf-8").replace("platforms:", "platfroms:", 1),
                       encoding="utf-8")
    result = build_demo(demo)
    assert result.exit_code == 2
    assert "unknown key 'platfroms' [PB104]" in result.output
    assert (demo / "site" / "index.html").read_bytes() == before


def test_a_warning_fails_a_strict_build_and_keeps_the_site(demo: Path) -> None:
    assert build_demo(demo).exit_code == 0
    before = sorted(p.name for p in (demo / "site").iterdir())
    (demo / "docs" / "extra.md").write_text("# Extra\n\nSee [this](missing.md).\n", "utf-8")
    result = build_demo(demo, "--strict")
    assert result.exit_code == 1
    assert "Zensical did not build the site: Aborted because --strict flag is set" in (
        result.output)
    assert "/docs/extra.md:3:12: error: page does not exist [PB301]\n" in result.output
    assert sorted(p.name for p in (demo / "site").iterdir()) == before
    result = build_demo(demo, "--strict", "--format", "json")
    assert result.exit_code == 1
    reported = json.loads(result.output)
    first = reported[0]
    assert first["file"].endswith("docs/extra.md")
    assert (first["line"], first["col"], first["message"]) == (3, 12, "page does not exist")
    assert reported[-1]["message"] == ("Zensical did not build the site: Aborted because"
                                       " --strict flag is set")
    result = build_demo(demo, "--no-strict")
    assert result.exit_code == 0, result.output
    assert (demo / "site" / "extra" / "index.html").is_file()  # the project's own page


def test_the_projects_own_pages_theme_and_nav_are_kept(demo: Path) -> None:
    (demo / "docs" / "about.md").write_text("# About us\n\nWho we are.\n", "utf-8")
    (demo / "overrides").mkdir()
    (demo / "overrides" / "404.html").write_text(
        '{% extends "main.html" %}{% block content %}<h1>Not here</h1>{% endblock %}',
        "utf-8")
    config = demo / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "  name: material\n", "  name: material\n  custom_dir: overrides\n") +
        "nav:\n  - Home: index.md\n  - About: about.md\n", encoding="utf-8")
    result = build_demo(demo, "--strict")
    assert result.exit_code == 0, result.output
    home = (demo / "site" / "index.html").read_text("utf-8")
    assert 'href="./about/"' in home
    assert re.search(r">\s*Playbook\s*<", home)  # the playbook, as a section after theirs
    assert "Not here" in (demo / "site" / "404.html").read_text("utf-8")


def test_dirty_is_refused_with_zensical(demo: Path) -> None:
    result = build_demo(demo, "--dirty")
    assert result.exit_code == 2
    assert "--dirty is for the MkDocs engine" in result.output


def test_without_zensical_the_command_says_how_to_install_it(
        demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zensical.importlib.util, "find_spec", lambda name: None)
    result = build_demo(demo)
    assert result.exit_code == 2
    assert ("Error: --engine zensical needs Zensical: install it with pip install"
            " 'playbook-builder[zensical]'") in result.output


def test_profiles_build_one_site_each(demo: Path) -> None:
    folder = demo / "profiles"
    (folder / "second.yml").write_text((folder / "example.yml").read_text("utf-8").replace(
        "slug: riverside", "slug: second"), encoding="utf-8")
    result = run("build", "--engine", "zensical", "--config-file", str(demo / "mkdocs.yml"),
                 "--profiles", str(folder), "--out", str(demo / "sites"), "--jobs", "1")
    assert result.exit_code == 0, result.output
    for slug in ("riverside", "second"):
        assert (demo / "sites" / slug / "contacts" / "index.html").is_file()
        assert (demo / "sites" / slug / "playbook.json").is_file()
    # What Zensical builds from is kept beside the folder that is published, not in it.
    assert not [p.name for p in (demo / "sites").iterdir() if "zensical" in p.name]
    assert (demo / ".sites.zensical" / "riverside" / "mkdocs.yml").is_file()
    # A site the other engine built is not taken for one of this engine's.
    result = run("build", "--config-file", str(demo / "mkdocs.yml"), "--profiles",
                 str(folder), "--out", str(demo / "sites"), "--jobs", "1", "--changed-only")
    assert result.exit_code == 0 and "2 built, 0 unchanged" in result.output, result.output


def test_publish_twice_gives_both_versions_and_what_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    remote = make_remote(tmp_path)
    project = clone_project(remote, tmp_path / "work")
    monkeypatch.chdir(project)
    result = run("publish", "--engine", "zensical", "2026.10", "--alias", "latest",
                 "--set-default", "--push")
    assert result.exit_code == 0, result.output
    profile = project / "profiles" / "example.yml"
    profile.write_text(profile.read_text("utf-8").replace(
        "cadence: three posts a week", "cadence: daily"), encoding="utf-8")
    git(project, "commit", "-qam", "daily")
    result = run("publish", "--engine", "zensical", "2026.11", "--alias", "latest", "--push")
    assert result.exit_code == 0, result.output
    versions = json.loads(git(remote, "show", "gh-pages:versions.json"))
    assert [(v["version"], v["aliases"]) for v in versions] == [
        ("2026.11", ["latest"]), ("2026.10", [])]
    second = git(remote, "show", "gh-pages:2026.11/changes/index.html")
    assert "Since version 2026.10" in second and "cadence" in second
    page = git(remote, "show", "gh-pages:2026.10/index.html")
    assert '"provider":"mike"' in page.replace(" ", "")  # the selector and the banner
    assert "https://playbook.riverside.example.org/2026.10/" in page  # canonical URL


def test_mkdocs_choice_of_files_and_case_rule_hold(demo: Path) -> None:
    (demo / "docs" / "drafts").mkdir()
    (demo / "docs" / "drafts" / "plan.md").write_text("# Plan\n", "utf-8")
    (demo / "docs" / "_draft.md").write_text("# Not yet\n", "utf-8")
    (demo / "docs" / "aside.md").write_text("# Aside\n", "utf-8")
    (demo / "docs" / ".#lock.md").symlink_to("user@host.1234:99")  # an editor's lock
    config = demo / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "exclude_docs: drafts/\n"
                      "draft_docs: _*.md\nnot_in_nav: /aside.md\n", encoding="utf-8")
    result = build_demo(demo, "--strict")
    assert result.exit_code == 0, result.output
    assert not (demo / "site" / "drafts").exists() and not (demo / "site" / "_draft").exists()
    assert (demo / "site" / "aside" / "index.html").is_file()
    assert "drafts/plan" not in (demo / "site" / "search.json").read_text("utf-8")
    (demo / "docs" / "Contacts.md").write_text("# Ours\n", "utf-8")
    result = build_demo(demo)
    assert result.exit_code == 2
    assert "[PB202]" in result.output and "Contacts.md" in result.output


def test_functions_named_in_the_configuration_are_written_as_named(demo: Path) -> None:
    config = demo / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("markdown_extensions:\n", (
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n")),
        encoding="utf-8")
    result = build_demo(demo, "--strict")
    assert result.exit_code == 0, result.output
    staged = (demo / ".site.zensical" / "mkdocs.yml").read_text("utf-8")
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji ''" in staged


def test_write_changed_lets_a_file_become_a_folder_and_back(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    zensical.write_changed(folder, {"docs/media": b"a file"})
    zensical.write_changed(folder, {"docs/media/photo.png": b"in a folder"})
    assert (folder / "docs" / "media" / "photo.png").read_bytes() == b"in a folder"
    zensical.write_changed(folder, {"docs/media": b"a file again"})
    assert (folder / "docs" / "media").read_bytes() == b"a file again"


def test_write_changed_writes_only_what_changed(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    assert zensical.write_changed(folder, {"docs/a.md": b"a", "docs/b.md": b"b"},
                                  keep=("site",)) == ["docs/a.md", "docs/b.md"]
    (folder / "site").mkdir()
    (folder / "site" / "kept.html").write_text("x", "utf-8")
    (folder / ".cache").mkdir()
    assert zensical.write_changed(folder, {"docs/a.md": b"A"}, keep=("site",)) == [
        "docs/a.md"]
    assert not (folder / "docs" / "b.md").exists()
    assert (folder / "site" / "kept.html").exists() and (folder / ".cache").is_dir()
    assert not list(folder.rglob("*.tmp"))


def test_the_gate_reads_the_article_as_content_and_the_rest_as_the_theme(
        tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    button = ('<a href="https://example.org/edit/x.md" title="Edit this page"'
              ' class="md-content__button md-icon"><svg viewBox="0 0 24 24"><path d="M0'
              ' 0"/></svg></a>')
    page.write_text(f'<html><head><script src="bundle.js"></script></head><body>'
                    f'<article class="md-content__inner">{button}<p>Fine</p></article>'
                    f'</body></html>', "utf-8")
    assert zensical.gate_findings(page) == []
    page.write_text('<html><body><article><p>x</p><script>alert(1)</script></article>'
                    '<a href="javascript:alert(1)">y</a></body></html>', "utf-8")
    findings = zensical.gate_findings(page)
    assert len(findings) == 2 and any("script" in f for f in findings)


def test_a_new_zensical_project_builds_with_zensical_everywhere(tmp_path: Path) -> None:
    project = tmp_path / "new"
    result = run("new", str(project), "--ci", "github", "--country", "GB",
                 "--engine", "zensical")
    assert result.exit_code == 0, result.output
    assert "next: cd" in result.output and "playbook serve --engine zensical" in result.output
    workflow = (project / ".github" / "workflows" / "playbook.yml").read_text("utf-8")
    assert "playbook build --engine zensical --strict" in workflow
    assert "playbook publish --engine zensical " in workflow
    requirements = (project / "requirements-playbook.txt").read_text("utf-8")
    assert re.search(r"^playbook-builder\[zensical\]==", requirements, re.MULTILINE)
    assert "`zensical build` alone ignores" in (project / "mkdocs.yml").read_text("utf-8")
    result = run("build", "--engine", "zensical", "--strict", "--config-file",
                 str(project / "mkdocs.yml"), "--out", str(project / "site"))
    assert result.exit_code == 0, result.output
    assert (project / "site" / "contacts" / "index.html").is_file()
    ignored = git_ignored(project, [".site.zensical/docs/index.md",
                                    ".site.zensical-public/docs/index.md",
                                    ".site.zensical-serve/mkdocs.yml"])
    assert ignored == 3


def git_ignored(project: Path, paths: list[str]) -> int:
    import subprocess

    git(project.parent, "init", "-q", str(project))
    done = subprocess.run(["git", "check-ignore", *paths], cwd=project, capture_output=True,
                          text=True, check=False)
    return len(done.stdout.split())


def test_serve_shows_a_profile_edit_and_survives_a_mistake(demo: Path) -> None:
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    url = f"http://127.0.0.1:{port}/contacts/"
    server = subprocess.Popen(
        [sys.executable, "-m", "playbook_builder.cli", "serve", "--engine", "zensical",
         "-a", f"127.0.0.1:{port}"], cwd=demo, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def page_with(text: str) -> bool:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if text in urllib.request.urlopen(url, timeout=2).read().decode():
                    return True
            except OSError:
                pass
            time.sleep(0.05)
        return False

    profile = demo / "profiles" / "example.yml"
    original = profile.read_text("utf-8")
    try:
        assert page_with("Sam Patel")
        profile.write_text(original.replace("platforms:", "platfroms:", 1), "utf-8")
        time.sleep(1)  # a mistake is reported; the pages stay as they were
        assert page_with("Sam Patel")
        profile.write_text(original, "utf-8")
        (demo / "docs" / "away.md").symlink_to("/etc/hostname")  # refused, reported
        time.sleep(1)
        assert page_with("Sam Patel") and server.poll() is None
        (demo / "docs" / "away.md").unlink()
        profile.write_text(original.replace("Sam Patel", "Sam Patil"), "utf-8")
        assert page_with("Sam Patil")
    finally:
        server.send_signal(signal.SIGTERM)  # stops Zensical's server too
        output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output
    assert "unknown key 'platfroms' [PB104]" in output, output
    assert "[PB206]" in output, output
    with socket.socket() as again:  # the port is free: Zensical's server is gone
        again.bind(("127.0.0.1", port))
    assert not list((demo / ".site.zensical-serve" / "docs").rglob("*.tmp"))


def test_serve_fails_when_zensicals_server_cannot_start(demo: Path) -> None:
    import socket
    import subprocess
    import sys

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "playbook_builder.cli", "serve", "--engine", "zensical",
             "-a", f"127.0.0.1:{port}"], cwd=demo, capture_output=True, text=True,
            timeout=60, check=False)
    assert done.returncode == 1, done.stderr
    assert "Error: Zensical's server stopped (exit code 1); see its messages above" in (
        done.stderr)


def test_the_gate_refuses_a_tampered_page_and_keeps_the_site(
        demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert build_demo(demo).exit_code == 0
    before = (demo / "site" / "index.html").read_bytes()
    tamper_first_page(monkeypatch)
    result = build_demo(demo)
    assert result.exit_code == 1
    assert "publish gate: generated pages contain what our templates never put there" in (
        result.output)
    assert "index.md: a <script> element" in result.output, result.output
    assert (demo / "site" / "index.html").read_bytes() == before


def test_the_preview_reports_what_the_gate_finds(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from types import SimpleNamespace

    site = tmp_path / "site"
    (site / "contacts").mkdir(parents=True)
    (site / "index.html").write_text("<article><p>Fine</p></article>", "utf-8")
    (site / "contacts" / "index.html").write_text("<article><script>x()</script></article>",
                                                  "utf-8")
    staged = SimpleNamespace(generated={"index.md": "index.html",
                                        "contacts.md": "contacts/index.html"})
    gate = zensical._PreviewGate(site)
    with caplog.at_level("WARNING", logger="mkdocs.playbook.zensical"):
        gate.check(staged)  # type: ignore[arg-type]
        gate.check(staged)  # type: ignore[arg-type]  # unchanged pages are not read again
    assert [record.getMessage() for record in caplog.records] == [
        "publish gate: contacts.md: a <script> element; playbook build would not publish it"]
