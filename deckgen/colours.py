"""Colour maths for every writer: WCAG contrast, tints and the text colours that read.

The brand keeps its colours for shapes and fills; text in a brand colour gets the nearest
darker (on a light background) or lighter (on a dark one) variant of it that reaches WCAG AA:
4.5:1 for normal text, 3:1 for large text (18 pt, or 14 pt bold).
"""

from __future__ import annotations

WHITE = "FFFFFF"
BLACK = "000000"
NORMAL = 4.5
"""The least contrast for normal text (WCAG 2.1 AA, 1.4.3)."""
LARGE = 3.0
"""The least contrast for large text: 18 pt, or 14 pt bold."""


def luminance(colour: str) -> float:
    """The WCAG relative luminance of a hex colour («005B8F»)."""
    values = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """`share` of the colour, the rest the other colour."""
    channels = zip(
        (int(colour[i : i + 2], 16) for i in (0, 2, 4)),
        (int(other[i : i + 2], 16) for i in (0, 2, 4)),
        strict=True,
    )
    return "".join(f"{round(c * share + o * (1 - share)):02X}" for c, o in channels)


def tint(colour: str, share: float) -> str:
    """The colour mixed with white: `share` of the colour, the rest white."""
    return mix(colour, WHITE, share)


def least_contrast(size_pt: float, bold: bool) -> float:
    """The contrast text of this size needs: 3:1 when it is large, else 4.5:1."""
    return LARGE if size_pt >= 18 or (bold and size_pt >= 14) else NORMAL


def readable(colour: str, background: str = WHITE, least: float = NORMAL) -> str:
    """The colour itself when it reads on the background; else the nearest variant towards
    black or white (whichever the background contrasts more with) that does."""
    if contrast(colour, background) >= least:
        return colour
    end = max((BLACK, WHITE), key=lambda extreme: contrast(extreme, background))
    for percent in range(99, -1, -1):
        variant = mix(colour, end, percent / 100)
        if contrast(variant, background) >= least:
            return variant
    return end


def text_colour(colour: str, background: str, size_pt: float, bold: bool = False) -> str:
    """A brand colour as text of this size and weight on the background: itself, or the
    nearest variant that reaches WCAG AA."""
    return readable(colour, background, least_contrast(size_pt, bold))


def text_on(fill: str, dark: str) -> str:
    """White or the dark text colour: whichever contrasts more with the fill."""
    return max((WHITE, dark), key=lambda text: contrast(fill, text))


def readable_tint(colour: str, dark: str, share: float) -> str:
    """The tint of a colour nearest `share` on which white or the dark text colour reads at
    4.5:1 or more (the wanted tint if none does)."""
    wanted = round(share * 100)
    for distance in range(101):
        for percent in (wanted - distance, wanted + distance):
            if 0 <= percent <= 100:
                fill = tint(colour, percent / 100)
                if contrast(fill, text_on(fill, dark)) >= NORMAL:
                    return fill
    return tint(colour, share)
