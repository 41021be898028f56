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
  end), and a link that leads round in a loop or through a file (``f/..``) is no file;
- no two names in the site may differ only in letter case (:meth:`SourceRules.case_clashes`).

A docs folder or ``custom_dir`` that mkdocs.yml itself names outside the project is
trusted as the configuration chose it, as the project folder is; one written inside the
project that is a link out of it is not. Theme files of installed packages (Material's,
ours) are outside the project by nature and are not the project's to check.

Nothing here imports MkDocs: the plugin passes plain paths.
"""

from __future__ import annotations

import errno
import os
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..inputs.diagnostics import Diagnostic
from ..inputs.files import kind_of
from ..inputs.loading import display_path

CODE = "PB206"
"""A file reference leads outside the profile's (here: the project's) folder."""

HINT = ("replace the link with a copy of the file you mean to publish, or remove it;"
        " links are followed only within the project")


CASE_CODE = "PB202"
"""Two entries share a name: here, two names in the site that differ only in case."""

CASE_HINT = "rename one of them; names in lower case and without accents are safest"


def _folded(name: str) -> str:
    """``name`` as a file system that ignores case and how accents are encoded (macOS'
    does both) compares it."""
    return unicodedata.normalize("NFC", name).casefold()


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _hidden_part(path: str, folder: str) -> str | None:
    """``path`` relative to ``folder`` when one of its parts is hidden (a dot name)."""
    relative = os.path.relpath(path, folder)
    parts = Path(relative).parts
    return Path(relative).as_posix() if any(p.startswith(".") for p in parts) else None


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Whether ``entry`` is a folder, links followed. A link that leads round in a loop
    or through a file (``f/..``) is none: MkDocs' walk takes it for a file, and so does
    this one, whose :meth:`SourceRules.problem` then says what is wrong with it."""
    try:
        return entry.is_dir(follow_symlinks=True)
    except OSError:
        return False


def _unreachable(exc: OSError) -> str:
    """Why a file MkDocs found cannot be opened, in the user's words."""
    if exc.errno == errno.ELOOP:
        return "a symbolic link that leads round in a loop; not publishing it"
    if exc.errno == errno.ENOTDIR:
        return ("a symbolic link whose way passes through a file as if it were a folder;"
                " not publishing it")
    return "a symbolic link to nothing, or a file that cannot be read; not publishing it"


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
            # The path as the system resolves it, which is what MkDocs will read:
            # realpath() takes ``f/..`` as the folder holding ``f`` even when ``f`` is a
            # file, and stops at a loop without a word.
            mode = os.stat(path).st_mode
        except OSError as exc:
            return self._diagnostic(path, _unreachable(exc))
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
                if _is_folder(entry):
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

    def case_clashes(self, outputs: Iterable[tuple[str, str | None]]
                     ) -> Iterator[Diagnostic]:
        """Names in the site that differ only in letter case: ``Guide/`` beside
        ``guide/``, or ``docs/Contacts.md`` beside the playbook's ``contacts/``. Linux keeps
        both; Windows and macOS (building, or checking out the published branch) take
        them for one, so one page silently overwrites the other, or two folders merge and
        links written with the other spelling break on the server.

        ``outputs`` are every file's path in the site and the file it comes from (None
        for a page the playbook generates). Each clash is reported once, at a file of
        the project's that brings one of the two spellings."""
        first: dict[str, tuple[str, str | None]] = {}
        reported: set[tuple[str, str]] = set()
        for dest, source in sorted(outputs, key=lambda output: output[0]):
            parts = PurePosixPath(dest).parts
            for depth in range(1, len(parts) + 1):
                name = "/".join(parts[:depth]) + ("/" if depth < len(parts) else "")
                seen, seen_source = first.setdefault(_folded(name), (name, source))
                if seen == name:
                    continue
                if (seen, name) not in reported:
                    reported.add((seen, name))
                    found = self._case_clash((name, source), (seen, seen_source))
                    if found is not None:
                        yield found
                break  # everything below this name clashes too

    def _case_clash(self, one: tuple[str, str | None], other: tuple[str, str | None]
                    ) -> Diagnostic | None:
        """The clash of two names in the site, located at the project's file among them
        (None when neither is: two files of installed themes are not the project's)."""
        if not self._owned(one[1]):
            one, other = other, one
            if not self._owned(one[1]):
                return None
        (name, source), (other_name, other_source) = one, other
        assert source is not None
        if other_source is None:
            whose = "a page of the playbook"
        elif self._owned(other_source):
            whose = display_path(Path(other_source))
        else:
            whose = "from the theme"
        how, where = ("letter case", "Windows and macOS take")
        if name.casefold() != other_name.casefold():
            how, where = ("how its accents are encoded", "macOS takes")
        return Diagnostic(
            display_path(Path(source)), 1, 1, CASE_CODE,
            f"becomes '{name}' in the site, which differs only in {how} from"
            f" '{other_name}' ({whose}); {where} the two for one, so one would overwrite"
            " the other or links to one would break", CASE_HINT)

    def _owned(self, source: str | None) -> bool:
        return source is not None and self._base(os.path.abspath(source)) is not None

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
