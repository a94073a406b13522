"""Row and column names: suggestions for near misses, and what differs between two names."""

from __future__ import annotations

import re
from pathlib import Path

from deckgen.data.cells import nfc
from deckgen.errors import nearest

_DASHES = re.compile(r"[\u2010-\u2015\u2212-]")
_SPACE = re.compile(r"\s+")
MAX_LISTED_COLUMNS = 20
"""The most column names a message lists."""


def name_hint(name: str, choices: list[str]) -> str:
    """` (mente du «x»?)`, saying so when the names differ only in dashes or spaces."""
    key = _loose(name)
    for choice in choices:
        if _loose(choice) == key:
            found = []  # equal once dashes and spaces are evened out: say which differ
            if _SPACE.sub(" ", choice).strip() != _SPACE.sub(" ", name).strip():
                found.append("bindestrek (-) og tankestrek (–)")
            if _DASHES.sub("-", choice) != _DASHES.sub("-", name):
                found.append("mellomrom")
            why = " og ".join(found) or "unicode-skrivemåten"
            return f" (mente du «{choice}»? navnene er like bortsett fra {why})"
    for choice in choices if _DASHES.search(name) else []:
        if looser(choice) == looser(name):  # a dash with other spaces around it, or case
            return (
                f" (mente du «{choice}»? navnene er like bortsett fra {differences(choice, name)})"
            )
    match = nearest(name, choices)
    return f" (mente du «{match}»?)" if match else ""


def column_hint(name: str, columns: list[str]) -> str:
    """A suggestion for a column name, or the columns there are when none is near."""
    hint = name_hint(name, columns)
    if hint or not columns:
        return hint
    shown = ", ".join(f"«{c}»" for c in columns[:MAX_LISTED_COLUMNS])
    more = (
        f" og {len(columns) - MAX_LISTED_COLUMNS} til" if len(columns) > MAX_LISTED_COLUMNS else ""
    )
    return f"; kolonnene er: {shown}{more}"


def dashes_evened(name: str) -> str:
    """A name with every hyphen, en dash, em dash and minus as «-»."""
    return _DASHES.sub("-", name)


def _loose(name: str) -> str:
    """A name with every dash as «-» and spaces collapsed."""
    return _SPACE.sub(" ", _DASHES.sub("-", nfc(name))).strip()


def looser(name: str) -> str:
    """A name without dashes' kind, spaces and case: rows equal under it are meant the same."""
    return _SPACE.sub("", _DASHES.sub("-", nfc(name))).casefold()


def differences(a: str, b: str) -> str:
    """What differs between two names equal under looser, in words."""

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


def total_lookalike(label: str, totals: set[str], spec_path: Path) -> str:
    """`; den ligner sumraden …` when an ungrouped row is a total spelt differently."""
    for total in sorted(totals):
        if looser(total) == looser(label):
            return (
                f"; den ligner «{total}» i {spec_path.name} (bare "
                f"{differences(total, label)} er forskjellige): skriv navnet likt"
            )
    return ""


def comma_hint(names: list[str], index: int, order: list[str]) -> str:
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


def nearest_file(path: Path, relative: str, suffixes: tuple[str, ...]) -> str:
    """` (mente du «x»?)` for the file with one of suffixes in path's folder nearest to the
    missing path, written as the content wrote it (relative); empty when none is close."""
    folder = path.parent
    names = []
    if folder.is_dir():
        names = [p.name for p in folder.iterdir() if p.suffix.lower() in suffixes and p.is_file()]
    near = nearest(path.name, names)
    if near is None:
        return ""
    prefix = relative[: len(relative) - len(Path(relative).name)]
    return f" (mente du «{prefix}{near}»?)"
