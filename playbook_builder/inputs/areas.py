"""The areas of responsibility a contact can cover, which the library's cards name
instead of job titles an organisation may not have ("the spokesperson")."""

from __future__ import annotations

from typing import Literal

Area = Literal["safeguarding", "media", "complaints", "data-protection", "accounts",
               "out-of-hours", "sign-off"]
"""`safeguarding`, `media` (enquiries from journalists), `complaints`, `data-protection`,
`accounts` (who holds the logins of our accounts), `out-of-hours` or `sign-off`."""

AREA_TITLES: dict[str, str] = {
    "safeguarding": "Safeguarding",
    "media": "Media enquiries",
    "complaints": "Complaints",
    "data-protection": "Data protection",
    "accounts": "Our accounts and logins",
    "out-of-hours": "Out of hours",
    "sign-off": "Sign-off",
}
"""Each area as a card names it."""
