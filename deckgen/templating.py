"""Jinja2 (sandboxed) for content: named facts, table values and number filters in prose."""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from deckgen.errors import DeckgenError, SourceLocation, suggestion
from deckgen.numbers import (
    NumberStyle,
    format_date,
    format_millions,
    format_number,
    format_percent,
)

UNIT_DIVISORS = {"kr": 1, "1000 kr": 1000, "mill. kr": 1_000_000}
OWN_FILTERS = ("beløp", "dato", "millioner", "prosent", "tall")
"""The number and date filters content writers use; jinja2's own filters work too."""


class Templates:
    """Renders content files with facts, table lookups and the brand's number filters."""

    def __init__(
        self,
        style: NumberStyle,
        facts: dict[str, Any],
        table_value: Callable[[Path, str, str, str], Decimal],
    ) -> None:
        self.environment = SandboxedEnvironment(
            undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True
        )
        self.environment.filters.update(
            beløp=lambda v, enhet="kr", desimaler=0: format_number(
                _num(v) / UNIT_DIVISORS[enhet], style, desimaler
            ),
            tall=lambda v, desimaler=0: format_number(_num(v), style, desimaler),
            prosent=lambda v, desimaler=1, ord=False: _percent(_num(v), style, desimaler, ord),
            millioner=lambda v, desimaler=1, kort=False: format_millions(
                _num(v), style, desimaler, short=kort
            ),
            dato=format_date,
        )
        self.facts = facts
        self.table_value = table_value

    def render(self, path: Path, text: str) -> str:
        """Render one file; errors name the file and line."""
        if "{{" not in text and "{%" not in text:
            return text

        def table(spec: str) -> _TableLookup:
            return _TableLookup(path.parent / spec, spec, self.table_value)

        try:
            template = self.environment.from_string(text)
            return template.render(fakta=self.facts, tabell=table)
        except TemplateSyntaxError as exc:
            message = _syntax_message(exc.message or "", sorted(OWN_FILTERS))
            raise DeckgenError.at(SourceLocation(path, exc.lineno), message) from None
        except (UndefinedError, SecurityError) as exc:
            line = _template_line(exc)
            raise DeckgenError.at(
                SourceLocation(path, line), _norwegian(str(exc), self.facts)
            ) from None
        except DeckgenError as exc:
            line = _template_line(exc)
            raise DeckgenError.at(
                SourceLocation(path, line), "; ".join(p.display() for p in exc.problems)
            ) from None
        except (TypeError, ValueError, ArithmeticError) as exc:
            line = _template_line(exc)
            raise DeckgenError.at(SourceLocation(path, line), f"kan ikke regne ut: {exc}") from None


class _TableLookup:
    """`tabell("fil.yaml").verdi("Sum", "Regnskap 2023")` in a template: an unrounded value.

    Amounts come in kroner whatever the table's `enhet_kilde` and `enhet`, so the filters
    (`millioner`, `beløp("1000 kr")`, `tall`) give the right figure; percent columns give the
    ratio (0,2 % is 0.002), as `prosent` wants it.
    """

    def __init__(self, path: Path, name: str, lookup: Callable[[Path, str, str, str], Decimal]):
        self._path, self._name, self._lookup = path, name, lookup

    def verdi(self, rad: str, kolonne: str) -> Decimal:
        """The unrounded value of a cell: an amount in kroner, or a percent column's ratio."""
        return self._lookup(self._path, self._name, rad, kolonne)


def _percent(value: Decimal, style: NumberStyle, decimals: int, as_word: bool) -> str:
    """`0,9 %`, or `0,9 prosent` in running text when asked."""
    text = format_percent(value, style, decimals)
    return text[:-1].rstrip() + " prosent" if as_word else text


def _num(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"«{value}» er ikke et tall")
    return Decimal(str(value))


def _template_line(exc: BaseException) -> int:
    line = 0
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == "<template>" and frame.lineno:
            line = frame.lineno
    return line


def _norwegian(message: str, facts: dict[str, Any]) -> str:
    """Translate jinja2's messages about unknown names and refused access."""
    name = ""
    if " is undefined" in message:
        name = message.split(" is undefined")[0].strip("'\"")
    elif "has no attribute" in message:
        name = message.rsplit("has no attribute", 1)[1].strip().strip("'\"")
    if name and not facts:
        return (
            f"ukjent navn «{name}» i malen; ingen faktafiler er tatt med "
            "(skriv dem under «fakta:» i presentasjons- eller rapportfilen)"
        )
    if name:
        return (
            f"ukjent navn «{name}» i malen; det finnes ikke i faktafilene eller tabellen"
            f"{suggestion(name, facts)}"
        )
    if "unsafe" in message or "access to attribute" in message:
        return "malen prøver å nå Python-interne verdier; det er ikke tillatt"
    return message


_FILTER = re.compile(r"No filter named '([^']+)'")
_UNEXPECTED = re.compile(r"unexpected '([^']+)'")


def _syntax_message(message: str, filters: list[str]) -> str:
    """Translate jinja2's syntax errors: unknown filters, unexpected characters, open tags."""
    if match := _FILTER.search(message):
        name = match.group(1)
        return (
            f"ukjent filter «{name}»{suggestion(name, filters)}; filtrene er: {', '.join(filters)}"
        )
    if match := _UNEXPECTED.search(message):
        return (
            f"malfeil: uventet «{match.group(1)}»; skriv verdier som "
            "{{ navn }} og filtre som {{ navn | tall }}"
        )
    if "unexpected end of template" in message:
        return "malfeil: en {{ eller {% er ikke lukket med }} eller %}"
    return f"malfeil: {message}"


def load_facts(paths: list[tuple[Path, SourceLocation]]) -> dict[str, Any]:
    """Read fact files (YAML mappings of names to values); numbers become exact decimals."""
    from deckgen.readers.yamlfile import load_yaml

    facts: dict[str, Any] = {}
    for path, where in paths:
        if not path.is_file():
            raise DeckgenError.at(where, f"faktafilen «{path.name}» finnes ikke")
        data, _node = load_yaml(path)
        if not isinstance(data, dict):
            raise DeckgenError.at(SourceLocation(path, 1), "faktafilen må bestå av navn: verdi")
        facts.update({str(k): _exact(v) for k, v in data.items()})
    return facts


def _exact(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return Decimal(str(value))
    if isinstance(value, dict):
        return {str(k): _exact(v) for k, v in value.items()}
    return value
