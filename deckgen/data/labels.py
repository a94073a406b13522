"""The label column named by letter or position, and spec row names matched across dash kinds."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from deckgen.config.schema import line_of
from deckgen.data.cells import SourceRow
from deckgen.data.names import dashes_evened
from deckgen.data.spec import TableSpec
from deckgen.errors import Problem, ProblemKind, SourceLocation

_LETTERS = re.compile(r"^[A-Za-z]{1,3}$")
_POSITION = re.compile(r"^[1-9][0-9]{0,3}$")
MAX_LISTED_MATCHES = 5
"""The most dash-matched row names one note lists."""


def blank_label_column(label: str, header: list[str]) -> int | None:
    """The 0-based index of a blank header cell that `etikett` names by letter («A») or
    1-based position («1»); None when the label is a column name or names no blank column."""
    if label in header:
        return None
    if _LETTERS.match(label):
        from openpyxl.utils import column_index_from_string  # only for a blank header

        index = column_index_from_string(label.upper()) - 1
    elif _POSITION.match(label):
        index = int(label) - 1
    else:
        return None
    return index if index < len(header) and not header[index] else None


def _spec_labels(spec: TableSpec) -> list[tuple[str, tuple[Any, ...]]]:
    """Every row name the spec gives, with the key it stands under."""
    named: list[tuple[str, tuple[Any, ...]]] = []
    for index, group in enumerate(spec.grupper):
        named += [(label, ("grupper", index, "rader")) for label in group.rader]
        if group.delsum:
            named.append((group.delsum, ("grupper", index, "delsum")))
    if spec.sum:
        named.append((spec.sum, ("sum",)))
    named += [(label, ("kursiv", index)) for index, label in enumerate(spec.kursiv)]
    named += [(label, ("delsummer", value)) for value, label in spec.delsummer.items()]
    named += [(label, ("radformat", label)) for label in spec.radformat]
    return named


def match_dashes(
    spec: TableSpec,
    by_label: dict[str, SourceRow],
    order: list[str],
    source_name: str,
    spec_path: Path,
    node: Any,
) -> Problem | None:
    """Key export rows named like a spec row but for hyphen, en or em dash by the spec's name
    (in by_label and order); one note says which rows were matched so."""
    named = {label for label, _ in _spec_labels(spec)}
    matched: list[tuple[str, str, tuple[Any, ...]]] = []
    for label, where in _spec_labels(spec):
        if label in by_label:
            continue
        key = dashes_evened(label)
        found = [e for e in order if e not in named and dashes_evened(e) == key]
        if len(found) != 1:
            continue  # none, or more than one: the usual message with its hint
        by_label[label] = by_label.pop(found[0])
        order[order.index(found[0])] = label
        matched.append((label, found[0], where))
    if not matched:
        return None
    listed = ", ".join(
        f"«{label}» (i eksporten «{export}», rad {by_label[label].number})"
        for label, export, _ in matched[:MAX_LISTED_MATCHES]
    )
    more = (
        f" og {len(matched) - MAX_LISTED_MATCHES} til" if len(matched) > MAX_LISTED_MATCHES else ""
    )
    return Problem(
        SourceLocation(spec_path, line_of(node, matched[0][2])),
        f"{listed}{more} er regnet som samme rad som i {source_name}, for navnene er like "
        "bortsett fra bindestrek (-) og tankestrek (–); tabellen viser navnet slik det står i "
        f"{spec_path.name}",
        ProblemKind.NOTE,
    )
