"""Native, editable PowerPoint charts: the data embedded, Norwegian labels, brand colours."""

from __future__ import annotations

from collections import Counter
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_TICK_LABEL_POSITION,
    XL_TICK_MARK,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Pt

from deckgen.brand import Brand
from deckgen.colours import WHITE, text_colour, text_on, tint
from deckgen.model import Chart, ChartKind, ChartSeries, Columns, Slide
from deckgen.writers import pptx_waterfall, pptx_xml
from deckgen.writers.pptx_labels import series_look, write_label
from deckgen.writers.pptx_plan import CAPTION_EMU
from deckgen.writers.pptx_text import add_textbox

Box = tuple[int, int, int, int]

CHART_TYPES = {
    ChartKind.COLUMN: XL_CHART_TYPE.COLUMN_CLUSTERED,
    ChartKind.BAR: XL_CHART_TYPE.BAR_CLUSTERED,
    ChartKind.LINE: XL_CHART_TYPE.LINE_MARKERS,
    ChartKind.STACKED: XL_CHART_TYPE.COLUMN_STACKED,
    ChartKind.PIE: XL_CHART_TYPE.PIE,
    ChartKind.DOUGHNUT: XL_CHART_TYPE.DOUGHNUT,
    ChartKind.COMBINED: XL_CHART_TYPE.COLUMN_CLUSTERED,
}
GAP_WIDTH = 60
"""Room between bar groups in percent of a bar: wider bars than Office's 150, so a bold label
fits inside a bar of a chart in a column."""
BARS = (ChartKind.COLUMN, ChartKind.BAR, ChartKind.STACKED, ChartKind.COMBINED)
"""The kinds drawn as bars, where a target or a line series is moved into a line plot."""
TEXT_PT = 14
"""Axis, legend and label text: readable at presentation distance on a 16:9 slide."""
LABEL_PT = 14
ROUND = (ChartKind.PIE, ChartKind.DOUGHNUT)


def colour_sequence(brand: Brand) -> list[str]:
    """The brand's colours in the order series and slices take them: the four strong ones,
    then the same four half as strong, so eight neighbours never share a colour."""
    farger = brand.farger
    strong = [farger.primær, farger.aksent, farger.grønn, farger.mørk]
    return strong + [tint(colour, 0.5) for colour in strong]


def draw_chart(slide: Any, chart: Chart, box: Box, brand: Brand) -> Any:
    """Add the chart with its data embedded (so «Rediger data» works); return the slide."""
    from pptx.chart.data import CategoryChartData  # with xlsxwriter: only a deck with charts

    data = CategoryChartData(number_format="0.0%" if chart.percent else "#,##0")
    data.categories = chart.categories
    waterfall = chart.kind is ChartKind.WATERFALL
    named = (
        pptx_waterfall.stacks(chart).named()
        if waterfall
        else [(legend_name(s), s.values) for s in chart.series]
    )
    for name, values in named:
        data.add_series(name, [None if v is None else float(v) for v in values])
    x, y, w, h = box
    if chart.caption:
        h -= CAPTION_EMU
    kind = pptx_waterfall.chart_type(chart) if waterfall else CHART_TYPES[chart.kind]
    frame = slide.shapes.add_chart(kind, x, y, w, h, data)
    if chart.caption:  # the unit line or source note in italics under the chart, read after it
        caption_box = (x, y + h + int(0.08 * 914400), w, int(0.35 * 914400))
        add_textbox(slide, caption_box, chart.caption, 12, False, brand.farger.tekst, italic=True)
        slide.shapes[-1].name = "Diagramtekst"
    pptx_xml.describe(frame, chart.description or chart.title)
    drawn = frame.chart
    drawn.font.size = Pt(TEXT_PT)
    drawn.font.name = brand.skrift.tekst
    drawn.has_title = False  # the slide's title names the chart
    if chart.kind in BARS:
        drawn.plots[0].gap_width = GAP_WIDTH
    if waterfall:
        drawn.has_legend = False  # the labels carry their sign; the colours repeat it
        pptx_waterfall.style_waterfall(drawn, chart, brand)
        _axes(drawn, chart, brand, bars=kind == XL_CHART_TYPE.BAR_STACKED)
        return slide
    pptx_xml.series_as_lines(
        drawn,
        [i for i, s in enumerate(chart.series) if (s.target or s.line) and chart.kind in BARS],
    )
    several = len(chart.series) > 1 or chart.kind in ROUND
    drawn.has_legend = several
    if several:
        drawn.legend.position = XL_LEGEND_POSITION.BOTTOM
        drawn.legend.include_in_layout = False
    colours = colour_sequence(brand)
    if chart.kind in ROUND:
        _colour_points(drawn, colours)
    else:
        _colour_series(drawn, chart, colours, brand.farger.tekst)
        _axes(drawn, chart, brand)
    _labels(drawn, chart, brand)
    return slide


def _colour_series(drawn: Any, chart: Chart, colours: list[str], target: str) -> None:
    """Each series in the next brand colour; a target as a dashed line without markers, in
    the target colour (the body text's: dark, whatever the series before it took)."""
    for index, (plot_series, series) in enumerate(zip(_in_order(drawn), chart.series, strict=True)):
        colour = RGBColor.from_string(target if series.target else colours[index % len(colours)])
        if chart.kind is ChartKind.LINE or series.target or series.line:
            plot_series.format.line.color.rgb = colour
            plot_series.format.line.width = Pt(3)
            plot_series.smooth = False
            if series.target:
                plot_series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
                pptx_xml.no_marker(plot_series)
            else:
                plot_series.marker.format.fill.solid()
                plot_series.marker.format.fill.fore_color.rgb = colour
                plot_series.marker.format.line.color.rgb = colour
        else:
            plot_series.format.fill.solid()
            plot_series.format.fill.fore_color.rgb = colour


def _colour_points(drawn: Any, colours: list[str]) -> None:
    """A pie or doughnut: each slice in the next brand colour."""
    for index, point in enumerate(drawn.plots[0].series[0].points):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = RGBColor.from_string(colours[index % len(colours)])


def _axes(drawn: Any, chart: Chart, brand: Brand, bars: bool = False) -> None:
    """Readable axes: percent ticks as «10 %»; the unit line stands under the chart.

    Every point carries its figure as a label, so an amount chart shows no tick labels: a
    number format there is shown with the viewer's own separators («1,200,000»), not the
    brand's («1.200.000»); whole percent ticks need no separator.
    """
    values = drawn.value_axis
    values.tick_labels.font.size = Pt(TEXT_PT)
    values.tick_labels.number_format = "0 %" if chart.percent else "#,##0"
    values.tick_labels.number_format_is_linked = False
    values.has_major_gridlines = chart.percent
    if chart.percent:
        values.major_gridlines.format.line.color.rgb = RGBColor.from_string(brand.farger.lys)
    else:
        values.tick_label_position = XL_TICK_LABEL_POSITION.NONE
        values.major_tick_mark = XL_TICK_MARK.NONE
        values.format.line.fill.background()
    categories = drawn.category_axis
    categories.tick_labels.font.size = Pt(TEXT_PT)
    if chart.kind is ChartKind.BAR or bars:
        categories.reverse_order = True  # the first row at the top, as in the table


def _in_order(drawn: Any) -> list[Any]:
    """The plotted series in the order they were added (python-pptx lists a line plot's
    series after the bar plot's)."""
    return sorted(drawn.series, key=lambda plotted: plotted.index)


def _labels(drawn: Any, chart: Chart, brand: Brand) -> None:
    """Each point's label is the table's own Norwegian text («14,6 %», «1.216.746»), so the
    chart shows the figures exactly as the table does, whatever the viewer's locale."""
    colours = colour_sequence(brand)
    plain = text_colour(brand.farger.tekst, WHITE, LABEL_PT)
    boxed = any(s.target or s.line for s in chart.series)  # labels a line may cross
    for number, (plot_series, series) in enumerate(
        zip(_in_order(drawn), chart.series, strict=True)
    ):
        if series.target:
            continue
        looks: list[tuple[str, bool]] = []
        for index, (point, text) in enumerate(zip(plot_series.points, series.texts, strict=True)):
            if not text:
                continue
            label = point.data_label
            fill = colours[(index if chart.kind in ROUND else number) % len(colours)]
            position = _position(chart, series, index)
            on_fill = position in ON_THE_FILL  # bold, in white or dark, whichever reads better
            colour = text_on(fill, brand.farger.tekst) if on_fill else plain
            write_label(label, text, LABEL_PT, colour, bold=on_fill, position=position)
            looks.append((colour, on_fill))
            if series.line or boxed and not on_fill:
                pptx_xml.label_background(label, "FFFFFF")  # over the line that crosses it
        if looks:  # the most common look stands for the series' labels in Writer
            colour, bold = Counter(looks).most_common(1)[0][0]
            series_look(plot_series, LABEL_PT, colour, bold)


def legend_name(series: ChartSeries) -> str:
    """A series' name in the legend; a target of one figure carries it («Måltall 7,7 %»), so
    the figure is read without a label crowding the points at the line's end."""
    figures = {t for t in series.texts if t}
    if series.target and len(figures) == 1:
        return f"{series.name} {figures.pop()}"
    return series.name


ON_THE_FILL = (XL_LABEL_POSITION.CENTER, XL_LABEL_POSITION.INSIDE_BASE)


def _position(chart: Chart, series: ChartSeries, index: int) -> Any:
    """Where a point's label goes: outside a bar, or at its foot when a line runs over the
    columns; on a line above the highest point of its category and below the others, so
    crossing lines do not stack their labels."""
    crossed = any(s.target or s.line for s in chart.series)
    if chart.kind is ChartKind.COMBINED or chart.kind is ChartKind.COLUMN and crossed:
        return XL_LABEL_POSITION.ABOVE if series.line else XL_LABEL_POSITION.INSIDE_BASE
    if chart.kind in (ChartKind.COLUMN, ChartKind.BAR):
        return XL_LABEL_POSITION.OUTSIDE_END
    if chart.kind is ChartKind.STACKED:
        return XL_LABEL_POSITION.CENTER
    if chart.kind in ROUND:  # a thin slice has its figure outside it (a pie can), dark
        thin = chart.thin_parts()[index]
        return (
            XL_LABEL_POSITION.OUTSIDE_END
            if thin and chart.kind is ChartKind.PIE
            else (None if thin else XL_LABEL_POSITION.CENTER)
        )
    if chart.kind is not ChartKind.LINE:
        return None
    own = series.values[index]
    others = [s.values[index] for s in chart.series if s is not series and not s.target]
    highest = all(v is None or own is None or own >= v for v in others)
    return XL_LABEL_POSITION.ABOVE if highest else XL_LABEL_POSITION.BELOW


def chart_of(slide: Slide) -> Chart | None:
    """The chart of a chart slide, or None."""
    return next((b for b in slide.blocks if isinstance(b, Chart)), None)


def chart_summaries(slide: Slide) -> list[str]:
    """The data of each chart on a slide, in its columns too, as short text for the notes."""
    blocks = [
        inner
        for block in slide.blocks
        for inner in (
            [b for c in block.columns for b in c.blocks] if isinstance(block, Columns) else [block]
        )
    ]
    return [b.summary() for b in blocks if isinstance(b, Chart)]
