"""Charts in Word, for now: the chart's data as a table (python-docx has no chart API)."""

from __future__ import annotations

from deckgen.errors import Problem, ProblemKind
from deckgen.model import Cell, Chart, Table, TableRow


def chart_table(chart: Chart) -> Table:
    """The chart's figures as a table: a row per category, a column per series, the same
    Norwegian text as the chart's labels; the chart's title is the caption."""
    header = [Cell(""), *(Cell(s.name) for s in chart.series)]
    rows = [
        TableRow([Cell(category), *(Cell(s.texts[i], value=s.values[i]) for s in chart.series)])
        for i, category in enumerate(chart.categories)
    ]
    align = ["left"] + ["right"] * len(chart.series)
    return Table(
        header,
        rows,
        align,
        chart.caption,
        chart.location,
        description=chart.description,
        title=chart.title or chart.description,
    )


def chart_note(chart: Chart) -> Problem:
    """The note, once per build, that Word shows charts as tables for now."""
    return Problem(
        chart.location,
        "diagrammer vises foreløpig som tabeller i Word (tallene er de samme som i diagrammet)",
        ProblemKind.NOTE,
    )
