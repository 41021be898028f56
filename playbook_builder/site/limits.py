"""Bounds on what multiplies a site's pages, so that its size stays in proportion.

A role adds two pages (its path and its printable path, which holds the content of every
item the path names) and a platform one page; every page carries Material's frame (some
18 kB). Past the bounds here a profile is refused with a located diagnostic rather than
built into a site of tens of megabytes.

Measured with the bundled library (tests/profiles/minimal.yml's role copied): 400 roles
made 117 MB when the navigation listed every role on every page, 27 MB since it does not
(about 60 kB a role). At the bounds, 100 roles make 9 MB; 100 roles whose paths each
name 30 whole pages, 25 MB (from an 80 kB profile). A typical playbook has a handful of
roles and platforms, and paths of five to fifteen items.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..inputs.diagnostics import Diagnostic
from ..inputs.profile import Profile
from ..inputs.yamlsource import Document

MAX_ROLES = 100
"""Roles: each one is two pages."""
MAX_PATH = 30
"""Items in one role's path: its printable page holds the content of each of them."""
MAX_PLATFORMS = 100
"""Platforms: each one is a page."""

CODE = "PB103"
"""A value is not allowed: here, a list longer than its limit."""


def over_limits(doc: Document, profile: Profile) -> list[Diagnostic]:
    """Where the profile has more of something than a site can hold in proportion, each
    located at the first entry over the limit."""
    return [doc.diagnostic(loc, CODE, message, hint)
            for loc, message, hint in _over_limits(profile)]


def _over_limits(profile: Profile) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    roles = profile.roles
    if len(roles) > MAX_ROLES:
        yield (("roles", MAX_ROLES), f"too many roles: {len(roles)}, at most {MAX_ROLES}",
               "each role is two pages of the site; merge roles that read the same path,"
               " or build a playbook per department")
    for index, role in enumerate(roles[:MAX_ROLES]):
        if len(role.path) > MAX_PATH:
            yield (("roles", index, "path", MAX_PATH),
                   f"role '{role.id}' has too long a path: {len(role.path)} items, at most"
                   f" {MAX_PATH}",
                   "a path is what someone new reads first; link the rest from its pages")
    platforms = profile.platforms
    if len(platforms) > MAX_PLATFORMS:
        yield (("platforms", MAX_PLATFORMS),
               f"too many platforms: {len(platforms)}, at most {MAX_PLATFORMS}",
               "each platform is a page of the site; keep the ones you take part in")

