"""Row groups read from a column of the export (`grupper_fra:`), with a subtotal per group."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deckgen.config.schema import line_of
from deckgen.data.cells import SourceRow, SourceTable, UnreadableCell, clean_name
from deckgen.data.names import column_hint, differences, looser, name_hint
from deckgen.data.reading import cell_text
from deckgen.data.spec import GroupSpec, TableSpec
from deckgen.errors import Problem, ProblemCollector, SourceLocation

_TOTAL_MARKER = re.compile(r"^(sum|totalt?|i alt)\b", re.IGNORECASE)
"""A group column value that marks a total row, not a group («Sum», «Totalt», «I alt»)."""


@dataclass
class _Context:
    """What the steps share: the spec, the export, its rows by label and where to report."""

    spec: TableSpec
    source: SourceTable
    by_label: dict[str, SourceRow]
    order: list[str]
    spec_path: Path
    node: Any
    problems: ProblemCollector

    def in_spec(self, *where: Any) -> SourceLocation:
        """The line of a key in the spec file."""
        return SourceLocation(self.spec_path, line_of(self.node, where))

    def in_source(self, label: str) -> SourceLocation:
        """The line of a labelled row in the export."""
        return SourceLocation(self.source.path, self.by_label[label].number)


def subtotal_label(spec: TableSpec, value: str) -> str:
    """The subtotal row's label of a group: from `delsummer:`, else «Sum <value>»."""
    return spec.delsummer.get(value, f"Sum {value}")


MISSPELT_CUTOFF = 0.8
"""How alike (difflib ratio) a one-row group value must be to a commoner one to be warned about."""


def column_groups(
    spec: TableSpec,
    source: SourceTable,
    by_label: dict[str, SourceRow],
    order: list[str],
    spec_path: Path,
    node: Any,
    problems: ProblemCollector,
    unsummed: set[str],
    warnings: list[Problem],
) -> list[GroupSpec]:
    """The groups `grupper_fra:` makes, in the export's order; stops on any problem.

    unsummed are the rows that may stand outside every group (ratio and percent rows); rows
    that look like the subtotal the export lacks are added to warnings.
    """
    context = _Context(spec, source, by_label, order, spec_path, node, ProblemCollector())
    if not _spec_consistent(context):
        return _stop(context, problems)
    column = spec.grupper_fra or ""
    values = {label: _value(context, label, column) for label in order}
    explicit = set(spec.delsummer.values())
    candidates = {v for label, v in values.items() if v and label not in explicit}
    totals = explicit | {subtotal_label(spec, v) for v in candidates} | {spec.sum or ""}
    members: dict[str, list[str]] = {}
    for label in order:
        value = values[label]
        if label in totals or value is None:
            continue
        if not value:
            if label not in unsummed:
                _empty_group(context, label, column)
            continue
        if _TOTAL_MARKER.match(value):
            _marked_total(context, label, value, column)
            continue
        members.setdefault(value, []).append(label)
    _check_subtotals(context, members, column)
    warnings.extend(_lookalikes(context, members))
    warnings.extend(_misspelt_values(context, members, column))
    groups = [GroupSpec(rader=rows, delsum=subtotal_label(spec, v)) for v, rows in members.items()]
    return _stop(context, problems, groups)


def _stop(
    context: _Context, problems: ProblemCollector, groups: list[GroupSpec] | None = None
) -> list[GroupSpec]:
    """The groups, or every problem found so far raised at once."""
    if context.problems.problems:
        for problem in context.problems.problems:
            problems.add(problem.location, problem.message, problem.kind)
        problems.raise_if_any()
    return groups or []


def _spec_consistent(context: _Context) -> bool:
    """grupper_fra: names a column of the export and does not come with grupper:."""
    spec, source = context.spec, context.source
    if spec.grupper_fra is None:
        context.problems.add(
            context.in_spec("delsummer"),
            "delsummer: gjelder bare grupper laget med grupper_fra:; skriv grupper_fra: "
            "<kolonne>, eller skriv delsummen som delsum: i hver gruppe under grupper:",
        )
        return False
    if spec.grupper:
        context.problems.add(
            context.in_spec("grupper_fra"),
            "grupper: og grupper_fra: kan ikke brukes i samme tabell; bruk grupper_fra: for å "
            "lage gruppene fra en kolonne i eksporten, eller grupper: for å liste radene selv",
        )
        return False
    if spec.grupper_fra not in source.columns:
        context.problems.add(
            context.in_spec("grupper_fra"),
            f"grupper_fra: kilden {source.name} har ingen kolonne «{spec.grupper_fra}»"
            f"{column_hint(spec.grupper_fra or '', source.columns)}",
        )
        return False
    return True


def _value(context: _Context, label: str, column: str) -> str | None:
    """A row's group value ('' when empty), or None when the cell cannot be read."""
    cell = context.by_label[label].cells.get(column)
    if isinstance(cell, UnreadableCell):
        context.problems.add(context.in_source(label), cell.message())
        return None
    return clean_name(cell_text(cell))


def _empty_group(context: _Context, label: str, column: str) -> None:
    """A row that is neither a total nor in a group: the export must say its group."""
    number = context.by_label[label].number
    total = ""
    if _TOTAL_MARKER.match(label):
        total = (
            f"; er raden tabellens sum, skriv sum: {label} i {context.spec_path.name}, er den en "
            "delsum, skriv den under delsummer:"
        )
    context.problems.add(
        context.in_source(label),
        f"rad {number} «{label}»: kolonnen «{column}» er tom, så raden hører ikke til noen "
        f"gruppe (grupper_fra: {column}){total}",
    )


def _marked_total(context: _Context, label: str, value: str, column: str) -> None:
    """A row whose group column marks a total, but which is no total the spec names."""
    number = context.by_label[label].number
    context.problems.add(
        context.in_source(label),
        f"rad {number} «{label}» har «{value}» i kolonnen «{column}», som en sumrad, men er "
        f"verken sum: eller en delsum i {context.spec_path.name}; er raden tabellens sum, skriv "
        f"sum: {label}, er den en delsum, skriv den under delsummer:",
    )


def _check_subtotals(context: _Context, members: dict[str, list[str]], column: str) -> None:
    """Every delsummer: value has rows; subtotal labels are distinct and spelt as the export."""
    spec = context.spec
    for value in spec.delsummer:
        if value not in members:
            context.problems.add(
                context.in_spec("delsummer", value),
                f"delsummer: ingen rad i kilden {context.source.name} har «{value}» i kolonnen "
                f"«{column}»{name_hint(value, list(members))}",
            )
    seen: dict[str, str] = {spec.sum: "sum:"} if spec.sum else {}
    for value in members:
        label = subtotal_label(spec, value)
        where = ("delsummer", value) if value in spec.delsummer else ("grupper_fra",)
        if label in seen:
            context.problems.add(
                context.in_spec(*where),
                f"delsummen «{label}» for «{value}» heter det samme som {seen[label]}; gi hver "
                "delsum sitt eget navn under delsummer:",
            )
        seen[label] = f"delsummen for «{value}»"
        if label not in context.by_label:
            _check_spelling(context, label, value, where)


def _check_spelling(context: _Context, label: str, value: str, where: tuple[Any, ...]) -> None:
    """A subtotal spelt almost as an export row would make that row an ordinary one."""
    for candidate in context.order:
        if looser(candidate) == looser(label):
            context.problems.add(
                context.in_spec(*where),
                f"delsumraden «{label}» for «{value}» finnes ikke i kilden, men «{candidate}» "
                f"(rad {context.by_label[candidate].number}) gjør – bare "
                f"{differences(label, candidate)} er forskjellige; skriv navnet likt under "
                "delsummer:",
            )
            return


def _lookalikes(context: _Context, members: dict[str, list[str]]) -> list[Problem]:
    """Rows named like a total in a group whose subtotal row the export does not have."""
    found = []
    for value, labels in members.items():
        label = subtotal_label(context.spec, value)
        if label in context.by_label:
            continue
        for member in labels:
            if not _TOTAL_MARKER.match(member):
                continue
            number = context.by_label[member].number
            found.append(
                Problem(
                    context.in_source(member),
                    f"rad {number} «{member}» ser ut som en sumrad, men telles med i delsummen "
                    f"«{label}», som ikke står i eksporten; er raden delsummen for «{value}», "
                    f"skriv den under delsummer: i {context.spec_path.name} "
                    f"(delsummer: {{{value}: {member}}})",
                )
            )
    return found


def _misspelt_values(
    context: _Context, members: dict[str, list[str]], column: str
) -> list[Problem]:
    """A warning for each group value on a single row that looks like a value before it (on
    as many rows): likely a typo in the export, which would make a group of its own."""
    found = []
    values = list(members)  # in the order they first appear in the export
    for index, value in enumerate(values):
        rows = members[value]
        others = [v for v in values[:index] if len(members[v]) >= len(rows)]
        near = difflib.get_close_matches(value, others, n=1, cutoff=MISSPELT_CUTOFF)
        if len(rows) == 1 and near:
            row = context.by_label[rows[0]]
            found.append(
                Problem(
                    SourceLocation(context.source.path, row.number),
                    f"rad {row.number} «{rows[0]}» har «{value}» i kolonnen «{column}», som bare "
                    f"står på 1 rad og ligner «{near[0]}»; er det en skrivefeil, blir raden en "
                    "egen gruppe – rett eksporten",
                )
            )
    return found
