"""A finding's line: ``<subject>: <message>``, the same whether asked of one finding or of a check's many."""

from __future__ import annotations

from workstation.publish.preflight import ERROR, WARNING, Finding, finding_lines


def test_a_findings_line_is_its_subject_then_its_message() -> None:
    assert str(Finding(ERROR, "headline", "article story", "has no headline")) == "article story: has no headline"


def test_the_lines_of_many_findings_are_each_findings_line_in_order() -> None:
    findings = [Finding(ERROR, "byline", f"article s{n}", "has no byline") for n in range(3)]
    findings.append(Finding(WARNING, "house-style", "article é", "house style: “colour”: x"))
    assert list(finding_lines(findings)) == [str(finding) for finding in findings]
    assert list(finding_lines(findings))[-1] == "article é: house style: “colour”: x"
