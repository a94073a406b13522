"""Table widths and heights on slides: the brand's table sizes, each cell measured with the
brand's fonts, columns sized so no number or word breaks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from deckgen.errors import Problem, SourceLocation
from deckgen.model import RowStyle, Table
from deckgen.textfit import POINT_EMU, Fonts, Line, wrapped_lines

TABLE_FONT_PT = 14.0
TABLE_MIN_FONT_PT = 10.0
TABLE_FONT_STEP_PT = 0.5
LABEL_MIN_EMU = int(1.3 * 914400)
"""The narrowest a text (label) column gets; its long labels wrap to more lines instead."""
CELL_MARGIN_X = int(0.08 * 914400)
CELL_MARGIN_Y = int(0.03 * 914400)
CELL_SLACK_EMU = int(0.14 * 914400)
"""Room beyond the margins a column gets when the table is wide enough (as before)."""
CELL_SAFETY_EMU = int(0.06 * 914400)
"""Room beyond the margins a column's widest number or word gets, for renderer differences."""
CELL_WRAP_SAFETY_EMU = int(0.03 * 914400)
"""Text is assumed to wrap this much earlier than measured, so rows are never too low."""
TABLE_ROW_EMU = int(0.42 * 914400)


@dataclass(frozen=True)
class TableSizes:
    """A brand's table text sizes (pt), cell padding (EMU) and placement, as the plan uses them."""

    size: float = TABLE_FONT_PT
    """The usual size; a table continued on «(forts.)» slides keeps it."""
    largest: float = TABLE_FONT_PT
    """The size a table grows to when it fits on one slide at it."""
    smallest: float = TABLE_MIN_FONT_PT
    """The smallest size a too wide table shrinks to before words are broken."""
    pad_x: int = CELL_MARGIN_X
    pad_y: int = CELL_MARGIN_Y
    middle: bool = False
    """Whether a table slide's table stands in the middle of the room under the lead text."""

    @classmethod
    def of(cls, settings: Any) -> TableSizes:
        """The sizes of a brand's «lysbilder.tabell» (deckgen.brand.TableSettings)."""
        return cls(
            settings.skrift_pt,
            settings.largest,
            settings.smallest,
            round(settings.cellemarg_sider_pt * POINT_EMU),
            round(settings.cellemarg_topp_pt * POINT_EMU),
            settings.plassering == "midt",
        )


DEFAULT_SIZES = TableSizes()
_NUMBER = re.compile(r"[-−+–]?\s?[\d.,\s]*\d[\d.,]*\s?%?")


@dataclass
class TableLayout:
    """A table's font size, column widths and the height of each row (header first)."""

    size: float
    widths: list[int]
    heights: list[int]


@dataclass(frozen=True)
class Measure:
    """One table cell as measured: its text, whether it is bold and whether it never wraps."""

    text: str
    bold: bool
    whole: bool


def table_layout(
    fonts: Fonts,
    table: Table,
    rows: Sequence[Any],
    width: int,
    location: SourceLocation | None,
    sizes: TableSizes = DEFAULT_SIZES,
) -> tuple[TableLayout, list[Problem]]:
    """Column widths where no number or word breaks (smaller font if needed); warn if none."""
    grid = measure_grid(table, rows)
    n_cols = max(len(r) for r in grid)
    sizer = Sizer(fonts, grid, sizes)
    size = sizes.size
    while True:
        widths = sizer.column_widths(n_cols, width, size)
        if widths is not None or size <= sizes.smallest:
            break
        size = max(size - TABLE_FONT_STEP_PT, sizes.smallest)
    warnings: list[Problem] = []
    if widths is None:
        widths, warning = sizer.numbers_first(n_cols, width, size, location)
        warnings.append(warning)
    heights = [sizer.row_height(cells, widths, size) for cells in grid]
    return TableLayout(size, widths, heights), warnings


def measure_grid(table: Table, rows: Sequence[Any]) -> list[list[Measure]]:
    """Every cell's text, weight and whether it must stay on one line (a number)."""
    grid = [[Measure(c.text, True, False) for c in table.header]]
    for row in rows:
        total = row.style in (RowStyle.TOTAL, RowStyle.SUBTOTAL)
        cells = []
        for c, cell in enumerate(row.cells):
            align = table.align[c] if c < len(table.align) else "left"
            whole = align != "left" or _NUMBER.fullmatch(cell.text.strip()) is not None
            bold = total or cell.bold or any(run.bold for run in cell.runs)
            cells.append(Measure(cell.text, bold, whole and bool(cell.text.strip())))
        grid.append(cells)
    return grid


class Sizer:
    """Measures one table's cells with the brand's fonts to size its columns and rows."""

    def __init__(
        self, fonts: Fonts, grid: list[list[Measure]], sizes: TableSizes = DEFAULT_SIZES
    ) -> None:
        """Keep the fonts, the measured cells and the brand's cell padding."""
        self.fonts = fonts
        self.grid = grid
        self.sizes = sizes
        self.pad = 2 * sizes.pad_x

    def natural_width(self, column: int, size: float) -> float:
        """The width a column needs to show every cell on one line, with some room to spare."""
        widest = max(
            (
                self.fonts.width_pt(r[column].text, size, r[column].bold)
                for r in self.grid
                if column < len(r)
            ),
            default=0.0,
        )
        return widest * POINT_EMU + self.pad + CELL_SLACK_EMU

    def min_width(self, column: int, size: float) -> float:
        """The narrowest a column can be: no number and no single word broken."""
        widest = 0.0
        for cells in self.grid:
            if column >= len(cells):
                continue
            cell = cells[column]
            needed = (
                self.fonts.width_pt(cell.text, size, cell.bold)
                if cell.whole
                else self.fonts.widest_word_pt(cell.text, size, cell.bold)
            )
            widest = max(widest, needed)
        return widest * POINT_EMU + self.pad + CELL_SAFETY_EMU

    def is_text(self, column: int) -> bool:
        """Whether a column holds wrapping text in its body (a label column), not only numbers."""
        return any(
            column < len(cells) and cells[column].text.strip() and not cells[column].whole
            for cells in self.grid[1:]
        )

    def column_widths(self, n_cols: int, total: int, size: float) -> list[int] | None:
        """Widths from one-line cell widths, else wrapping headers and labels; None: too wide."""
        natural = [self.natural_width(c, size) for c in range(n_cols)]
        if sum(natural) <= total:
            return _spread(natural, total)
        least = [
            max(self.min_width(c, size), min(LABEL_MIN_EMU, natural[c]))
            if self.is_text(c)
            else self.min_width(c, size)
            for c in range(n_cols)
        ]
        if sum(least) > total:
            return None
        want = [
            natural[c] if self.is_text(c) else self.numbers_width(c, size, least[c])
            for c in range(n_cols)
        ]
        if sum(want) <= total:  # labels on one line first; what is left unwraps the headers
            return _share(want, natural, total)
        return _share(least, want, total)

    def numbers_width(self, column: int, size: float, least: float) -> float:
        """A number column's comfortable width: its widest number with room to spare."""
        widest = max(
            (
                self.fonts.width_pt(r[column].text, size, r[column].bold)
                for r in self.grid[1:]
                if column < len(r) and r[column].whole
            ),
            default=0.0,
        )
        return max(least, widest * POINT_EMU + self.pad + CELL_SLACK_EMU)

    def numbers_first(
        self, n_cols: int, total: int, size: float, location: SourceLocation | None
    ) -> tuple[list[int], Problem]:
        """At the smallest font: numbers keep their width, text columns share the rest (warned)."""
        natural = [self.natural_width(c, size) for c in range(n_cols)]
        least = [self.min_width(c, size) for c in range(n_cols)]
        text = [self.is_text(c) for c in range(n_cols)]
        floor = [min(LABEL_MIN_EMU, natural[c]) if text[c] else least[c] for c in range(n_cols)]
        if any(text) and sum(floor) <= total:
            header = self.grid[0]
            names = ", ".join(
                f"«{header[c].text}»" if c < len(header) else str(c + 1)
                for c in range(n_cols)
                if text[c]
            )
            return _share(floor, natural, total), Problem(
                location,
                f"tabellen er så bred at lange ord i kolonnen {names} blir delt, selv med "
                f"minste skriftstørrelse ({self.sizes.smallest:g} pt); bruk kortere ord "
                "eller færre kolonner",
            )
        return _spread(least, total), Problem(
            location,
            "tabellen er for bred for lysbildet selv med minste skriftstørrelse "
            f"({self.sizes.smallest:g} pt), så tall blir delt; "
            "bruk færre eller kortere kolonner",
        )

    def row_height(self, cells: list[Measure], widths: list[int], size: float) -> int:
        """A row's height: the most lines any of its cells wraps to, at least the standard row."""
        most = 1
        for column, cell in enumerate(cells[: len(widths)]):
            room = widths[column] - self.pad - (0 if cell.whole else CELL_WRAP_SAFETY_EMU)
            most = max(most, wrapped_lines(self.fonts, Line(cell.text, size, cell.bold), room))
        text = most * self.fonts.line_height_pt(size, True) * POINT_EMU + 2 * self.sizes.pad_y
        standard = TABLE_ROW_EMU * size / TABLE_FONT_PT
        return int(max(text + CELL_SAFETY_EMU if most > 1 else text, standard))


def _spread(widths: Sequence[float], total: int) -> list[int]:
    """Scale widths to add up to total exactly (the first column takes the rounding)."""
    scale = total / sum(widths)
    out = [int(w * scale) for w in widths]
    out[0] += total - sum(out)
    return out


def _share(least: Sequence[float], natural: Sequence[float], total: int) -> list[int]:
    """Give each column its least width plus a share of the rest by how much more it wants."""
    slack = [max(n - m, 0.0) for n, m in zip(natural, least, strict=True)]
    extra = (total - sum(least)) / sum(slack) if sum(slack) else 0.0
    return _spread([m + s * extra for m, s in zip(least, slack, strict=True)], total)
