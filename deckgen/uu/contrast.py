"""Text colour contrast findings (WCAG 2.1, 1.4.3): the ratio a text has and the one it needs."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from deckgen.colours import LARGE, contrast, least_contrast
from deckgen.numbers import format_number

RULE = "Vanskelig å lese tekstkontrast"
"""The rule as PowerPoint's and Word's accessibility checkers call it."""


def ratio(text: str, background: str) -> float:
    """The contrast ratio of two colours, 1 to 21 (the writers' own maths, deckgen.colours)."""
    return contrast(text, background)


def needed(size_pt: float, bold: bool) -> float:
    """The ratio text of this size needs: 3:1 for large text (18 pt, or 14 pt bold), else 4.5:1."""
    return least_contrast(size_pt, bold)


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
        kind = "stor tekst" if needed(self.size_pt, self.bold) == LARGE else "tekst"
        minimum = "3:1" if kind == "stor tekst" else "4,5:1"
        return (
            f"tekstfargen #{self.colour} på #{self.background} har kontrast "
            f"{shown_ratio(ratio(self.colour, self.background))}, under {minimum} for {kind} "
            f"({format_number(Decimal(str(self.size_pt)), decimals=0)} pt"
            f"{', fet' if self.bold else ''}); bruk en mørkere tekstfarge eller lysere bakgrunn "
            "i merkevaren"
        )
