"""The publish gate: a last look at each generated page's HTML before it is published.

Profile values cannot produce markup (see :mod:`markdown_text`), so anything found here
came from a template or a library file: a script or embedded object, an event-handler
attribute, a link with a scheme that runs code, or template syntax left unrendered
(profile text shows its braces as character references, never as literal ``{{``).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..inputs.link_schemes import PAGE_SCHEMES

FORBIDDEN_ELEMENTS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link",
    "meta", "base", "form", "svg", "math", "template",
})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "srcset", "poster", "data"})
_TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%|\{#|%\}|\}\}")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20]")


def split_article(page: str) -> tuple[str, str]:
    """A built page as its article (the page's content) and the theme's part around it;
    no article (``""``) when the page has none."""
    start, end = page.find("<article"), page.rfind("</article>")
    if start < 0 or end < start:
        return "", page
    return page[start:end], page[:start] + page[end:]


def inspect_html(html: str, *, whole_page: bool = False) -> list[str]:
    """Every unsafe or unfinished thing in a page's content, described for a reader.

    With ``whole_page``, the theme's own scripts and styles are expected, so only
    attributes are checked: event handlers and links, wherever a value might have
    reached (the ``<title>``, the header, the navigation).

    A page is first screened with regular expressions that flag a superset of what the
    parser would find; only a flagged page is parsed, which keeps the gate cheap on the
    clean pages that are the rule (parsing every page took longer than rendering it).
    """
    ambiguous = _ambiguous_comments(html)
    suspicious = _suspicious_page(html) if whole_page else _suspicious(html, whole_page=False)
    if not suspicious:
        return ambiguous
    scanner = _Scanner(attributes_only=whole_page)
    try:
        scanner.feed(html)
        scanner.close()
    except Exception:  # any markup the parser cannot read is not published
        return [*ambiguous, *scanner.findings, "markup the gate cannot read"]
    return [*ambiguous, *scanner.findings]


# The screens run on the lower-cased page (much faster than case-insensitive patterns),
# and each begins with a literal character, so that the regular expression engine can
# skip ahead to it instead of trying every position of a page that is mostly clean.
_SCREEN_ELEMENTS = re.compile(r"<\s*(?:" + "|".join(sorted(FORBIDDEN_ELEMENTS)) + r")\b")
# An attribute named "on...", where the parser starts a name: at the start, or after a
# space, a slash or a quote (``class="x"onclick=`` is an attribute too).
_SCREEN_HANDLERS = re.compile(r"on(?<![^\s/\"']on)[^\s/>=]*\s*=")
# An attribute value that could spell a scheme we do not allow: an ampersand among the
# characters a scheme is made of (a character reference could spell or hide it), or a
# scheme other than ours, perhaps with spaces or control characters inside (browsers
# ignore those). The parser reads "=+": ``href==javascript:`` counts. A run of "=" is
# entered at its first, so a long one costs one pass, not one per "=".
_SCREEN_LINKS = re.compile(
    r"=(?<!==)=*\s*[\"']?(?:[a-z0-9+.\-\x00-\x20]*&"
    r"|[\x00-\x20]*(?!(?:" + "|".join(PAGE_SCHEMES) + r"):)[a-z0-9+.\-\x00-\x20]+:)")
_NAME_AT_END = re.compile(r"[^\s/>=\"']*\Z")
# Browsers end a comment at "<!-->", "<!--->" or "--!>"; Python's parser does not, so
# markup after one would be hidden from it.
_AMBIGUOUS_COMMENT = re.compile(r"<!---?>|--!>")


def _ambiguous_comments(html: str) -> list[str]:
    if "<!--" not in html and "--!>" not in html:  # the rule: no need for the pattern
        return []
    return [f"a comment browsers end early ('{found.group()}')"
            for found in _AMBIGUOUS_COMMENT.finditer(html)]


# Where the theme starts a tag on a new line after closing one, as it writes its
# navigation. No screen matches across such a gap (each needs an "=" or a name, neither
# of which runs through a ">"), so the parts between gaps are screened apart, and a part
# seen on an earlier page is not screened again: every page repeats most of the
# navigation, which would otherwise make each page cost more as the site grows.
_BETWEEN_TAGS = re.compile(r"(?<=>)[ \t\r]*\n\s*(?=<)")
_CLEAN_PARTS: set[str] = set()
"""Parts of pages that passed the whole-page screen in this process."""


def _suspicious_page(html: str) -> bool:
    """:func:`_suspicious` for the theme's part of a page, part by part."""
    for part in _BETWEEN_TAGS.split(html):
        if part in _CLEAN_PARTS:
            continue
        if _suspicious(part, whole_page=True):
            return True
        if len(_CLEAN_PARTS) >= 500_000:
            _CLEAN_PARTS.clear()
        _CLEAN_PARTS.add(part)
    return False


def _suspicious(html: str, *, whole_page: bool) -> bool:
    """Could the parser find anything here? (No false negatives; false positives are
    settled by the parser.)"""
    lower = html.lower()
    if not whole_page and (_SCREEN_ELEMENTS.search(lower) or _TEMPLATE_SYNTAX.search(html)):
        return True
    if _SCREEN_HANDLERS.search(lower):
        return True
    return any(_attribute_before(lower, m.start()) in URL_ATTRIBUTES
               for m in _SCREEN_LINKS.finditer(lower))


def _attribute_before(lower: str, equals: int) -> str:
    """The name of the attribute whose "=" is at ``equals``, as the parser reads it: the
    characters before it (and any spaces) back to a space, a slash or a quote."""
    end = equals
    while end and lower[end - 1].isspace():
        end -= 1
    found = _NAME_AT_END.search(lower, max(0, end - 64), end)
    return found.group() if found else ""


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def _unsafe_url(value: str) -> bool:
    """Does the link use a scheme other than https, http, mailto and tel? Browsers ignore
    tabs, newlines and other control characters inside a scheme, so we do too."""
    scheme = _SCHEME.match(_IGNORED_IN_URLS.sub("", value))
    return scheme is not None and scheme.group(1).lower() not in PAGE_SCHEMES


class _Scanner(HTMLParser):
    def __init__(self, *, attributes_only: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.attributes_only = attributes_only
        self.findings: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_ELEMENTS and not self.attributes_only:
            self.findings.append(f"a <{tag}> element")
        for name, value in attrs:
            if name.startswith("on") and value is not None:  # a bare "onclick" does nothing
                self.findings.append(f"an event-handler attribute '{name}' on <{tag}>")
            elif name in URL_ATTRIBUTES and value and _unsafe_url(value):
                self.findings.append(f"an unsafe link '{value}' in <{tag} {name}>")

    def handle_data(self, data: str) -> None:
        if self.attributes_only:
            return
        found = _TEMPLATE_SYNTAX.search(data)
        if found:
            self.findings.append(f"leftover template syntax '{found.group()}' in the text")
