"""Fact files: YAML mappings of names to values, numbers as exact decimals."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

from deckgen.errors import DeckgenError, ProblemCollector, SourceLocation


def load_facts(paths: list[tuple[Path, SourceLocation]]) -> dict[str, Any]:
    """Read fact files (YAML mappings of names to values); numbers become exact decimals."""
    from deckgen.config.schema import line_of
    from deckgen.config.yamlload import load_yaml

    facts: dict[str, Any] = {}
    defined_in: dict[str, Path] = {}
    problems = ProblemCollector()
    for path, where in paths:
        if not path.is_file():
            raise DeckgenError.at(where, f"faktafilen «{path.name}» finnes ikke")
        data, node = load_yaml(path)
        if not isinstance(data, dict):
            raise DeckgenError.at(SourceLocation(path, 1), "faktafilen må bestå av navn: verdi")
        for key, value in data.items():
            name = unicodedata.normalize("NFC", str(key))
            if name in defined_in:
                problems.add(
                    SourceLocation(path, line_of(node, (key,))),
                    f"faktaet «{name}» står også i «{defined_in[name].name}»; gi det ett navn "
                    "i én faktafil",
                )
            defined_in[name] = path
            facts[name] = _exact(value)
    problems.raise_if_any()
    return facts


def _exact(value: Any) -> Any:
    """A fact's value with numbers as exact decimals (true and false stay as they are)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return Decimal(str(value))
    if isinstance(value, dict):
        return {str(k): _exact(v) for k, v in value.items()}
    return value
