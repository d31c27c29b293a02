"""Draw the brand images in custom_components/status_tracker/brand/ (run with .venv/bin/python).

    .venv/bin/python scripts/make_brand.py

A green disc with a white "pulse" line (a heartbeat trace: flat, a spike, flat), and a
logo of that icon next to the name.  Everything is drawn at 8x and scaled down with
Lanczos, so the edges are smooth; the output depends only on this file and Pillow
(the text uses Pillow's bundled font, Aileron), so re-running it gives the same PNGs.

Home Assistant (2026.x) serves a custom integration's brand/ folder itself
(/api/brands/integration/status_tracker/icon.png), with fallbacks: a missing
dark_icon.png falls back to icon.png, a missing dark_logo.png to dark_icon.png, then
logo.png.  The icon reads on light and dark backgrounds alike, so there is no
dark_icon; the logo's text is dark, so there is a dark_logo with light text.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BRAND = Path(__file__).resolve().parent.parent / "custom_components" / "status_tracker" / "brand"
SS = 8  # supersampling factor

DISC_TOP = (31, 190, 142)  # the disc is a subtle vertical gradient, top to bottom
DISC_BOTTOM = (12, 140, 108)
LINE = (255, 255, 255)
TEXT_LIGHT_BG = (33, 43, 48)  # logo text on light backgrounds
TEXT_DARK_BG = (232, 238, 240)  # ... and on dark ones
NAME = "Status Page Tracker"

# The pulse trace in units of the disc's diameter (0..1), left to right.
PULSE = [
    (0.15, 0.54),
    (0.36, 0.54),
    (0.43, 0.40),
    (0.50, 0.76),
    (0.59, 0.22),
    (0.66, 0.54),
    (0.85, 0.54),
]
LINE_WIDTH = 0.075  # of the diameter
MARGIN = 1 / 256  # transparent border around the disc (1 px of the 256 px icon): trimmed


def _polyline(draw: ImageDraw.ImageDraw, points: list[tuple[float, float]], width: int) -> None:
    """A polyline with round joins and round caps."""
    draw.line(points, fill=LINE, width=width, joint="curve")
    radius = width / 2
    for x, y in points:  # round every vertex: caps at the ends, smooth sharp turns
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=LINE)


def _icon(big: int) -> Image.Image:
    """The icon at ``big`` pixels (supersampled: not yet scaled down)."""
    margin = round(big * MARGIN)
    diameter = big - 2 * margin
    gradient = Image.linear_gradient("L").resize((big, big))
    disc = Image.composite(
        Image.new("RGBA", (big, big), (*DISC_BOTTOM, 255)),
        Image.new("RGBA", (big, big), (*DISC_TOP, 255)),
        gradient,
    )
    mask = Image.new("L", (big, big), 0)
    ImageDraw.Draw(mask).ellipse((margin, margin, margin + diameter, margin + diameter), fill=255)
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    image.paste(disc, (0, 0), mask)
    points = [(margin + x * diameter, margin + y * diameter) for x, y in PULSE]
    _polyline(ImageDraw.Draw(image), points, round(LINE_WIDTH * diameter))
    return image


def icon(size: int) -> Image.Image:
    """The square icon, ``size`` pixels wide, transparent outside the disc."""
    return _icon(size * SS).resize((size, size), Image.Resampling.LANCZOS)


def _logo(text: tuple[int, int, int]) -> Image.Image:
    """The icon followed by the name, supersampled for a 256 px high logo."""
    big = 256 * SS
    font = ImageFont.load_default(size=round(big * 0.36))
    gap = round(big * 0.16)
    left, top, right, bottom = font.getbbox(NAME)
    width = big + gap + round(right - left) + round(big * 0.02)
    width += -width % (2 * SS)  # whole pixels at 256 and at 128 px high: @2x is exactly 2x
    image = Image.new("RGBA", (width, big), (0, 0, 0, 0))
    image.alpha_composite(_icon(big))
    draw = ImageDraw.Draw(image)
    baseline_y = (big - (bottom - top)) / 2 - top
    draw.text(
        (big + gap - left, baseline_y),
        NAME,
        font=font,
        fill=text,
        stroke_width=round(big * 0.006),  # a touch heavier than Regular
        stroke_fill=text,
    )
    return image


def logo(height: int, text: tuple[int, int, int]) -> Image.Image:
    """The logo, ``height`` pixels high (128 or 256), trimmed to its content."""
    image = _logo(text)
    return image.resize((image.width * height // image.height, height), Image.Resampling.LANCZOS)


def main() -> None:
    """Write every image; print what was written."""
    BRAND.mkdir(parents=True, exist_ok=True)
    images = {
        "icon.png": icon(256),
        "icon@2x.png": icon(512),
        "logo.png": logo(128, TEXT_LIGHT_BG),
        "logo@2x.png": logo(256, TEXT_LIGHT_BG),
        "dark_logo.png": logo(128, TEXT_DARK_BG),
        "dark_logo@2x.png": logo(256, TEXT_DARK_BG),
    }
    for name, image in images.items():
        path = BRAND / name
        image.save(path, optimize=True)
        print(f"{path.relative_to(BRAND.parent.parent.parent)}: {image.width}x{image.height}")


if __name__ == "__main__":
    main()
