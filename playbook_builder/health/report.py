"""The health report for the terminal and for CI: text, JSON or GitHub annotations.

Findings are located like diagnostics (``file:line:col``), but they are warnings and
advice, not errors: they never stop a build. Only ``playbook check --min-score`` turns a
low score into a failing exit code.
"""

from __future__ import annotations

import json

from ..inputs.diagnostics import gh_data, gh_property
from ..inputs.yamlsource import Document
from .score import Finding, Report


def format_report(report: Report, doc: Document, fmt: str) -> str:
    """The report in ``text``, ``json`` or ``github`` format."""
    if fmt == "json":
        return json.dumps({
            "file": doc.file,
            "score": report.score,
            "steps": [{"step": s.step, "score": s.score, "out_of": s.out_of}
                      for s in report.steps],
            "findings": [_as_dict(f, doc) for f in report.findings],
        }, indent=2, ensure_ascii=False)
    if fmt == "github":
        lines = [_github(f, doc) for f in report.findings]
        return "\n".join([*lines, f"::notice title=Strategy health::{_summary(report)}"])
    lines = [_text(f, doc) for f in report.findings]
    return "\n".join([*lines, _summary(report)])


def _summary(report: Report) -> str:
    steps = ", ".join(f"{s.step} {s.score}/{s.out_of}" for s in report.steps)
    return f"score: {report.score}/100 ({steps})"


def _as_dict(finding: Finding, doc: Document) -> dict[str, object]:
    line, col = doc.position(finding.loc)
    rule = finding.rule
    return {"file": doc.file, "line": line, "col": col, "rule": rule.id,
            "severity": rule.severity, "step": rule.step, "message": finding.message,
            "advice": finding.advice, "source": rule.source}


def _text(finding: Finding, doc: Document) -> str:
    line, col = doc.position(finding.loc)
    rule = finding.rule
    return (f"{doc.file}:{line}:{col}: {rule.severity}: {finding.message} [{rule.id}]\n"
            f"  hint: {finding.advice}")


def _github(finding: Finding, doc: Document) -> str:
    line, col = doc.position(finding.loc)
    level = "warning" if finding.rule.severity == "warning" else "notice"
    props = f"file={gh_property(doc.file)},line={line},col={col},title={finding.rule.id}"
    return f"::{level} {props}::{gh_data(finding.message + chr(10) + finding.advice)}"
