"""Table specs (YAML): which export to read, which columns and rows to compute, how to show them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from deckgen.data.source import SourceRow, SourceTable, UncachedFormula, load_source, nfc
from deckgen.errors import (
    DeckgenError,
    Problem,
    ProblemCollector,
    SourceLocation,
    nearest,
    suggestion,
)
from deckgen.model import Cell, RowStyle, Table, TableRow
from deckgen.numbers import (
    NumberFormatError,
    NumberStyle,
    format_number,
    format_percent,
    parse_number,
    round_half_up,
)
from deckgen.project import on_disk
from deckgen.readers.yamlfile import line_of, load_yaml, validate

UNITS_IN_KRONER = {"kr": Decimal(1), "1000 kr": Decimal(1000), "mill. kr": Decimal(1_000_000)}


class ColumnSpec(BaseModel):
    """One shown column: taken from the source (`fra`) or computed (`avvik`, `andel`, `sum`)."""

    model_config = ConfigDict(extra="forbid")

    navn: str
    """Column heading as shown."""
    fra: str | None = None
    """Source column to read."""
    avvik: list[str] | None = Field(default=None, min_length=2, max_length=2)
    """Difference of two shown columns: [a, b] gives a − b (e.g. revidert budsjett − regnskap)."""
    andel: list[str] | None = Field(default=None, min_length=2, max_length=2)
    """Ratio of two shown columns: [a, b] gives a / b, shown as percent."""
    sum: list[str] | None = Field(default=None, min_length=1)
    """Row sum across shown columns (e.g. the year columns)."""
    format: str | None = Field(default=None, pattern=r"^(beløp|prosent)$")
    """`beløp` (default) or `prosent` (default for `andel`)."""
    desimaler: int | None = Field(default=None, ge=0, le=4)
    """Decimals shown: 0 for amounts, 1 for percent unless set."""
    kontroll: str | None = None
    """Source column holding the same figure, compared with the computed one."""

    @model_validator(mode="after")
    def _one_source(self) -> ColumnSpec:
        given = [k for k in ("fra", "avvik", "andel", "sum") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("hver kolonne må ha nøyaktig én av fra, avvik, andel eller sum")
        return self

    @property
    def percent(self) -> bool:
        """Whether the column shows percent."""
        return self.format == "prosent" or (self.format is None and self.andel is not None)

    @property
    def decimals(self) -> int:
        """Decimals to show."""
        if self.desimaler is not None:
            return self.desimaler
        return 1 if self.percent else 0


class GroupSpec(BaseModel):
    """Rows from the source followed by a computed subtotal row."""

    model_config = ConfigDict(extra="forbid")

    rader: list[str] = Field(min_length=1)
    """Row labels as in the source, in the order shown."""
    delsum: str | None = None
    """Label of the subtotal row computed from these rows."""


class TableSpec(BaseModel):
    """A table spec file; see docs/tabeller.md."""

    model_config = ConfigDict(extra="forbid")

    tittel: str = ""
    """Table title (used as caption in Word)."""
    kilde: str
    """The export: a .csv or .xlsx file, relative to the spec."""
    ark: str | None = None
    """Sheet name in an Excel file (default: the first)."""
    overskriftsrad: int = Field(default=1, ge=1)
    """The row (1-based) in the source that holds the column names."""
    etikett: str
    """Source column with the row labels."""
    etikett_overskrift: str | None = None
    """Heading of the label column (default: the same as `etikett`)."""
    enhet_kilde: str = Field(default="kr", pattern=r"^(kr|1000 kr|mill\. kr)$")
    """Unit of the amounts in the source."""
    enhet: str = Field(default="1000 kr", pattern=r"^(kr|1000 kr|mill\. kr)$")
    """Unit the amounts are shown in."""
    tekst: str | None = None
    """Caption under the table (default: «Alle tall i <enhet>»)."""
    toleranse: float = Field(default=1, ge=0)
    """Largest accepted gap, in shown units, between a declared and a computed total."""
    nullverdi: str = "0"
    """How zero is shown: «0» or for instance «–»."""
    tomme_som_null: bool = False
    """Read empty cells as zero (otherwise they stay empty)."""
    kolonner: list[ColumnSpec] = Field(min_length=1)
    grupper: list[GroupSpec] = Field(default_factory=list)
    """Optional row groups, each with a subtotal."""
    sum: str | None = None
    """Label of a final total row: the sum of all rows, or of the subtotals when grouped."""
    kursiv: list[str] = Field(default_factory=list)
    """Row labels shown in italics (ratio rows)."""


@dataclass
class ComputedRow:
    """A row with unrounded values, one per shown column after the label."""

    label: str
    values: list[Decimal | None]
    style: RowStyle = RowStyle.NORMAL
    source: SourceRow | None = None


@dataclass
class ComputedTable:
    """The computed table before formatting, and the mismatches found against the source."""

    spec: TableSpec
    header: list[str]
    rows: list[ComputedRow]
    mismatches: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    """Figures shown in a way that hides their value (a non-zero source value shown as 0)."""

    def format(self, style: NumberStyle, location: SourceLocation | None = None) -> Table:
        """Format every figure once, in the brand's number style."""
        columns = self.spec.kolonner
        rows = []
        for row in self.rows:
            cells = [Cell(row.label)]
            for value, column in zip(row.values, columns, strict=True):
                cells.append(Cell(_format(value, column, style, self.spec.nullverdi)))
            rows.append(TableRow(cells, row.style))
        header = [Cell(h) for h in self.header]
        align = ["left"] + ["right"] * len(columns)
        caption = (
            self.spec.tekst if self.spec.tekst is not None else f"Alle tall i {self.spec.enhet}"
        )
        return Table(header, rows, align, caption, location, title=self.spec.tittel)

    def value(self, name: str, row: str, column: str) -> Decimal:
        """The unrounded value of one cell, by row label and column heading (as in templates).

        Amounts are in kroner whatever the table shows, so prose picks its own unit; percent
        columns give the fraction.
        """
        row, column = nfc(row), nfc(column)
        labels = [r.label for r in self.rows]
        if row not in labels:
            raise DeckgenError.at(
                None, f"tabellen «{name}» har ingen rad «{row}»{name_hint(row, labels)}"
            )
        headings = self.header[1:]
        if column not in headings:
            raise DeckgenError.at(
                None,
                f"tabellen «{name}» har ingen kolonne «{column}»{name_hint(column, headings)}",
            )
        value = self.rows[labels.index(row)].values[headings.index(column)]
        if value is None:
            raise DeckgenError.at(None, f"cellen «{row}» / «{column}» i «{name}» er tom")
        if self.spec.kolonner[headings.index(column)].percent:
            return value
        return value * UNITS_IN_KRONER[self.spec.enhet]


def _format(value: Decimal | None, column: ColumnSpec, style: NumberStyle, zero: str) -> str:
    if value is None:
        return ""
    if column.percent:
        return format_percent(value, style, column.decimals, zero=zero)
    return format_number(value, style, column.decimals, zero=zero)


def load_table(spec_path: Path, where: SourceLocation, project_root: Path) -> ComputedTable:
    """Read a spec and its source, compute the table and check declared totals."""
    if not spec_path.is_file():
        raise DeckgenError.at(where, f"tabellfilen «{spec_path.name}» finnes ikke")
    data, node = load_yaml(spec_path)
    spec = _normalised(validate(TableSpec, data, node, spec_path))
    _check_references(spec, node, spec_path)
    _check_totals(spec, node, spec_path)
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
    )
    return compute(spec, source, spec_path, node)


def _check_references(spec: TableSpec, node: Any, path: Path) -> None:
    problems = ProblemCollector()
    shown: list[str] = []
    for index, column in enumerate(spec.kolonner):
        for key in ("avvik", "andel", "sum"):
            for name in getattr(column, key) or []:
                if name not in shown:
                    problems.add(
                        SourceLocation(path, line_of(node, ("kolonner", index, key))),
                        f"kolonnen «{name}» er ikke definert før «{column.navn}»"
                        f"{suggestion(name, shown)}",
                    )
        shown.append(column.navn)
    problems.raise_if_any()


def _normalised(spec: TableSpec) -> TableSpec:
    """The spec with every name in composed Unicode (NFC), as the source's names are."""
    columns = [
        column.model_copy(
            update={
                key: nfc(value) if isinstance(value, str) else [nfc(v) for v in value]
                for key in ("navn", "fra", "avvik", "andel", "sum", "kontroll")
                if (value := getattr(column, key)) is not None
            }
        )
        for column in spec.kolonner
    ]
    groups = [
        group.model_copy(
            update={
                "rader": [nfc(r) for r in group.rader],
                "delsum": nfc(group.delsum) if group.delsum is not None else None,
            }
        )
        for group in spec.grupper
    ]
    return spec.model_copy(
        update={
            "etikett": nfc(spec.etikett),
            "kolonner": columns,
            "grupper": groups,
            "sum": nfc(spec.sum) if spec.sum is not None else None,
            "kursiv": [nfc(k) for k in spec.kursiv],
        }
    )


def _check_totals(spec: TableSpec, node: Any, path: Path) -> None:
    """Each row label may stand once among the groups, subtotals and the total."""
    problems = ProblemCollector()
    seen: dict[str, str] = {}

    def claim(label: str, what: str, where: tuple[Any, ...]) -> None:
        if label in seen:
            problems.add(
                SourceLocation(path, line_of(node, where)),
                f"raden «{label}» står to ganger i tabellbeskrivelsen ({seen[label]} og {what}); "
                "hver rad kan bare vises og summeres én gang",
            )
        else:
            seen[label] = what

    for index, group in enumerate(spec.grupper):
        for label in group.rader:
            claim(label, f"i gruppe {index + 1}", ("grupper", index, "rader"))
        if group.delsum:
            claim(group.delsum, f"som delsum i gruppe {index + 1}", ("grupper", index, "delsum"))
    if spec.sum:
        claim(spec.sum, "som sum", ("sum",))
    problems.raise_if_any()


def compute(spec: TableSpec, source: SourceTable, spec_path: Path, node: Any) -> ComputedTable:
    """Compute the shown table from the source rows, unrounded."""
    problems = ProblemCollector()
    for index, column in enumerate(spec.kolonner):
        for name in [column.fra, column.kontroll]:
            if name is not None and name not in source.columns:
                problems.add(
                    SourceLocation(spec_path, line_of(node, ("kolonner", index))),
                    f"kilden «{source.path.name}» har ingen kolonne «{name}»"
                    f"{name_hint(name, source.columns)}",
                )
    if spec.etikett not in source.columns:
        problems.add(
            SourceLocation(spec_path, line_of(node, ("etikett",))),
            f"kilden «{source.path.name}» har ingen kolonne «{spec.etikett}»"
            f"{name_hint(spec.etikett, source.columns)}",
        )
    problems.raise_if_any()

    factor = UNITS_IN_KRONER[spec.enhet_kilde] / UNITS_IN_KRONER[spec.enhet]
    by_label: dict[str, SourceRow] = {}
    order: list[str] = []
    for row in source.rows:
        cell = row.cells.get(spec.etikett)
        if isinstance(cell, UncachedFormula):
            problems.add(SourceLocation(source.path, row.number), cell.message())
            continue
        label = nfc(_text(cell))
        if not label:
            problems.add(
                SourceLocation(source.path, row.number),
                f"rad {row.number}: kolonnen «{spec.etikett}» er tom",
            )
            continue
        if label in by_label:
            first = by_label[label].number
            problems.add(
                SourceLocation(source.path, row.number),
                f"raden «{label}» står to ganger i kilden (rad {first} og {row.number}); "
                "gi radene ulike navn i eksporten, så summer, kontroller og oppslag i teksten "
                "vet hvilken rad som menes",
            )
            continue
        by_label[label] = row
        order.append(label)
    read = {n: None for c in spec.kolonner for n in (c.fra, c.kontroll) if n}
    for row in source.rows:
        for name in read:
            cell = row.cells.get(name)
            if isinstance(cell, UncachedFormula):
                problems.add(SourceLocation(source.path, row.number), cell.message())
    scales = _percent_scales(spec, source, problems)

    def value_row(label: str) -> ComputedRow:
        row = by_label[label]
        values: list[Decimal | None] = []
        for column in spec.kolonner:
            if column.fra is None:
                values.append(None)
                continue
            value = _number(
                row, column.fra, source.path, problems, spec.tomme_som_null, scales.get(column.fra)
            )
            if value is not None and not column.percent:
                value = value * factor
            values.append(value)
        style = RowStyle.RATIO if label in spec.kursiv else RowStyle.NORMAL
        return ComputedRow(label, values, style, row)

    totals = {g.delsum for g in spec.grupper if g.delsum} | ({spec.sum} if spec.sum else set())
    rows: list[ComputedRow] = []
    subtotals: list[ComputedRow] = []
    if spec.grupper:
        used: set[str] = set()
        for group_index, group in enumerate(spec.grupper):
            members = []
            for label in group.rader:
                if label not in by_label:
                    problems.add(
                        SourceLocation(spec_path, line_of(node, ("grupper", group_index, "rader"))),
                        f"raden «{label}» finnes ikke i «{source.path.name}»"
                        f"{name_hint(label, order)}",
                    )
                    continue
                used.add(label)
                members.append(value_row(label))
            rows.extend(members)
            if group.delsum:
                subtotal = _sum_row(group.delsum, members, RowStyle.SUBTOTAL, spec)
                rows.append(subtotal)
                subtotals.append(subtotal)
        for label in order:
            if label not in used and label not in totals:
                problems.add(
                    SourceLocation(source.path, by_label[label].number),
                    f"raden «{label}» er ikke med i noen gruppe i «{spec_path.name}»",
                )
    else:
        rows = [value_row(label) for label in order if label not in totals]
    problems.raise_if_any()

    for computed_row in rows:
        if computed_row.style is not RowStyle.SUBTOTAL:
            _computed_columns(computed_row, spec)
    if spec.sum:
        parts = subtotals if subtotals else [r for r in rows if r.style is not RowStyle.SUBTOTAL]
        rows.append(_sum_row(spec.sum, parts, RowStyle.TOTAL, spec))

    label_heading = spec.etikett if spec.etikett_overskrift is None else spec.etikett_overskrift
    header = [label_heading] + [c.navn for c in spec.kolonner]
    table = ComputedTable(spec, header, rows)
    table.mismatches = _mismatches(table, by_label, source, factor, scales)
    table.warnings = _hidden_values(table, source)
    return table


def _percent_scales(
    spec: TableSpec, source: SourceTable, problems: ProblemCollector
) -> dict[str, Decimal]:
    """How to read the cells without «%» in each source column shown or checked as percent.

    A column with a plain number above 1 (in size) holds percentages (14,6 = 14,6 %);
    otherwise its plain numbers are ratios (0,146 = 14,6 %). A column with both numbers above 1
    and numbers between -1 and 1 (not 0) is refused: either reading would make some figures a
    hundred times wrong.
    """
    scales: dict[str, Decimal] = {}
    for column in spec.kolonner:
        if not column.percent:
            continue
        for name in (column.fra, column.kontroll):
            if name is None or name in scales:
                continue
            small: SourceRow | None = None
            large: SourceRow | None = None
            ignored = ProblemCollector()  # bad cells are reported where they are read
            for row in source.rows:
                if _marked_percent(row.cells.get(name)):
                    continue
                value = _number(row, name, source.path, ignored, False)
                if value is None or value == 0:
                    continue
                if abs(value) < 1:
                    small = small or row
                elif abs(value) > 1:
                    large = large or row
            if small is not None and large is not None:
                problems.add(
                    SourceLocation(source.path, large.number),
                    f"kolonne «{name}» vises i prosent, men har både andeler "
                    f"(rad {small.number}: «{_text(small.cells[name])}») og prosenttall "
                    f"(rad {large.number}: «{_text(large.cells[name])}») uten «%»; skriv alle "
                    "som andeler (0,146) eller alle med prosenttegn (14,6 %)",
                )
            scales[name] = Decimal("0.01") if large is not None else Decimal(1)
    return scales


def _marked_percent(value: Any) -> bool:
    return isinstance(value, str) and value.strip().endswith("%")


def _hidden_values(table: ComputedTable, source: SourceTable) -> list[Problem]:
    """Source figures that are not zero but would be shown as 0 (a ratio in an amount column)."""
    found: list[Problem] = []
    for row in table.rows:
        if row.source is None:
            continue
        for value, column in zip(row.values, table.spec.kolonner, strict=True):
            if column.fra is None or value is None or value == 0:
                continue
            shown = value * 100 if column.percent else value
            if round_half_up(shown, column.decimals) != 0:
                continue
            unit = "%" if column.percent else table.spec.enhet
            found.append(
                Problem(
                    SourceLocation(source.path, row.source.number),
                    f"rad {row.source.number} «{row.label}», kolonne «{column.fra}»: kilden har "
                    f"«{_text(row.source.cells.get(column.fra))}», men tabellen viser 0 "
                    f"({unit} med {column.decimals} desimaler); er dette en andel, eller trenger "
                    "kolonnen flere desimaler (desimaler:) eller en annen enhet (enhet:)?",
                )
            )
    return found


_DASHES = re.compile(r"[\u2010-\u2015\u2212-]")
_SPACE = re.compile(r"\s+")


def name_hint(name: str, choices: list[str]) -> str:
    """` (mente du «x»?)`, saying so when the names differ only in dashes or spaces."""
    key = _loose(name)
    for choice in choices:
        if _loose(choice) == key:
            differences = []
            if _DASHES.sub("-", choice) != _DASHES.sub("-", name):
                differences.append("mellomrom")
            if _SPACE.sub(" ", choice).strip() != _SPACE.sub(" ", name).strip():
                differences.insert(0, "bindestrek (-) og tankestrek (–)")
            why = " og ".join(differences) or "unicode-skrivemåten"
            return f" (mente du «{choice}»? navnene er like bortsett fra {why})"
    match = nearest(name, choices)
    return f" (mente du «{match}»?)" if match else ""


def _loose(name: str) -> str:
    return _SPACE.sub(" ", _DASHES.sub("-", nfc(name))).strip()


def _sum_row(label: str, rows: list[ComputedRow], style: RowStyle, spec: TableSpec) -> ComputedRow:
    values: list[Decimal | None] = []
    for index, column in enumerate(spec.kolonner):
        if column.fra is None or column.percent:
            values.append(None)
            continue
        present = [v for v in (r.values[index] for r in rows) if v is not None]
        values.append(sum(present, Decimal(0)) if present else None)
    row = ComputedRow(label, values, style)
    _computed_columns(row, spec)
    return row


def _computed_columns(row: ComputedRow, spec: TableSpec) -> None:
    """Fill the avvik, andel and sum columns of a row from its other values, in column order."""
    names = [c.navn for c in spec.kolonner]
    for index, column in enumerate(spec.kolonner):
        wanted = column.avvik or column.andel or column.sum or []
        operands = [row.values[names.index(n)] for n in wanted]
        if column.avvik is not None:
            a, b = operands
            row.values[index] = None if a is None or b is None else a - b
        elif column.andel is not None:
            a, b = operands
            row.values[index] = None if a is None or b is None or b == 0 else a / b
        elif column.sum is not None:
            given = [v for v in operands if v is not None]
            row.values[index] = sum(given, Decimal(0)) if given else None


def _mismatches(
    table: ComputedTable,
    by_label: dict[str, SourceRow],
    source: SourceTable,
    factor: Decimal,
    scales: dict[str, Decimal],
) -> list[Problem]:
    """Compare totals and control columns the source declares with the computed ones."""
    spec = table.spec
    found: list[Problem] = []
    problems = ProblemCollector()
    for row in table.rows:
        declared_row = by_label.get(row.label) if row.style is not RowStyle.NORMAL else row.source
        if declared_row is None:
            continue
        for index, column in enumerate(spec.kolonner):
            name = column.kontroll or (column.fra if row.style is not RowStyle.NORMAL else None)
            computed = row.values[index]
            if name is None or computed is None:
                continue
            declared = _number(declared_row, name, source.path, problems, False, scales.get(name))
            if declared is None:
                continue
            if not column.percent:
                declared = declared * factor
            tolerance = Decimal(str(spec.toleranse)) / (100 if column.percent else 1)
            if abs(declared - computed) > tolerance:
                shown = _format_plain(column)
                found.append(
                    Problem(
                        SourceLocation(source.path, declared_row.number),
                        f"rad {declared_row.number} «{row.label}», kolonne «{name}»: oppgitt "
                        f"{shown(declared)}, beregnet {shown(computed)} (alle tall i {spec.enhet})",
                    )
                )
    found.extend(problems.problems)
    return found


def _format_plain(column: ColumnSpec):  # type: ignore[no-untyped-def]
    from deckgen.numbers import DRAMMEN

    def show(value: Decimal) -> str:
        if column.percent:
            return format_percent(value, DRAMMEN, column.decimals)
        return format_number(value, DRAMMEN, column.decimals)

    return show


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _number(
    row: SourceRow,
    column: str,
    path: Path,
    problems: ProblemCollector,
    empty_is_zero: bool,
    plain_scale: Decimal | None = None,
) -> Decimal | None:
    """The cell as a number; plain_scale multiplies a number written without «%»."""
    value = _raw_number(row, column, path, problems, empty_is_zero)
    if value is not None and plain_scale is not None and not _marked_percent(row.cells.get(column)):
        return value * plain_scale
    return value


def _raw_number(
    row: SourceRow, column: str, path: Path, problems: ProblemCollector, empty_is_zero: bool
) -> Decimal | None:
    value = row.cells.get(column)
    if isinstance(value, UncachedFormula):
        return None  # reported once by compute(), for every row and column the table uses
    if value is None or (isinstance(value, str) and not value.strip()):
        return Decimal(0) if empty_is_zero else None
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int | float | Decimal):
        try:
            return Decimal(str(value))
        except ArithmeticError:
            pass
    try:
        return parse_number(str(value))
    except NumberFormatError as exc:
        problems.add(
            SourceLocation(path, row.number), f"rad {row.number}, kolonne «{column}»: {exc}"
        )
        return None
