"""A health check of a playbook: how closely the profile follows the five-step path.

The method puts purpose before tools: say why anyone should care, name who should care,
listen to them, take part usefully, and only then lead. A profile can be perfectly valid
and still skip a step (a platform chosen before any goal, an audience nobody listens to),
so this module reads the merged :class:`~playbook_builder.playbook.Playbook` and reports
*findings*: gentle, specific notes on where the plan could follow the method more closely.
Findings are never errors; the site builds the same with or without them.

Scoring
-------
Each of the five steps (why, who, listen, participate, lead) starts with 20 points, so a
profile with no findings scores 100. Every finding belongs to the step of its rule and
takes points from that step only: 6 for a ``warning`` (the plan skips part of the method)
and 2 for ``advice`` (the plan could be sharper). A step never drops below 0, so one
neglected step cannot hide how well the others are done. The score is the sum of the five
step scores.

The check is pure and deterministic: it reads nothing but the playbook, and findings come
out in step order, then rule order (the order of :data:`RULES`), then profile position.
"""

from __future__ import annotations

from ..inputs.library import STEP_IDS
from ..inputs.yamlsource import Loc
from ..playbook.model import Playbook
from .findings import PENALTY, STEP_POINTS, Finding, Report, Rule, Severity, StepScore
from .rules import CHECKS, RULES

__all__ = ["PENALTY", "RULES", "STEP_POINTS", "Finding", "Report", "Rule", "Severity",
           "StepScore", "check"]

def _loc_key(loc: Loc) -> tuple[tuple[int, int, str], ...]:
    """A sort key for locations that mix list indexes and keys without comparing them."""
    return tuple((0, part, "") if isinstance(part, int) else (1, 0, part) for part in loc)


def check(pb: Playbook) -> Report:
    """The health report for ``pb``: its score, the score of each step and every finding."""
    rank = {rule.id: n for n, rule in enumerate(RULES)}
    findings = sorted(
        (Finding(rule, loc, message, advice)
         for rule, run in CHECKS for loc, message, advice in run(pb)),
        key=lambda f: (rank[f.rule.id], _loc_key(f.loc), f.message),
    )
    lost = dict.fromkeys(STEP_IDS, 0)
    for finding in findings:
        lost[finding.rule.step] += PENALTY[finding.rule.severity]
    steps = tuple(
        StepScore(step, max(0, STEP_POINTS - lost[step]), STEP_POINTS) for step in STEP_IDS
    )
    return Report(sum(s.score for s in steps), steps, tuple(findings))
