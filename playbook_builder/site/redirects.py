"""Redirect pages: an old address that forwards to the current one, anchor included.

When a platform or a role is renamed, its old id stays in ``aliases`` and its old
address keeps working: a small HTML page there sends the browser on, keeping any
``#anchor`` of the link that was followed.
"""

from __future__ import annotations

import html
import posixpath


def redirect_page(old: str, new: str, title: str) -> tuple[str, str]:
    """The file to write (its path in the site) and its HTML, for the page whose URL path
    was ``old`` and is now ``new`` (such as ``platforms/x/``), titled ``title``."""
    path = f"{old}index.html" if old.endswith("/") else old
    here = posixpath.dirname(path) or "."
    relative = posixpath.relpath(new.rstrip("/") or ".", here) + ("/" if new.endswith("/") else "")
    to = html.escape(relative, quote=True)
    script = f'location.replace("{to}" + location.hash);'
    page = (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n"
        f"  <title>Moved to {html.escape(title)}</title>\n"
        f"  <link rel=\"canonical\" href=\"{to}\">\n"
        "  <meta name=\"robots\" content=\"noindex\">\n"
        f"  <script>{script}</script>\n"
        f"  <meta http-equiv=\"refresh\" content=\"0; url={to}\">\n"
        f"</head>\n<body>\n  <p>This page has moved to <a href=\"{to}\">"
        f"{html.escape(title)}</a>.</p>\n</body>\n</html>\n"
    )
    return path, page
