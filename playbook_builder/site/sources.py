"""Which of a project's files a site may publish: none that a link leads out of it.

MkDocs copies what it finds in ``docs/`` (and in the theme's ``custom_dir``) into the
site, following symbolic links: a link to ``/etc/passwd``, ``/proc/self/environ``,
``../.git/config`` or a whole system folder would be published as if it were a page's
image. The plugin asks :class:`SourceRules` about every file the site would contain.

The rules, for a file MkDocs found under the docs folder, the ``custom_dir`` or
elsewhere in the project (the folder of mkdocs.yml):

- it must be a regular file: a named pipe would hang the build, a device leak it;
- if a symbolic link was followed to reach it (in the file's own name or a folder on
  its way), it must lead inside the project, and not into a hidden file or folder of
  the project (such as ``.git/`` or ``.env``) unless that lies in a published folder;
- a folder link must not lead to a folder that contains it (MkDocs would walk it without
  end).

A docs folder or ``custom_dir`` that mkdocs.yml itself names outside the project is
trusted as the configuration chose it, as the project folder is; one written inside the
project that is a link out of it is not. Theme files of installed packages (Material's,
ours) are outside the project by nature and are not the project's to check.

Nothing here imports MkDocs: the plugin passes plain paths.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..inputs.diagnostics import Diagnostic
from ..inputs.files import kind_of
from ..inputs.loading import display_path

CODE = "PB206"
"""A file reference leads outside the profile's (here: the project's) folder."""

HINT = ("replace the link with a copy of the file you mean to publish, or remove it;"
        " links are followed only within the project")


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _hidden_part(path: str, folder: str) -> str | None:
    """``path`` relative to ``folder`` when one of its parts is hidden (a dot name)."""
    relative = os.path.relpath(path, folder)
    parts = Path(relative).parts
    return Path(relative).as_posix() if any(p.startswith(".") for p in parts) else None




@dataclass(frozen=True, slots=True)
class SourceRules:
    """What may be published from one project; see the module's docstring."""

    project: str
    """The project folder as written (absolute, normalised, links not followed)."""
    bases: tuple[tuple[str, str], ...]
    """The folders whose files are checked, as written and as they really are: the docs
    folder, the ``custom_dir``, then the project."""
    roots: tuple[str, ...]
    """Real folders a followed link may lead into."""
    published: tuple[str, ...]
    """Real folders whose every file may be published (hidden names included: MkDocs'
    own exclusions decide about those)."""
    skipped: tuple[str, ...]
    """Theme folders of installed packages, as written: not checked."""

    @classmethod
    def for_project(cls, project: Path, docs_dir: str, custom_dir: str | None,
                    theme_dirs: Iterable[str]) -> SourceRules:
        written = os.path.abspath(project)
        own = [os.path.abspath(d) for d in (docs_dir, custom_dir) if d]
        roots = [os.path.realpath(written)]
        # A folder mkdocs.yml names outside the project is as trusted as the project.
        roots += [os.path.realpath(d) for d in own if not _inside(d, written)]
        published = [real for real in map(os.path.realpath, own)
                     if any(_inside(real, root) for root in roots)]
        skipped = [os.path.abspath(d) for d in theme_dirs if os.path.abspath(d) not in own]
        bases = [(d, os.path.realpath(d)) for d in [*own, written]]
        return cls(written, tuple(bases), tuple(roots), tuple(published), tuple(skipped))

    def problem(self, abs_src_path: str) -> Diagnostic | None:
        """Why the file MkDocs found at ``abs_src_path`` must not be published, if so."""
        path = os.path.abspath(abs_src_path)
        base = self._base(path)
        if base is None:
            return None
        written, real_base = base
        real = os.path.realpath(path)
        expected = os.path.normpath(os.path.join(real_base, os.path.relpath(path, written)))
        if real != expected:  # a link inside the project's folders was followed
            reason = self._link_problem(real, "file")
            if reason:
                return self._diagnostic(path, reason)
        elif not any(_inside(real, root) for root in self.roots):
            return self._diagnostic(path, f"reached through a symbolic link to a folder"
                                          f" outside the project ({real}); not publishing it")
        try:
            mode = os.stat(real).st_mode
        except OSError:
            return self._diagnostic(path, "a symbolic link to nothing, or a file that cannot"
                                          " be read; not publishing it")
        kind = kind_of(mode)
        if kind is not None:
            return self._diagnostic(path, f"{kind}, not a regular file; not publishing it")
        return None

    def folder_problems(self, folder: str, *, files: bool) -> Iterator[Diagnostic]:
        """Links in ``folder`` (walked as MkDocs walks it, through the links that pass)
        to folders outside the project, to hidden ones, or to folders that contain them;
        with ``files``, every file's :meth:`problem` too (for a theme's ``custom_dir``,
        whose templates are read without ever being among MkDocs' files)."""
        top = os.path.abspath(folder)
        if not os.path.isdir(top):
            return
        if _inside(top, self.project) and not any(
                _inside(os.path.realpath(top), root) for root in self.roots):
            yield Diagnostic(display_path(Path(top)), 1, 1, CODE,
                             f"a symbolic link to a folder outside the project"
                             f" ({os.path.realpath(top)}); not publishing it",
                             "name the folder itself in mkdocs.yml rather than linking it"
                             " into the project")
            return
        pending: list[tuple[str, tuple[str, ...]]] = [(top, (os.path.realpath(top),))]
        while pending:
            shown, chain = pending.pop()
            try:
                entries = sorted(os.scandir(shown), key=lambda e: e.name, reverse=True)
            except OSError:
                continue  # MkDocs reports a folder it cannot read, if it matters
            for entry in entries:
                if entry.is_dir(follow_symlinks=True):
                    real = os.path.realpath(entry.path)
                    if entry.is_symlink():
                        reason = self._link_problem(real, "folder") or (
                            "a symbolic link to a folder that contains it; MkDocs would"
                            " walk it without end" if any(_inside(c, real) for c in chain)
                            else None)
                        if reason:
                            yield self._diagnostic(entry.path, reason)
                            continue
                    if real not in chain:
                        pending.append((entry.path, (*chain, real)))
                elif files:
                    found = self.problem(entry.path)
                    if found:
                        yield found

    def _base(self, path: str) -> tuple[str, str] | None:
        for written, real in self.bases:
            if _inside(path, written):
                if written == self.project and any(_inside(path, s) for s in self.skipped):
                    return None  # an installed theme that happens to be in the project
                return written, real
        return None

    def _link_problem(self, real: str, kind: str) -> str | None:
        if not any(_inside(real, root) for root in self.roots):
            return f"a symbolic link to a {kind} outside the project ({real}); not publishing it"
        if any(_inside(real, folder) for folder in self.published):
            return None
        for root in self.roots:
            hidden = _hidden_part(real, root) if _inside(real, root) else None
            if hidden:
                return (f"a symbolic link to a hidden {kind} of the project ({hidden});"
                        " not publishing it")
        return None

    def _diagnostic(self, path: str, message: str) -> Diagnostic:
        return Diagnostic(display_path(Path(path)), 1, 1, CODE, message, HINT)
