"""Values and callables named in Norwegian for messages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from jinja2.runtime import LoopContext, Macro


class Described:
    """A value of deckgen's own that names itself in messages (`en tabell`)."""

    noun = "en verdi"


def shown(value: Any) -> str:
    """A value written in a template as an argument: `«1000kr»`, or `tallet 1000`."""
    return f"«{value}»" if isinstance(value, str) else describe(value)


def describe(value: Any) -> str:
    """A value named in Norwegian for a message: `teksten «abc»`, `tallet 12`, `datoen …`."""
    if value is None:
        return "en tom verdi (none)"
    if isinstance(value, bool):
        return f"sannhetsverdien {str(value).lower()}"
    if isinstance(value, int | float | Decimal):
        return f"tallet {short(format(value))}"
    if isinstance(value, dt.date):
        return f"datoen {value.isoformat()}"
    if isinstance(value, str):
        return f"teksten «{short(value)}»"
    return _describe_other(value)


def _describe_other(value: Any) -> str:
    """A list, group, table, macro or function named in Norwegian for a message."""
    if isinstance(value, list | tuple | range):
        return "en liste"
    if isinstance(value, dict):
        return "en gruppe med navn"
    if isinstance(value, Described):
        return value.noun
    if isinstance(value, Macro):
        return f"makroen «{value.name}»"
    if callable(value):
        return "en funksjon"
    return "en verdi som ikke passer"


def short(text: str) -> str:
    """A value as a message shows it: at most 40 characters."""
    return text if len(text) <= 40 else text[:39] + "…"


def callable_name(obj: Any) -> str:
    """A function or method named in a message: `«center»`, `makroen «f»`."""
    if isinstance(obj, Macro):
        return f"makroen «{obj.name}»"
    if isinstance(obj, LoopContext):
        return "loop(…)"
    name = getattr(obj, "__name__", "")
    name = {"safe_range": "range"}.get(name, name)
    return f"«{name}»" if name else "kallet"
