"""What the export asks before it starts: the preflight of the pages it would publish."""

from __future__ import annotations

from workstation.library.database import Library
from workstation.publish.preflight import Finding, preflight


def export_findings(library: Library) -> list[Finding]:
    with library.session() as session:
        return preflight(session, published_only=True)
