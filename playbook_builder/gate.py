"""The publish gate: a last look at each generated page's HTML before it is published.

Profile values cannot produce markup (see :mod:`markdown_text`), so anything found here
came from a template or a library file: a script or embedded object, an event-handler
attribute, a link with a scheme that runs code, or template syntax left unrendered
(profile text shows its braces as character references, never as literal ``{{``).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from .values import LINK_SCHEMES

FORBIDDEN_ELEMENTS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link",
    "meta", "base", "form", "svg", "math", "template",
})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "srcset", "poster", "data"})
_TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%|\{#|%\}|\}\}")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20]")


def inspect_html(html: str, *, whole_page: bool = False) -> list[str]:
    """Every unsafe or unfinished thing in a page's content, described for a reader.

    With ``whole_page``, the theme's own scripts and styles are expected, so only
    attributes are checked: event handlers and links, wherever a value might have
    reached (the ``<title>``, the header, the navigation).
    """
    scanner = _Scanner(attributes_only=whole_page)
    scanner.feed(html)
    scanner.close()
    return scanner.findings


def _unsafe_url(value: str) -> bool:
    scheme = urlsplit(_IGNORED_IN_URLS.sub("", value)).scheme.lower()
    return bool(scheme) and scheme not in LINK_SCHEMES


class _Scanner(HTMLParser):
    def __init__(self, *, attributes_only: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.attributes_only = attributes_only
        self.findings: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_ELEMENTS and not self.attributes_only:
            self.findings.append(f"a <{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"an event-handler attribute '{name}' on <{tag}>")
            elif name in URL_ATTRIBUTES and value and _unsafe_url(value):
                self.findings.append(f"an unsafe link '{value}' in <{tag} {name}>")

    def handle_data(self, data: str) -> None:
        if self.attributes_only:
            return
        found = _TEMPLATE_SYNTAX.search(data)
        if found:
            self.findings.append(f"leftover template syntax '{found.group()}' in the text")
