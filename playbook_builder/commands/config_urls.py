"""The addresses in mkdocs.yml that reach every page: plain http(s) URLs, no markup.

MkDocs checks only that ``site_url`` has a scheme and a host, and the theme writes
``site_url``, ``repo_url`` and the edit links into attributes of every page without
escaping them; a quote or an angle bracket there would end the attribute and start
markup of its own. The command refuses such a configuration before building, and the
plugin does the same for a plain ``mkdocs build``.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import Any

from ..inputs.diagnostics import printable, shortened

URL_KEYS = ("site_url", "repo_url", "edit_uri", "edit_uri_template")
"""The keys of mkdocs.yml whose values reach the pages' markup."""

_URL_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-._~:/?#[]@!$&()*+,;=%")
"""RFC 3986's characters, less the single quote: nothing that ends an attribute."""
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _plain(text: str, extra: str = "") -> bool:
    """Only URL characters (and any visible non-ASCII letter, as in a web address)."""
    return all(ch in _URL_CHARACTERS or ch in extra
               or (ord(ch) > 127 and ch.isprintable() and not ch.isspace()) for ch in text)


def url_problem(key: str, value: object) -> str | None:
    """Why ``value`` cannot be ``key`` of mkdocs.yml, or None when it is fine."""
    if value is None or value == "":
        return None
    text = str(value)
    absolute = key in ("site_url", "repo_url")
    scheme = _SCHEME.match(text)
    https = bool(scheme) and scheme.group(0).lower() in ("http:", "https:")  # type: ignore[union-attr]
    extra = "{}" if key == "edit_uri_template" else ""
    if _plain(text, extra) and (https if absolute or scheme else True):
        return None
    what = ("a plain http(s) address, such as https://example.org/playbook/" if absolute
            else "a path such as edit/main/docs/ or a plain http(s) address")
    return (f"'{key}' must be {what}, without quotes, angle brackets, backticks, spaces"
            f" or control characters; it is '{printable(shortened(text))}'")


def config_url_problem(config: Mapping[str, Any]) -> str | None:
    """The first problem with the addresses of a loaded MkDocs config, or None."""
    for key in URL_KEYS:
        problem = url_problem(key, config.get(key))
        if problem:
            return problem
    return None
