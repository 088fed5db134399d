"""The third-party components Workstation is built on, for the About dialog.

The bundle redistributes every one of these, so their licences travel with
it; the About dialog is where a user (and a licence auditor) can see which
versions shipped and under which terms. Versions and project addresses come
from the installed distributions' metadata, so the list cannot drift from
what was actually packaged. The licence is the one Workstation uses each
component under, written as an SPDX expression: package metadata is too
inconsistent for that (PySide6 declares a three-way choice, Jinja2 only a
classifier), and for Qt the choice between LGPL and GPL matters.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import metadata

NOT_INSTALLED = "not installed"

QT_COMPLIANCE = (
    "Qt and PySide6 are used under the GNU Lesser General Public License v3. "
    "Workstation links them dynamically: the bundle ships the Qt, QtWebEngine "
    "and PySide6 shared libraries as separate, unmodified files in its _internal "
    "folder, which a user may replace with their own builds of the same "
    "versions. Their source code is available from https://download.qt.io/ and "
    "https://code.qt.io/ (Qt) and https://code.qt.io/cgit/pyside/pyside-setup.git "
    "(PySide6), and on request from the Workstation developers for three years "
    "after any bundle is distributed. The licence texts are in the bundle's "
    "licenses folder."
)
PSYCOPG_COMPLIANCE = (
    "psycopg is used under the GNU Lesser General Public License v3, unmodified. "
    "The bundle ships its Python modules and its compiled libraries (psycopg-binary, "
    "with libpq) as separate files in its _internal folder, which a user may replace "
    "with their own builds of the same versions. Its source code is available from "
    "https://github.com/psycopg/psycopg, and on request from the Workstation "
    "developers for three years after any bundle is distributed."
)


@dataclass(frozen=True)
class Component:
    """One redistributed component: what it is, which version, under which licence, where its source lives."""

    name: str
    version: str
    licence: str
    url: str
    note: str = ""
    distribution: str = ""


@dataclass(frozen=True)
class _Known:
    name: str
    distribution: str
    licence: str
    url: str
    note: str = ""


_KNOWN: tuple[_Known, ...] = (
    _Known("PySide6 (Qt for Python)", "PySide6", "LGPL-3.0-only", "https://pyside.org", QT_COMPLIANCE),
    _Known("Qt 6 and Qt WebEngine", "PySide6_Essentials", "LGPL-3.0-only", "https://www.qt.io",
           "Shipped inside the PySide6 wheels; Qt WebEngine includes Chromium (BSD-3-Clause and others). "
           + QT_COMPLIANCE),
    _Known("Shiboken6", "shiboken6", "LGPL-3.0-only", "https://pyside.org", QT_COMPLIANCE),
    _Known("SQLAlchemy", "SQLAlchemy", "MIT", "https://www.sqlalchemy.org"),
    _Known("Alembic", "alembic", "MIT", "https://alembic.sqlalchemy.org"),
    _Known("Mako", "Mako", "MIT", "https://www.makotemplates.org"),
    _Known("Pillow", "pillow", "MIT-CMU", "https://python-pillow.github.io",
           "The Pillow wheels include libjpeg-turbo, libpng, libwebp, zlib, FreeType and others under their own permissive licences."),
    _Known("Python-Markdown", "Markdown", "BSD-3-Clause", "https://python-markdown.github.io"),
    _Known("Jinja2", "Jinja2", "BSD-3-Clause", "https://jinja.palletsprojects.com"),
    _Known("MarkupSafe", "MarkupSafe", "BSD-3-Clause", "https://markupsafe.palletsprojects.com"),
    _Known("nh3", "nh3", "MIT", "https://github.com/messense/nh3",
           "Python bindings to ammonia (MIT OR Apache-2.0), the HTML sanitiser."),
    _Known("PyYAML", "PyYAML", "MIT", "https://pyyaml.org"),
    _Known("python-slugify", "python-slugify", "MIT", "https://github.com/un33k/python-slugify"),
    _Known("text-unidecode", "text-unidecode", "Artistic-1.0-Perl OR GPL-1.0-or-later", "https://github.com/kmike/text-unidecode",
           "Transliteration tables for python-slugify."),
    _Known("platformdirs", "platformdirs", "MIT", "https://github.com/tox-dev/platformdirs"),
    _Known("feedgen", "feedgen", "BSD-2-Clause OR LGPL-3.0-or-later", "https://lkiesow.github.io/python-feedgen"),
    _Known("lxml", "lxml", "BSD-3-Clause", "https://lxml.de",
           "Includes libxml2 and libxslt (MIT)."),
    _Known("python-dateutil", "python-dateutil", "Apache-2.0 OR BSD-3-Clause", "https://github.com/dateutil/dateutil"),
    _Known("pyenchant", "pyenchant", "LGPL-2.1-or-later", "https://pyenchant.github.io/pyenchant",
           "Loads the system's Enchant library and Hunspell dictionaries at run time."),
    _Known("defusedxml", "defusedxml", "PSF-2.0", "https://github.com/tiran/defusedxml"),
    _Known("email-validator", "email-validator", "Unlicense", "https://github.com/JoshData/python-email-validator"),
    _Known("dnspython", "dnspython", "ISC", "https://www.dnspython.org"),
    _Known("idna", "idna", "BSD-3-Clause", "https://github.com/kjd/idna"),
    _Known("c2pa-python", "c2pa-python", "MIT OR Apache-2.0", "https://github.com/contentauth/c2pa-python",
           "Includes the c2pa-rs native library (MIT OR Apache-2.0), which reads Content Credentials."),
    _Known("cryptography", "cryptography", "Apache-2.0 OR BSD-3-Clause", "https://cryptography.io",
           "Includes OpenSSL (Apache-2.0)."),
    _Known("cffi", "cffi", "MIT", "https://cffi.readthedocs.io"),
    _Known("pycparser", "pycparser", "BSD-3-Clause", "https://github.com/eliben/pycparser"),
    _Known("requests", "requests", "Apache-2.0", "https://requests.readthedocs.io"),
    _Known("urllib3", "urllib3", "MIT", "https://urllib3.readthedocs.io"),
    _Known("certifi", "certifi", "MPL-2.0", "https://github.com/certifi/python-certifi"),
    _Known("charset-normalizer", "charset-normalizer", "MIT", "https://github.com/jawah/charset_normalizer"),
    _Known("toml", "toml", "MIT", "https://github.com/uiri/toml"),
    _Known("regex", "regex", "Apache-2.0 AND CNRI-Python", "https://github.com/mrabarnett/mrab-regex"),
    _Known("Babel", "babel", "BSD-3-Clause", "https://babel.pocoo.org",
           "Includes Unicode CLDR data (Unicode-3.0) for language names."),
    _Known("psycopg", "psycopg", "LGPL-3.0-only", "https://www.psycopg.org/psycopg3/", PSYCOPG_COMPLIANCE),
    _Known("psycopg-binary", "psycopg-binary", "LGPL-3.0-only", "https://www.psycopg.org/psycopg3/",
           "Includes libpq (PostgreSQL licence) and OpenSSL (Apache-2.0). " + PSYCOPG_COMPLIANCE),
    _Known("psycopg-pool", "psycopg-pool", "LGPL-3.0-only", "https://www.psycopg.org/psycopg3/",
           PSYCOPG_COMPLIANCE),
    _Known("merge3", "merge3", "GPL-2.0-or-later", "https://github.com/breezy-team/merge3",
           "Breezy's three-way merge, used to merge a newsroom's concurrent edits."),
    _Known("typing_extensions", "typing-extensions", "PSF-2.0", "https://github.com/python/typing_extensions"),
)


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return NOT_INSTALLED


def third_party_components() -> list[Component]:
    """Every redistributed component with the version installed beside this copy of Workstation."""
    python = Component(
        "Python", ".".join(str(part) for part in sys.version_info[:3]), "PSF-2.0", "https://www.python.org",
        "The interpreter and standard library, included in the bundle.",
    )
    return [python] + [
        Component(known.name, _version(known.distribution), known.licence, known.url, known.note, known.distribution)
        for known in _KNOWN
    ]
