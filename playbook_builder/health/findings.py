"""What a strategy health check reports: rules, findings and scores.

See :mod:`health` for how findings are scored and :mod:`health_rules` for the rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..inputs.library import StepId
from ..inputs.yamlsource import Loc

Severity = Literal["warning", "advice"]

STEP_POINTS = 20
"""Points each step starts with; five steps make a score out of 100."""

PENALTY: dict[Severity, int] = {"warning": 6, "advice": 2}
"""Points a finding takes from its step."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One thing the method asks of a plan, and where the playbook explains why."""

    id: str
    """Stable kebab-case id, for tools and for people discussing a finding."""
    severity: Severity
    step: StepId
    """The step of the five-step path the rule belongs to; its findings cost that step."""
    title: str
    explanation: str
    """Why the rule matters, in the method's own terms."""
    source: str
    """The playbook page or item the explanation comes from, such as ``strategy/why``."""


@dataclass(frozen=True, slots=True)
class Finding:
    """A place where the profile could follow the method more closely."""

    rule: Rule
    loc: Loc
    """Where in the profile it applies; ``()`` for the profile as a whole."""
    message: str
    """What was noticed, quoting the item concerned."""
    advice: str
    """What to do about it."""


@dataclass(frozen=True, slots=True)
class StepScore:
    """How one step of the path scored."""

    step: StepId
    score: int
    out_of: int


@dataclass(frozen=True, slots=True)
class Report:
    """The whole check: a score out of 100, its breakdown by step, and the findings."""

    score: int
    steps: tuple[StepScore, ...]
    findings: tuple[Finding, ...]
