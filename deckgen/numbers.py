"""Norwegian number and date formatting: pure functions, one place for every figure."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _babel_format_date


def format_date(value: dt.date) -> str:
    """A date the Norwegian way: «7. mai 2024»."""
    return _babel_format_date(value, "d. MMMM y", locale="nb_NO")
