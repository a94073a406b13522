"""Long exports (one row per row label and column value, as ERP systems give them) as a grid."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from deckgen.config.schema import line_of
from deckgen.data.cells import (
    ExcelDate,
    SourceRow,
    SourceTable,
    UnreadableCell,
    clean_name,
)
from deckgen.data.names import MAX_LISTED_COLUMNS, column_hint
from deckgen.data.reading import cell_text, check_dot_readings, read_number
from deckgen.data.spec import PivotSpec, TableSpec
from deckgen.errors import Problem, ProblemCollector, ProblemKind, SourceLocation, both

_LABEL, _KEY, _VALUE, _CELL, _LINE = "rad", "kolonne", "verdi", "celle", "linje"


MAX_LISTED_PAIRS = 3
"""How many summed cells the note names."""


def pivoted(spec: TableSpec, source: SourceTable, spec_path: Path, node: Any) -> SourceTable:
    """The long export as a table with one row per label and one column per `kolonner` value."""
    assert spec.pivot is not None
    problems = ProblemCollector()
    label, key, value = _pivot_columns(spec, spec.pivot, source, spec_path, node, problems)
    problems.raise_if_any()
    frame = _long_frame(spec, source, (label, key, value), problems)
    problems.raise_if_any()
    summed = []
    if spec.pivot.dubletter == "feil":
        _check_duplicates(frame, source, key, spec_path, problems)
    else:
        summed = _summed_note(frame, source, key)
    keys = [str(k) for k in frame[_KEY].unique()]
    if spec.etikett in keys:
        line = int(frame[frame[_KEY] == spec.etikett][_LINE].iloc[0])
        problems.add(
            SourceLocation(source.path, line),
            f"kolonnen «{key}» har verdien «{spec.etikett}», som er navnet på kolonnen med "
            "radnavnene (etikett:); gi den et annet navn i eksporten",
        )
    _check_wanted_columns(spec, keys, key, source, spec_path, node, problems)
    problems.raise_if_any()
    table = _wide(frame, source, spec.etikett, keys)
    table.notes.extend(summed)
    return table


def _summed_note(frame: pd.DataFrame, source: SourceTable, key: str) -> list[Problem]:
    """One note naming the cells added up from more than one export row (dubletter: summer)."""
    pairs = _duplicate_pairs(frame)
    if not pairs:
        return []
    shown = [
        f"«{label}» {key} «{value}» (rad {both([str(n) for n in numbers])})"
        for label, value, numbers in pairs[:MAX_LISTED_PAIRS]
    ]
    more = f" og {len(pairs) - MAX_LISTED_PAIRS} til" if len(pairs) > MAX_LISTED_PAIRS else ""
    return [
        Problem(
            SourceLocation(source.path, pairs[0][2][1]),
            f"{len(pairs)} celle(r) er summen av flere rader i eksporten (dubletter: summer): "
            f"{', '.join(shown)}{more}",
            ProblemKind.NOTE,
        )
    ]


def _pivot_columns(
    spec: TableSpec,
    pivot: PivotSpec,
    source: SourceTable,
    spec_path: Path,
    node: Any,
    problems: ProblemCollector,
) -> tuple[str, str, str]:
    """The export's label, column and value columns; each must exist, rader must be etikett."""
    label = clean_name(pivot.rader) if pivot.rader is not None else spec.etikett
    if label != spec.etikett:
        problems.add(
            SourceLocation(spec_path, line_of(node, ("pivot", "rader"))),
            f"pivot: rader: «{label}» og etikett: «{spec.etikett}» må være samme kolonne "
            "(kolonnen med radnavnene); skriv samme navn, eller fjern rader: under pivot:",
        )
    names = (label, clean_name(pivot.kolonner), clean_name(pivot.verdi))
    for where, name in zip(("rader", "kolonner", "verdi"), names, strict=True):
        if name not in source.columns:
            at = ("pivot", where) if where != "rader" or pivot.rader is not None else ("etikett",)
            problems.add(
                SourceLocation(spec_path, line_of(node, at)),
                f"kilden {source.name} har ingen kolonne «{name}» (pivot: {where}:)"
                f"{column_hint(name, source.columns)}",
            )
    return names


def _long_frame(
    spec: TableSpec, source: SourceTable, names: tuple[str, str, str], problems: ProblemCollector
) -> pd.DataFrame:
    """One record per export row: its label, column value, raw and read figure, and line."""
    label_column, key_column, value_column = names
    records: list[dict[str, Any]] = []
    for row in source.rows:
        label = _name(row, label_column, source, problems)
        key = _name(row, key_column, source, problems)
        cell = row.cells.get(value_column)
        if isinstance(cell, UnreadableCell):
            problems.add(SourceLocation(source.path, row.number), cell.message())
            continue
        number = read_number(row, value_column, source.path, problems, spec.tomme_som_null)
        if label and key:
            records.append(
                {_LABEL: label, _KEY: key, _VALUE: number, _CELL: cell, _LINE: row.number}
            )
    check_dot_readings([value_column], source, problems)
    return pd.DataFrame(records, columns=[_LABEL, _KEY, _VALUE, _CELL, _LINE], dtype=object)


def _name(row: SourceRow, column: str, source: SourceTable, problems: ProblemCollector) -> str:
    """A label or column value as text (a year stored as a number as «2024»); "" if missing."""
    cell = row.cells.get(column)
    if isinstance(cell, UnreadableCell):
        problems.add(SourceLocation(source.path, row.number), cell.message())
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = str(cell) if isinstance(cell, ExcelDate) else clean_name(cell_text(cell))
    if not text:
        problems.add(
            SourceLocation(source.path, row.number), f"rad {row.number}: kolonnen «{column}» er tom"
        )
    return text


def _check_duplicates(
    frame: pd.DataFrame, source: SourceTable, key: str, spec_path: Path, problems: ProblemCollector
) -> None:
    """Two export rows for the same row and column are an error naming both lines."""
    for label, value, numbers in _duplicate_pairs(frame):
        problems.add(
            SourceLocation(source.path, numbers[1]),
            f"raden «{label}» har to tall for «{value}» i kolonnen «{key}» "
            f"(rad {both([str(n) for n in numbers])}); "
            f"rett eksporten, eller skriv dubletter: summer under pivot: i {spec_path.name} "
            "hvis tallene skal legges sammen",
        )


def _duplicate_pairs(frame: pd.DataFrame) -> list[tuple[str, str, list[int]]]:
    """Each (row, column) pair the export has more than once, with the lines it stands on."""
    twice = frame[frame.duplicated([_LABEL, _KEY], keep=False)]
    return [
        (str(label), str(value), [int(n) for n in lines])
        for (label, value), lines in twice.groupby([_LABEL, _KEY], sort=False)[_LINE]
    ]


def _check_wanted_columns(
    spec: TableSpec,
    keys: list[str],
    key: str,
    source: SourceTable,
    spec_path: Path,
    node: Any,
    problems: ProblemCollector,
) -> None:
    """Every column the spec reads must be a value of the export's `kolonner` column."""
    shown = ", ".join(f"«{k}»" for k in keys[:MAX_LISTED_COLUMNS])
    more = f" og {len(keys) - MAX_LISTED_COLUMNS} til" if len(keys) > MAX_LISTED_COLUMNS else ""
    for index, column in enumerate(spec.kolonner):
        for field in ("fra", "kontroll"):
            name = getattr(column, field)
            if name is not None and name not in keys:
                problems.add(
                    SourceLocation(spec_path, line_of(node, ("kolonner", index, field))),
                    f"«{name}» finnes ikke i kolonnen «{key}» i {source.name}; "
                    f"verdiene der er: {shown}{more}",
                )


def _decimal_sum(values: pd.Series) -> Decimal | None:
    """The sum of the figures given (None when every cell is empty)."""
    given = [v for v in values if isinstance(v, Decimal)]
    return sum(given, Decimal(0)) if given else None


def _wide(
    frame: pd.DataFrame, source: SourceTable, label_column: str, keys: list[str]
) -> SourceTable:
    """Rows in the order they first appear, one cell per column value: the export's own cell, or
    the sum of the figures when the export has the pair more than once."""
    groups = frame.groupby([_LABEL, _KEY], sort=False)
    joined = groups.agg(
        **{_CELL: (_CELL, "first"), "antall": (_CELL, "size"), "sum": (_VALUE, _decimal_sum)}
    )
    cells = joined[_CELL].where(joined["antall"] == 1, joined["sum"])
    labels = [str(label) for label in frame[_LABEL].unique()]
    grid = cells.unstack(_KEY).reindex(index=labels, columns=keys)
    first_lines = frame.groupby(_LABEL, sort=False)[_LINE].min()
    rows = []
    for label in labels:
        found = {k: _cell(grid.at[label, k]) for k in keys}
        rows.append(SourceRow(int(first_lines[label]), {label_column: label, **found}))
    return SourceTable(source.path, [label_column, *keys], rows, source.sheet)


def _cell(value: Any) -> Any:
    """A grid cell, with pandas' mark for a missing pair as an empty cell."""
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value
