"""The About dialog's list of third-party components: complete, versioned, licensed."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

from packaging_support import PACKAGING, ROOT

from workstation.about import NOT_INSTALLED, third_party_components


def by_distribution() -> dict[str, object]:
    return {c.distribution.lower(): c for c in third_party_components() if c.distribution}


def normalised(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower()


def test_every_runtime_dependency_is_listed() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {normalised(r) for r in project["dependencies"]}
    assert wanted <= set(by_distribution())


def test_key_components_are_listed_with_their_licences() -> None:
    licences = {c.name: c.licence for c in third_party_components()}
    assert licences["PySide6 (Qt for Python)"] == "LGPL-3.0-only"
    assert licences["Qt 6 and Qt WebEngine"] == "LGPL-3.0-only"
    assert licences["SQLAlchemy"] == "MIT"
    assert licences["Pillow"] == "MIT-CMU"
    assert licences["Python-Markdown"] == "BSD-3-Clause"
    assert licences["pyenchant"] == "LGPL-2.1-or-later"


def test_versions_are_the_installed_distributions() -> None:
    for name, component in by_distribution().items():
        assert component.version == metadata.version(name), name


def test_every_component_has_a_licence_and_a_web_address() -> None:
    for component in third_party_components():
        assert component.licence and component.version != NOT_INSTALLED, component.name
        assert component.url.startswith("https://"), component.name


def test_qt_components_say_how_the_lgpl_is_honoured() -> None:
    for component in third_party_components():
        if "LGPL-3.0-only" in component.licence:
            assert "replace" in component.note and "source" in component.note, component.name


def test_third_party_notices_name_every_component() -> None:
    notices = (PACKAGING / "THIRD-PARTY.md").read_text(encoding="utf-8")
    for component in third_party_components():
        assert component.licence.split(" ")[0] in notices, component.name
        assert component.name.split(" (")[0] in notices, component.name


def test_a_component_missing_from_the_installation_says_so(monkeypatch) -> None:
    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr("workstation.about.metadata.version", missing)
    listed = [c for c in third_party_components() if c.distribution]
    assert listed and all(c.version == NOT_INSTALLED for c in listed)
