"""A waterfall as a native stacked chart: an invisible base, rises, falls and balances.

python-pptx cannot write Office 2016's waterfall, and LibreOffice cannot show it; a stacked
column (or bar) chart with an invisible base series is what people build by hand in Excel, and
«Rediger data» shows its four series.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION

from deckgen.brand import Brand
from deckgen.colours import WHITE, text_colour, text_on
from deckgen.model import Chart
from deckgen.writers.pptx_labels import series_look, write_label

BASE, RISE, FALL, BALANCE = "Grunnlag", "Økning", "Reduksjon", "Saldo"
LABEL_PT = 14
INSIDE_END = XL_LABEL_POSITION.INSIDE_END
LONG_CATEGORY = 18
"""Categories longer than this (characters) are drawn as horizontal bars, read at the left."""
WIDE = Decimal("0.15")
"""A change at least this share of the highest balance holds its label; a shorter one has it
beside it, at the end of the invisible base, on the white."""


@dataclass
class Stacks:
    """A waterfall's four stacked series, category by category (None: no bar)."""

    base: list[Decimal | None]
    rise: list[Decimal | None]
    fall: list[Decimal | None]
    balance: list[Decimal | None]

    def named(self) -> list[tuple[str, list[Decimal | None]]]:
        """The series in stacking order, with their names in the embedded workbook."""
        return [(BASE, self.base), (RISE, self.rise), (FALL, self.fall), (BALANCE, self.balance)]


def stacks(chart: Chart) -> Stacks:
    """Balances from zero; each change floats on the running total (a fall hangs from it)."""
    values = chart.series[0].values
    out = Stacks([], [], [], [])
    running = Decimal(0)
    for value, balance in zip(values, chart.totals, strict=True):
        figure = value if value is not None else Decimal(0)
        if balance:
            running = figure
            parts: tuple[Decimal | None, ...] = (None, None, None, figure)
        elif figure >= 0:
            parts = (running, figure, None, None)
            running += figure
        else:
            running += figure
            parts = (running, None, -figure, None)
        for series, part in zip((out.base, out.rise, out.fall, out.balance), parts, strict=True):
            series.append(part)
    return out


def chart_type(chart: Chart) -> Any:
    """Stacked bars when a category name is long (read at the left), else stacked columns."""
    if max(len(c) for c in chart.categories) > LONG_CATEGORY:
        return XL_CHART_TYPE.BAR_STACKED
    return XL_CHART_TYPE.COLUMN_STACKED


def label_texts(chart: Chart) -> list[str]:
    """Each bar's label: a balance as shown in the table, a rise with its plus sign."""
    series = chart.series[0]
    return [
        f"+{text}" if not balance and value is not None and value > 0 else text
        for value, text, balance in zip(series.values, series.texts, chart.totals, strict=True)
    ]


def style_waterfall(drawn: Any, chart: Chart, brand: Brand) -> None:
    """Hide the base; rises, falls and balances in brand colours; one label for each bar."""
    farger = brand.farger
    fills = {RISE: farger.grønn, FALL: farger.aksent, BALANCE: farger.primær}
    drawn.plots[0].gap_width = 60
    drawn.plots[0].overlap = 100
    parts = stacks(chart)
    highest = max((v for v in parts.balance if v is not None), default=Decimal(1)) or Decimal(1)
    texts = label_texts(chart)
    plotted = list(drawn.series)
    base = plotted[0]
    base.format.fill.background()
    base.format.line.fill.background()
    labelled: dict[int, tuple[Any, str]] = {}
    """Each series that got a label → the series and its labels' colour on its bars."""
    plain = text_colour(farger.tekst, WHITE, LABEL_PT)  # beside a bar, on the white
    for number, (plot_series, (name, values)) in enumerate(
        zip(plotted[1:], parts.named()[1:], strict=True), start=1
    ):
        plot_series.format.fill.solid()
        plot_series.format.fill.fore_color.rgb = RGBColor.from_string(fills[name])
        on_bar = text_on(fills[name], plain)
        for index, value in enumerate(values):
            if value is None:
                continue
            under = parts.base[index]
            if name == BALANCE or value >= highest * WIDE:  # on the bar, in white or dark
                _label(plot_series.points[index], texts[index], on_bar)
                labelled[number] = (plot_series, on_bar)
            elif under is not None and under >= highest * WIDE:  # beside it, on the white
                _label(base.points[index], texts[index], plain, INSIDE_END, bold=False)
                labelled[0] = (base, plain)
            else:  # a thin bar: the figure stands mostly on the white around it
                _label(plot_series.points[index], texts[index], plain, bold=False)
                labelled.setdefault(number, (plot_series, plain))
    for plot_series, colour in labelled.values():
        series_look(plot_series, LABEL_PT, colour, bold=plot_series is not base)


def _label(
    point: Any, text: str, colour: str, position: Any = XL_LABEL_POSITION.CENTER, bold: bool = True
) -> None:
    """One bar's label in its own text, 14 pt and bold on a coloured bar: large text, which
    reads at 3:1 (dark text on the Drammen accent is 4,4:1)."""
    write_label(point.data_label, text, LABEL_PT, colour, bold, position)
