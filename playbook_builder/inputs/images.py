"""Checking that a file named as an image is one, and cannot run code in the site.

The logo is published next to the pages, where a visitor can open it directly; an SVG
opened that way runs any script inside it with the site's privileges. So a raster image
must start with its format's signature, and an SVG must be a static drawing (see
:mod:`svg`). The file must be a regular one, no larger than :data:`MAX_IMAGE_BYTES`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from .files import NotRegularFile, TooLarge, read_limited
from .svg import svg_problem

SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".ico": (b"\x00\x00\x01\x00",),
}
IMAGE_TYPES = frozenset({*SIGNATURES, ".svg"})


def data_problem(data: bytes, suffix: str) -> str | None:
    """Why ``data`` is not a safe image of the kind ``suffix`` (such as ``.svg``) says."""
    if suffix not in IMAGE_TYPES:
        return "is not an image file"
    if suffix == ".svg":
        return svg_problem(data)
    if not data.startswith(SIGNATURES[suffix]):
        return f"is not a {suffix[1:].upper()} image"
    return None


MAX_IMAGE_BYTES = 2_000_000
"""Largest logo accepted, checked before reading. A logo is drawn a few dozen pixels high
in the header and every visitor downloads it with the first page; logos that drawing
programs export are a few kilobytes (SVG) to a few hundred (a large PNG), so 2 MB leaves
room for a 1024-pixel PNG while keeping what is held in memory, parsed (an SVG) and
published small. A bigger file is a photo or a mistake, not a logo."""


class ImageProblem(Exception):
    """Why an image cannot be published as it is now; ``kind`` says which check failed."""

    def __init__(self, kind: Literal["missing", "outside", "unreadable", "too_large", "unsafe"],
                 reason: str) -> None:
        super().__init__(reason)
        self.kind = kind


def checked_image(path: Path, profile_folder: Path) -> bytes:
    """The image at ``path``, read once and checked: a regular file inside the profile's
    folder (links followed), at most :data:`MAX_IMAGE_BYTES`, and a safe image of the kind
    its name says. Publish these bytes, not the file as it may be by then."""
    try:
        os.stat(path)  # missing, or a link that loops, before asking where it leads
        if not path.resolve().is_relative_to(profile_folder.resolve()):
            raise ImageProblem("outside", "leads outside the profile's folder")
        data = read_limited(path, MAX_IMAGE_BYTES)
    except (FileNotFoundError, NotADirectoryError):
        raise ImageProblem("missing", "not found") from None
    except NotRegularFile as exc:
        raise ImageProblem("unreadable", f"is not a regular file but {exc.kind}") from None
    except TooLarge as exc:
        raise ImageProblem("too_large", f"is too large ({exc.size:,} bytes)") from None
    except OSError as exc:
        raise ImageProblem("unreadable", f"cannot be read ({exc.strerror})") from None
    except RuntimeError:  # before Python 3.13, resolve() reports a loop this way
        raise ImageProblem("unreadable", "cannot be read (a link that loops)") from None
    problem = data_problem(data, path.suffix.lower())
    if problem:
        raise ImageProblem("unsafe", problem)
    return data
