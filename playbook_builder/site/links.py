"""Shareable links: the absolute address of a role's start page or of any page or item."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from ..inputs.diagnostics import did_you_mean
from ..playbook.model import Playbook
from .sitemap import Target

_VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class LinkProblem(Exception):
    """The link cannot be made; the message says why and what would work."""


def target_for(name: str, targets: Mapping[str, Target]) -> Target:
    """A role id (``volunteer-coordinator``) or a path id (``objections/time-waste``)."""
    for key in (name, f"onboarding/{name}"):
        if key in targets:
            return targets[key]
    roles = [k.removeprefix("onboarding/") for k in targets
             if k.startswith("onboarding/") and k.count("/") == 1]
    hint = did_you_mean(name, [*roles, *targets])
    raise LinkProblem(f"unknown role or item '{name}' [PB201]\n  hint: {hint}")


def absolute_url(site_url: str, version: str | None, path: str) -> str:
    """``site_url`` + the version's folder (as mike publishes it) + the page's path."""
    if version is not None and not _VERSION.match(version):
        raise LinkProblem(f"'{version}' is not a version name such as '2026.11' or 'latest'")
    base = site_url.rstrip("/") + "/"
    return base + (f"{version}/" if version else "") + path


def role_links(pb: Playbook, targets: Mapping[str, Target], site_url: str,
               version: str | None, use_directory_urls: bool) -> Iterator[tuple[str, str]]:
    """Every role's name and start-here link, ready to paste into a welcome message."""
    for role in pb.roles:
        url = targets[f"onboarding/{role.id}"].url(use_directory_urls)
        yield role.name, absolute_url(site_url, version, url)
