"""Shareable links: the absolute address of a role's start page or of any page or item."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from ..inputs.diagnostics import did_you_mean, printable, shortened
from ..playbook.model import Playbook
from .sitemap import Target

VERSION_MAX = 64
_VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
RESERVED_VERSIONS = frozenset({"versions.json", "index.html"})
"""Names mike writes at the root of the deploy branch, which no version may take."""


class LinkProblem(Exception):
    """The link cannot be made; the message says why and what would work."""


def version_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a published version or alias (a folder of the deploy
    branch and a path of every link into it), or None when it can.

    Stricter than mike (which refuses only '', '.', '..' and slashes): letters, digits,
    '.', '-' and '_', starting with a letter or digit, no '..', at most 64 characters. So
    no control characters, no spaces, nothing git or a shell reads as an option."""
    if (len(name) <= VERSION_MAX and _VERSION.fullmatch(name) and ".." not in name
            and name not in RESERVED_VERSIONS):
        return None
    return (f"'{printable(shortened(name))}' is not a version name: use up to {VERSION_MAX}"
            " letters, digits, '.', '-' and '_', starting with a letter or digit and"
            " without '..', such as 2026.11 or latest")


def target_for(name: str, targets: Mapping[str, Target]) -> Target:
    """A role id (``volunteer-coordinator``) or a path id (``objections/time-waste``)."""
    for key in (name, f"onboarding/{name}"):
        if key in targets:
            return targets[key]
    roles = [k.removeprefix("onboarding/") for k in targets
             if k.startswith("onboarding/") and k.count("/") == 1]
    hint = did_you_mean(name, [*roles, *targets])
    raise LinkProblem(f"unknown role or item '{printable(shortened(name))}' [PB201]\n"
                      f"  hint: {hint}")


def absolute_url(site_url: str, version: str | None, path: str) -> str:
    """``site_url`` + the version's folder (as mike publishes it) + the page's path."""
    if version is not None:
        problem = version_name_problem(version)
        if problem:
            raise LinkProblem(problem)
    base = site_url.rstrip("/") + "/"
    return base + (f"{version}/" if version else "") + path


def role_links(pb: Playbook, targets: Mapping[str, Target], site_url: str,
               version: str | None, use_directory_urls: bool) -> Iterator[tuple[str, str]]:
    """Every role's name and start-here link, ready to paste into a welcome message."""
    for role in pb.roles:
        url = targets[f"onboarding/{role.id}"].url(use_directory_urls)
        yield role.name, absolute_url(site_url, version, url)
