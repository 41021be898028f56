"""Playbook Builder: an organisation's strategy playbook as an MkDocs + Material site."""

from __future__ import annotations

__version__ = "0.1.0"
