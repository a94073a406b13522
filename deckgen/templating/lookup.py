"""`tabell(...)` and `.verdi(...)` in templates: unrounded table values."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from deckgen.errors import DeckgenError, Problem, SharedError, suggestion
from deckgen.numbers import Kroner
from deckgen.templating.describe import Described, describe
from deckgen.templating.problems import TemplateProblem

UNITS = {"kr": Decimal(1), "1000 kr": Decimal(1000), "mill. kr": Decimal(1_000_000)}
"""The units `verdi(…, enhet=…)` gives an amount in, and kroner per unit."""


class InUnit(Decimal):
    """An amount from a table in the unit `verdi(…, enhet=…)` asked for: `tall` shows it in that
    unit, while `beløp` and `millioner` turn it back into kroner first."""

    unit: str

    def __new__(cls, value: Decimal, unit: str) -> InUnit:
        """The amount `value`, counted in `unit`."""
        number = super().__new__(cls, value)
        number.unit = unit
        return number

    def kroner(self) -> Decimal:
        """The same amount in kroner."""
        return Decimal(self) * UNITS[self.unit]


def _keeping_unit(name: str) -> Callable[..., Any]:
    """Decimal's operator `name`, its result still counted in the unit (a − 2 is in mill. kr)."""
    plain = getattr(Decimal, name)

    def operator(self: InUnit, *other: Any) -> Any:
        if any(isinstance(o, InUnit) and o.unit != self.unit for o in other):
            raise TemplateProblem(
                f"kan ikke regne med beløp i {self.unit} og i {other[0].unit} sammen; "
                "gi begge verdi() samme enhet="
            )
        result = plain(Decimal(self), *(Decimal(o) if isinstance(o, Decimal) else o for o in other))
        both = other and isinstance(other[0], InUnit) and name in _RATIOS
        if not isinstance(result, Decimal) or both:
            return result  # a comparison, or amount / amount: a plain ratio
        return InUnit(result, self.unit)

    return operator


_RATIOS = ("__truediv__", "__rtruediv__", "__floordiv__", "__rfloordiv__")
for _name in (
    "__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__",
    "__floordiv__", "__mod__", "__neg__", "__pos__", "__abs__",
):  # fmt: skip
    setattr(InUnit, _name, _keeping_unit(_name))


class TableFileError(SharedError):
    """A faulty table file met by `verdi(…)`, with the template line of the `tabell(…)` call
    that names the file."""

    def __init__(self, error: SharedError, line: int) -> None:
        super().__init__(error.problems)
        self.line = line


class TablePathError(DeckgenError):
    """A table file `tabell(…)` names that is missing or outside the project, with the
    template line of that call."""

    def __init__(self, problems: list[Problem], line: int) -> None:
        super().__init__(problems)
        self.line = line


_VERDI = 'verdi("rad", "kolonne")'


class TableLookup(Described):
    """`tabell("fil.yaml").verdi("Sum", "Regnskap 2023")` in a template: an unrounded value.

    Amounts come in kroner whatever the table's `enhet_kilde` and `enhet`, so the filters
    (`millioner`, `beløp("1000 kr")`, `tall`) give the right figure; percent columns give the
    ratio (0,2 % is 0.002), as `prosent` wants it.
    """

    noun = "en tabell"

    def __init__(
        self,
        path: Path,
        name: str,
        lookup: Callable[[Path, str, str, str], Decimal],
        line: int = 0,
    ):
        self._path, self._name, self._lookup = path, name, lookup
        self._line = line
        """The template line of the `tabell(…)` call that names the file (0: not known)."""

    def verdi(self, rad: str, kolonne: str, enhet: str | None = None) -> Decimal:
        """The unrounded value of a cell: an amount in kroner (or in `enhet`), or a percent
        column's ratio."""
        for name in (rad, kolonne):
            if not isinstance(name, str):
                raise TemplateProblem(
                    "verdi() trenger navnet på raden og kolonnen i anførselstegn, "
                    f'for eksempel verdi("Sum", "Regnskap 2023"), ikke {describe(name)}'
                )
        units = ", ".join(UNITS)
        if enhet is not None and not isinstance(enhet, str):
            raise TemplateProblem(
                f"enheten i verdi() skrives i anførselstegn, ikke som {describe(enhet)}; "
                f"gyldige enheter: {units}"
            )
        if enhet is not None and enhet not in UNITS:
            raise TemplateProblem(
                f"ukjent enhet «{enhet}» i verdi(){suggestion(enhet, UNITS)}; "
                f"gyldige enheter: {units}"
            )
        try:
            value = self._lookup(self._path, self._name, rad, kolonne)
        except SharedError as exc:  # the file is faulty: its use is where tabell() names it
            raise TableFileError(exc, self._line) from None
        except DeckgenError as exc:
            if any(p.location is None for p in exc.problems):
                raise  # no such row or column: the verdi() call is at fault
            raise TablePathError(exc.problems, self._line) from None  # the file tabell() names
        if enhet is None:
            return value
        if not isinstance(value, Kroner):
            raise TemplateProblem(
                f"«{rad}» / «{kolonne}» i «{self._name}» er ikke et beløp (men en andel eller et "
                "prosenttall), så den har ingen enhet; skriv verdi() uten enhet="
            )
        return InUnit(value / UNITS[enhet], enhet)

    verdi.deckgen_function = _VERDI  # type: ignore[attr-defined]
