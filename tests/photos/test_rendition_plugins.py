"""Renditions need only Pillow's JPEG and WebP plugins, loaded with the renditions module.

Saving a format whose plugin is not loaded makes Pillow import every
plugin it has (``Image.init``, tens of milliseconds). An export's workers
are forked after this module is imported, so with the two plugins loaded
here no worker pays for that.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

CHILD = textwrap.dedent("""
    import io
    from PIL import Image
    from workstation.photos.renditions import Request, make_renditions

    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (120, 80, 40)).save(buffer, "JPEG")
    made = make_renditions(buffer.getvalue(), [Request(480, "jpeg"), Request(480, "webp"), Request(960, "webp", (16, 9))])
    assert [r.mime for r in made] == ["image/jpeg", "image/webp", "image/webp"]
    print(Image._initialized)
""")


def test_making_jpeg_and_webp_renditions_loads_no_other_pillow_plugin() -> None:
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=60, check=True)
    # 2 would mean Image.init() ran: every plugin Pillow has was imported.
    assert int(done.stdout.strip()) < 2
