"""Table spec files (YAML): the schema, names in one Unicode form, and checks of the spec alone."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from deckgen.config.schema import line_of
from deckgen.data.cells import (
    clean_name,
    nfc,
)
from deckgen.errors import (
    ProblemCollector,
    SourceLocation,
    suggestion,
)

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
    kildetall: str | None = Field(default=None, pattern=r"^(prosent|andel)$")
    """How a percent column's source writes plain numbers: `prosent` (14,6) or `andel` (0,146)."""

    @model_validator(mode="after")
    def _one_source(self) -> ColumnSpec:
        """Each column has exactly one of fra, avvik, andel or sum."""
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


class RowFormat(BaseModel):
    """How one row is shown, over its columns' format (see deckgen/data/rowformat.py)."""

    model_config = ConfigDict(extra="forbid")

    format: str = Field(default="beløp", pattern=r"^(beløp|prosent)$")
    """`prosent` shows the row as percent and keeps it out of every sum; `beløp` (default)."""
    desimaler: int | None = Field(default=None, ge=0, le=4)
    """Decimals of the row: 1 for percent, else the column's, unless set."""
    kursiv: bool | None = None
    """Italics (default: yes for percent rows, no for amounts)."""
    kildetall: str | None = Field(default=None, pattern=r"^(prosent|andel)$")
    """How a percent row's numbers without «%» are written: `prosent` (0,6) or `andel` (0,006)."""


class PivotSpec(BaseModel):
    """A long export (one row per row label and column value) turned into rows × columns."""

    model_config = ConfigDict(extra="forbid")

    rader: str | None = None
    """Export column with the row labels (default: `etikett`)."""
    kolonner: str
    """Export column whose values become the columns (e.g. the year)."""
    verdi: str
    """Export column with the figures."""
    dubletter: str = Field(default="feil", pattern=r"^(feil|summer)$")
    """Two export rows for the same row and column: `feil` (default) or `summer`."""


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
    vis_beregnet: bool = False
    """Within the tolerance, show the computed total instead of the declared (official) one."""
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
    tallformat: str | None = Field(default=None, pattern=r"^(drammen|språkrådet)$")
    """This table's number style, over the deck's and the brand's."""
    grupper_fra: str | None = None
    """Source column whose values make the groups, in the export's order (data/groups.py)."""
    delsummer: dict[str, str] = Field(default_factory=dict)
    """With grupper_fra: the subtotal label of each group value (default «Sum <value>»)."""
    radformat: dict[str, RowFormat] = Field(default_factory=dict)
    """Row label → how the row is shown (percent, decimals, italics)."""
    pivot: PivotSpec | None = None
    """Read a long export: see docs/tabeller.md, «Lang eksport»."""


def check_references(spec: TableSpec, node: Any, path: Path) -> None:
    """Columns named by avvik, andel and sum come first; names once; kildetall on percent."""
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


def normalised(spec: TableSpec) -> TableSpec:
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
            "grupper_fra": clean_name(spec.grupper_fra) if spec.grupper_fra else spec.grupper_fra,
            "delsummer": {clean_name(k): clean_name(v) for k, v in spec.delsummer.items()},
            "radformat": {clean_name(k): v for k, v in spec.radformat.items()},
        }
    )


def check_totals(spec: TableSpec, node: Any, path: Path) -> None:
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
