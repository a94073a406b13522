"""Table specs (YAML): which export to read, which columns and rows to compute, how to show them."""

from __future__ import annotations

from pathlib import Path

from deckgen.config.schema import line_of, validate
from deckgen.config.yamlload import load_yaml
from deckgen.data.compute import compute
from deckgen.data.computed import ComputedRow, ComputedTable
from deckgen.data.names import MAX_LISTED_COLUMNS, name_hint
from deckgen.data.source import load_source
from deckgen.data.spec import (
    UNITS_IN_KRONER,
    ColumnSpec,
    GroupSpec,
    TableSpec,
    check_references,
    check_totals,
    normalised,
)
from deckgen.errors import DeckgenError, SourceLocation
from deckgen.numbers import DRAMMEN, STYLES, NumberStyle
from deckgen.project import on_disk

__all__ = [
    "MAX_LISTED_COLUMNS",
    "MAX_TABLE_ROWS",
    "UNITS_IN_KRONER",
    "ColumnSpec",
    "ComputedRow",
    "ComputedTable",
    "GroupSpec",
    "TableSpec",
    "compute",
    "load_table",
    "name_hint",
]


MAX_TABLE_ROWS = 10_000
"""The most data rows one table reads (about 1.000 slides when continued); more is refused
before anything is computed, as 100.000 rows took minutes and gigabytes to build."""


def load_table(
    spec_path: Path, where: SourceLocation, project_root: Path, style: NumberStyle = DRAMMEN
) -> ComputedTable:
    """Read a spec and its source, compute the table and check declared totals; messages show
    figures in the brand's number style."""
    if not spec_path.is_file():
        raise DeckgenError.at(where, f"tabellfilen «{spec_path.name}» finnes ikke")
    data, node = load_yaml(spec_path)
    spec = normalised(validate(TableSpec, data, node, spec_path))
    check_references(spec, node, spec_path)
    check_totals(spec, node, spec_path)
    source_path = on_disk((spec_path.parent / spec.kilde).resolve())
    if project_root.resolve() not in source_path.parents:
        raise DeckgenError.at(
            SourceLocation(spec_path, line_of(node, ("kilde",))),
            f"datafilen «{spec.kilde}» peker ut av prosjektmappen",
        )
    source = load_source(
        source_path,
        spec.ark,
        spec.overskriftsrad,
        SourceLocation(spec_path, line_of(node, ("kilde",))),
        SourceLocation(spec_path, line_of(node, ("ark",))) if spec.ark is not None else None,
        MAX_TABLE_ROWS,
        spec.etikett,
    )
    if source.label_by_position and spec.etikett_overskrift is None:
        spec = spec.model_copy(update={"etikett_overskrift": ""})
    if spec.pivot is not None:
        from deckgen.data.pivot import pivoted  # pandas, only for long exports

        source = pivoted(spec, source, spec_path, node)
    return compute(
        spec, source, spec_path, node, STYLES[spec.tallformat] if spec.tallformat else style
    )
