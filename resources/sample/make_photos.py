"""Draw the demo library's photos and author portraits, then tag them with exiftool.

The demo has to show what the photo desk does with real agency pictures:
captions, credits and rights read from embedded IPTC and XMP, a Ukrainian
caption kept intact, a GPS position that export must scrub, and an EXIF
orientation the renditions must honour. Real photographs would bring
someone else's copyright into the repository, so every picture here is
drawn from shapes, gradients and seeded noise with Pillow alone.

Run it from anywhere (it writes beside itself and is idempotent):

    python resources/sample/make_photos.py

Every scene takes its own fixed seed, so the same Pillow version writes the
same pixels; exiftool then writes the metadata in one call per file.
Requires Pillow and exiftool (Debian: libimage-exiftool-perl).
"""

from __future__ import annotations

import math
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
PHOTOS = HERE / "photos"
AVATARS = HERE / "avatars"
SIZE = (1600, 1067)
QUALITY = 85

RGB = tuple[int, int, int]


# ---------------------------------------------------------------- drawing helpers


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


def gradient(size: tuple[int, int], stops: list[tuple[float, RGB]]) -> Image.Image:
    """A vertical gradient through colour stops (position 0..1 from the top)."""
    height = 512
    column = []
    for i in range(height):
        t = i / (height - 1)
        for (p0, c0), (p1, c1) in zip(stops, stops[1:]):
            if p0 <= t <= p1:
                column.append(mix(c0, c1, (t - p0) / max(p1 - p0, 1e-6)))
                break
        else:
            column.append(stops[-1][1])
    strip = Image.new("RGB", (1, height))
    strip.putdata(column)
    return strip.resize(size, Image.Resampling.BILINEAR)


def noise(rng: random.Random, size: tuple[int, int], amplitude: float, grain: int = 2) -> Image.Image:
    """Seeded noise centred on 128; a coarser grain keeps the JPEGs small and film-like."""
    w, h = max(1, size[0] // grain), max(1, size[1] // grain)
    raw = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    raw = raw.point(lambda v: round(128 + (v - 128) * amplitude / 128))
    return raw.resize(size, Image.Resampling.BILINEAR)


def add_grain(img: Image.Image, rng: random.Random, amplitude: float = 10, grain: int = 3) -> Image.Image:
    layer = noise(rng, img.size, amplitude, grain)
    return ImageChops.add(img, Image.merge("RGB", (layer, layer, layer)), 1.0, -128)


def textured(rng: random.Random, size: tuple[int, int], colour: RGB, amplitude: float, grain: int) -> Image.Image:
    """A surface (grass, earth, stone) whose colour wanders around a base tone."""
    base = Image.new("RGB", size, colour)
    return add_grain(base, rng, amplitude, grain)


def ridge(rng: random.Random, width: int, base: float, amplitude: float, roughness: float = 0.55) -> list[float]:
    """A hill line by midpoint displacement: heights for each of 257 points across."""
    n = 256
    heights = [0.0] * (n + 1)
    heights[0] = base + rng.uniform(-amplitude, amplitude)
    heights[n] = base + rng.uniform(-amplitude, amplitude)
    step, scale = n, amplitude
    while step > 1:
        half = step // 2
        for i in range(half, n, step):
            heights[i] = (heights[i - half] + heights[i + half]) / 2 + rng.uniform(-scale, scale)
        step, scale = half, scale * roughness
    return heights


def ridge_polygon(heights: list[float], width: int, bottom: int) -> list[tuple[float, float]]:
    n = len(heights) - 1
    points = [(i * width / n, y) for i, y in enumerate(heights)]
    return points + [(width, bottom), (0, bottom)]


def fill_shape(base: Image.Image, fill: Image.Image, draw_mask: Callable[[ImageDraw.ImageDraw], None], blur: float = 0) -> None:
    """Paint ``fill`` through a mask drawn by ``draw_mask``; blur softens distant edges."""
    mask = Image.new("L", base.size, 0)
    draw_mask(ImageDraw.Draw(mask))
    if blur:
        mask = mask.filter(ImageFilter.GaussianBlur(blur))
    base.paste(fill, (0, 0), mask)


def clouds(base: Image.Image, rng: random.Random, count: int, top: int, bottom: int, colour: RGB = (255, 255, 255), strength: int = 170) -> None:
    mask = Image.new("L", base.size, 0)
    d = ImageDraw.Draw(mask)
    for _ in range(count):
        cx, cy = rng.uniform(-100, base.width + 100), rng.uniform(top, bottom)
        for _ in range(rng.randint(4, 9)):
            rx, ry = rng.uniform(40, 140), rng.uniform(18, 45)
            ox, oy = rng.uniform(-160, 160), rng.uniform(-25, 15)
            d.ellipse((cx + ox - rx, cy + oy - ry, cx + ox + rx, cy + oy + ry), fill=rng.randint(strength - 60, strength))
    mask = mask.filter(ImageFilter.GaussianBlur(22))
    base.paste(Image.new("RGB", base.size, colour), (0, 0), mask)


def tree(d: ImageDraw.ImageDraw, rng: random.Random, x: float, ground: float, height: float, greens: list[RGB], trunk: RGB = (74, 56, 40)) -> None:
    """A broadleaf tree: a trunk under a crown of overlapping leaf clusters, lit from the upper left."""
    d.rectangle((x - height * 0.04, ground - height * 0.45, x + height * 0.04, ground), fill=trunk)
    crown_y, radius = ground - height * 0.62, height * 0.38
    for layer, colour in enumerate(greens):
        for _ in range(14):
            a, r = rng.uniform(0, 2 * math.pi), rng.uniform(0, radius * 0.75)
            cx = x + math.cos(a) * r - layer * radius * 0.08
            cy = crown_y + math.sin(a) * r * 0.8 - layer * radius * 0.1
            s = radius * rng.uniform(0.25, 0.45) * (1 - layer * 0.15)
            d.ellipse((cx - s, cy - s, cx + s, cy + s), fill=colour)


def glow(base: Image.Image, points: list[tuple[float, float, float]], colour: RGB, blur: float) -> None:
    """Soft light halos (lamps, windows, bokeh) added on top of the picture."""
    light = Image.new("RGB", base.size, (0, 0, 0))
    d = ImageDraw.Draw(light)
    for x, y, r in points:
        d.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    light = light.filter(ImageFilter.GaussianBlur(blur))
    base.paste(ImageChops.add(base, light), (0, 0))


def water(base: Image.Image, rng: random.Random, top: float, polygon: list[tuple[float, float]], sky: list[tuple[float, RGB]]) -> None:
    """A river surface: the sky mirrored and darkened, with horizontal ripples."""
    w, h = base.size
    mirrored = [(p, mix(c, (20, 35, 45), 0.35)) for p, c in reversed(sky)]
    fill = gradient((w, h), [(0.0, mirrored[0][1]), (1.0, mirrored[-1][1])])
    ripples = ImageDraw.Draw(fill)
    for _ in range(900):
        y = rng.uniform(top, h)
        x = rng.uniform(0, w)
        length = rng.uniform(10, 70) * (0.4 + (y - top) / max(h - top, 1))
        shade = rng.choice([(235, 240, 245), (60, 75, 85)])
        ripples.line((x, y, x + length, y), fill=mix(shade, fill.getpixel((int(min(x, w - 1)), int(y))), 0.55), width=2)
    fill = fill.filter(ImageFilter.GaussianBlur(1.2))
    fill_shape(base, fill, lambda d: d.polygon(polygon, fill=255), blur=1.5)


# ---------------------------------------------------------------- scenes

MORNING = [(0.0, (96, 142, 196)), (0.55, (170, 200, 226)), (1.0, (238, 222, 196))]


def river_embankment(rng: random.Random) -> Image.Image:
    w, h = SIZE
    img = gradient(SIZE, [(0.0, MORNING[0][1]), (0.5, MORNING[2][1]), (1.0, MORNING[2][1])])
    clouds(img, rng, 9, 60, 330)
    far = ridge(rng, w, 430, 60)
    fill_shape(img, Image.new("RGB", SIZE, (128, 150, 172)), lambda d: d.polygon(ridge_polygon(far, w, h), fill=255), blur=3)
    mid = ridge(rng, w, 520, 45)
    fill_shape(img, textured(rng, SIZE, (92, 124, 78), 14, 6), lambda d: d.polygon(ridge_polygon(mid, w, h), fill=255), blur=1)
    layer = ImageDraw.Draw(img)
    for i in range(26):
        x = rng.uniform(0, w)
        tree(layer, rng, x, 560 + rng.uniform(-10, 20), rng.uniform(70, 120), [(52, 78, 48), (70, 100, 58), (96, 126, 74)])
    river = [(0, 700), (300, 670), (700, 655), (1100, 662), (1600, 640), (1600, 1067), (0, 1067)]
    water(img, rng, 640, river, MORNING)
    # The new embankment: a grassed earth wall with a stone toe along the near bank.
    bank = [(0, 560), (1600, 575), (1600, 650), (1100, 672), (700, 668), (300, 684), (0, 712)]
    fill_shape(img, textured(rng, SIZE, (110, 138, 80), 18, 3), lambda d: d.polygon(bank, fill=255))
    stones = textured(rng, SIZE, (132, 126, 116), 40, 4)
    toe = [(0, 700), (300, 674), (700, 658), (1100, 664), (1600, 642), (1600, 660), (1100, 680), (700, 676), (300, 692), (0, 722)]
    fill_shape(img, stones, lambda d: d.polygon(toe, fill=255))
    d = ImageDraw.Draw(img)
    d.line([(0, 575), (1600, 588)], fill=(196, 186, 160), width=6)  # the path on the crest
    for x in range(40, 1600, 120):
        d.line([(x, 580 + x * 0.008), (x, 548 + x * 0.008)], fill=(60, 60, 62), width=3)
    return add_grain(img, rng, 8)


def night_train(rng: random.Random) -> Image.Image:
    w, h = SIZE
    sky = [(0.0, (12, 18, 44)), (0.45, (34, 46, 96)), (0.62, (196, 112, 76)), (0.7, (230, 160, 96))]
    img = gradient(SIZE, sky + [(1.0, (40, 36, 40))])
    d = ImageDraw.Draw(img)
    for _ in range(220):
        x, y = rng.uniform(0, w), rng.uniform(0, 420)
        v = rng.randint(150, 255)
        d.point((x, y), fill=(v, v, v))
    hills = ridge(rng, w, 700, 50)
    fill_shape(img, Image.new("RGB", SIZE, (24, 26, 38)), lambda d: d.polygon(ridge_polygon(hills, w, h), fill=255), blur=1)
    d = ImageDraw.Draw(img)
    d.rectangle((0, 860, w, h), fill=(46, 44, 46))  # platform
    d.rectangle((0, 852, w, 864), fill=(200, 184, 96))  # platform edge line
    # The sleeper train: carriages in shallow perspective, windows lit.
    carriages = [(80, 560), (600, 575), (1100, 590)]
    windows = []
    for i, (x0, top) in enumerate(carriages):
        x1 = x0 + 480
        d.rounded_rectangle((x0, top, x1, 840), radius=18, fill=(26, 48, 78))
        d.rectangle((x0, top + 190, x1, top + 200), fill=(180, 150, 60))
        for wx in range(x0 + 30, x1 - 40, 64):
            lit = rng.random() > 0.2
            d.rectangle((wx, top + 60, wx + 44, top + 140), fill=(250, 214, 140) if lit else (40, 50, 70))
            if lit:
                windows.append((wx + 22, top + 100, 30))
        d.rectangle((x0, 840, x1, 858), fill=(16, 16, 18))
    glow(img, windows, (110, 80, 30), 28)
    d = ImageDraw.Draw(img)
    lamps = []
    for x in range(160, w, 360):
        d.rectangle((x - 4, 520, x + 4, 880), fill=(20, 20, 22))
        d.ellipse((x - 14, 505, x + 14, 530), fill=(255, 240, 200))
        lamps.append((x, 518, 26))
    glow(img, lamps, (160, 130, 80), 40)
    return add_grain(img, rng, 12)


def orchard(rng: random.Random) -> Image.Image:
    w, h = SIZE
    img = gradient(SIZE, [(0.0, (120, 170, 220)), (0.45, (200, 224, 240)), (1.0, (200, 224, 240))])
    clouds(img, rng, 12, 40, 300)
    far = ridge(rng, w, 470, 40)
    fill_shape(img, Image.new("RGB", SIZE, (120, 150, 120)), lambda d: d.polygon(ridge_polygon(far, w, h), fill=255), blur=3)
    fill_shape(img, textured(rng, SIZE, (106, 150, 70), 22, 3), lambda d: d.rectangle((0, 520, w, h), fill=255))
    d = ImageDraw.Draw(img)
    # Rows of apple trees receding to a vanishing point, nearest drawn last.
    vx, vy = 820, 500
    for depth in range(9, 0, -1):
        scale = 1 / depth
        for side in (-1, 1):
            x = vx + side * 900 * scale
            ground = vy + 560 * scale
            size = 620 * scale
            tree(d, rng, x, ground, size, [(48, 86, 44), (66, 112, 52), (92, 140, 64)])
            for _ in range(int(14 * (1 + 1 / depth))):
                a, r = rng.uniform(0, 2 * math.pi), rng.uniform(0, size * 0.3)
                fx, fy = x + math.cos(a) * r, ground - size * 0.62 + math.sin(a) * r * 0.8
                fr = max(2, size * 0.025)
                d.ellipse((fx - fr, fy - fr, fx + fr, fy + fr), fill=rng.choice([(196, 40, 36), (214, 70, 40), (226, 190, 60)]))
    # A mown path between the rows.
    d.polygon([(vx - 12, vy + 60), (vx + 12, vy + 60), (vx + 420, h), (vx - 420, h)], fill=(150, 170, 96))
    img = img.filter(ImageFilter.SMOOTH)
    return add_grain(img, rng, 10)


def loaf(base: Image.Image, rng: random.Random, cx: float, cy: float, rx: float, ry: float, crust: RGB) -> None:
    """A loaf: shaded crust, a highlight, scoring slashes and a dusting of flour."""
    shadow = Image.new("L", base.size, 0)
    ImageDraw.Draw(shadow).ellipse((cx - rx, cy - ry * 0.2, cx + rx * 1.05, cy + ry * 1.15), fill=150)
    base.paste((30, 18, 10), (0, 0), shadow.filter(ImageFilter.GaussianBlur(18)))
    body = Image.new("L", base.size, 0)
    ImageDraw.Draw(body).ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=255)
    base.paste(mix(crust, (60, 30, 10), 0.35), (0, 0), body)
    light = Image.new("L", base.size, 0)
    ImageDraw.Draw(light).ellipse((cx - rx * 0.8, cy - ry * 0.95, cx + rx * 0.6, cy + ry * 0.4), fill=255)
    light = ImageChops.multiply(light.filter(ImageFilter.GaussianBlur(rx * 0.25)), body)
    base.paste(crust, (0, 0), light)
    d = ImageDraw.Draw(base)
    for i in range(3):
        sx = cx - rx * 0.5 + i * rx * 0.45
        d.arc((sx - rx * 0.25, cy - ry * 0.5, sx + rx * 0.25, cy + ry * 0.3), 200, 320, fill=(236, 214, 170), width=max(3, int(rx * 0.04)))
    for _ in range(int(rx * 1.5)):
        a, r = rng.uniform(0, 2 * math.pi), rng.uniform(0, 1) ** 0.5
        fx, fy = cx + math.cos(a) * r * rx * 0.8, cy + math.sin(a) * r * ry * 0.7 - ry * 0.15
        v = rng.randint(215, 250)
        d.point((fx, fy), fill=(v, v, v - 10))


def bakery_loaves(rng: random.Random) -> Image.Image:
    w, h = SIZE
    img = gradient(SIZE, [(0.0, (60, 40, 28)), (0.5, (120, 80, 46)), (1.0, (90, 60, 36))])
    glow(img, [(rng.uniform(0, w), rng.uniform(0, 380), rng.uniform(30, 70)) for _ in range(14)], (120, 80, 30), 30)
    # A scrubbed wooden table: planks with grain lines.
    table = Image.new("RGB", SIZE, (150, 110, 72))
    td = ImageDraw.Draw(table)
    for y in range(430, h, 110):
        td.line((0, y, w, y), fill=(90, 60, 38), width=4)
        for _ in range(40):
            gy = y + rng.uniform(8, 100)
            td.line((rng.uniform(-200, w), gy, rng.uniform(0, w + 200), gy + rng.uniform(-4, 4)), fill=mix((150, 110, 72), (100, 70, 44), rng.uniform(0.2, 0.6)), width=2)
    table = add_grain(table, rng, 12, 3)
    img.paste(table.crop((0, 430, w, h)), (0, 430))
    for cx, cy, rx, ry, crust in [
        (380, 640, 230, 130, (198, 136, 70)),
        (900, 600, 200, 120, (176, 112, 56)),
        (1290, 700, 240, 140, (210, 150, 84)),
        (660, 860, 260, 150, (186, 124, 62)),
        (1180, 930, 180, 110, (160, 100, 50)),
    ]:
        loaf(img, rng, cx, cy, rx, ry, crust)
    return add_grain(img, rng, 7)


def bakery_shelves(rng: random.Random) -> Image.Image:
    """Drawn upright (portrait), returned upright: the caller stores it rotated with Orientation 6."""
    w, h = SIZE[1], SIZE[0]
    img = gradient((w, h), [(0.0, (70, 48, 34)), (1.0, (110, 76, 50))])
    d = ImageDraw.Draw(img)
    for y in range(260, h, 330):
        d.rectangle((40, y, w - 40, y + 26), fill=(150, 108, 66))
        d.rectangle((40, y + 26, w - 40, y + 40), fill=(60, 40, 26))
        x = 90
        while x < w - 160:
            rx, ry = rng.uniform(70, 110), rng.uniform(45, 70)
            loaf(img, rng, x + rx, y - ry + 10, rx, ry, mix((200, 140, 74), (150, 96, 48), rng.random()))
            x += rx * 2 + rng.uniform(10, 30)
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, 40, h), fill=(50, 34, 24))
    d.rectangle((w - 40, 0, w, h), fill=(50, 34, 24))
    return add_grain(img, rng, 8)


def chess_final(rng: random.Random) -> Image.Image:
    w, h = SIZE
    img = gradient(SIZE, [(0.0, (40, 30, 26)), (0.5, (80, 58, 44)), (1.0, (60, 42, 32))])
    glow(img, [(rng.uniform(0, w), rng.uniform(0, 400), rng.uniform(20, 60)) for _ in range(20)], (140, 110, 60), 24)
    img = img.filter(ImageFilter.GaussianBlur(4))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 520, w, h), fill=(96, 62, 40))  # the table
    # The board in true perspective: rows foreshorten with depth.
    top, bottom, cx = 470, 1040, 800
    far_w, near_w = 620, 1240
    ratio = near_w / far_w

    def row_y(t: float) -> float:
        s = (1 / (ratio + t * (1 - ratio)) - 1 / ratio) / (1 - 1 / ratio)
        return top + (bottom - top) * s

    def point(u: float, t: float) -> tuple[float, float]:
        y = row_y(t)
        width = far_w + (near_w - far_w) * (y - top) / (bottom - top)
        return cx + (u - 0.5) * width, y

    border = [point(-0.04, -0.03), point(1.04, -0.03), point(1.04, 1.03), point(-0.04, 1.03)]
    d.polygon(border, fill=(58, 34, 20))
    for r in range(8):
        for c in range(8):
            quad = [point(c / 8, r / 8), point((c + 1) / 8, r / 8), point((c + 1) / 8, (r + 1) / 8), point(c / 8, (r + 1) / 8)]
            d.polygon(quad, fill=(232, 212, 170) if (r + c) % 2 == 0 else (120, 78, 48))
    board = img.copy()
    img = add_grain(img, rng, 6)
    img.paste(add_grain(board, rng, 6), (0, 0))
    pieces = [(3, 1, "k", 0), (2, 2, "p", 0), (5, 2, "p", 0), (4, 3, "q", 1), (1, 4, "p", 1), (6, 5, "p", 1), (5, 6, "k", 1), (2, 5, "p", 0), (6, 3, "r", 0)]
    for c, r, kind, white in sorted(pieces, key=lambda p: p[1]):
        x, y = point((c + 0.5) / 8, (r + 0.55) / 8)
        scale = (far_w + (near_w - far_w) * (y - top) / (bottom - top)) / 8
        piece(img, x, y, scale, kind, white)
    return img


def piece(img: Image.Image, x: float, y: float, cell: float, kind: str, white: int) -> None:
    """A turned wooden chess piece: base, body and head, with a side light and a cast shadow."""
    body, light = ((226, 214, 190), (252, 246, 232)) if white else ((44, 32, 26), (110, 90, 74))
    tall = {"p": 0.9, "r": 1.1, "q": 1.5, "k": 1.6}[kind] * cell
    shadow = Image.new("L", img.size, 0)
    ImageDraw.Draw(shadow).ellipse((x - cell * 0.15, y - cell * 0.12, x + cell * 0.75, y + cell * 0.14), fill=140)
    img.paste((20, 12, 8), (0, 0), shadow.filter(ImageFilter.GaussianBlur(cell * 0.08)))
    d = ImageDraw.Draw(img)
    b = cell * 0.34
    d.ellipse((x - b, y - b * 0.35, x + b, y + b * 0.35), fill=body)
    d.polygon([(x - b * 0.7, y - b * 0.1), (x + b * 0.7, y - b * 0.1), (x + b * 0.3, y - tall * 0.7), (x - b * 0.3, y - tall * 0.7)], fill=body)
    d.polygon([(x - b * 0.6, y - b * 0.1), (x - b * 0.3, y - b * 0.1), (x - b * 0.1, y - tall * 0.7), (x - b * 0.25, y - tall * 0.7)], fill=light)
    head = cell * (0.2 if kind == "p" else 0.24)
    hy = y - tall * 0.7 - head * 0.8
    if kind == "r":
        d.rectangle((x - head * 1.1, hy - head * 0.6, x + head * 1.1, hy + head * 0.9), fill=body)
        for i in (-1, 0, 1):
            d.rectangle((x + i * head * 0.8 - head * 0.25, hy - head * 1.1, x + i * head * 0.8 + head * 0.25, hy - head * 0.5), fill=body)
    else:
        d.ellipse((x - head, hy - head, x + head, hy + head), fill=body)
        d.ellipse((x - head * 0.7, hy - head * 0.7, x - head * 0.1, hy - head * 0.1), fill=light)
    if kind == "k":
        d.rectangle((x - head * 0.15, hy - head * 2.2, x + head * 0.15, hy - head * 0.8), fill=body)
        d.rectangle((x - head * 0.6, hy - head * 1.8, x + head * 0.6, hy - head * 1.5), fill=body)
    if kind == "q":
        for i in (-1, 0, 1):
            d.ellipse((x + i * head * 0.7 - head * 0.2, hy - head * 1.5, x + i * head * 0.7 + head * 0.2, hy - head * 1.1), fill=body)


def bridge_repair(rng: random.Random) -> Image.Image:
    w, h = SIZE
    sky = [(0.0, (132, 160, 190)), (0.6, (210, 214, 212))]
    img = gradient(SIZE, sky + [(1.0, (210, 214, 212))])
    clouds(img, rng, 10, 40, 360, (236, 236, 238), 150)
    far = ridge(rng, w, 500, 50)
    fill_shape(img, Image.new("RGB", SIZE, (120, 132, 140)), lambda d: d.polygon(ridge_polygon(far, w, h), fill=255), blur=3)
    # Town roofs on the far bank.
    d = ImageDraw.Draw(img)
    x = 0
    while x < w:
        bw, bh = rng.uniform(60, 130), rng.uniform(60, 140)
        wall = rng.choice([(200, 186, 160), (176, 160, 140), (210, 200, 184)])
        d.rectangle((x, 600 - bh, x + bw, 620), fill=wall)
        d.polygon([(x - 6, 600 - bh), (x + bw / 2, 600 - bh - 40), (x + bw + 6, 600 - bh)], fill=(120, 66, 52))
        x += bw + rng.uniform(2, 12)
    water(img, rng, 620, [(0, 620), (w, 620), (w, h), (0, h)], sky)
    # A three-arch stone bridge; arches punched out of a stone band.
    stone = textured(rng, SIZE, (150, 140, 124), 34, 3)
    deck_top, springing, base = 430, 600, 720
    mask = Image.new("L", SIZE, 0)
    md = ImageDraw.Draw(mask)
    md.rectangle((-10, deck_top, w + 10, base), fill=255)
    arches = [(70, 500), (590, 1010), (1100, 1530)]
    for a0, a1 in arches:
        md.rectangle((a0, springing, a1, base + 5), fill=0)
        md.ellipse((a0, springing - (a1 - a0) * 0.28, a1, springing + (a1 - a0) * 0.28), fill=0)
    img.paste(stone, (0, 0), mask)
    d = ImageDraw.Draw(img)
    d.rectangle((-10, deck_top - 26, w + 10, deck_top), fill=(120, 112, 100))  # parapet
    for y in range(deck_top + 40, base, 40):
        d.line((0, y, w, y), fill=(128, 118, 104), width=2)
    # Scaffolding on the middle arch: tubes, boards and a green debris net.
    net = Image.new("L", SIZE, 0)
    ImageDraw.Draw(net).rectangle((540, 330, 1060, 720), fill=90)
    img.paste((46, 110, 70), (0, 0), net)
    for sx in range(540, 1070, 65):
        d.line((sx, 330, sx, 720), fill=(180, 184, 190), width=5)
    for sy in range(340, 720, 70):
        d.line((540, sy, 1060, sy), fill=(180, 184, 190), width=5)
        d.rectangle((540, sy - 6, 1060, sy), fill=(176, 140, 80))
    for sx in range(540, 1060, 130):
        d.line((sx, 720, sx + 130, 340), fill=(160, 164, 170), width=3)
    # The bridge mirrored in the river, darker and broken up by the current.
    reflection = img.crop((0, 400, w, base)).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    reflection = Image.blend(reflection, Image.new("RGB", reflection.size, (60, 76, 90)), 0.5).filter(ImageFilter.GaussianBlur(2.5))
    fade = Image.linear_gradient("L").resize(reflection.size).point(lambda v: max(0, 200 - v))
    img.paste(reflection, (0, base), fade)
    d = ImageDraw.Draw(img)
    for _ in range(260):
        y, x = rng.uniform(base, h), rng.uniform(0, w)
        d.line((x, y, x + rng.uniform(20, 90), y), fill=(186, 196, 204), width=2)
    return add_grain(img, rng, 8)


def town_hall(rng: random.Random) -> Image.Image:
    w, h = SIZE
    img = gradient(SIZE, [(0.0, (90, 130, 186)), (0.5, (180, 200, 220)), (1.0, (180, 200, 220))])
    clouds(img, rng, 7, 40, 240)
    d = ImageDraw.Draw(img)
    d.rectangle((0, 820, w, h), fill=(150, 140, 126))  # the square
    for y in range(830, h, 28):  # cobbles in rows
        offset = (y // 28) % 2 * 22
        for x in range(-44 + offset, w, 44):
            v = rng.randint(120, 168)
            d.rounded_rectangle((x + 2, y + 2, x + 42, y + 26), radius=6, fill=(v, v - 6, v - 16))
    facades = [(0, 300, 330, (198, 170, 130)), (330, 160, 940, (214, 204, 186)), (940, 260, 1270, (186, 120, 96)), (1270, 320, 1600, (204, 186, 150))]
    for x0, top, x1, colour in facades:
        d.rectangle((x0, top, x1, 830), fill=colour)
        d.rectangle((x0, top, x1, top + 16), fill=mix(colour, (60, 50, 40), 0.4))
        for wy in range(top + 60, 720, 120):
            for wx in range(x0 + 40, x1 - 60, 95):
                lit = rng.random() > 0.7
                d.rectangle((wx, wy, wx + 50, wy + 78), fill=(250, 224, 170) if lit else (54, 70, 88))
                d.line((wx + 25, wy, wx + 25, wy + 78), fill=mix(colour, (255, 255, 255), 0.3), width=3)
                d.rectangle((wx - 4, wy + 78, wx + 54, wy + 86), fill=mix(colour, (255, 255, 255), 0.35))
    # The town hall: pediment, clock and a door under a flag.
    d.polygon([(330, 160), (635, 40), (940, 160)], fill=(200, 190, 172))
    d.ellipse((590, 70, 680, 150), fill=(244, 240, 228), outline=(60, 50, 40), width=4)
    d.line((635, 110, 635, 80), fill=(30, 30, 30), width=4)
    d.line((635, 110, 660, 118), fill=(30, 30, 30), width=4)
    d.rectangle((585, 700, 685, 830), fill=(70, 46, 34))
    d.line((635, 40, 635, -10), fill=(50, 50, 50), width=4)
    d.rectangle((637, -10, 700, 20), fill=(40, 90, 170))
    for x in range(120, w, 260):  # people crossing, as small figures
        px = x + rng.uniform(-40, 40)
        d.ellipse((px - 9, 866, px + 9, 884), fill=(60, 46, 40))
        d.rounded_rectangle((px - 14, 884, px + 14, 950), radius=8, fill=rng.choice([(40, 60, 110), (120, 40, 40), (70, 70, 70)]))
    img = img.filter(ImageFilter.SMOOTH)
    return add_grain(img, rng, 8)


def river_gauge(rng: random.Random) -> Image.Image:
    w, h = SIZE
    sky = [(0.0, (150, 160, 170)), (0.55, (214, 210, 200))]
    img = gradient(SIZE, sky + [(1.0, (214, 210, 200))])
    clouds(img, rng, 14, 20, 400, (238, 236, 232), 140)
    d = ImageDraw.Draw(img)
    for i in range(40):
        tree(d, rng, rng.uniform(0, w), 560 + rng.uniform(-6, 6), rng.uniform(160, 260), [(58, 74, 52), (76, 96, 64), (100, 118, 80)])
    img = img.filter(ImageFilter.GaussianBlur(2))
    water(img, rng, 560, [(0, 560), (w, 560), (w, h), (0, h)], sky)
    d = ImageDraw.Draw(img)
    # The gauge board: metre marks, the water at its "3".
    gx, gtop, waterline = 980, 180, 760
    d.rectangle((gx - 8, gtop, gx + 78, waterline + 260), fill=(238, 238, 232))
    for i, y in enumerate(range(gtop, waterline + 260, 30)):
        d.rectangle((gx - 8, y, gx + (78 if i % 5 == 0 else 34), y + 12), fill=(200, 40, 36) if (i // 5) % 2 else (24, 24, 24))
    d.rectangle((gx - 24, waterline - 2, gx + 94, waterline + 3), fill=(160, 170, 176))
    reflection = img.crop((gx - 12, waterline - 240, gx + 82, waterline)).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    reflection = Image.blend(reflection, Image.new("RGB", reflection.size, (80, 92, 100)), 0.55).filter(ImageFilter.GaussianBlur(3))
    mask = Image.linear_gradient("L").resize(reflection.size).point(lambda v: 255 - v)
    img.paste(reflection, (gx - 12, waterline + 4), mask)
    d = ImageDraw.Draw(img)
    for _ in range(60):
        y = rng.uniform(waterline + 10, h)
        x = rng.uniform(gx - 200, gx + 260)
        d.line((x, y, x + rng.uniform(20, 80), y), fill=(200, 206, 210), width=2)
    return add_grain(img, rng, 9)


# ---------------------------------------------------------------- portraits


def portrait(rng: random.Random, backdrop: tuple[RGB, RGB], skin: RGB, hair: RGB, jacket: RGB, long_hair: bool) -> Image.Image:
    """A head-and-shoulders portrait against a soft studio backdrop, lit from the left."""
    size = (800, 800)
    img = gradient(size, [(0.0, backdrop[0]), (1.0, backdrop[1])])
    glow(img, [(200, 220, 260)], (50, 50, 50), 120)
    d = ImageDraw.Draw(img)
    if long_hair:
        d.rounded_rectangle((250, 220, 550, 620), radius=140, fill=hair)
    d.ellipse((130, 560, 670, 1100), fill=jacket)  # shoulders
    d.polygon([(340, 580), (460, 580), (400, 690)], fill=(236, 236, 232))  # collar
    d.rectangle((355, 470, 445, 600), fill=mix(skin, (0, 0, 0), 0.15))  # neck
    d.ellipse((280, 200, 520, 520), fill=skin)  # face
    d.ellipse((270, 330, 300, 400), fill=mix(skin, (0, 0, 0), 0.08))  # ears
    d.ellipse((500, 330, 530, 400), fill=mix(skin, (0, 0, 0), 0.08))
    d.chord((270, 170, 530, 420), 180, 360, fill=hair)  # hair
    for ex in (350, 450):
        d.ellipse((ex - 14, 350, ex + 14, 366), fill=(52, 40, 34))
        d.arc((ex - 26, 322, ex + 26, 346), 200, 340, fill=mix(hair, (0, 0, 0), 0.2), width=5)
    d.arc((372, 420, 428, 452), 20, 160, fill=mix(skin, (120, 40, 40), 0.45), width=5)
    shade = Image.new("L", size, 0)
    ImageDraw.Draw(shade).ellipse((420, 180, 620, 560), fill=80)
    img.paste((20, 16, 14), (0, 0), shade.filter(ImageFilter.GaussianBlur(50)))
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    return add_grain(img, rng, 9)


# ---------------------------------------------------------------- metadata


@dataclass(frozen=True)
class Picture:
    filename: str
    seed: int
    draw: Callable[[random.Random], Image.Image]
    headline: str
    caption: str
    creator: str
    credit: str
    city: str
    country: str
    date_created: str  # EXIF-style "YYYY:MM:DD HH:MM:SS+HH:MM"
    source: str = "Millbrook Wire"
    usage_terms: str = "Editorial use only. Demo material of the Workstation project."
    gps: tuple[float, float] | None = None
    orientation: int = 1


PICTURES = [
    Picture("river-embankment.jpg", 101, river_embankment,
            "New embankment on the Lowmere",
            "The raised earth embankment along the Lowmere at Millbrook, seen from the south meadow the morning after the council vote.",
            "Maren Holt", "Harbour Desk via Millbrook Wire", "Millbrook", "United Kingdom", "2026:11:19 08:12:00+00:00",
            gps=(52.6312, -1.1398)),
    Picture("river-gauge.jpg", 102, river_gauge,
            "Gauge board at Ferry Steps",
            "The gauge board at Ferry Steps, where the river stood at 3.1 metres during last winter’s flood.",
            "Maren Holt", "Harbour Desk via Millbrook Wire", "Millbrook", "United Kingdom", "2026:11:18 15:40:00+00:00"),
    Picture("town-hall.jpg", 103, town_hall,
            "Millbrook town hall",
            "Market Square and the town hall, where councillors debated the flood defence budget until after ten at night.",
            "Maren Holt", "Harbour Desk via Millbrook Wire", "Millbrook", "United Kingdom", "2026:11:19 17:05:00+00:00"),
    Picture("night-train.jpg", 104, night_train,
            "The sleeper returns",
            "The first northbound sleeper in eleven years waits at platform two before its 22:47 departure.",
            "Daniel Okafor", "Rail Desk via Millbrook Wire", "Millbrook", "United Kingdom", "2026:11:12 22:31:00+00:00"),
    Picture("community-orchard.jpg", 105, orchard,
            "Orchard rows at Hollin Lane",
            "Rows of heritage apple trees at the Hollin Lane community orchard, planted on a former car park.",
            "Оксана Мельник", "Culture Desk via Millbrook Wire", "Millbrook", "United Kingdom", "2026:10:03 11:20:00+01:00"),
    Picture("bakery-loaves.jpg", 106, bakery_loaves,
            "Sourdough at the cooperative",
            "The morning’s first sourdough loaves cool on the table at the Corn Street bakery cooperative.",
            "Оксана Мельник", "Culture Desk via Millbrook Wire", "Millbrook", "United Kingdom", "2026:11:05 06:45:00+00:00"),
    Picture("bakery-shelves.jpg", 107, bakery_shelves,
            "Shelves at opening time",
            "Shelves stocked before the doors open at seven; members take turns on the early shift.",
            "Оксана Мельник", "Culture Desk via Millbrook Wire", "Millbrook", "United Kingdom", "2026:11:05 06:58:00+00:00",
            orientation=6),
    Picture("chess-final.jpg", 108, chess_final,
            "Фінал юніорського турніру",
            "Вирішальна позиція фіналу юніорського турніру з шахів у бібліотеці на Рівер-стріт: білі ставлять мат за три ходи.",
            "Оксана Мельник", "Culture Desk via Millbrook Wire", "Millbrook", "United Kingdom", "2026:11:15 16:10:00+00:00"),
    Picture("bridge-repair.jpg", 109, bridge_repair,
            "Scaffolding on Mill Bridge",
            "Scaffolding and a debris net cover the middle arch of Mill Bridge while masons replace frost-damaged stones.",
            "Maren Holt", "Harbour Desk via Millbrook Wire", "Millbrook", "United Kingdom", "2026:11:09 10:30:00+00:00"),
]

PORTRAITS = [
    ("maren-holt.jpg", 201, ((96, 112, 128), (58, 66, 78)), (226, 186, 160), (112, 70, 44), (40, 56, 80), True),
    ("oksana-melnyk.jpg", 202, ((150, 128, 104), (86, 70, 60)), (232, 196, 170), (178, 132, 70), (118, 40, 52), True),
    ("daniel-okafor.jpg", 203, ((88, 120, 104), (48, 66, 58)), (140, 96, 70), (30, 24, 22), (60, 60, 64), False),
]


def exiftool_args(p: Picture) -> list[str]:
    year, month, rest = p.date_created.split(":", 2)
    day, clock = rest.split(" ")
    time_part, offset = clock[:8], clock[8:]
    copyright_notice = f"© 2026 {p.creator} / Workstation demo"
    args = [
        "-codedcharacterset=utf8",
        f"-IPTC:Caption-Abstract={p.caption}",
        f"-IPTC:Headline={p.headline}",
        f"-IPTC:By-line={p.creator}",
        f"-IPTC:Credit={p.credit}",
        f"-IPTC:Source={p.source}",
        f"-IPTC:CopyrightNotice={copyright_notice}",
        f"-IPTC:City={p.city}",
        f"-IPTC:Country-PrimaryLocationName={p.country}",
        f"-IPTC:DateCreated={year}:{month}:{day}",
        f"-IPTC:TimeCreated={time_part}{offset}",
        f"-XMP-dc:Description={p.caption}",
        f"-XMP-photoshop:Headline={p.headline}",
        f"-XMP-dc:Creator={p.creator}",
        f"-XMP-photoshop:Credit={p.credit}",
        f"-XMP-photoshop:Source={p.source}",
        f"-XMP-dc:Rights={copyright_notice}",
        f"-XMP-xmpRights:UsageTerms={p.usage_terms}",
        f"-XMP-photoshop:City={p.city}",
        f"-XMP-photoshop:Country={p.country}",
        f"-XMP-photoshop:DateCreated={p.date_created}",
        f"-EXIF:Artist={p.creator}",
        f"-EXIF:Copyright={copyright_notice}",
        f"-EXIF:DateTimeOriginal={p.date_created[:19]}",
        f"-EXIF:OffsetTimeOriginal={offset}",
        f"-EXIF:Orientation#={p.orientation}",
    ]
    if p.gps:
        lat, lon = p.gps
        args += [
            f"-GPSLatitude={abs(lat)}", f"-GPSLatitudeRef={'N' if lat >= 0 else 'S'}",
            f"-GPSLongitude={abs(lon)}", f"-GPSLongitudeRef={'E' if lon >= 0 else 'W'}",
        ]
    return args


# The demo's pictures are drawn by this script: "pure algorithmic media" in
# IPTC's digital source types (no AI involved). It is written into an .xmp
# sidecar beside each photo, as a photo desk's tools keep later edits.
SIDECAR_ARGS = [
    "-XMP-iptcExt:DigitalSourceType=http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia",
]


def exiftool(path: Path, args: list[str]) -> None:
    subprocess.run(["exiftool", "-q", "-overwrite_original", *args, str(path)], check=True)


def save_jpeg(img: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=QUALITY, optimize=True, progressive=False)


def main() -> int:
    if shutil.which("exiftool") is None:
        print("make_photos.py: exiftool is needed (Debian: libimage-exiftool-perl)", file=sys.stderr)
        return 2
    for p in PICTURES:
        img = p.draw(random.Random(p.seed))
        if p.orientation == 6:
            # Stored rotated a quarter turn anticlockwise, as a camera held upright writes it.
            img = img.transpose(Image.Transpose.ROTATE_90)
        path = PHOTOS / p.filename
        save_jpeg(img, path)
        exiftool(path, exiftool_args(p))
        sidecar = path.with_suffix(".xmp")
        sidecar.unlink(missing_ok=True)
        exiftool(sidecar, SIDECAR_ARGS)
        print(f"{path.relative_to(HERE)}  {path.stat().st_size // 1024} KB")
    for filename, seed, backdrop, skin, hair, jacket, long_hair in PORTRAITS:
        path = AVATARS / filename
        save_jpeg(portrait(random.Random(seed), backdrop, skin, hair, jacket, long_hair), path)
        print(f"{path.relative_to(HERE)}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
