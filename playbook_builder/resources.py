"""Where the bundled library and theme overrides are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The bundled ``content``, ``overrides`` or ``profiles`` folder.

    A wheel carries them inside the package (``_data/``); an editable install or a
    checkout uses the folders at the top of the repository, where authors edit them.
    """
    packaged = _PACKAGE / "_data" / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name
