"""Draws the illustrations used on the picture slides, in the Drammen palette.

Run from the repository root:  python content/bilder/lag_bilder.py
The pictures are the project's own drawings (no photos); the same run gives the same files.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
SIZE = (1600, 900)
SKY, RIVER, FJORD, FOREST, TIMBER, LIGHT = (
    "#EEF3F7",
    "#005B8F",
    "#0B2D4F",
    "#2E7D4F",
    "#D9711E",
    "#FFFFFF",
)


def _landscape(draw: ImageDraw.ImageDraw) -> None:
    """Sky, hills and the river that every illustration shares."""
    draw.rectangle([0, 0, *SIZE], fill=SKY)
    draw.ellipse([-400, 520, 900, 1300], fill="#8AB89A")
    draw.ellipse([700, 560, 2000, 1400], fill="#6FA8C9")
    draw.polygon(
        [(0, 820), (500, 760), (1100, 800), (1600, 740), (1600, 900), (0, 900)], fill=RIVER
    )
    for x in range(80, 1600, 260):
        draw.polygon([(x, 650), (x + 40, 540), (x + 80, 650)], fill=FOREST)


def _person(draw: ImageDraw.ImageDraw, x: int, ground: int, height: int, colour: str) -> None:
    head = height // 5
    draw.ellipse(
        [x - head // 2, ground - height, x + head // 2, ground - height + head], fill=colour
    )
    draw.rounded_rectangle(
        [x - head // 2 - 8, ground - height + head + 6, x + head // 2 + 8, ground],
        radius=18,
        fill=colour,
    )


def school(path: Path) -> None:
    """A school building with a flag and pupils in front."""
    image = Image.new("RGB", SIZE, SKY)
    draw = ImageDraw.Draw(image)
    _landscape(draw)
    draw.rectangle([450, 330, 1150, 720], fill=RIVER)
    draw.polygon([(420, 340), (800, 150), (1180, 340)], fill=FJORD)
    for row in range(2):
        for col in range(5):
            x, y = 500 + col * 125, 390 + row * 140
            draw.rectangle([x, y, x + 80, y + 90], fill=LIGHT)
    draw.rectangle([760, 600, 840, 720], fill=TIMBER)
    draw.line([(1250, 720), (1250, 300)], fill=FJORD, width=10)
    draw.rectangle([1255, 300, 1390, 380], fill="#BA0C2F")
    for i, x in enumerate((300, 380, 1300, 1400)):
        _person(draw, x, 800, 150 + 20 * (i % 2), (TIMBER, FJORD, FOREST, TIMBER)[i])
    image.save(path, optimize=True)


def kindergarten(path: Path) -> None:
    """A small kindergarten house with a sun, a swing and children playing."""
    image = Image.new("RGB", SIZE, SKY)
    draw = ImageDraw.Draw(image)
    _landscape(draw)
    draw.ellipse([1250, 80, 1450, 280], fill="#F2B33D")
    draw.rectangle([350, 420, 850, 720], fill=TIMBER)
    draw.polygon([(320, 430), (600, 250), (880, 430)], fill="#BA0C2F")
    draw.rectangle([420, 500, 540, 600], fill=LIGHT)
    draw.rectangle([660, 560, 760, 720], fill=FJORD)
    draw.line([(1000, 720), (1080, 420), (1160, 720)], fill=FJORD, width=12)
    draw.line([(1080, 420), (1080, 620)], fill=FJORD, width=4)
    draw.rectangle([1050, 620, 1110, 640], fill=RIVER)
    for i, x in enumerate((950, 1230, 1330)):
        _person(draw, x, 800, 110 + 15 * i, (RIVER, FOREST, TIMBER)[i])
    image.save(path, optimize=True)


def family(path: Path) -> None:
    """A family of four under a sheltering roof: preventive services around children."""
    image = Image.new("RGB", SIZE, SKY)
    draw = ImageDraw.Draw(image)
    _landscape(draw)
    draw.arc([350, 120, 1250, 1020], start=180, end=360, fill=RIVER, width=40)
    for x, height, colour in (
        (620, 330, FJORD),
        (760, 180, TIMBER),
        (880, 220, FOREST),
        (1000, 310, RIVER),
    ):
        _person(draw, x, 780, height, colour)
    draw.ellipse([1300, 140, 1380, 220], fill=TIMBER)
    draw.ellipse([220, 200, 290, 270], fill=FOREST)
    image.save(path, optimize=True)


if __name__ == "__main__":
    school(HERE / "p01-skole.png")
    kindergarten(HERE / "p02-barnehage.png")
    family(HERE / "p03-forebyggende.png")
