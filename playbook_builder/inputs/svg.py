"""What an SVG logo may hold: a static drawing, nothing that can act.

A logo is published next to the pages, where a visitor can open it on its own, and an
SVG opened that way runs any script inside it with the site's privileges. Patterns over
the bytes cannot see what a browser sees (an encoding, a namespace prefix, a default
attribute declared in a DOCTYPE all hide a script from them), so the file is parsed as
the XML it is, and what the browser will build is checked: drawing elements from a fixed
list, no event handlers, no links out of the document (in CSS too: no ``url()`` but to
the file itself, no ``@import``, no CSS escapes), no DOCTYPE and no processing
instructions (a stylesheet instruction can transform the file into a page).
"""

from __future__ import annotations

import re
from xml.parsers import expat

SVG = "http://www.w3.org/2000/svg"
_STYLE = f"{SVG} style"  # as the parser names it: namespace, space, local name
_ACTIVE_NAMESPACES = frozenset({"http://www.w3.org/1999/xhtml",
                                "http://www.w3.org/1998/Math/MathML"})
DRAWING = frozenset({
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "switch", "path",
    "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker",
    "image", "style", "filter", "feBlend", "feColorMatrix", "feComponentTransfer",
    "feComposite", "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap",
    "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
    "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset",
    "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
})
"""SVG elements that only draw (Inkscape's and other tools' own elements are inert)."""

# A link may point inside the file, or embed a raster image; nothing else.
_SAFE_HREF = re.compile(r"#|data:image/(?:png|jpeg|gif|webp)[;,]", re.IGNORECASE)
# In CSS and attribute values: what could fetch or run something. An address may also be
# a plain string inside image-set(), image() or src(); a function's name is followed by
# its parenthesis directly in CSS.
_ACTIVE_CSS = re.compile(r"javascript:|@import|expression\s*\(|url\s*\(\s*(?!['\"]?\s*#)"
                         r"|image-set\s*\(|\b(?:image|src)\(", re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.DOTALL)
# Attributes a browser may read as CSS: the style attribute and the presentation
# attributes (fill="url(...)"), which have no namespace. Other namespaces' attributes
# (Inkscape's, for one, which keep Windows paths with backslashes) are never styles.
_CSS_NAMESPACES = frozenset({"", SVG})

NOT_SVG = "is not an SVG image"
ACTIVE = "contains a script, an event handler or embedded content"
ESCAPED = "has a backslash in its styles (a CSS escape can hide a link out of the file)"


def _css_problem(css: str, *, is_css: bool = True) -> str | None:
    """Why ``css`` (a style sheet, a style attribute or a presentation attribute) could
    fetch or run something, or None; with ``is_css`` False, a value no browser reads as
    CSS, held to the patterns only.

    A CSS escape (``u\\72l(``, ``@\\69mport``) is refused outright rather than decoded:
    drawing programs do not write them, and decoding them as a browser does means
    following the tokenizer exactly (an escape inside a comment is no escape, an escaped
    ``/*`` starts no comment), where each slip would let a link through. Comments are
    looked through both ways: kept (``"/*" url(...) "*/"`` holds a real address) and taken
    out (``u/**/rl(``, as old browsers read it)."""
    if is_css and "\\" in css:
        return ESCAPED
    if _ACTIVE_CSS.search(css) or _ACTIVE_CSS.search(_CSS_COMMENT.sub("", css)):
        return ACTIVE
    return None


class _Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def svg_problem(data: bytes) -> str | None:
    """Why ``data`` is not a static SVG drawing, or None if it is."""
    parser = expat.ParserCreate(namespace_separator=" ")
    stack: list[str] = []
    styles: list[list[str]] = []  # the text of each open element, kept for styles only

    def refuse(*_: object) -> None:
        raise _Refused(ACTIVE)

    def start(name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if namespace in _ACTIVE_NAMESPACES or (namespace == SVG and local not in DRAWING):
            refuse()
        for key, value in attributes.items():
            attribute_namespace, _, attribute = key.rpartition(" ")
            attribute = attribute.lower()
            if attribute.startswith("on") or (
                    attribute == "href" and not _SAFE_HREF.match(value.strip())):
                refuse()
            problem = _css_problem(value, is_css=attribute_namespace in _CSS_NAMESPACES)
            if problem:
                raise _Refused(problem)
        if not stack and (namespace, local) != (SVG, "svg"):
            raise _Refused(NOT_SVG)
        stack.append(name)
        styles.append([])

    def end(name: str) -> None:
        stack.pop()
        # Checked whole: the parser may hand over a style's text in pieces.
        problem = _css_problem("".join(styles[-1])) if name == _STYLE else None
        if problem:
            raise _Refused(problem)
        styles.pop()

    def text(data: str) -> None:
        if stack and stack[-1] == _STYLE:
            styles[-1].append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = refuse  # entities, default attributes: none needed
    parser.ProcessingInstructionHandler = refuse
    try:
        parser.Parse(data, True)
    except _Refused as refused:
        return refused.reason
    except expat.ExpatError:
        return NOT_SVG
    return None if stack == [] else NOT_SVG
