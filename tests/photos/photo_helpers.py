"""Helpers for the photo tests: textured frames, encoding, ExifTool read-back."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from PIL import Image

from tests.exiftool import exiftool


def picture(size: tuple[int, int] = (640, 480), mode: str = "RGB") -> Image.Image:
    """A textured frame (gradient under noise) so encoders treat it as a photo."""
    ramp = Image.linear_gradient("L").resize(size)
    noise = Image.effect_noise(size, 30)
    rgb = Image.merge("RGB", [ramp, Image.blend(ramp.rotate(90).resize(size), noise, 0.5), noise])
    return rgb if mode == "RGB" else rgb.convert(mode)


def encode(image: Image.Image, fmt: str = "JPEG", **options: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def run_exiftool(path: Path, *arguments: str) -> None:
    exiftool("-q", "-q", "-overwrite_original", "-codedcharacterset=utf8", *arguments, str(path))


def read_tags(data_or_path: bytes | Path, tmp_path: Path) -> dict[str, Any]:
    """What ExifTool reports, as {"Group1:Tag": value}."""
    if isinstance(data_or_path, bytes):
        path = tmp_path / "readback.bin"
        path.write_bytes(data_or_path)
    else:
        path = data_or_path
    output = exiftool("-j", "-G1", "-a", "-u", str(path)).stdout
    return json.loads(output)[0]
