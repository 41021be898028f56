"""Every diagnostic code: what it means, an example, and the fix.

This table is the single source of the error-code reference in ``DIAGNOSTICS.md``;
``python -m playbook_builder.inputs.codes > DIAGNOSTICS.md`` regenerates it and a test keeps the
two in sync.
"""

from __future__ import annotations

from typing import NamedTuple


class Code(NamedTuple):
    code: str
    meaning: str
    example: str
    fix: str


CODES: tuple[Code, ...] = (
    Code("PB001", "A file cannot be found or read, or is not a regular file: a named pipe,"
         " a device (such as a link to `/dev/zero`), a socket or a folder, which are never"
         " read.", "`logo: assets/logo.svg` when the file is missing",
         "Check the path; paths are relative to the profile's folder."),
    Code("PB002", "The file is not valid YAML, or is indented with tabs.",
         "`goals: [a, b` (no closing bracket)", "Fix the syntax on the named line; indent"
         " with spaces."),
    Code("PB003", "The same key appears twice in one mapping.", "two `why:` keys",
         "Keep one; YAML would silently use only the last."),
    Code("PB004", "A YAML tag such as `!ENV` or `!!python/object` is used.",
         "`secret: !ENV TOKEN`", "Remove the tag; values are plain text."),
    Code("PB005", "A YAML anchor or alias (`&name`, `*name`) is used.",
         "`audiences: *same`", "Write the value out in full."),
    Code("PB006", "The file is empty or is not a mapping of keys to values.",
         "a file holding only a list", "Start with `schema_version: 1` and the top-level"
         " keys."),
    Code("PB007", "The file is not UTF-8 text.", "a profile saved as Latin-1",
         "Save the file as UTF-8."),
    Code("PB008", "The file is larger than its limit, checked before it is read: 1 MB for a"
         " profile or a library item, 2 MB for the logo.",
         "a profile with a pasted image; a photo as the logo",
         "Keep profiles and library items small and link to large material; export the logo"
         " smaller."),
    Code("PB009", "A file in a library folder is not a YAML item.", "`content/objections/"
         "notes.txt`", "Give items the .yml extension, or move other files elsewhere."),
    Code("PB101", "A required key is missing, a contact has no way to reach them (none of"
         " `email`, `phone`, `url`), or a section has nothing in it to show.",
         "no `why:`; a contact with only a `role`; `voice: {}`",
         "Add the key; the hint says what it holds."),
    Code("PB102", "A value has the wrong shape (a list, a mapping, text or a whole number),"
         " or none: empty, `~` or `null`. As editors read YAML, an unquoted number or"
         " `true`/`false` is not text, which free text accepts as typed but an id, a path"
         " or a choice does not; and a number in quotes is text.",
         "`goals: recruit` instead of a list; `id: 2024`; `schema_version: \"1\"`",
         "Write the shape the hint names; quote an id that looks like a number."),
    Code("PB103", "A value is not allowed: wrong choice, not an id (or an id Windows keeps"
         " for a device, such as `con` or `lpt1`), empty or too long, a number out of range,"
         " an unsafe link or one that opens something other than it shows (a user name"
         " before `@`, a percent-escape in the host), an email address a mail program would"
         " read differently (a `%` escape, a `?` query), or text with an invisible control,"
         " direction or tag character, or made only of invisible characters.",
         "`sector: charity`; `url: https://facebook.com@evil.example`",
         "Follow the hint: it lists the allowed values or the limit, or says what to"
         " delete."),
    Code("PB104", "An unknown key.", "`platfroms:`", "Correct the spelling; the hint"
         " suggests the nearest key."),
    Code("PB201", "A reference names something that does not exist: an audience, goal,"
         " platform, contact, library item, or a page the playbook will not have.",
         "`hangs_out: [facebok]`; `tell: [coms-lead]`",
         "Use an existing id; the hint suggests the nearest one, or how to add it."),
    Code("PB202", "Two entries share an id or an earlier id (`aliases`), an earlier id is"
         " the library's, or an id does not match its file name.",
         "two goals with `id: recruit`", "Give each entry its own id."),
    Code("PB203", "A platform the library does not know has no name or metaphor.",
         "`- id: myspace` alone", "Add `name:` and `metaphor:`, or use a library platform."),
    Code("PB205", "The library lacks one of the five steps.", "no `steps/listen.yml`",
         "Add the missing step file."),
    Code("PB206", "A file leads outside its folder: the logo outside the profile's folder,"
         " a library item (through a link) outside the library folder.",
         "`logo: ../../etc/passwd`", "Keep referenced files next to the profile, and library"
         " items inside the library."),
    Code("PB207", "Library Markdown contains raw HTML, template syntax, an attribute list"
         " in braces or an unsafe link; or library text names a place fact that does not"
         " exist (the facts are `{emergency}`, `{crisis_line}`, `{children_line}` and"
         " `{regulator}`).",
         "`body: <script>...</script>`", "Use plain Markdown; links must be https, http"
         " or mailto."),
    Code("PB208", "The logo is not a safe image: not an image file, not of the kind its"
         " name says, or an SVG that is more than a static drawing (a script, an event"
         " handler, a link out of the file, in CSS too, a CSS escape, embedded content, a"
         " DOCTYPE).",
         "`logo: notes.txt`",
         "Export the logo again as a plain PNG, JPEG, GIF, WebP, ICO or SVG image."),
    Code("PB209", "A public role's path names an item a public build leaves out (an"
         " internal scenario, standard, contact or role): the step would vanish from the"
         " path, while its checklist may still ask for it.",
         "`path: [when-things-go-wrong/someone-at-risk]` on a public role, the scenario"
         " internal", "Make the item public, make the role internal, or take the step out"
         " of its path."),
    Code("PB301", "MkDocs stopped the build: a warning under `--strict` (a page not in"
         " the navigation, a broken link), or an error of MkDocs or a plugin. Reported"
         " this way under `playbook build --format json` or `github`; in text, MkDocs'"
         " own log says it.", "a link to `missing.md` in `docs/about.md`",
         "Fix what the message names, then build again."),
)


def markdown_table() -> str:
    """The reference table as Markdown."""
    lines = [
        "# Diagnostic codes",
        "",
        "Every problem with a profile or a library file is reported as",
        "`file:line:col: error: message [PBnnn]` with a `hint:` line, and the command exits",
        "with code 2. `--format json` and `--format github` give the same for CI.",
        "",
        "| code | meaning | example | fix |",
        "|---|---|---|---|",
    ]
    lines += [f"| {c.code} | {c.meaning} | {c.example} | {c.fix} |" for c in CODES]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown_table(), end="")
