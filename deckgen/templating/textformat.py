"""Text filters and format strings: each value as `{{ }}` would print it."""

from __future__ import annotations

import re
from typing import Any

from jinja2.filters import make_attrgetter
from jinja2.sandbox import SandboxedFormatter
from markupsafe import EscapeFormatter

from deckgen.templating.problems import TemplateProblem
from deckgen.templating.values import text_value

TEXT_FILTERS = frozenset(
    [
        "capitalize",
        "center",
        "e",
        "escape",
        "forceescape",
        "format",
        "indent",
        "join",
        "lower",
        "pprint",
        "replace",
        "safe",
        "string",
        "striptags",
        "title",
        "tojson",
        "trim",
        "truncate",
        "upper",
        "urlencode",
        "urlize",
        "wordcount",
        "wordwrap",
        "xmlattr",
    ]
)
"""jinja2's filters that turn their value (and some arguments) into text."""


def text_arguments(
    name: str, args: tuple[Any, ...], leading: int, kwargs: dict[str, Any], environment: Any
) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """A text filter's value and text arguments, each as `{{ }}` would print it."""
    value, rest = args[leading], args[leading + 1 :]
    if name == "join" and hasattr(value, "__iter__"):
        attribute = kwargs.pop("attribute", rest[1] if len(rest) > 1 else None)
        if attribute is not None:
            value = map(make_attrgetter(environment, attribute), value)
        value = [text_value(item) for item in value]
        rest = tuple(text_value(part) for part in rest[:1])
        kwargs = {key: text_value(part) for key, part in kwargs.items()}
    elif name == "join":
        pass  # not a list: join says so itself
    elif name in ("xmlattr", "urlencode") and isinstance(value, dict):
        value = {key: text_value(part) for key, part in value.items()}
    else:
        value = text_value(value)
    if name == "format":
        if isinstance(value, str):
            _check_format_text(value)
        rest = tuple(text_value(part) for part in rest)
        kwargs = {key: text_value(part) for key, part in kwargs.items()}
    elif name == "replace":
        rest = tuple(text_value(part) for part in rest[:2]) + rest[2:]
    return (*args[:leading], value, *rest), kwargs


_DECIMAL_FIELD = re.compile(r"%%|%(?:\([^)]*\))?[-+ #0-9.*]*([eEfFgG])")
_DECIMAL_SPEC = re.compile(r"[eEfFgG%]$|[,_]")
_ENGLISH_FORMAT = (
    "«{}» skriver tall med engelsk desimaltegn eller skilletegn; bruk et tallfilter, for eksempel "
    "{{{{ … | tall(2) }}}}, | prosent, | beløp eller | millioner"
)


def _check_format_text(text: str) -> None:
    """Refuse `%.2f`, `%e` and `%g` in a format text: they write English decimals."""
    for match in _DECIMAL_FIELD.finditer(text):
        if match.group(1):
            raise TemplateProblem(_ENGLISH_FORMAT.format(match.group()))


def percent_arguments(text: str, values: Any) -> Any:
    """The values of `'…' % values`, each as `{{ }}` would print it."""
    _check_format_text(text)
    if isinstance(values, tuple):
        return tuple(text_value(value) for value in values)
    if isinstance(values, dict) and "%(" in text:
        return _TextMapping(values)
    return text_value(values)


class _TextMapping:
    """The names of `'%(navn)s' % gruppe`, each value as `{{ }}` would print it."""

    def __init__(self, values: dict[str, Any]) -> None:
        self._values = values

    def __getitem__(self, key: str) -> Any:
        return text_value(self._values[key])


class TextFormatter(SandboxedFormatter):
    """`'{}'.format(x)` in the sandbox, each value as `{{ }}` would print it."""

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        """`{!r}` and `{!s}`: checked before they turn the value into text."""
        return super().convert_field(text_value(value), conversion)

    def format_field(self, value: Any, format_spec: str) -> Any:
        """A value and its spec (`{:.2f}` writes English decimals: refused)."""
        if _DECIMAL_SPEC.search(format_spec):
            raise TemplateProblem(_ENGLISH_FORMAT.format("{:" + format_spec + "}"))
        return super().format_field(text_value(value), format_spec)


class TextEscapeFormatter(TextFormatter, EscapeFormatter):
    """The same for a text marked safe (`Markup`)."""
