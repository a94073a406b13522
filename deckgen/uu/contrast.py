"""Text colour contrast (WCAG 2.1, 1.4.3): relative luminance, the ratio and its threshold."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from deckgen.numbers import format_number

RULE = "Vanskelig å lese tekstkontrast"
"""The rule as PowerPoint's and Word's accessibility checkers call it."""
NORMAL_RATIO = 4.5
LARGE_RATIO = 3.0
LARGE_PT = 18.0
LARGE_BOLD_PT = 14.0


def _channel(value: int) -> float:
    """One sRGB channel (0–255) linearised."""
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """The relative luminance of a colour written RRGGBB."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def ratio(text: str, background: str) -> float:
    """The contrast ratio of two colours, 1 to 21."""
    lighter, darker = sorted((luminance(text), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def needed(size_pt: float, bold: bool) -> float:
    """The ratio text of this size needs: 3:1 for large text (18 pt, or 14 pt bold), else 4.5:1."""
    large = size_pt >= LARGE_PT or (bold and size_pt >= LARGE_BOLD_PT)
    return LARGE_RATIO if large else NORMAL_RATIO


def shown_ratio(value: float) -> str:
    """A ratio as the finding shows it: «3,3:1» (rounded down, so 4,49 is never shown as 4,5)."""
    tenths = Decimal(int(value * 10)) / 10
    return f"{format_number(tenths, decimals=1)}:1"


@dataclass(frozen=True)
class TextColour:
    """Text of one colour, size and weight on one background."""

    colour: str
    background: str
    size_pt: float
    bold: bool

    def too_low(self) -> bool:
        """Whether the contrast is below what text of this size needs."""
        return ratio(self.colour, self.background) < needed(self.size_pt, self.bold)

    def message(self) -> str:
        """What is wrong and how to fix it, naming the colour pair and the ratio."""
        kind = "stor tekst" if needed(self.size_pt, self.bold) == LARGE_RATIO else "tekst"
        minimum = "3:1" if kind == "stor tekst" else "4,5:1"
        return (
            f"tekstfargen #{self.colour} på #{self.background} har kontrast "
            f"{shown_ratio(ratio(self.colour, self.background))}, under {minimum} for {kind} "
            f"({format_number(Decimal(str(self.size_pt)), decimals=0)} pt"
            f"{', fet' if self.bold else ''}); bruk en mørkere tekstfarge eller lysere bakgrunn "
            "i merkevaren"
        )
