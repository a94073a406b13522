"""Table specs (YAML): which export to read, which columns and rows to compute, how to show them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from deckgen.config.schema import line_of, validate
from deckgen.config.yamlload import load_yaml
from deckgen.data.source import (
    ExcelDate,
    PercentNumber,
    PointDecimal,
    SourceRow,
    SourceTable,
    UnreadableCell,
    clean_name,
    load_source,
    nfc,
)
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
    DECIMAL_POINT,
    DRAMMEN,
    THOUSANDS,
    Kroner,
    NumberFormatError,
    NumberStyle,
    Share,
    dot_reading,
    format_number,
    format_percent,
    parse_number,
    round_half_up,
)
from deckgen.project import on_disk

UNITS_IN_KRONER = {"kr": Decimal(1), "1000 kr": Decimal(1000), "mill. kr": Decimal(1_000_000)}
MAX_TABLE_ROWS = 10_000
"""The most data rows one table reads (about 1.000 slides when continued); more is refused
before anything is computed, as 100.000 rows took minutes and gigabytes to build."""


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
    kildetall: str | None = Field(default=None, pattern=r"^(prosent|andel)$")
    """How a percent column's source writes plain numbers: `prosent` (14,6) or `andel` (0,146)."""

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
    percent: bool = False
    """A ratio row whose export marks its figures as percent («1,8 %»): shown as percent."""


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
                if row.percent and not column.percent and value is not None:
                    decimals = 1 if column.desimaler is None else column.desimaler
                    text = format_percent(value, style, decimals, zero=self.spec.nullverdi)
                else:
                    text = _format(value, column, style, self.spec.nullverdi)
                cells.append(Cell(text))
            rows.append(TableRow(cells, row.style))
        header = [Cell(h) for h in self.header]
        align = ["left"] + ["right"] * len(columns)
        caption = self.spec.tekst
        if caption is None:
            amounts = any(not c.percent for c in columns)
            caption = f"Alle tall i {self.spec.enhet}" if amounts else ""
        return Table(header, rows, align, caption, location, title=self.spec.tittel)

    def value(self, name: str, row: str, column: str) -> Decimal:
        """The unrounded value of one cell, by row label and column heading (as in templates).

        Amounts are in kroner whatever the table shows, so prose picks its own unit; percent
        columns give the fraction.
        """
        row, column = clean_name(row), nfc(column)
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
        found = self.rows[labels.index(row)]
        value = found.values[headings.index(column)]
        if value is None:
            raise DeckgenError.at(None, f"cellen «{row}» / «{column}» i «{name}» er tom")
        if self.spec.kolonner[headings.index(column)].percent or found.percent:
            return Share(value)
        if found.style is RowStyle.RATIO:
            return value
        return Kroner(value * UNITS_IN_KRONER[self.spec.enhet])


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
        SourceLocation(spec_path, line_of(node, ("ark",))) if spec.ark is not None else None,
        MAX_TABLE_ROWS,
    )
    return compute(spec, source, spec_path, node)


def _check_references(spec: TableSpec, node: Any, path: Path) -> None:
    problems = ProblemCollector()
    shown: list[str] = []
    for index, column in enumerate(spec.kolonner):
        if column.kildetall is not None and not column.percent:
            problems.add(
                SourceLocation(path, line_of(node, ("kolonner", index, "kildetall"))),
                f"kildetall: gjelder bare kolonner som vises i prosent; skriv format: prosent på "
                f"«{column.navn}», eller fjern kildetall:",
            )
        for key in ("avvik", "andel", "sum"):
            for name in getattr(column, key) or []:
                if name not in shown:
                    problems.add(
                        SourceLocation(path, line_of(node, ("kolonner", index, key))),
                        f"kolonnen «{name}» er ikke definert før «{column.navn}»"
                        f"{suggestion(name, shown)}",
                    )
        if column.navn in shown:
            first = shown.index(column.navn) + 1
            problems.add(
                SourceLocation(path, line_of(node, ("kolonner", index))),
                f"kolonnen «{column.navn}» står to ganger under kolonner: (kolonne {first} og "
                f"{index + 1}); gi kolonnene ulike navn (navn:), så avvik:, andel:, sum: og "
                "oppslag i teksten vet hvilken kolonne som menes",
            )
        shown.append(column.navn)
    problems.raise_if_any()


def _normalised(spec: TableSpec) -> TableSpec:
    """The spec with every name in composed Unicode (NFC), as the source's names are."""
    columns = [
        column.model_copy(
            update={
                key: (clean_name if key in ("fra", "kontroll") else nfc)(value)
                if isinstance(value, str)
                else [nfc(v) for v in value]
                for key in ("navn", "fra", "avvik", "andel", "sum", "kontroll")
                if (value := getattr(column, key)) is not None
            }
        )
        for column in spec.kolonner
    ]
    groups = [
        group.model_copy(
            update={
                "rader": [clean_name(r) for r in group.rader],
                "delsum": clean_name(group.delsum) if group.delsum is not None else None,
            }
        )
        for group in spec.grupper
    ]
    return spec.model_copy(
        update={
            "etikett": clean_name(spec.etikett),
            "kolonner": columns,
            "grupper": groups,
            "sum": clean_name(spec.sum) if spec.sum is not None else None,
            "kursiv": [clean_name(k) for k in spec.kursiv],
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
                    f"kilden {source.name} har ingen kolonne «{name}»"
                    f"{_column_hint(name, source.columns)}",
                )
    if spec.etikett not in source.columns:
        problems.add(
            SourceLocation(spec_path, line_of(node, ("etikett",))),
            f"kilden {source.name} har ingen kolonne «{spec.etikett}»"
            f"{_column_hint(spec.etikett, source.columns)}",
        )
    problems.raise_if_any()

    factor = UNITS_IN_KRONER[spec.enhet_kilde] / UNITS_IN_KRONER[spec.enhet]
    by_label: dict[str, SourceRow] = {}
    order: list[str] = []
    for row in source.rows:
        cell = row.cells.get(spec.etikett)
        if isinstance(cell, UnreadableCell):
            problems.add(SourceLocation(source.path, row.number), cell.message())
            continue
        label = clean_name(_text(cell))
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
            if isinstance(cell, UnreadableCell):
                problems.add(SourceLocation(source.path, row.number), cell.message())
    _check_dot_readings(list(read), source, problems)
    _check_total_spellings(spec, by_label, order, spec_path, node, problems)
    ratios = set(spec.kursiv)
    for index, label in enumerate(spec.kursiv):
        if label not in by_label:
            problems.add(
                SourceLocation(spec_path, line_of(node, ("kursiv", index))),
                f"raden «{label}» under kursiv: finnes ikke i {source.name}"
                f"{name_hint(label, order)}{_comma_hint(spec.kursiv, index, order)}",
            )
    scales = _percent_scales(spec, source, problems, spec_path, node)

    def value_row(label: str) -> ComputedRow:
        row = by_label[label]
        ratio = label in ratios
        values: list[Decimal | None] = []
        for column in spec.kolonner:
            if column.fra is None:
                values.append(None)
                continue
            value = _number(
                row, column.fra, source.path, problems, spec.tomme_som_null, scales.get(column.fra)
            )
            if value is not None and not column.percent and not ratio:
                value = value * factor
            values.append(value)
        style = RowStyle.RATIO if ratio else RowStyle.NORMAL
        amounts = [
            row.cells.get(c.fra) for c in spec.kolonner if c.fra is not None and not c.percent
        ]
        written = [cell for cell in amounts if _text(cell)]
        percent = ratio and bool(written) and all(_marked_percent(cell) for cell in written)
        return ComputedRow(label, values, style, row, percent)

    totals = {g.delsum for g in spec.grupper if g.delsum} | ({spec.sum} if spec.sum else set())
    rows: list[ComputedRow] = []
    parts: list[ComputedRow] = []
    trailing: list[ComputedRow] = []
    """Ratio rows shown after the final sum row."""
    if spec.grupper:
        used: set[str] = set()
        for group_index, group in enumerate(spec.grupper):
            members = []
            for row_index, label in enumerate(group.rader):
                if label not in by_label:
                    problems.add(
                        SourceLocation(spec_path, line_of(node, ("grupper", group_index, "rader"))),
                        f"raden «{label}» finnes ikke i {source.name}"
                        f"{name_hint(label, order)}{_comma_hint(group.rader, row_index, order)}",
                    )
                    continue
                used.add(label)
                members.append(value_row(label))
            rows.extend(members)
            summed = [m for m in members if m.style is not RowStyle.RATIO]
            if group.delsum:
                subtotal = _sum_row(group.delsum, summed, RowStyle.SUBTOTAL, spec)
                rows.append(subtotal)
                parts.append(subtotal)
            else:
                parts.extend(summed)
        for label in order:
            if label in used or label in totals:
                continue
            if label in ratios:
                trailing.append(value_row(label))
                continue
            problems.add(
                SourceLocation(source.path, by_label[label].number),
                f"raden «{label}» er ikke med i noen gruppe i «{spec_path.name}»"
                f"{_total_lookalike(label, totals, spec_path)}",
            )
    else:
        total_row = by_label[spec.sum].number if spec.sum in by_label else None
        for label in order:
            if label in totals:
                continue
            computed_row = value_row(label)
            after_total = total_row is not None and by_label[label].number > total_row
            if computed_row.style is RowStyle.RATIO and after_total:
                trailing.append(computed_row)
            else:
                rows.append(computed_row)
        parts = [r for r in rows if r.style is not RowStyle.RATIO]
    _check_blank_operands([*rows, *trailing], spec, spec_path, source.path, problems)
    problems.raise_if_any()

    for computed_row in [*rows, *trailing]:
        if computed_row.style is not RowStyle.SUBTOTAL:
            _computed_columns(computed_row, spec)
    warnings: list[Problem] = []
    if spec.sum:
        if not spec.grupper:
            warnings.extend(_sum_lookalikes(parts, spec.sum, source, spec_path))
        rows.append(_sum_row(spec.sum, parts, RowStyle.TOTAL, spec))
    rows.extend(trailing)

    label_heading = spec.etikett if spec.etikett_overskrift is None else spec.etikett_overskrift
    header = [label_heading] + [c.navn for c in spec.kolonner]
    table = ComputedTable(spec, header, rows)
    table.mismatches = _mismatches(table, by_label, source, factor, scales)
    table.warnings = [*warnings, *_hidden_values(table, source)]
    return table


def _check_blank_operands(
    rows: list[ComputedRow],
    spec: TableSpec,
    spec_path: Path,
    source_path: Path,
    problems: ProblemCollector,
) -> None:
    """An avvik or andel of a summed row cannot have one operand empty and the other not.

    The row would show an empty difference while the sum row counts the empty cell as 0, so
    the rows shown would not add up to the sum.
    """
    by_name = {c.navn: c for c in spec.kolonner}
    names = list(by_name)
    for row in rows:
        if row.style is not RowStyle.NORMAL or row.source is None:
            continue
        for column in spec.kolonner:
            wanted = column.avvik or column.andel
            if wanted is None:
                continue
            values = [row.values[names.index(n)] for n in wanted]
            if all(v is None for v in values) or all(v is not None for v in values):
                continue
            for name, value in zip(wanted, values, strict=True):
                fra = by_name[name].fra
                if value is not None or fra is None or _text(row.source.cells.get(fra)):
                    continue  # an unreadable cell is reported where it is read
                problems.add(
                    SourceLocation(source_path, row.source.number),
                    f"rad {row.source.number} «{row.label}», kolonne «{fra}» er tom, men "
                    f"«{column.navn}» regnes ut av den; skriv 0 i eksporten hvis beløpet er "
                    f"null, eller sett tomme_som_null: true i {spec_path.name}",
                )


_LOOKS_LIKE_TOTAL = re.compile(r"^(sum|totalt?|i alt|herav)\b", re.IGNORECASE)


def _sum_lookalikes(
    parts: list[ComputedRow], total: str, source: SourceTable, spec_path: Path
) -> list[Problem]:
    """Rows named like totals («Sum …», «Totalt», «I alt», «Herav …») summed into `total`."""
    found = []
    for row in parts:
        if row.source is None or not _LOOKS_LIKE_TOTAL.match(row.label):
            continue
        found.append(
            Problem(
                SourceLocation(source.path, row.source.number),
                f"rad {row.source.number} «{row.label}» ser ut som en sumrad, men telles med i "
                f"«{total}»; er den en delsum av radene over, skriv den som delsum: i en "
                f"gruppe (grupper:) i {spec_path.name}; er den en vanlig rad, list radene i "
                "grupper: (en gruppe trenger ingen delsum), så telles den uten advarsel",
            )
        )
    return found


def _check_total_spellings(
    spec: TableSpec,
    by_label: dict[str, SourceRow],
    order: list[str],
    spec_path: Path,
    node: Any,
    problems: ProblemCollector,
) -> None:
    """A sum or subtotal named almost like a source row would count that row as ordinary."""
    wanted: list[tuple[str, str, tuple[Any, ...]]] = []
    if spec.sum:
        wanted.append((spec.sum, "sumraden", ("sum",)))
    for index, group in enumerate(spec.grupper):
        if group.delsum:
            wanted.append((group.delsum, "delsumraden", ("grupper", index, "delsum")))
    for label, what, where in wanted:
        if label in by_label:
            continue
        for candidate in order:
            if _looser(candidate) == _looser(label):
                problems.add(
                    SourceLocation(spec_path, line_of(node, where)),
                    f"{what} «{label}» i {spec_path.name} finnes ikke i kilden, men "
                    f"«{candidate}» (rad {by_label[candidate].number}) gjør – bare "
                    f"{_differences(label, candidate)} er forskjellige; skriv navnet likt",
                )
                break


def _total_lookalike(label: str, totals: set[str], spec_path: Path) -> str:
    """`; den ligner sumraden …` when an ungrouped row is a total spelt differently."""
    for total in sorted(totals):
        if _looser(total) == _looser(label):
            return (
                f"; den ligner «{total}» i {spec_path.name} (bare "
                f"{_differences(total, label)} er forskjellige): skriv navnet likt"
            )
    return ""


def _comma_hint(names: list[str], index: int, order: list[str]) -> str:
    """A hint when a name with a comma was split by a YAML list in brackets."""
    for start in (index - 1, index):
        if start < 0 or start + 1 >= len(names):
            continue
        joined = f"{names[start]}, {names[start + 1]}"
        if joined in order:
            return (
                f"; i en liste i hakeparentes [ ] skiller komma navnene, så «{joined}» ble "
                f'to navn: skriv det i anførselstegn ("{joined}")'
            )
    return ""


def _check_dot_readings(
    columns: list[str], source: SourceTable, problems: ProblemCollector
) -> None:
    """A column whose «.» is a thousands separator in one cell and a decimal point in another."""
    for name in columns:
        first: dict[str, SourceRow] = {}
        for row in source.rows:
            cell = row.cells.get(name)
            if not isinstance(cell, str):
                continue
            try:
                reading = dot_reading(cell, isinstance(cell, PointDecimal))
            except NumberFormatError:
                continue
            if reading is not None and reading not in first:
                first[reading] = row
        if THOUSANDS in first and DECIMAL_POINT in first:
            grouped, point = first[THOUSANDS], first[DECIMAL_POINT]
            later = max(grouped, point, key=lambda r: r.number)
            problems.add(
                SourceLocation(source.path, later.number),
                f"kolonne «{name}» har punktum både som tusenskille (rad {grouped.number}: "
                f"«{_text(grouped.cells[name])}») og som desimaltegn (rad {point.number}: "
                f"«{_text(point.cells[name])}»); skriv alle tallene på samme måte, for eksempel "
                "uten tusenskille og med komma som desimaltegn (1234,5)",
            )


def _percent_scales(
    spec: TableSpec,
    source: SourceTable,
    problems: ProblemCollector,
    spec_path: Path,
    node: Any,
) -> dict[str, Decimal]:
    """How to read the cells without «%» in each source column shown or checked as percent.

    `kildetall:` decides if given; else a «%» or «prosent» in the source column's name means
    percentages. Else a column with a plain number above 1 (in size) holds percentages
    (14,6 = 14,6 %); a column with plain numbers all from -1 to 1 holds ratios (0,146 = 14,6 %)
    only if one of them has more than two decimals, and is refused otherwise (0,9 can be 90 %
    or 0,9 %). A column with both numbers above 1 and numbers between -1 and 1 (not 0) is
    refused: either reading would make some figures a hundred times wrong. Cells with «%» and
    Excel cells formatted as percent are read as written.
    """
    scales: dict[str, Decimal] = {}
    for index, column in enumerate(spec.kolonner):
        if not column.percent:
            continue
        for name in (column.fra, column.kontroll):
            if name is None or name in scales:
                continue
            if column.kildetall is not None:
                scales[name] = Decimal("0.01") if column.kildetall == "prosent" else Decimal(1)
                continue
            if "%" in name or "prosent" in name.lower():
                scales[name] = Decimal("0.01")
                continue
            scales[name] = _scale_from_data(name, source, problems, spec_path, node, index)
    return scales


def _scale_from_data(
    name: str,
    source: SourceTable,
    problems: ProblemCollector,
    spec_path: Path,
    node: Any,
    index: int,
) -> Decimal:
    small: SourceRow | None = None
    fraction: SourceRow | None = None
    large: SourceRow | None = None
    precise = False
    ignored = ProblemCollector()  # bad cells are reported where they are read
    for row in source.rows:
        if _marked_percent(row.cells.get(name)):
            continue
        value = _number(row, name, source.path, ignored, False)
        if value is None or value == 0:
            continue
        if abs(value) <= 1:
            small = small or row
            precise = precise or _decimals(value) > 2
        if abs(value) < 1:
            fraction = fraction or row
        if abs(value) > 1:
            large = large or row
    if fraction is not None and large is not None:
        if source.excel:
            advice = (
                "gi alle cellene prosentformat i Excel (da lagres 14,6 % som 0,146), eller "
                "skriv alle som prosenttall (14,6)"
            )
        else:
            advice = "skriv alle som andeler (0,146) eller alle med prosenttegn (14,6 %)"
        problems.add(
            SourceLocation(source.path, large.number),
            f"kolonne «{name}» vises i prosent, men har både andeler "
            f"(rad {fraction.number}: «{_text(fraction.cells[name])}») og prosenttall "
            f"(rad {large.number}: «{_text(large.cells[name])}») uten «%»; {advice}",
        )
    if large is not None:
        return Decimal("0.01")
    if small is not None and not precise:
        value = _number(small, name, source.path, ignored, False) or Decimal(0)
        places = _decimals(value)
        as_ratio = format_percent(value, DRAMMEN, max(places - 2, 0))
        as_percent = f"{format_number(value, DRAMMEN, places)} %"
        problems.add(
            SourceLocation(spec_path, line_of(node, ("kolonner", index))),
            f"kolonne «{name}» i «{source.path.name}» vises i prosent, men alle tallene uten «%» "
            f"ligger fra -1 til 1 med høyst to desimaler (rad {small.number}: "
            f"«{_text(small.cells[name])}»), så de kan være både andeler ({as_ratio}) og "
            f"prosenttall ({as_percent}); skriv kildetall: andel eller kildetall: prosent på "
            "kolonnen",
        )
    return Decimal(1)


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


_PERCENT_AT_END = re.compile(r"%\s*\)?\s*$")
"""A «%» ending a cell, also inside a negative's parentheses («(0,5 %)»)."""


def _marked_percent(value: Any) -> bool:
    if isinstance(value, PercentNumber):
        return True
    return isinstance(value, str) and _PERCENT_AT_END.search(value) is not None


def _hidden_values(table: ComputedTable, source: SourceTable) -> list[Problem]:
    """Source figures that are not zero but would be shown as 0 (a ratio in an amount column)."""
    found: list[Problem] = []
    for row in table.rows:
        if row.source is None or row.percent:
            continue
        for value, column in zip(row.values, table.spec.kolonner, strict=True):
            if column.fra is None or value is None or value == 0:
                continue
            shown = value * 100 if column.percent else value
            rounded = round_half_up(shown, column.decimals)
            if row.style is RowStyle.RATIO and not column.percent and rounded != shown:
                found.append(
                    Problem(
                        SourceLocation(source.path, row.source.number),
                        f"rad {row.source.number} «{row.label}», kolonne «{column.fra}»: kilden "
                        f"har «{_shown(row.source.cells.get(column.fra))}», men tabellen viser "
                        f"{format_number(value, DRAMMEN, column.decimals)} (kursiv rad i en "
                        f"beløpskolonne med {column.decimals} desimaler); sett desimaler: på "
                        "kolonnen, eller vis andelen i en kolonne med format: prosent",
                    )
                )
                continue
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


def _column_hint(name: str, columns: list[str]) -> str:
    """A suggestion for a column name, or the columns there are when none is near."""
    hint = name_hint(name, columns)
    if hint or not columns:
        return hint
    shown = ", ".join(f"«{c}»" for c in columns[:MAX_LISTED_COLUMNS])
    more = (
        f" og {len(columns) - MAX_LISTED_COLUMNS} til" if len(columns) > MAX_LISTED_COLUMNS else ""
    )
    return f"; kolonnene er: {shown}{more}"


MAX_LISTED_COLUMNS = 20
"""The most column names a message lists."""


def _loose(name: str) -> str:
    return _SPACE.sub(" ", _DASHES.sub("-", nfc(name))).strip()


def _looser(name: str) -> str:
    """A name without dashes' kind, spaces and case: rows equal under it are meant the same."""
    return _SPACE.sub("", _DASHES.sub("-", nfc(name))).casefold()


def _differences(a: str, b: str) -> str:
    """What differs between two names equal under _looser, in words."""

    def key(name: str, dashes: bool, case: bool, spaces: bool) -> str:
        name = nfc(name) if dashes else _DASHES.sub("-", nfc(name))
        name = name if case else name.casefold()
        return _SPACE.sub(" ", name).strip() if spaces else _SPACE.sub("", name)

    found = []
    if key(a, True, False, False) != key(b, True, False, False):
        found.append("bindestrek og tankestrek")
    if key(a, False, False, True) != key(b, False, False, True):
        found.append("mellomrom")
    if key(a, False, True, False) != key(b, False, True, False):
        found.append("store og små bokstaver")
    return " og ".join(found) or "unicode-skrivemåten"


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
        elif column.sum is not None and row.style is not RowStyle.RATIO:
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
        ratio = row.style is RowStyle.RATIO
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
            if not column.percent and not ratio:
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
    problems.raise_if_any()  # a total or control that cannot be read is no mismatch to accept
    return found


def _format_plain(column: ColumnSpec):  # type: ignore[no-untyped-def]
    def show(value: Decimal) -> str:
        if column.percent:
            return format_percent(value, DRAMMEN, column.decimals)
        return format_number(value, DRAMMEN, column.decimals)

    return show


def _shown(value: Any) -> str:
    """A source cell as the export shows it (an Excel percent cell as percent)."""
    if isinstance(value, PercentNumber):
        return format_percent(Decimal(str(value)), DRAMMEN, 1)
    return _text(value)


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
    if isinstance(value, UnreadableCell):
        return None  # reported once by compute(), for every row and column the table uses
    if value is None or (isinstance(value, str) and not value.strip()):
        return Decimal(0) if empty_is_zero else None
    if isinstance(value, ExcelDate):
        problems.add(SourceLocation(path, row.number), value.message())
        return None
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int | float | Decimal):
        try:
            return Decimal(str(value))
        except ArithmeticError:
            pass
    try:
        return parse_number(str(value), isinstance(value, PointDecimal))
    except NumberFormatError as exc:
        problems.add(
            SourceLocation(path, row.number), f"rad {row.number}, kolonne «{column}»: {exc}"
        )
        return None
