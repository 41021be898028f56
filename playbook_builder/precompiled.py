"""Our templates compiled ahead of time and shipped in the package.

Jinja needs ~50 ms to lex, parse and generate code for our 14 KB of templates, which
every first build (every CI build) would pay. ``python -m playbook_builder.precompiled``
writes the compiled templates into ``templates_compiled/`` as Python modules (Jinja's
``compile_templates``), with a manifest naming the Jinja version that wrote them, a
digest of each template's source and one of ``render.py``, where the environment whose
settings (trimming, escaping through ``finalize``, the sandbox) are built into the code
is made. A build loads them only while all of these still hold; otherwise it compiles
the sources, as Jinja normally does. A test keeps the committed folder current.

They are code of this package, like its modules, so loading them trusts nothing new.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import jinja2

PACKAGE = Path(__file__).parent
SOURCES = PACKAGE / "templates"
FOLDER = PACKAGE / "templates_compiled"
MANIFEST = "manifest.json"


def manifest() -> dict[str, Any]:
    """What compiled templates must have been made from to be used in this process."""
    sources = sorted(p for p in SOURCES.rglob("*") if p.is_file())
    return {
        "jinja": jinja2.__version__,
        "environment": _digest(PACKAGE / "render.py"),
        "templates": {template_name_of(p): _digest(p) for p in sources},
    }


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def template_name_of(path: Path) -> str:
    """The name a template file is loaded by, such as ``steps/why.md.j2``."""
    return path.relative_to(SOURCES).as_posix()


def loader(folder: Path = FOLDER) -> jinja2.BaseLoader | None:
    """A loader of the compiled templates in ``folder``, falling back to the sources for
    any that is missing; None when they are out of date."""
    try:
        recorded = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if recorded != manifest():
        return None
    return jinja2.ChoiceLoader([jinja2.ModuleLoader(str(folder)),
                                jinja2.FileSystemLoader(SOURCES)])


def template_name(filename: str) -> str | None:
    """The template a compiled module's file holds, for locating errors in it."""
    names = {jinja2.ModuleLoader.get_module_filename(name): name
             for name in manifest()["templates"]}
    return names.get(Path(filename).name)


def write(folder: Path = FOLDER) -> None:
    """Compile every template into ``folder``, replacing what was there."""
    from .render import make_environment  # the settings the code is generated for

    shutil.rmtree(folder, ignore_errors=True)
    env = make_environment(jinja2.FileSystemLoader(SOURCES))
    env.compile_templates(str(folder), zip=None, log_function=lambda _: None)
    text = json.dumps(manifest(), indent=1, sort_keys=True) + "\n"
    (folder / MANIFEST).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write()
