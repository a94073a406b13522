"""Norwegian number and date formatting and parsing: pure functions, one place for every figure.

Every figure shown anywhere (tables, key figures, prose, charts) is formatted by `format_number`
or one of the functions built on it, from the unrounded value, rounded once (half away from zero).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from babel.dates import format_date as _babel_format_date
from babel.numbers import format_decimal

Number = int | float | Decimal

NBSP = "\u00a0"
MINUS_SIGN = "\u2212"
_BABEL_LOCALE = "nb_NO"


@dataclass(frozen=True)
class NumberStyle:
    """How a brand writes numbers: thousands separator, minus and the space before «%»."""

    name: str
    group: str
    minus: str
    percent_space: str
    decimal: str = ","


DRAMMEN = NumberStyle("drammen", group=".", minus="-", percent_space=" ")
SPRAKRADET = NumberStyle("språkrådet", group=NBSP, minus=MINUS_SIGN, percent_space=NBSP)
STYLES = {style.name: style for style in (DRAMMEN, SPRAKRADET)}


class NumberFormatError(ValueError):
    """A value that cannot be formatted or text that cannot be read as a number."""


def _decimal(value: Number) -> Decimal:
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise NumberFormatError(f"{value} er ikke et endelig tall og kan ikke vises")
        result = Decimal(repr(value))
    else:
        result = Decimal(value)
    if not result.is_finite():
        raise NumberFormatError(f"{value} er ikke et endelig tall og kan ikke vises")
    return result


def round_half_up(value: Number, decimals: int = 0) -> Decimal:
    """Round the way finance does: halves away from zero (2,5 → 3; -2,5 → -3)."""
    with localcontext() as context:
        context.prec = 400  # room for every float, up to 1e308, at full precision
        return _decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(
    value: Number, style: NumberStyle = DRAMMEN, decimals: int = 0, zero: str = "0"
) -> str:
    """Format a number: `1.216.746`, `-5.226`, `6,6` (Drammen) or `1 216 746`, `−5 226`."""
    rounded = round_half_up(value, decimals)
    if rounded == 0:
        if zero != "0":
            return zero
        rounded = abs(rounded)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    with localcontext() as context:
        context.prec = 400
        text = format_decimal(abs(rounded), format=pattern, locale=_BABEL_LOCALE)
    text = text.replace(NBSP, "\0").replace(",", style.decimal).replace("\0", style.group)
    return f"{style.minus}{text}" if rounded < 0 else text


def format_percent(
    ratio: Number, style: NumberStyle = DRAMMEN, decimals: int = 1, zero: str = "0"
) -> str:
    """Format a ratio as percent: 0.0017 → `0,2 %`."""
    with localcontext() as context:
        context.prec = 400
        hundredfold = _decimal(ratio) * 100
    text = format_number(hundredfold, style, decimals, zero="")
    if not text:
        text = zero if zero != "0" else format_number(0, style, decimals)
        if zero != "0":
            return text
    return f"{text}{style.percent_space}%"


def format_millions(
    kroner: Number, style: NumberStyle = DRAMMEN, decimals: int = 1, short: bool = False
) -> str:
    """Amount in kroner as millions: `78,3 millioner kroner`, or `78,3 mill. kr` when short."""
    text = format_number(_decimal(kroner) / Decimal(1_000_000), style, decimals)
    unit = "mill. kr" if short else "millioner kroner"
    return f"{text}{NBSP if style is SPRAKRADET else ' '}{unit}"


def format_date(value: dt.date) -> str:
    """A date the Norwegian way: `7. mai 2024`."""
    return _babel_format_date(value, "d. MMMM y", locale=_BABEL_LOCALE)


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_GROUPED = re.compile(r"^\d{1,3}(?:[.]\d{3})+(?:,\d+)?$")
_PLAIN = re.compile(r"^\d+(?:[.,]\d+)?$")
_MINUSES = ("-", MINUS_SIGN, "\u2013")

THOUSANDS = "tusenskille"
"""A «.» read as thousands separator (`1.216.746`, `12.345`)."""
DECIMAL_POINT = "desimalpunktum"
"""A «.» read as decimal point (`1234.5`, `0.146`)."""


def parse_number(text: str, decimal_point: bool = False) -> Decimal:
    """Read a Norwegian-formatted number: `1.216.746`, `1 216 746`, `- 5.226`, `−5 226`, `0,2 %`.

    A percent sign gives the ratio (`0,2 %` → 0.002). Negative numbers may also be written in
    parentheses (`(12 300)`) or with a trailing minus (`5.226-`), as finance exports do. A dot is
    a thousands separator when it groups digits in threes, a decimal point otherwise (as in
    exports: `1234.5`, and always in `0.146`); decimal_point=True reads a single dot as a
    decimal point even in `12.345` (an unquoted number in a comma-separated CSV).
    """
    value, _ = _parse(text, decimal_point)
    return value


def dot_reading(text: str, decimal_point: bool = False) -> str | None:
    """How parse_number reads the «.» in text: THOUSANDS, DECIMAL_POINT or None (no dot)."""
    return _parse(text, decimal_point)[1]


def _parse(text: str, decimal_point: bool) -> tuple[Decimal, str | None]:
    """The value of a number written in text, and how its «.» was read."""
    cleaned, negative, percent = _sign_and_percent(_SPACES.sub("", text.strip()))
    digits, reading = _digits(cleaned, decimal_point, text)
    try:
        value = Decimal(digits)
    except InvalidOperation:
        raise NumberFormatError(f"«{text}» er ikke et tall") from None
    if negative:
        value = -value
    return (value / 100 if percent else value), reading


def _sign_and_percent(cleaned: str) -> tuple[str, bool, bool]:
    """The number without its minus, parentheses or «%»; whether negative; whether percent."""
    percent = cleaned.endswith("%")
    if percent:
        cleaned = cleaned[:-1]
    negative = False
    if cleaned.startswith("(") and cleaned.endswith(")"):
        cleaned, negative = cleaned[1:-1], True
        if not percent and cleaned.endswith("%"):
            cleaned, percent = cleaned[:-1], True
    elif cleaned[:1] in _MINUSES:
        cleaned, negative = cleaned[1:], True
    elif cleaned[-1:] in _MINUSES:
        cleaned, negative = cleaned[:-1], True
    return cleaned, negative, percent


def _digits(cleaned: str, decimal_point: bool, raw: str) -> tuple[str, str | None]:
    """The digits in Python's notation, and how the «.» was read (THOUSANDS, DECIMAL_POINT)."""
    single_dot = cleaned.count(".") == 1 and "," not in cleaned
    if single_dot and (decimal_point or cleaned.startswith("0.")) and _PLAIN.match(cleaned):
        return cleaned, DECIMAL_POINT
    if _GROUPED.match(cleaned) and not cleaned.startswith("0."):
        return cleaned.replace(".", "").replace(",", "."), THOUSANDS
    if _PLAIN.match(cleaned) and cleaned.count(",") + cleaned.count(".") <= 1:
        return cleaned.replace(",", "."), DECIMAL_POINT if "." in cleaned else None
    raise NumberFormatError(f"«{raw}» er ikke et tall")


class Share(Decimal):
    """A ratio read from a table's percent column (0,146 is 14,6 %): prose shows it with prosent."""


class Kroner(Decimal):
    """An amount in kroner read from a table: prose shows it with beløp, millioner or tall."""
