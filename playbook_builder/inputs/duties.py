"""What a role does on our accounts, which decides what its path must take in: whoever
answers messages must know the card for someone at risk, whoever posts must know consent
and accessibility, whoever holds the logins must know account security."""

from __future__ import annotations

from typing import Literal

Duty = Literal["post", "answer", "admin", "speak"]
"""`post` (publishes on our accounts), `answer` (answers messages and comments), `admin`
(holds the logins) or `speak` (may be asked about us in public)."""

DUTY_WORDS: dict[str, str] = {
    "post": "post",
    "answer": "answer messages and comments",
    "admin": "hold the logins",
    "speak": "may be asked about us in public",
}
"""Each duty as the line that says why a path takes in more: "Because you post and
answer messages and comments on Facebook"."""
