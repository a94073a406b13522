"""Which chapters start on a new page: a rough height of each chapter, without Word or python-docx.

Word decides where pages break, so deckgen cannot know how full a page is; it can estimate how
tall a chapter is from its text. A chapter estimated at more than half a page is «long».
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from deckgen.model import (
    Chart,
    Diagram,
    FactBox,
    Heading,
    Paragraph,
    Picture,
    Schedule,
    Subheading,
    Table,
    Text,
)

CHAR_EM = 0.5
"""Average width of a character in ems (body fonts run 0.45–0.55)."""
LINE_HEIGHT = 1.3
"""Line height as a share of the text size."""
PARAGRAPH_GAP_PT = 6.0
HEADING_PT = 40.0
"""A heading with the space around it."""
SUBHEADING_PT = 24.0
CHART_PT = 240.0
"""A chart the text's width (8.5 cm high) with its caption."""
PICTURE_PT = 300.0
"""A picture the text's width, when its proportions are not known."""
CELL_PADDING_PT = 6.0
"""A table cell's top and bottom margins together."""
LONG_SHARE = 0.5
"""A chapter taller than this share of the page's text height is long."""


@dataclass(frozen=True)
class Page:
    """The text area of a page and the body text size, in points."""

    width_pt: float
    height_pt: float
    text_pt: float

    def lines(self, text: str, width_pt: float | None = None) -> int:
        """How many lines a text takes in a column of width_pt (the page's text width)."""
        per_line = max((width_pt or self.width_pt) / (self.text_pt * CHAR_EM), 1.0)
        return max(1, math.ceil(len(text) / per_line))

    def line_pt(self) -> float:
        """The height of one line of body text."""
        return self.text_pt * LINE_HEIGHT


def chapter_starts(
    blocks: Sequence[Any], setting: bool | str, page: Page, opening: Any
) -> set[int]:
    """The ids of the level-1 headings that start on a new page: every one (true), none
    (false), or those whose chapter is long («lange»); never the block the text opens with."""
    starts: set[int] = set()
    chapter: list[Any] = []
    heading: Heading | None = None
    for block in [*blocks, None]:
        if block is None or (isinstance(block, Heading) and block.level == 1):
            if heading is not None and heading is not opening:
                long = sum(block_height(b, page) for b in chapter) > page.height_pt * LONG_SHARE
                if setting is True or (setting == "lange" and long):
                    starts.add(id(heading))
            heading, chapter = block, []
        chapter.append(block)
    return starts


def block_height(block: Any, page: Page) -> float:
    """The estimated height of one block in points."""
    if isinstance(block, Heading):
        return HEADING_PT
    if isinstance(block, Subheading):
        return SUBHEADING_PT
    if isinstance(block, Text):
        return _paragraphs(block.paragraphs, page)
    if isinstance(block, FactBox):
        return _paragraphs(block.paragraphs, page) + page.line_pt() + 2 * PARAGRAPH_GAP_PT
    if isinstance(block, Table):
        return _table(block, page)
    if isinstance(block, Chart):
        return CHART_PT
    if isinstance(block, Picture):
        return PICTURE_PT
    if isinstance(block, (Schedule, Diagram)):
        count = len(block.entries) if isinstance(block, Schedule) else len(block.steps)
        return count * (2 * page.line_pt() + PARAGRAPH_GAP_PT)
    return page.line_pt()


def _paragraphs(paragraphs: list[Paragraph], page: Page) -> float:
    """Paragraphs: their lines and the gap after each."""
    return sum(page.lines(p.text) * page.line_pt() + PARAGRAPH_GAP_PT for p in paragraphs)


def _table(table: Table, page: Page) -> float:
    """A table: each row as tall as its fullest cell in columns of equal width, and a caption."""
    rows = [table.header, *[row.cells for row in table.rows]]
    columns = max((len(r) for r in rows), default=1) or 1
    width = page.width_pt / columns
    height = 2 * page.line_pt() + PARAGRAPH_GAP_PT  # the caption above and the gap below
    for cells in rows:
        lines = max((page.lines(c.text, width) for c in cells), default=1)
        height += lines * page.line_pt() + CELL_PADDING_PT
    return height
