"""``playbook new``: a ready-to-build playbook project, with CI that validates and publishes."""

from __future__ import annotations

from pathlib import Path

from ..inputs.schema import schema_text
from .output import OutputError

_FILES = Path(__file__).resolve().parent / "scaffold"

CI_FILES = {
    "github": (".github/workflows/playbook.yml", "github.yml"),
    "gitlab": (".gitlab-ci.yml", "gitlab-ci.yml"),
}


def project_files(ci: str | None) -> dict[str, str]:
    """Path in the new project -> content."""
    files = {
        "mkdocs.yml": (_FILES / "mkdocs.yml").read_text(encoding="utf-8"),
        "profiles/playbook.yml": (_FILES / "profile.yml").read_text(encoding="utf-8"),
        "playbook-profile.schema.json": schema_text(),
        "docs/.gitkeep": "",
        ".gitignore": "/site/\n/public/\n.*.lock\n",
    }
    if ci is not None:
        target, source = CI_FILES[ci]
        files[target] = (_FILES / source).read_text(encoding="utf-8")
    return files


def scaffold(folder: Path, ci: str | None) -> list[str]:
    """Write a new project into ``folder``, which must be missing or empty."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise OutputError(f"{folder}: not an empty folder; choose a new one")
    files = project_files(ci)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return sorted(files)
