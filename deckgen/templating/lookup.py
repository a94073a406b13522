"""`tabell(...)` and `.verdi(...)` in templates: unrounded table values."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from deckgen.templating.describe import Described, describe
from deckgen.templating.problems import TemplateProblem


class TableLookup(Described):
    """`tabell("fil.yaml").verdi("Sum", "Regnskap 2023")` in a template: an unrounded value.

    Amounts come in kroner whatever the table's `enhet_kilde` and `enhet`, so the filters
    (`millioner`, `beløp("1000 kr")`, `tall`) give the right figure; percent columns give the
    ratio (0,2 % is 0.002), as `prosent` wants it.
    """

    noun = "en tabell"

    def __init__(self, path: Path, name: str, lookup: Callable[[Path, str, str, str], Decimal]):
        self._path, self._name, self._lookup = path, name, lookup

    def verdi(self, rad: str, kolonne: str) -> Decimal:
        """The unrounded value of a cell: an amount in kroner, or a percent column's ratio."""
        for name in (rad, kolonne):
            if not isinstance(name, str):
                raise TemplateProblem(
                    "verdi() trenger navnet på raden og kolonnen i anførselstegn, "
                    f'for eksempel verdi("Sum", "Regnskap 2023"), ikke {describe(name)}'
                )
        return self._lookup(self._path, self._name, rad, kolonne)

    verdi.deckgen_function = 'verdi("rad", "kolonne")'  # type: ignore[attr-defined]
