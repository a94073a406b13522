"""Norwegian number formatting and parsing, in both number styles."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deckgen.numbers import (
    DRAMMEN,
    SPRAKRADET,
    NumberFormatError,
    format_date,
    format_millions,
    format_number,
    format_percent,
    parse_number,
    round_half_up,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1216746, "1.216.746"),
        (-5226, "-5.226"),
        (0, "0"),
        (-0.4, "0"),
        (999, "999"),
        (Decimal("-5225.5"), "-5.226"),
        (2.5, "3"),
    ],
)
def test_drammen_amounts(value: float, expected: str) -> None:
    assert format_number(value, DRAMMEN) == expected


def test_drammen_percent() -> None:
    assert format_percent(0.0017156, DRAMMEN) == "0,2 %"
    assert format_percent(-0.0057, DRAMMEN) == "-0,6 %"
    assert format_percent(0.066, DRAMMEN) == "6,6 %"
    assert format_percent(-0.0002, DRAMMEN) == "0,0 %"


def test_sprakradet_style() -> None:
    assert format_number(1216746, SPRAKRADET) == "1\u00a0216\u00a0746"
    assert format_number(-5226, SPRAKRADET) == "\u22125\u00a0226"
    assert format_percent(0.002, SPRAKRADET) == "0,2\u00a0%"


def test_zero_as_dash_when_asked() -> None:
    assert format_number(0.2, DRAMMEN, zero="–") == "–"
    assert format_number(0.6, DRAMMEN, zero="–") == "1"


def test_millions_and_dates() -> None:
    assert format_millions(78_300_000) == "78,3 millioner kroner"
    assert format_millions(78_340_000, short=True) == "78,3 mill. kr"
    assert format_date(dt.date(2024, 5, 7)) == "7. mai 2024"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.216.746", Decimal(1216746)),
        ("1 216 746", Decimal(1216746)),
        ("- 5.226", Decimal(-5226)),
        ("\u22125\u00a0226", Decimal(-5226)),
        ("0,2 %", Decimal("0.002")),
        ("- 3.5%", Decimal("-0.035")),
        ("12,5", Decimal("12.5")),
        ("1234.5", Decimal("1234.5")),
    ],
)
def test_parse(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["12,3,4", "abc", "", "1.2.3", "-5-", "(-5)", "1..2", "0.146.000"])
def test_parse_rejects_garbage(text: str) -> None:
    with pytest.raises(NumberFormatError, match="er ikke et tall"):
        parse_number(text)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, Decimal("NaN")])
def test_nan_and_infinity_are_clear_errors(value: float) -> None:
    with pytest.raises(NumberFormatError, match="ikke et endelig tall"):
        format_number(value)


finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)


@given(finite, st.integers(min_value=0, max_value=3), st.sampled_from([DRAMMEN, SPRAKRADET]))
def test_parse_of_format_gives_rounded_value(value: float, decimals: int, style) -> None:  # type: ignore[no-untyped-def]
    assert parse_number(format_number(value, style, decimals)) == round_half_up(value, decimals)


@given(st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([DRAMMEN, SPRAKRADET]))
def test_every_finite_value_formats(value: float, style) -> None:  # type: ignore[no-untyped-def]
    assert format_number(value, style)
    assert format_percent(value, style).endswith("%")
