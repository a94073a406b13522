"""Deckgen's number and date filters, and what `{{ }}` may print bare."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from typing import Any

from jinja2 import Undefined

from deckgen.errors import suggestion
from deckgen.numbers import (
    Kroner,
    NumberStyle,
    Share,
    format_date,
    format_millions,
    format_number,
    format_percent,
    round_half_up,
)
from deckgen.templating.describe import describe, shown
from deckgen.templating.lookup import InUnit, TableLookup
from deckgen.templating.problems import TemplateProblem

UNIT_DIVISORS = {"kr": 1, "1000 kr": 1000, "mill. kr": 1_000_000}
OWN_FILTERS = ("beløp", "dato", "millioner", "prosent", "tall")
"""The number and date filters content writers use; jinja2's own filters work too."""

MAX_DECIMALS = 10


def amount_filter(
    value: Any,
    enhet: Any = "kr",
    desimaler: Any = 0,
    enhetslinje: Any = False,
    *,
    style: NumberStyle,
) -> str:
    """`beløp`: an amount in kroner shown in kr, 1000 kr or mill. kr; with `enhetslinje` the
    key figure's unit line follows («605.694» and «: enhet: 1000 kr»), so the unit the figure is
    computed in is the unit the card shows."""
    number = exact_number(value, "beløp")
    if not isinstance(enhet, str) or enhet not in UNIT_DIVISORS:
        units = ", ".join(UNIT_DIVISORS)
        if not isinstance(enhet, str):
            raise TemplateProblem(
                f"enheten i filteret beløp skrives i anførselstegn, ikke som {describe(enhet)}; "
                f"gyldige enheter: {units}"
            )
        raise TemplateProblem(
            f"ukjent enhet «{enhet}» i filteret beløp{suggestion(enhet, UNIT_DIVISORS)}; "
            f"gyldige enheter: {units}"
        )
    decimals = _decimals(desimaler, "desimaler", "beløp")
    text = format_number(number / UNIT_DIVISORS[enhet], style, decimals)
    return f"{text}\n: enhet: {enhet}" if _flag(enhetslinje, "enhetslinje", "beløp") else text


def number_filter(value: Any, desimaler: Any = 0, *, style: NumberStyle) -> str:
    """`tall`: a number in the brand's style."""
    return format_number(
        exact_number(value, "tall"), style, _decimals(desimaler, "desimaler", "tall")
    )


def percent_filter(value: Any, desimaler: Any = 1, ord: Any = False, *, style: NumberStyle) -> str:
    """`prosent`: `0,9 %`, or `0,9 prosent` in running text when asked."""
    number = exact_number(value, "prosent")
    text = format_percent(number, style, _decimals(desimaler, "desimaler", "prosent"))
    return text[:-1].rstrip() + " prosent" if _flag(ord, "ord", "prosent") else text


def millions_filter(
    value: Any, desimaler: Any = 1, kort: Any = False, *, style: NumberStyle
) -> str:
    """`millioner`: `78,3 millioner kroner`, or `78,3 mill. kr` when short."""
    number = exact_number(value, "millioner")
    decimals = _decimals(desimaler, "desimaler", "millioner")
    return format_millions(number, style, decimals, short=_flag(kort, "kort", "millioner"))


def date_filter(value: Any) -> str:
    """`dato`: `7. mai 2024`."""
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = dt.date.fromisoformat(value.strip())
    if not isinstance(value, dt.date):
        raise TemplateProblem(
            f"filteret dato trenger en dato (ÅÅÅÅ-MM-DD i faktafilen), ikke {describe(value)}"
        )
    return format_date(value)


def round_filter(value: Any, precision: Any = 0, method: Any = "common") -> Decimal:
    """jinja2's `round`, exact and half away from zero like every other figure."""
    number = exact_number(value, "round")
    decimals = _decimals(precision, "precision", "round")
    modes = {"common": None, "ceil": ROUND_CEILING, "floor": ROUND_FLOOR}
    if not isinstance(method, str) or method not in modes:
        raise TemplateProblem(
            f"ukjent method {shown(method)} i filteret round; gyldige: {', '.join(modes)}"
        )
    if modes[method] is None:
        rounded = round_half_up(number, decimals)
    else:
        with localcontext() as context:
            context.prec = 400
            rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=modes[method])
    return InUnit(rounded, value.unit) if isinstance(value, InUnit) else rounded


def int_filter(value: Any, default: Any = None, base: Any = 10) -> Any:
    """jinja2's `int`, refusing text that is no number instead of silently giving 0."""
    try:
        if isinstance(value, str):
            return int(value.strip(), base)
        return int(exact_number(value, "int"))
    except (ValueError, TypeError, TemplateProblem):
        if default is not None:
            return default
        raise TemplateProblem(
            f"filteret int kan ikke gjøre {describe(value)} om til et helt tall"
        ) from None


def float_filter(value: Any, default: Any = None) -> Any:
    """jinja2's `float`, refusing text that is no number; the result stays an exact decimal."""
    try:
        return exact_number(Decimal(value.strip()) if isinstance(value, str) else value, "float")
    except (ArithmeticError, TemplateProblem):
        if default is not None:
            return default
        raise TemplateProblem(
            f"filteret float kan ikke gjøre {describe(value)} om til et tall"
        ) from None


def exact_number(value: Any, filter_name: str) -> Decimal:
    """The value as an exact decimal, or a content error naming the filter."""
    if isinstance(value, Share) and filter_name in ("beløp", "millioner", "tall"):
        raise TemplateProblem(
            "verdien er en andel fra en prosentkolonne i tabellen; vis den med | prosent, ikke "
            f"| {filter_name}"
        )
    if isinstance(value, InUnit) and filter_name in ("beløp", "millioner"):
        return value.kroner()  # shown in the filter's own unit
    if isinstance(value, Kroner | InUnit) and filter_name == "prosent":
        raise TemplateProblem(
            "verdien er et beløp i kroner fra tabellen; vis det med | beløp, | millioner eller "
            "| tall, eller regn ut en andel først (for eksempel a / b | prosent)"
        )
    number: Decimal | None = None
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if number is not None and number.is_finite():
        return number
    hint = "; skriv tall uten anførselstegn i faktafilen" if isinstance(value, str) else ""
    what = f"filteret {filter_name} trenger" if filter_name else "trenger"
    raise TemplateProblem(f"{what} et tall, ikke {describe(value)}{hint}")


def _decimals(value: Any, name: str, filter_name: str) -> int:
    """A count of decimals, 0 to MAX_DECIMALS."""
    if (
        isinstance(value, int | Decimal)
        and not isinstance(value, bool)
        and value == int(value)
        and 0 <= value <= MAX_DECIMALS
    ):
        return int(value)
    raise TemplateProblem(
        f"{name} i filteret {filter_name} må være et helt tall fra 0 til {MAX_DECIMALS}, "
        f"ikke {describe(value)}"
    )


def _flag(value: Any, name: str, filter_name: str) -> bool:
    """A true/false argument."""
    if isinstance(value, bool):
        return value
    raise TemplateProblem(
        f"{name} i filteret {filter_name} må være true eller false, ikke {describe(value)}"
    )


def finalize(value: Any) -> Any:
    """What `{{ }}` may print bare: text and whole numbers; nothing in Python's notation."""
    if isinstance(value, Undefined):
        value._fail_with_undefined_error()
    if value is None:
        raise TemplateProblem(
            "verdien er tom (ingenting står etter navnet i faktafilen); fyll den inn"
        )
    if isinstance(value, float | Decimal) and not isinstance(value, bool):
        number = exact_number(value, "")
        if number != number.to_integral_value():
            raise TemplateProblem(
                f"tallet {value} må skrives med et filter, for eksempel "
                "{{ … | tall(1) }} eller {{ … | prosent }}, så det får norsk tallformat"
            )
        return str(int(number))
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    hint = next((h for kind, h in UNPRINTABLE.items() if isinstance(value, kind)), None)
    raise TemplateProblem(
        f"{describe(value)} kan ikke skrives direkte; {hint or 'skriv tekst, tall eller fakta'}"
    )


def text_value(value: Any) -> Any:
    """A value a filter or format turns into text: refused as `{{ }}` refuses it."""
    printed = finalize(value)
    return int(printed) if isinstance(value, float | Decimal) else value


UNPRINTABLE: dict[type, str] = {
    bool: "bruk den i {% if … %}",
    dt.date: "skriv {{ … | dato }}",
    list: "skriv {{ … | join(', ') }}",
    range: "skriv {{ … | join(', ') }}",
    tuple: "skriv {{ … | join(', ') }}",
    dict: "skriv navnet på verdien du vil ha, for eksempel fakta.gruppe.navn",
    TableLookup: 'bruk .verdi("rad", "kolonne")',
}
"""Values `{{ }}` would print in Python's (English) notation, and what to write instead."""
