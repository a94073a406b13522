"""A waterfall's balances: which rows are drawn from zero, and that the changes add up to them."""

from __future__ import annotations

from decimal import Decimal

from deckgen.data.computed import ComputedRow, format_value
from deckgen.data.spec import ColumnSpec
from deckgen.errors import ProblemCollector, SourceLocation
from deckgen.model import ChartSeries, RowStyle
from deckgen.numbers import NumberStyle

BALANCE_STYLES = (RowStyle.TOTAL, RowStyle.SUBTOTAL)


def balances(
    rows: list[ComputedRow],
    series: ChartSeries,
    column: ColumnSpec,
    style: NumberStyle,
    where: SourceLocation,
    problems: ProblemCollector,
) -> list[bool]:
    """Which rows are balances (the first, the last and sum rows; the rest are changes), after
    checking that each balance is the one before it plus the changes between, as shown."""
    last = len(rows) - 1
    flags = [i in (0, last) or row.style in BALANCE_STYLES for i, row in enumerate(rows)]
    if len(rows) < 3:
        problems.add(
            where,
            f"et fossefall trenger en startverdi, minst én endring og en sluttverdi, men "
            f"tabellen har {len(rows)} rad(er)",
        )
        return flags
    running: Decimal | None = None
    start = rows[0].label
    for row, balance, value, text in zip(rows, flags, series.values, series.texts, strict=True):
        if value is None:
            problems.add(
                where,
                f"«{row.label}» / «{series.name}» er tom; et fossefall trenger et tall på hver rad",
            )
            return flags
        if running is None:
            running = value
        elif not balance:
            running += value
        elif (computed := format_value(running, column, style, "0")) != text:
            hint = (
                "; raden er tabellens sum, og tabellen viser eksportens egen sum når den er "
                "innenfor toleransen – sett «vis_beregnet: true» i tabellbeskrivelsen for å vise "
                "summen av radene, eller rett eksporten"
                if row.style in BALANCE_STYLES
                else ""
            )
            problems.add(
                where,
                f"fossefallet går ikke opp: «{start}» og endringene etter den gir {computed} "
                f"ved «{row.label}», men raden viser {text}{hint}",
            )
            return flags
        else:
            running = value
        if running < 0:
            problems.add(
                where,
                f"fossefallet går under null ved «{row.label}»; det kan ikke tegnes som "
                "fossefall – bruk «diagram: søyle»",
            )
            return flags
    return flags
