"""The work and size limits of one render: the step budget and size estimates."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from deckgen.templating.problems import TemplateProblem

MAX_POWER = 100
MAX_REPEAT = 100_000
MAX_RENDERED_CHARS = 10 * 1024 * 1024
"""The most text one content file's templates may produce, and the largest text or list any
expression may build: the same 10 MB a text file may hold."""
MAX_TEMPLATE_STEPS = 1_000_000
"""The work one content file's templates may do, in steps of about a microsecond: a loop round
is one step, a call, filter, test or sum CALL_STEPS, a number filter NUMBER_FILTER_STEPS, and
building or going through a text or list one step per element (per 100 characters of text)."""
CALL_STEPS = 10
NUMBER_FILTER_STEPS = 50
CHARACTERS_PER_STEP = 100
MAX_INTEGER_BITS = 4096
"""Whole numbers the templates compute stay below 2**4096 (about 1200 digits)."""


class Budget:
    """The steps one render may still take."""

    def __init__(self) -> None:
        self.steps = 0

    def spend(self, steps: int) -> None:
        """Take steps; refuse when the render has done more work than MAX_TEMPLATE_STEPS."""
        self.steps += steps
        if self.steps > MAX_TEMPLATE_STEPS:
            raise TemplateProblem(TOO_MUCH_WORK)


def _thousands(number: int) -> str:
    """`1 000 000`: a limit as the messages write it."""
    return f"{number:,}".replace(",", " ")


TOO_MUCH_WORK = (
    f"malen gjør for mye arbeid: mer enn {_thousands(MAX_TEMPLATE_STEPS)} regnesteg (løkker, "
    "kall, filtre og store tekster); gjør løkkene kortere eller færre"
)
TOO_LARGE = (
    "malen lager en tekst eller liste som er større enn 10 MB; del innholdet på flere filer "
    "eller gjør løkkene kortere"
)
OUTPUT_TOO_LARGE = (
    "teksten malen lager blir større enn 10 MB; del innholdet på flere filer eller gjør "
    "løkkene kortere"
)


def size_of(value: Any) -> int:
    """How many characters or elements a value holds (0 for a single value)."""
    if isinstance(value, str | list | tuple | dict | set | frozenset | range):
        return len(value)
    return 0


def weight(value: Any) -> int:
    """The steps a value costs to build or go through: one per element, per 100 characters."""
    size = size_of(value)
    return size // CHARACTERS_PER_STEP if isinstance(value, str) else size


def check_size(value: Any) -> Any:
    """Refuse a text or list larger than MAX_RENDERED_CHARS."""
    if size_of(value) > MAX_RENDERED_CHARS:
        raise TemplateProblem(TOO_LARGE)
    return value


def too_big(operator: str, left: Any, right: Any) -> bool:
    """A power, product or repeated text that would take the machine's memory."""
    if operator == "**" and isinstance(right, int | float | Decimal):
        if abs(Decimal(str(right))) > MAX_POWER:
            return True
        if is_integer(left) and is_integer(right):
            return abs(left).bit_length() * right > MAX_INTEGER_BITS
        return False
    if operator == "*" and is_integer(left) and is_integer(right):
        return left.bit_length() + right.bit_length() > MAX_INTEGER_BITS
    if operator == "*" and isinstance(left, str | list) and isinstance(right, int):
        return len(left) * right > MAX_REPEAT
    if operator == "*" and isinstance(right, str | list) and isinstance(left, int):
        return len(right) * left > MAX_REPEAT
    if operator == "%" and isinstance(left, str):
        return format_width(left, right) > MAX_RENDERED_CHARS
    return False


def is_integer(value: Any) -> bool:
    """Whether a value is a whole number (not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool)


_WIDTH = re.compile(r"[%:][^%:{}]*?(\d+)")
_WIDTH_FROM_ARGUMENT = re.compile(r"%[^%a-zA-Z]*\*|\{[^{}]*:[^{}]*\{")


def format_width(text: str, args: Any = ()) -> int:
    """The widest fields a format text (`%10d`, `{:>10}`, `%*d`) asks for, plus the text itself."""
    width = len(text) + sum(int(match.group(1)) for match in _WIDTH.finditer(text))
    if _WIDTH_FROM_ARGUMENT.search(text):
        values = args if isinstance(args, tuple | list) else (args,)
        width += sum(abs(v) for v in values if is_integer(v))
    return width


def estimated_size(obj: Any, args: tuple[Any, ...]) -> int:
    """What a text method would build, estimated before it runs (`'x'.center(10**9)`)."""
    method = getattr(obj, "__wrapped__", obj)  # the sandbox wraps str.format
    owner = getattr(method, "__self__", None)
    if not isinstance(owner, str):
        return 0
    return text_size(getattr(method, "__name__", ""), owner, args)


def text_size(name: str, text: str, args: tuple[Any, ...]) -> int:
    """The size a text operation (a method or a filter of the same name) would give."""
    numbers = [a for a in args if is_integer(a)]
    if name in ("center", "ljust", "rjust", "zfill") and numbers:
        return max(len(text), numbers[0])
    if name == "indent":
        width = args[0] if args else 4
        width = len(width) if isinstance(width, str) else width if is_integer(width) else 0
        return len(text) + width * (text.count("\n") + 1)
    if name == "expandtabs" and numbers:
        return len(text) + numbers[0] * text.count("\t")
    if name == "replace" and len(args) >= 2 and isinstance(args[0], str):
        old, new = args[0], str(args[1])
        found = text.count(old) if old else len(text) + 1
        return len(text) + max(0, len(new) - len(old)) * found
    if name == "join" and args:
        items = args[0]
        count = len(items) if isinstance(items, list | tuple | range | str) else 0
        return len(text) * count + sum(size_of(i) for i in items) if count else 0
    if name in ("format", "format_map"):
        return format_width(text, args)
    return len(text)


def filter_size(name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """What a filter that can build much from little would build (`center(10**9)`)."""
    numbers = [a for a in (*args, *kwargs.values()) if is_integer(a)]
    if name in ("batch", "slice") and numbers:
        return numbers[0]
    if name == "tojson" and numbers:
        return numbers[0] * (len(str(value)) + 1)
    if name == "join" and isinstance(value, list | tuple | range):
        separator = args[0] if args else kwargs.get("d", "")
        count = len(value)
        return count * size_of(separator) + sum(size_of(item) for item in value)
    if isinstance(value, str) and name in ("center", "indent", "replace", "format"):
        return text_size(name, value, (*args, *kwargs.values()))
    return 0
