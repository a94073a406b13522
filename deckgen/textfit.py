"""Estimates how much room text needs, from the brand's font metrics (Pillow's FreeType)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont

POINT_EMU = 12700
LINE_SPACING = 1.2
MAX_COUNT = 2**62  # stands for «no limit» on a line count
WORD_CACHE = 65536  # word widths remembered between paragraphs


@cache
def _font(path: Path, size_tenths: int) -> ImageFont.FreeTypeFont:
    """The font file at a size; never a system font of the same name (ImageFont.truetype would
    fall back to one when the file cannot be read: the brand checks the file instead)."""
    return ImageFont.FreeTypeFont(str(path), size_tenths / 10)


@lru_cache(maxsize=WORD_CACHE)
def _width(path: Path, size_tenths: int, text: str) -> float:
    """Width in points of text's widest line, remembered: a text is measured at the same size
    again when a slide is planned and then filled, and when columns are fitted together."""
    font = _font(path, size_tenths)
    return max(float(font.getlength(line)) for line in text.split("\n"))


@lru_cache(maxsize=WORD_CACHE)
def _space_neutral(path: Path, char: str) -> bool:
    """Whether the font sets char next to a space as far apart as measured on their own (no
    kerning with the space, checked at 100 pt): then a line's width is its words' widths plus
    the spaces', exactly what measuring the whole line gives."""
    font = _font(path, 1000)
    apart = _width(path, 1000, char) + _width(path, 1000, " ")  # each measured once
    return font.getlength(char + " ") == apart and font.getlength(" " + char) == apart


@dataclass(frozen=True)
class Line:
    """One paragraph to measure: text, font size in points, bold, left indent and space before."""

    text: str
    size: float
    bold: bool = False
    indent_emu: int = 0
    space_before_pt: float = 0.0


@dataclass(frozen=True)
class Fonts:
    """Regular and bold font files used for measuring."""

    regular: Path
    bold: Path

    def width_pt(self, text: str, size: float, bold: bool) -> float:
        """Width of text in points at a font size (of its widest line, if it has breaks)."""
        return _width(self.bold if bold else self.regular, round(size * 10), text)

    def joined_width_pt(
        self, left: str, left_width: float, word: str, size: float, bold: bool
    ) -> float:
        """Width of `left`, a space and `word` (no line breaks), given left's width: added up
        from the widths of the parts when the font does not kern the space with the letters
        either side (the same number measuring the whole gives), else measured."""
        path = self.bold if bold else self.regular
        if _space_neutral(path, left[-1]) and _space_neutral(path, word[0]):
            space = self.width_pt(" ", size, bold)
            return left_width + space + self.width_pt(word, size, bold)
        return self.width_pt(f"{left} {word}", size, bold)

    def line_height_pt(self, size: float, bold: bool) -> float:
        """Height in points of one line of text (ascent plus descent) at a font size."""
        font = _font(self.bold if bold else self.regular, round(size * 10))
        ascent, descent = font.getmetrics()
        return float(ascent + descent)

    def widest_word_pt(self, text: str, size: float, bold: bool) -> float:
        """Width in points of the widest word of text (0 for empty text)."""
        return max((self.width_pt(word, size, bold) for word in text.split()), default=0.0)


def wrapped_lines(
    fonts: Fonts, line: Line, width_emu: int, scale: float = 1.0, most: int | None = None
) -> int:
    """How many lines the paragraph wraps to in a box of the given width (with its breaks);
    with `most`, counting stops as soon as the count is past it (the result is then > most)."""
    size = line.size * scale
    available = (width_emu - line.indent_emu) / POINT_EMU
    count = 0
    for part in line.text.split("\n"):
        left = None if most is None else most - count
        count += _wrapped(fonts, part, size, line.bold, available, left)
        if most is not None and count > most:
            break
    return count


def _wrapped(
    fonts: Fonts, text: str, size: float, bold: bool, available: float, most: int | None = None
) -> int:
    """How many lines one stretch of text without line breaks wraps to (stopping once past
    `most`, if given)."""
    count, current, current_width = 1, "", 0.0
    for word in text.split():
        if current:
            width = fonts.joined_width_pt(current, current_width, word, size, bold)
            if width > available:
                count += 1
                current, width = word, fonts.width_pt(word, size, bold)
            else:
                current = f"{current} {word}"
        else:
            current, width = word, fonts.width_pt(word, size, bold)
        current_width = width
        if width > available:  # a word wider than the box is broken over several lines
            count += math.ceil(width / available) - 1
            current = ""
        if most is not None and count > most:
            break
    return count


@lru_cache(maxsize=WORD_CACHE)
def _word_width(fonts: Fonts, word: str, size: float, bold: bool) -> float:
    """Width of one word, remembered: the same words recur across a slide's paragraphs."""
    return fonts.width_pt(word, size, bold)


def words_too_wide(fonts: Fonts, line: Line, width_emu: int, scale: float = 1.0) -> list[str]:
    """The words of a paragraph that are wider than its box and will be broken mid-word."""
    available = (width_emu - line.indent_emu) / POINT_EMU
    words = line.text.split()
    size = line.size * scale
    wide = {w for w in set(words) if _word_width(fonts, w, size, line.bold) > available}
    return [word for word in words if word in wide]


def height_pt(
    fonts: Fonts, lines: list[Line], width_emu: int, scale: float = 1.0, limit: float | None = None
) -> float:
    """Total height in points of the paragraphs in a box of the given width; with `limit`,
    measuring stops once the height is certainly above it (the result is then > limit)."""
    total = 0.0
    for i, line in enumerate(lines):
        if i:
            total += line.space_before_pt * scale
        step = line.size * scale * LINE_SPACING
        most = None if limit is None else _lines_within(limit - total, step)
        total += wrapped_lines(fonts, line, width_emu, scale, most) * step
        if limit is not None and total > limit:
            break
    return total


def _lines_within(room: float, step: float) -> int:
    """A line count past which lines of height `step` certainly overflow `room` (with a line
    to spare against rounding)."""
    return max(0, math.ceil(room / step)) + 1 if step > 0 else MAX_COUNT


def fit_scale(
    fonts: Fonts, lines: list[Line], width_emu: int, height_emu: int, minimum: float
) -> tuple[float, bool]:
    """The largest font scale (1.0 down to minimum) at which the text fits; and whether it fits."""
    available = height_emu / POINT_EMU
    scale = 1.0
    while scale >= minimum - 1e-9:
        if height_pt(fonts, lines, width_emu, scale, available) <= available:
            return scale, True
        scale = round(scale - 0.05, 2)
    return minimum, False
