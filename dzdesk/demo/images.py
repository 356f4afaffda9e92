"""Pictures for the demo: site photos and handwritten-looking signatures, drawn here so no file is shipped."""

from __future__ import annotations

import io
import math
import random

from PIL import Image, ImageDraw, ImageFont

from dzdesk.paths import cjk_font_file


def site_photo(rng: random.Random, caption: str, size: tuple[int, int] = (960, 720)) -> bytes:
    """An office scene in flat colours: wall, window, desk, monitor showing the system, and a caption."""
    width, height = size
    image = Image.new("RGB", size, (rng.randrange(200, 235), rng.randrange(205, 235), rng.randrange(200, 230)))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, int(height * 0.62), width, height], fill=(150, 120, 90))  # floor
    wx = rng.randrange(40, width // 3)
    draw.rectangle([wx, 60, wx + 220, 300], fill=(170, 205, 235), outline=(90, 90, 90), width=6)  # window
    draw.line([wx + 110, 60, wx + 110, 300], fill=(90, 90, 90), width=4)
    desk_top = int(height * 0.58)
    draw.rectangle([width // 4, desk_top, width - 80, desk_top + 30], fill=(120, 85, 55))  # desk
    mx = width // 2
    draw.rectangle([mx - 150, desk_top - 230, mx + 150, desk_top - 40], fill=(30, 30, 35))  # monitor
    draw.rectangle([mx - 138, desk_top - 218, mx + 138, desk_top - 52], fill=(235, 240, 248))
    draw.rectangle([mx - 138, desk_top - 218, mx + 138, desk_top - 190], fill=(31, 95, 168))
    for row in range(5):
        y = desk_top - 180 + row * 24
        draw.rectangle([mx - 120, y, mx - 120 + rng.randrange(120, 250), y + 10], fill=(180, 190, 205))
    draw.rectangle([mx - 20, desk_top - 40, mx + 20, desk_top], fill=(60, 60, 60))
    font = ImageFont.truetype(str(cjk_font_file()), 34, index=0)
    draw.rectangle([0, height - 64, width, height], fill=(0, 0, 0))
    draw.text((24, height - 54), caption, font=font, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


def signature(rng: random.Random, size: tuple[int, int] = (600, 220)) -> bytes:
    """A few joined loops in dark ink on a transparent ground, as the signature pad produces."""
    image = Image.new("RGBA", size, (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    x, y = 40.0, size[1] * 0.6
    points = []
    for step in range(220):
        t = step / 12
        x += 2.3 + rng.uniform(-0.4, 0.6)
        y = size[1] * 0.55 + math.sin(t * 1.7 + rng.uniform(-0.1, 0.1)) * 45 * math.cos(t * 0.3) + rng.uniform(-2, 2)
        points.append((x, y))
    draw.line(points, fill=(20, 30, 80, 255), width=5, joint="curve")
    draw.line([(60, size[1] * 0.8), (size[0] - 60, size[1] * 0.75)], fill=(20, 30, 80, 255), width=4)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
