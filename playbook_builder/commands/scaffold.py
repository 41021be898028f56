"""``playbook new``: a ready-to-build playbook project, with CI that validates and publishes.

The project's CI installs exactly the Playbook Builder that wrote it: the version is
pinned in ``requirements-playbook.txt``, which both CI templates install from, so a new
release (or anyone else's package of the same name) never changes a playbook's build
until its authors change that line.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

from .. import __version__
from ..inputs.schema import schema_text
from .output import OutputError

_FILES = Path(__file__).resolve().parent / "scaffold"

DISTRIBUTION = "playbook-builder"
REQUIREMENTS = "requirements-playbook.txt"

CI_FILES = {
    "github": (".github/workflows/playbook.yml", "github.yml"),
    "gitlab": (".gitlab-ci.yml", "gitlab-ci.yml"),
}

REPOSITORY_PLACEHOLDER = "<https address of Playbook Builder's git repository>"
"""Written when the installed package does not say where its repository is."""

# Project-URL labels that name the source repository, best first (normalised as in
# PEP 753: lower case, without punctuation or spaces); a home page is the last resort.
_REPOSITORY_LABELS = ("repository", "source", "sourcecode", "code", "github", "gitlab",
                      "homepage")
_SAFE_URL = re.compile(r"^[A-Za-z0-9._~:/%+-]+$")


COUNTRY_LINE = "  # country: GB\n"
"""The profile's commented-out country, which ``--country`` fills in."""


ENGINE_NOTE = """\
# Built with Zensical: always through `playbook build --engine zensical` (or serve,
# publish), which renders the playbook first. `zensical build` alone ignores the
# playbook plugin below and builds a site with no playbook in it.
"""


def project_files(ci: str | None, country: str | None = None,
                  engine: str = "mkdocs") -> dict[str, str]:
    """Path in the new project -> content; with ``engine`` zensical, its commands, CI and
    requirements build with Zensical."""
    files = _project_files(ci, country)
    if engine == "zensical":
        for name in (REQUIREMENTS, "README.md", *(target for target, _ in CI_FILES.values())):
            if name in files:
                files[name] = _with_zensical(files[name])
        files["mkdocs.yml"] = ENGINE_NOTE + files["mkdocs.yml"]
    return files


def _with_zensical(text: str) -> str:
    """The commands that build a site, told to build with Zensical, and the package with
    its Zensical extra."""
    text = re.sub(r"\bplaybook (build|serve|publish)\b", r"playbook \1 --engine zensical",
                  text)
    return text.replace(f"{DISTRIBUTION}==", f"{DISTRIBUTION}[zensical]==").replace(
        f"{DISTRIBUTION} @ git+", f"{DISTRIBUTION}[zensical] @ git+")


def _project_files(ci: str | None, country: str | None) -> dict[str, str]:
    profile = _read("profile.yml")
    if country is not None:
        profile = profile.replace(COUNTRY_LINE, f"  country: {country}\n", 1)
    files = {
        "mkdocs.yml": _read("mkdocs.yml"),
        "profiles/playbook.yml": profile,
        "playbook-profile.schema.json": schema_text(),
        REQUIREMENTS: requirements_text(__version__, repository_url()),
        "docs/.gitkeep": "",
        ".gitignore": _read("gitignore"),
        "README.md": Template(_read("README.md")).substitute(version=__version__),
        "mkdocs-projects.yml": _read("mkdocs-projects.yml"),
    }
    if ci is not None:
        target, source = CI_FILES[ci]
        files[target] = _read(source)
    return files


def requirements_text(version: str, repository: str | None) -> str:
    """The requirements file pinning Playbook Builder ``version``.

    ``repository`` is where the commented-out alternative installs that version from
    (its tag ``v<version>``); without one, the line holds a placeholder to replace.
    """
    template = Template(_read(REQUIREMENTS))
    return template.substitute(version=version,
                               repository=repository or REPOSITORY_PLACEHOLDER)


def repository_url() -> str | None:
    """The https address of Playbook Builder's repository, from the installed package's
    metadata (``Project-URL``, then ``Home-page``); None when it gives none."""
    try:
        meta = metadata.metadata(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None
    found: dict[str, str] = {}
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        found.setdefault(re.sub(r"[^a-z0-9]", "", label.lower()), url.strip())
    for home_page in meta.get_all("Home-page") or []:
        found.setdefault("homepage", home_page.strip())
    for label in _REPOSITORY_LABELS:
        url = _usable(found.get(label, ""))
        if url:
            return url
    return None


def _usable(url: str) -> str | None:
    """``url`` when pip can install from it as ``git+URL@tag``: https and a host, with
    no credentials, query or fragment, nor anything that would end the requirement line
    (the characters allowed leave out '@', '?', '#' and spaces)."""
    if not _SAFE_URL.match(url):
        return None
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return None
    return url.rstrip("/")


def _read(name: str) -> str:
    return (_FILES / name).read_text(encoding="utf-8")


def scaffold(folder: Path, ci: str | None, country: str | None = None,
             engine: str = "mkdocs") -> list[str]:
    """Write a new project into ``folder``, which must be missing or empty."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise OutputError(f"{folder}: not an empty folder; choose a new one")
    files = project_files(ci, country, engine)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return sorted(files)
