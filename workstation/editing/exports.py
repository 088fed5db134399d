"""What the export asks before it starts: the preflight of the pages it would publish."""

from __future__ import annotations

from workstation.library.database import Library
from workstation.publish.preflight import Finding, preflight

# Printing a picture after its licence ends is the one finding that can cost the paper money.
BLOCKING_KINDS = frozenset({"rights-expired"})


def export_findings(library: Library) -> list[Finding]:
    with library.session() as session:
        return preflight(session, published_only=True)


def blocking(findings: list[Finding]) -> list[Finding]:
    """The findings that stop an export until the editor overrides them."""
    return [finding for finding in findings if finding.kind in BLOCKING_KINDS]
