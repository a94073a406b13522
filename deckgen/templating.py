"""Jinja2 (sandboxed) for content: named facts, table values and number filters in prose."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import inspect
import math
import os
import re
import traceback
import unicodedata
from collections.abc import Callable, Generator, Iterator, Sized
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from pathlib import Path
from typing import Any, cast

from jinja2 import (
    StrictUndefined,
    TemplateRuntimeError,
    TemplateSyntaxError,
    Undefined,
    UndefinedError,
    nodes,
    pass_context,
)
from jinja2.filters import make_attrgetter
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import SandboxedEnvironment, SandboxedFormatter, SecurityError
from markupsafe import EscapeFormatter, Markup

from deckgen.errors import (
    DeckgenError,
    Problem,
    ProblemCollector,
    SharedError,
    SourceLocation,
    suggestion,
)
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

UNIT_DIVISORS = {"kr": 1, "1000 kr": 1000, "mill. kr": 1_000_000}
OWN_FILTERS = ("beløp", "dato", "millioner", "prosent", "tall")
"""The number and date filters content writers use; jinja2's own filters work too."""

MAX_DECIMALS = 10
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
_TAKES_UNDEFINED = ("default", "d")
"""Filters meant for names that may be missing: only their arguments must exist."""
_TEMPLATE = re.compile(r"\{\{|\{%|\{#.*?#\}", re.DOTALL)
_MARK = re.compile("\x00(\\d+)\x01")
_UNMARKED = (nodes.Macro, nodes.CallBlock, nodes.FilterBlock, nodes.AssignBlock)
"""Blocks whose text is not written where it stands (or is filtered): no line marks inside."""


class TemplateProblem(Exception):
    """A content error inside a template; render() adds the file and line."""


class Rendered(str):
    """Rendered text that knows which source line each of its lines comes from."""

    source_lines: tuple[int, ...] = ()

    def source_line(self, line: int) -> int:
        """The 1-based source line that rendered line `line` comes from (0 stays 0)."""
        if 0 < line <= len(self.source_lines):
            return self.source_lines[line - 1]
        return line


class _Budget:
    """The steps one render may still take."""

    def __init__(self) -> None:
        self.steps = 0

    def spend(self, steps: int) -> None:
        """Take steps; refuse when the render has done more work than MAX_TEMPLATE_STEPS."""
        self.steps += steps
        if self.steps > MAX_TEMPLATE_STEPS:
            raise TemplateProblem(_TOO_MUCH_WORK)


def _thousands(number: int) -> str:
    """`1 000 000`: a limit as the messages write it."""
    return f"{number:,}".replace(",", " ")


_TOO_MUCH_WORK = (
    f"malen gjør for mye arbeid: mer enn {_thousands(MAX_TEMPLATE_STEPS)} regnesteg (løkker, "
    "kall, filtre og store tekster); gjør løkkene kortere eller færre"
)
_TOO_LARGE = (
    "malen lager en tekst eller liste som er større enn 10 MB; del innholdet på flere filer "
    "eller gjør løkkene kortere"
)
_OUTPUT_TOO_LARGE = (
    "teksten malen lager blir større enn 10 MB; del innholdet på flere filer eller gjør "
    "løkkene kortere"
)


def _size(value: Any) -> int:
    """How many characters or elements a value holds (0 for a single value)."""
    if isinstance(value, str | list | tuple | dict | set | frozenset | range):
        return len(value)
    return 0


def _weight(value: Any) -> int:
    """The steps a value costs to build or go through: one per element, per 100 characters."""
    size = _size(value)
    return size // CHARACTERS_PER_STEP if isinstance(value, str) else size


def _check_size(value: Any) -> Any:
    """Refuse a text or list larger than MAX_RENDERED_CHARS."""
    if _size(value) > MAX_RENDERED_CHARS:
        raise TemplateProblem(_TOO_LARGE)
    return value


class _Environment(SandboxedEnvironment):
    """The sandbox, with exact arithmetic (`fakta.x * 1.5` computes in decimals) and budgets."""

    intercepted_binops = frozenset(["+", "-", "*", "/", "//", "%", "**"])

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.budget = _Budget()

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Compute `left operator right`; mixed decimal and float become decimal."""
        self.budget.spend(CALL_STEPS)
        if _too_big(operator, left, right):
            raise TemplateProblem(f"kan ikke regne ut «{operator}»: resultatet blir for stort")
        if isinstance(left, Decimal) and isinstance(right, float):
            right = _num(right, "")
        elif isinstance(left, float) and isinstance(right, Decimal):
            left = _num(left, "")
        if operator == "%" and isinstance(left, str):
            right = _percent_arguments(left, right)
        try:
            result = super().call_binop(context, operator, left, right)
        except ZeroDivisionError:
            raise TemplateProblem(f"kan ikke regne ut «{operator}»: deling på null") from None
        except (TypeError, ValueError, ArithmeticError):
            raise TemplateProblem(
                f"kan ikke regne ut «{operator}» med {_describe(left)} og {_describe(right)}"
            ) from None
        if isinstance(result, complex):
            raise TemplateProblem(f"kan ikke regne ut «{operator}»: resultatet er ikke et tall")
        if isinstance(result, float) and not math.isfinite(result):
            raise TemplateProblem(f"kan ikke regne ut «{operator}»: resultatet blir for stort")
        self.budget.spend(_weight(result))
        return _check_size(result)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`'{}'.format(x)` and `format_map`: each value as `{{ }}` would print it."""
        if super().wrap_str_format(value) is None:
            return None
        text = value.__self__
        formatter: _TextFormatter = (
            _TextEscapeFormatter(self, escape=text.escape)
            if isinstance(text, Markup)
            else _TextFormatter(self)
        )
        is_format_map = value.__name__ == "format_map"

        def checked(*args: Any, **kwargs: Any) -> str:
            if is_format_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                return type(text)(formatter.vformat(text, (), args[0]))
            return type(text)(formatter.vformat(text, args, kwargs))

        return functools.update_wrapper(checked, value)

    def getitem(self, obj: Any, argument: Any) -> Any:
        """`x[i]` and `x[a:b]`; a slice costs what it copies."""
        result = super().getitem(obj, argument)
        if isinstance(argument, slice):
            self.budget.spend(_weight(result))
        return result

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """Call a function, method or macro from a template, within the budgets."""
        given = {k: v for k, v in kwargs.items() if k not in ("_loop_vars", "_block_vars")}
        if obj == self.deckgen_loop:
            return super().call(context, obj, *args, **kwargs)
        self.budget.spend(CALL_STEPS + sum(_weight(v) for v in (*args, *given.values())))
        if isinstance(obj, Undefined):
            obj._fail_with_undefined_error()
        if not callable(obj):
            raise TemplateProblem(
                f"{_describe(obj)} kan ikke kalles med ( ); fjern parentesene etter navnet"
            )
        if isinstance(obj, LoopContext):
            if obj._recurse is None:
                raise TemplateProblem(_NOT_RECURSIVE)
            if args:
                args = (self.deckgen_loop(args[0]), *args[1:])
        _check_signature(obj, args, given)
        if isinstance(obj, Macro):
            _check_macro_arguments(obj, args, given)
        if getattr(obj, "__name__", "") == "join" and args and not isinstance(args[0], Sized):
            args = (self._listed(args[0]), *args[1:])
        if _estimated_size(obj, args) > MAX_RENDERED_CHARS:
            raise TemplateProblem(_TOO_LARGE)
        if isinstance(obj, Macro | LoopContext):  # errors inside them are their own
            return _check_size(super().call(context, obj, *args, **kwargs))
        try:
            result = super().call(context, obj, *args, **kwargs)
        except (TypeError, ValueError):
            message = f"{_callable_name(obj)} fikk argumenter som ikke passer"
            raise TemplateProblem(message) from None
        except LookupError:
            raise TemplateProblem(
                f"{_callable_name(obj)} fant ikke noe element (listen eller gruppen er tom "
                "eller har ikke det navnet)"
            ) from None
        owner = getattr(obj, "__self__", None)
        if isinstance(owner, list | dict | set):
            _check_size(owner)
        self.budget.spend(_weight(result) if not isinstance(result, range) else 0)
        return _check_size(result)

    def _listed(self, iterable: Any) -> list[Any]:
        """The items of an iterable (a `map` or `select` result) as a list, one step each."""
        return list(self.deckgen_loop(iterable))

    def deckgen_loop(self, iterable: Any) -> Any:
        """The items of a `{% for %}` loop, one step each."""
        if isinstance(iterable, Undefined):
            iterable._fail_with_undefined_error()
        if not hasattr(iterable, "__iter__"):
            raise TemplateProblem(
                f"{{% for … in … %}} trenger en liste etter «in», ikke {_describe(iterable)}"
            )
        for item in iterable:
            self.budget.spend(1)
            yield item

    def deckgen_concat(self, *parts: Any) -> str:
        """`a ~ b`: each part as `{{ }}` would print it."""
        return "".join(str(_finalize(part)) for part in parts)

    def deckgen_in(self, value: Any) -> Any:
        """A value checked by `in`: it costs a step per element."""
        if (
            not isinstance(value, Undefined)
            and not hasattr(value, "__contains__")
            and not hasattr(value, "__iter__")
        ):
            raise TemplateProblem(
                f"«… in …» trenger en liste eller en tekst etter «in», ikke {_describe(value)}"
            )
        return value


def _too_big(operator: str, left: Any, right: Any) -> bool:
    """A power, product or repeated text that would take the machine's memory."""
    if operator == "**" and isinstance(right, int | float | Decimal):
        if abs(Decimal(str(right))) > MAX_POWER:
            return True
        if _is_integer(left) and _is_integer(right):
            return abs(left).bit_length() * right > MAX_INTEGER_BITS
        return False
    if operator == "*" and _is_integer(left) and _is_integer(right):
        return left.bit_length() + right.bit_length() > MAX_INTEGER_BITS
    if operator == "*" and isinstance(left, str | list) and isinstance(right, int):
        return len(left) * right > MAX_REPEAT
    if operator == "*" and isinstance(right, str | list) and isinstance(left, int):
        return len(right) * left > MAX_REPEAT
    if operator == "%" and isinstance(left, str):
        return _format_width(left, right) > MAX_RENDERED_CHARS
    return False


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_WIDTH = re.compile(r"[%:][^%:{}]*?(\d+)")
_WIDTH_FROM_ARGUMENT = re.compile(r"%[^%a-zA-Z]*\*|\{[^{}]*:[^{}]*\{")


def _format_width(text: str, args: Any = ()) -> int:
    """The widest fields a format text (`%10d`, `{:>10}`, `%*d`) asks for, plus the text itself."""
    width = len(text) + sum(int(match.group(1)) for match in _WIDTH.finditer(text))
    if _WIDTH_FROM_ARGUMENT.search(text):
        values = args if isinstance(args, tuple | list) else (args,)
        width += sum(abs(v) for v in values if _is_integer(v))
    return width


def _estimated_size(obj: Any, args: tuple[Any, ...]) -> int:
    """What a text method would build, estimated before it runs (`'x'.center(10**9)`)."""
    method = getattr(obj, "__wrapped__", obj)  # the sandbox wraps str.format
    owner = getattr(method, "__self__", None)
    if not isinstance(owner, str):
        return 0
    return _text_size(getattr(method, "__name__", ""), owner, args)


def _text_size(name: str, text: str, args: tuple[Any, ...]) -> int:
    """The size a text operation (a method or a filter of the same name) would give."""
    numbers = [a for a in args if _is_integer(a)]
    if name in ("center", "ljust", "rjust", "zfill") and numbers:
        return max(len(text), numbers[0])
    if name == "indent":
        width = args[0] if args else 4
        width = len(width) if isinstance(width, str) else width if _is_integer(width) else 0
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
        return len(text) * count + sum(_size(i) for i in items) if count else 0
    if name in ("format", "format_map"):
        return _format_width(text, args)
    return len(text)


def _check_signature(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a call of deckgen's own functions (`tabell`, `verdi`) with the wrong arguments."""
    if not getattr(obj, "deckgen_function", False):
        return
    try:
        inspect.signature(obj).bind(*args, **kwargs)
    except TypeError:
        raise TemplateProblem(
            f"feil argumenter til {obj.__name__}(); skriv {obj.deckgen_function}"
        ) from None


_NOT_RECURSIVE = "loop(…) virker bare i en løkke merket «recursive»: {% for … in … recursive %}"


def _check_macro_arguments(macro: Macro, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a macro call with more arguments than the macro takes, or unknown names."""
    too_many = len(args) > len(macro.arguments) and not macro.catch_varargs
    unknown = [
        key
        for key in kwargs
        if key not in macro.arguments and key != "caller" and not macro.catch_kwargs
    ]
    if too_many or unknown:
        if not macro.arguments:
            raise TemplateProblem(f"makroen «{macro.name}» tar ingen argumenter")
        raise TemplateProblem(
            f"makroen «{macro.name}» tar argumentene {', '.join(macro.arguments)}"
        )


def _callable_name(obj: Any) -> str:
    """A function or method named in a message: `«center»`, `makroen «f»`."""
    if isinstance(obj, Macro):
        return f"makroen «{obj.name}»"
    if isinstance(obj, LoopContext):
        return "loop(…)"
    name = getattr(obj, "__name__", "")
    name = {"safe_range": "range"}.get(name, name)
    return f"«{name}»" if name else "kallet"


class Templates:
    """Renders content files with facts, table lookups and the brand's number filters."""

    def __init__(
        self,
        style: NumberStyle,
        facts: dict[str, Any],
        table_value: Callable[[Path, str, str, str], Decimal],
    ) -> None:
        self.environment = _Environment(
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            finalize=_finalize,
        )
        self.environment.filters.update(
            round=_round,
            int=_int,
            float=_float,
            beløp=functools.partial(_amount, style=style),
            tall=functools.partial(_number, style=style),
            prosent=functools.partial(_percent_filter, style=style),
            millioner=functools.partial(_millions, style=style),
            dato=_date,
        )
        budget = self.environment.budget
        self.environment.filters.update(
            {
                name: _guarded(name, f, budget, self.environment)
                for name, f in self.environment.filters.items()
            }
        )
        self.environment.tests.update(
            {
                name: _charged(cast(Any, test), budget)
                for name, test in self.environment.tests.items()
            }
        )
        self.environment.filters[_OUTPUT_FILTER] = _output_filter_function(budget)
        for name in ("lipsum", "cycler", "joiner"):
            self.environment.globals.pop(name, None)
        self.facts = facts
        self.table_value = table_value

    def render(self, path: Path, text: str) -> str:
        """Render one file; errors name the file and line; the result maps lines to the source."""
        if not _TEMPLATE.search(text):
            return text

        def tabell(fil: str) -> _TableLookup:
            if not isinstance(fil, str):
                raise TemplateProblem(
                    "tabell() trenger filnavnet til en tabellbeskrivelse i anførselstegn, "
                    f'for eksempel tabell("tabeller/okonomi.yaml"), ikke {_describe(fil)}'
                )
            if "\\" in fil:
                raise TemplateProblem(
                    f"stien «{fil}» har \\; skriv stier med /, for eksempel "
                    'tabell("tabeller/okonomi.yaml")'
                )
            return _TableLookup(path.parent / fil, fil, self.table_value)

        tabell.deckgen_function = 'tabell("tabeller/fil.yaml")'  # type: ignore[attr-defined]
        self.environment.budget.steps = 0
        try:
            tree = self.environment.parse(text)
            _refuse_other_files(tree)
            _refuse_repeated_arguments(tree)
            _mark_lines(tree)
            _meter(tree)
            tree.set_environment(self.environment)
            template = self.environment.template_class.from_code(
                self.environment,
                self.environment.compile(tree),
                self.environment.make_globals(None),
                None,
            )
            rendered = _unmark(_bounded(template.generate(fakta=self.facts, tabell=tabell)))
        except TemplateSyntaxError as exc:
            message = _syntax_message(exc.message or "", sorted(OWN_FILTERS), self.environment)
            raise DeckgenError.at(SourceLocation(path, exc.lineno), message) from None
        except (UndefinedError, SecurityError) as exc:
            line = _template_line(exc)
            raise DeckgenError.at(
                SourceLocation(path, line), _norwegian(str(exc), self.facts)
            ) from None
        except TemplateProblem as exc:
            raise DeckgenError.at(SourceLocation(path, _template_line(exc)), str(exc)) from None
        except SharedError as exc:  # a faulty table: shown once, where it is, with its uses
            exc.used_at(SourceLocation(path, _template_line(exc)), template=True)
            raise
        except DeckgenError as exc:
            line = _template_line(exc)
            message = "; ".join(_inner(p, path) for p in exc.problems)
            raise DeckgenError.at(SourceLocation(path, line), message) from None
        except TemplateRuntimeError as exc:
            line = _template_line(exc)
            message = _runtime_message(str(exc), self.environment)
            raise DeckgenError.at(SourceLocation(path, line), message) from None
        except (
            TypeError,
            ValueError,
            ArithmeticError,
            RecursionError,
            NameError,
            LookupError,
            AttributeError,
            MemoryError,
        ) as exc:
            line = _template_line(exc)
            raise DeckgenError.at(
                SourceLocation(path, line), f"kan ikke regne ut: {_english(exc)}"
            ) from None
        from deckgen.config.text import CONTROL_CHARACTER, bad_character

        if match := CONTROL_CHARACTER.search(rendered):
            line = rendered.source_line(rendered.count("\n", 0, match.start()) + 1)
            message = bad_character(match.group(), " fra malen ({{ … }})")
            raise DeckgenError.at(SourceLocation(path, line), message)
        return rendered


def _bounded(chunks: Iterator[str]) -> str:
    """The rendered text, stopped inside the template once it passes MAX_RENDERED_CHARS."""
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if "\x00" in chunk:
            size -= len(chunk) - len(_MARK.sub("", chunk))
        parts.append(chunk)
        if size > MAX_RENDERED_CHARS:
            cast(Generator[str, None, None], chunks).throw(TemplateProblem(_OUTPUT_TOO_LARGE))
    return "".join(parts)


def _meter(tree: nodes.Template) -> None:
    """Route output, loops, `~` and `in` through the budget (also text a macro or block buffers)."""
    for node in [tree, *tree.find_all(nodes.Node)]:
        for field in node.fields:
            child = getattr(node, field, None)
            if isinstance(child, nodes.Concat):
                setattr(node, field, _concat_call(child))
            elif isinstance(child, list):
                child[:] = [_concat_call(c) if isinstance(c, nodes.Concat) else c for c in child]
    for node in list(tree.find_all(nodes.Node)):
        if isinstance(node, nodes.Output):
            node.nodes[:] = [_output_filter(child) for child in node.nodes]
        elif isinstance(node, nodes.For):
            node.iter = _environment_call("deckgen_loop", [node.iter], node.lineno)
        elif isinstance(node, nodes.Operand) and node.op in ("in", "notin"):
            node.expr = _environment_call("deckgen_in", [node.expr], node.lineno)


_OUTPUT_FILTER = "deckgen output"
"""A filter every piece of output passes (a name no template can write)."""


def _output_filter(node: nodes.Expr) -> nodes.Filter:
    return nodes.Filter(node, _OUTPUT_FILTER, [], [], None, None, lineno=node.lineno)


def _concat_call(node: nodes.Concat) -> nodes.Call:
    return _environment_call("deckgen_concat", node.nodes, node.lineno)


def _environment_call(name: str, args: list[Any], lineno: int) -> nodes.Call:
    """`environment.<name>(args)` in a template's tree (a name no template can write)."""
    return nodes.Call(nodes.EnvironmentAttribute(name), args, [], None, None, lineno=lineno)


def _refuse_repeated_arguments(tree: nodes.Template) -> None:
    """`f(a=1, a=2)` or `{% macro f(a, a) %}`: a syntax error at its line, not Python's."""
    for node in tree.find_all((nodes.Call, nodes.Filter, nodes.Test)):
        names = [keyword.key for keyword in cast(Any, node).kwargs]
        for name in names:
            if names.count(name) > 1:
                raise TemplateSyntaxError(f"deckgen-argument: {name}", node.lineno)
    for macro in tree.find_all((nodes.Macro, nodes.CallBlock)):
        names = [arg.name for arg in cast(Any, macro).args]
        for name in names:
            if names.count(name) > 1:
                raise TemplateSyntaxError(f"deckgen-argument: {name}", macro.lineno)


def _inner(problem: Problem, path: Path) -> str:
    """A problem found by a table lookup, its file named from the content file's folder."""
    where = problem.location
    if where is None or not where.line:
        return problem.message
    return f"{os.path.relpath(where.path, path.parent)}:{where.line}: {problem.message}"


def _refuse_other_files(tree: nodes.Template) -> None:
    """Content files do not include, extend or import other files: each file stands alone."""
    for node in tree.find_all((nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)):
        tag = {nodes.Include: "include", nodes.Extends: "extends"}.get(type(node), "import")
        raise TemplateSyntaxError(f"deckgen: {tag}", node.lineno)


def _mark_lines(node: nodes.Node) -> None:
    """Put a mark with its source line at the start of every line of the template's text."""
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.TemplateData) and child.lineno:
            parts = child.data.split("\n")
            child.data = parts[0] + "".join(
                f"\n\x00{child.lineno + i}\x01{part}" for i, part in enumerate(parts[1:], 1)
            )
        elif not isinstance(child, _UNMARKED):
            _mark_lines(child)


def _unmark(text: str) -> Rendered:
    """Remove the line marks; a line without one comes from the same source line as the last."""
    lines: list[int] = []
    current = 1
    for line in text.split("\n"):
        if match := _MARK.match(line):
            current = int(match.group(1))
        lines.append(current)
    rendered = Rendered(_MARK.sub("", text))
    rendered.source_lines = tuple(lines)
    return rendered


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
        for name in (rad, kolonne):
            if not isinstance(name, str):
                raise TemplateProblem(
                    "verdi() trenger navnet på raden og kolonnen i anførselstegn, "
                    f'for eksempel verdi("Sum", "Regnskap 2023"), ikke {_describe(name)}'
                )
        return self._lookup(self._path, self._name, rad, kolonne)

    verdi.deckgen_function = 'verdi("rad", "kolonne")'  # type: ignore[attr-defined]


def _amount(value: Any, enhet: Any = "kr", desimaler: Any = 0, *, style: NumberStyle) -> str:
    """`beløp`: an amount in kroner shown in kr, 1000 kr or mill. kr."""
    number = _num(value, "beløp")
    if not isinstance(enhet, str) or enhet not in UNIT_DIVISORS:
        units = ", ".join(UNIT_DIVISORS)
        if not isinstance(enhet, str):
            raise TemplateProblem(
                f"enheten i filteret beløp skrives i anførselstegn, ikke som {_describe(enhet)}; "
                f"gyldige enheter: {units}"
            )
        raise TemplateProblem(
            f"ukjent enhet «{enhet}» i filteret beløp{suggestion(enhet, UNIT_DIVISORS)}; "
            f"gyldige enheter: {units}"
        )
    decimals = _decimals(desimaler, "desimaler", "beløp")
    return format_number(number / UNIT_DIVISORS[enhet], style, decimals)


def _number(value: Any, desimaler: Any = 0, *, style: NumberStyle) -> str:
    """`tall`: a number in the brand's style."""
    return format_number(_num(value, "tall"), style, _decimals(desimaler, "desimaler", "tall"))


def _percent_filter(value: Any, desimaler: Any = 1, ord: Any = False, *, style: NumberStyle) -> str:
    """`prosent`: `0,9 %`, or `0,9 prosent` in running text when asked."""
    number = _num(value, "prosent")
    text = format_percent(number, style, _decimals(desimaler, "desimaler", "prosent"))
    return text[:-1].rstrip() + " prosent" if _flag(ord, "ord", "prosent") else text


def _millions(value: Any, desimaler: Any = 1, kort: Any = False, *, style: NumberStyle) -> str:
    """`millioner`: `78,3 millioner kroner`, or `78,3 mill. kr` when short."""
    number = _num(value, "millioner")
    decimals = _decimals(desimaler, "desimaler", "millioner")
    return format_millions(number, style, decimals, short=_flag(kort, "kort", "millioner"))


def _date(value: Any) -> str:
    """`dato`: `7. mai 2024`."""
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = dt.date.fromisoformat(value.strip())
    if not isinstance(value, dt.date):
        raise TemplateProblem(
            f"filteret dato trenger en dato (ÅÅÅÅ-MM-DD i faktafilen), ikke {_describe(value)}"
        )
    return format_date(value)


def _round(value: Any, precision: Any = 0, method: Any = "common") -> Decimal:
    """jinja2's `round`, exact and half away from zero like every other figure."""
    number = _num(value, "round")
    decimals = _decimals(precision, "precision", "round")
    modes = {"common": None, "ceil": ROUND_CEILING, "floor": ROUND_FLOOR}
    if not isinstance(method, str) or method not in modes:
        raise TemplateProblem(
            f"ukjent method {_shown(method)} i filteret round; gyldige: {', '.join(modes)}"
        )
    if modes[method] is None:
        return round_half_up(number, decimals)
    with localcontext() as context:
        context.prec = 400
        return number.quantize(Decimal(1).scaleb(-decimals), rounding=modes[method])


def _int(value: Any, default: Any = None, base: Any = 10) -> Any:
    """jinja2's `int`, refusing text that is no number instead of silently giving 0."""
    try:
        if isinstance(value, str):
            return int(value.strip(), base)
        return int(_num(value, "int"))
    except (ValueError, TypeError, TemplateProblem):
        if default is not None:
            return default
        raise TemplateProblem(
            f"filteret int kan ikke gjøre {_describe(value)} om til et helt tall"
        ) from None


def _float(value: Any, default: Any = None) -> Any:
    """jinja2's `float`, refusing text that is no number; the result stays an exact decimal."""
    try:
        return _num(Decimal(value.strip()) if isinstance(value, str) else value, "float")
    except (ArithmeticError, TemplateProblem):
        if default is not None:
            return default
        raise TemplateProblem(
            f"filteret float kan ikke gjøre {_describe(value)} om til et tall"
        ) from None


def _num(value: Any, filter_name: str) -> Decimal:
    """The value as an exact decimal, or a content error naming the filter."""
    if isinstance(value, Share) and filter_name in ("beløp", "millioner", "tall"):
        raise TemplateProblem(
            "verdien er en andel fra en prosentkolonne i tabellen; vis den med | prosent, ikke "
            f"| {filter_name}"
        )
    if isinstance(value, Kroner) and filter_name == "prosent":
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
    raise TemplateProblem(f"{what} et tall, ikke {_describe(value)}{hint}")


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
        f"ikke {_describe(value)}"
    )


def _flag(value: Any, name: str, filter_name: str) -> bool:
    """A true/false argument."""
    if isinstance(value, bool):
        return value
    raise TemplateProblem(
        f"{name} i filteret {filter_name} må være true eller false, ikke {_describe(value)}"
    )


def _finalize(value: Any) -> Any:
    """What `{{ }}` may print bare: text and whole numbers; nothing in Python's notation."""
    if isinstance(value, Undefined):
        value._fail_with_undefined_error()
    if value is None:
        raise TemplateProblem(
            "verdien er tom (ingenting står etter navnet i faktafilen); fyll den inn"
        )
    if isinstance(value, float | Decimal) and not isinstance(value, bool):
        number = _num(value, "")
        if number != number.to_integral_value():
            raise TemplateProblem(
                f"tallet {value} må skrives med et filter, for eksempel "
                "{{ … | tall(1) }} eller {{ … | prosent }}, så det får norsk tallformat"
            )
        return str(int(number))
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    hint = next((h for kind, h in _UNPRINTABLE.items() if isinstance(value, kind)), None)
    raise TemplateProblem(
        f"{_describe(value)} kan ikke skrives direkte; {hint or 'skriv tekst, tall eller fakta'}"
    )


def _text_value(value: Any) -> Any:
    """A value a filter or format turns into text: refused as `{{ }}` refuses it."""
    printed = _finalize(value)
    return int(printed) if isinstance(value, float | Decimal) else value


_TEXT_FILTERS = frozenset(
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


def _text_arguments(
    name: str, args: tuple[Any, ...], leading: int, kwargs: dict[str, Any], environment: Any
) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """A text filter's value and text arguments, each as `{{ }}` would print it."""
    value, rest = args[leading], args[leading + 1 :]
    if name == "join" and hasattr(value, "__iter__"):
        attribute = kwargs.pop("attribute", rest[1] if len(rest) > 1 else None)
        if attribute is not None:
            value = map(make_attrgetter(environment, attribute), value)
        value = [_text_value(item) for item in value]
        rest = tuple(_text_value(part) for part in rest[:1])
        kwargs = {key: _text_value(part) for key, part in kwargs.items()}
    elif name == "join":
        pass  # not a list: join says so itself
    elif name in ("xmlattr", "urlencode") and isinstance(value, dict):
        value = {key: _text_value(part) for key, part in value.items()}
    else:
        value = _text_value(value)
    if name == "format":
        if isinstance(value, str):
            _check_format_text(value)
        rest = tuple(_text_value(part) for part in rest)
        kwargs = {key: _text_value(part) for key, part in kwargs.items()}
    elif name == "replace":
        rest = tuple(_text_value(part) for part in rest[:2]) + rest[2:]
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


def _percent_arguments(text: str, values: Any) -> Any:
    """The values of `'…' % values`, each as `{{ }}` would print it."""
    _check_format_text(text)
    if isinstance(values, tuple):
        return tuple(_text_value(value) for value in values)
    if isinstance(values, dict) and "%(" in text:
        return _TextMapping(values)
    return _text_value(values)


class _TextMapping:
    """The names of `'%(navn)s' % gruppe`, each value as `{{ }}` would print it."""

    def __init__(self, values: dict[str, Any]) -> None:
        self._values = values

    def __getitem__(self, key: str) -> Any:
        return _text_value(self._values[key])


class _TextFormatter(SandboxedFormatter):
    """`'{}'.format(x)` in the sandbox, each value as `{{ }}` would print it."""

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        """`{!r}` and `{!s}`: checked before they turn the value into text."""
        return super().convert_field(_text_value(value), conversion)

    def format_field(self, value: Any, format_spec: str) -> Any:
        """A value and its spec (`{:.2f}` writes English decimals: refused)."""
        if _DECIMAL_SPEC.search(format_spec):
            raise TemplateProblem(_ENGLISH_FORMAT.format("{:" + format_spec + "}"))
        return super().format_field(_text_value(value), format_spec)


class _TextEscapeFormatter(_TextFormatter, EscapeFormatter):
    """The same for a text marked safe (`Markup`)."""


_UNPRINTABLE: dict[type, str] = {
    bool: "bruk den i {% if … %}",
    dt.date: "skriv {{ … | dato }}",
    list: "skriv {{ … | join(', ') }}",
    range: "skriv {{ … | join(', ') }}",
    tuple: "skriv {{ … | join(', ') }}",
    dict: "skriv navnet på verdien du vil ha, for eksempel fakta.gruppe.navn",
    _TableLookup: 'bruk .verdi("rad", "kolonne")',
}
"""Values `{{ }}` would print in Python's (English) notation, and what to write instead."""


def _shown(value: Any) -> str:
    """A value written in a template as an argument: `«1000kr»`, or `tallet 1000`."""
    return f"«{value}»" if isinstance(value, str) else _describe(value)


def _describe(value: Any) -> str:
    """A value named in Norwegian for a message: `teksten «abc»`, `tallet 12`, `datoen …`."""
    if value is None:
        return "en tom verdi (none)"
    if isinstance(value, bool):
        return f"sannhetsverdien {str(value).lower()}"
    if isinstance(value, int | float | Decimal):
        return f"tallet {_short(format(value))}"
    if isinstance(value, dt.date):
        return f"datoen {value.isoformat()}"
    if isinstance(value, str):
        return f"teksten «{_short(value)}»"
    if isinstance(value, list | tuple | range):
        return "en liste"
    if isinstance(value, dict):
        return "en gruppe med navn"
    if isinstance(value, _TableLookup):
        return "en tabell"
    if isinstance(value, Macro):
        return f"makroen «{value.name}»"
    if callable(value):
        return "en funksjon"
    return "en verdi som ikke passer"


def _short(text: str) -> str:
    """A value as a message shows it: at most 40 characters."""
    return text if len(text) <= 40 else text[:39] + "…"


def _guarded(
    name: str, function: Callable[..., Any], budget: _Budget, environment: Any
) -> Callable[..., Any]:
    """A filter whose arguments and work are checked and whose failures become Norwegian."""
    inner = inspect.unwrap(function)
    parameters = list(inspect.signature(inner).parameters.values())
    if getattr(inner, "jinja_pass_arg", None) is not None:
        parameters = parameters[1:]
    parameters = [p for p in parameters if p.kind is not p.KEYWORD_ONLY or p.default is p.empty]
    leading = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0
    cost = NUMBER_FILTER_STEPS if name in OWN_FILTERS else CALL_STEPS

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        given = (*args[leading:], *kwargs.values())
        for value in given[1:] if name in _TAKES_UNDEFINED else given:
            if isinstance(value, Undefined):
                value._fail_with_undefined_error()
        _check_arguments(name, parameters, args[leading:], kwargs)
        budget.spend(cost + sum(_weight(v) for v in given))
        value = args[leading] if len(args) > leading else None
        if name == "join" and hasattr(value, "__iter__") and not isinstance(value, Sized):
            value = _listed(value, budget)
            args = (*args[:leading], value, *args[leading + 1 :])
        if name in _TEXT_FILTERS:
            args, kwargs = _text_arguments(name, args, leading, kwargs, environment)
            value = args[leading]
        if _filter_size(name, value, args[leading + 1 :], kwargs) > MAX_RENDERED_CHARS:
            raise TemplateProblem(_TOO_LARGE)
        try:
            result = function(*args, **kwargs)
        except _FILTER_FAILURES:
            message = f"filteret {name} kan ikke brukes på {_describe(value)}"
            raise TemplateProblem(message) from None
        if isinstance(result, Undefined) and name in ("first", "last", "min", "max", "random"):
            raise TemplateProblem(
                f"filteret {name} fikk en tom liste; sjekk med {{% if … %}} først, "
                "eller bruk | default(…)"
            )
        budget.spend(_weight(result))
        return _check_size(result)

    return call


_FILTER_FAILURES = (
    TypeError,
    ValueError,
    ArithmeticError,
    AttributeError,
    LookupError,
    AssertionError,  # truncate(-1) asserts its length
)


def _filter_size(name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """What a filter that can build much from little would build (`center(10**9)`)."""
    numbers = [a for a in (*args, *kwargs.values()) if _is_integer(a)]
    if name in ("batch", "slice") and numbers:
        return numbers[0]
    if name == "tojson" and numbers:
        return numbers[0] * (len(str(value)) + 1)
    if name == "join" and isinstance(value, list | tuple | range):
        separator = args[0] if args else kwargs.get("d", "")
        count = len(value)
        return count * _size(separator) + sum(_size(item) for item in value)
    if isinstance(value, str) and name in ("center", "indent", "replace", "format"):
        return _text_size(name, value, (*args, *kwargs.values()))
    return 0


def _output_filter_function(budget: _Budget) -> Callable[..., Any]:
    """The filter every piece of output passes: it costs a step per 100 characters."""

    @pass_context  # never computed ahead while the template is compiled
    def output(_context: Any, value: Any) -> Any:
        budget.spend(_weight(value))
        return value

    return output


def _listed(iterable: Any, budget: _Budget) -> list[Any]:
    """The items of an iterable as a list, one step each."""
    items = []
    for item in iterable:
        budget.spend(1)
        items.append(item)
    return items


def _charged(test: Callable[..., Any], budget: _Budget) -> Callable[..., Any]:
    """A jinja2 test (`is in`, `is divisibleby`) that costs a step and what it goes through."""

    @functools.wraps(test)
    def call(*args: Any, **kwargs: Any) -> Any:
        budget.spend(CALL_STEPS + sum(_weight(v) for v in (*args, *kwargs.values())))
        return test(*args, **kwargs)

    return call


def _check_arguments(
    name: str, parameters: list[inspect.Parameter], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    """Refuse too many, unknown, doubled or missing filter arguments, naming the valid ones."""
    kinds = {p.kind for p in parameters}
    named = [p.name for p in parameters[1:] if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    positional = [
        p.name for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    valid = f"gyldige argumenter: {', '.join(named)}" if named else "filteret tar ingen argumenter"
    if inspect.Parameter.VAR_KEYWORD not in kinds:
        for key in kwargs:
            if key not in named:
                raise TemplateProblem(
                    f"ukjent argument «{key}» i filteret {name}{suggestion(key, named)}; {valid}"
                )
    if inspect.Parameter.VAR_POSITIONAL not in kinds and len(args) > len(positional):
        most = len(positional) - 1
        if not most:
            raise TemplateProblem(f"filteret {name} tar ingen argumenter, men fikk {len(args) - 1}")
        raise TemplateProblem(
            f"filteret {name} tar høyst {most} argument{'er' if most != 1 else ''}, "
            f"ikke {len(args) - 1}; {valid}"
        )
    for key in kwargs:
        if key in positional[: len(args)]:
            raise TemplateProblem(f"argumentet «{key}» er gitt to ganger i filteret {name}")
    for parameter in parameters[len(args) :]:
        if parameter.kind in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY) and (
            parameter.default is parameter.empty and parameter.name not in kwargs
        ):
            raise TemplateProblem(f"filteret {name} mangler argumentet «{parameter.name}»")


def _english(exc: BaseException) -> str:
    """The last resort for an error no check above caught: say what kind of error it is."""
    if isinstance(exc, ZeroDivisionError):
        return "deling på null"
    if isinstance(exc, RecursionError):
        return "malen kaller seg selv uten slutt (en makro som kaller seg selv)"
    if isinstance(exc, NameError | OverflowError) and "range too big" not in str(exc).lower():
        return "et tall i malen er for stort"
    if "not iterable" in str(exc):
        return "{% for … in … %} trenger en liste etter «in», ikke et tall eller en tekst"
    if "range too big" in str(exc).lower():
        return "løkken er for lang (høyst 100 000 ganger)"
    if "unpack" in str(exc):
        return (
            "{% for a, b in … %} trenger like mange verdier i hvert element som det står navn "
            "foran «in»"
        )
    if "not supported between" in str(exc):
        return "verdiene kan ikke sammenlignes (for eksempel et tall med en tekst)"
    if "as left operand" in str(exc):
        return "«… in tekst» trenger en tekst foran «in»"
    return "verdiene passer ikke sammen (sjekk tallene og filtrene på linjen)"


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
    if match := _NO_ELEMENT.search(message):
        return f"verdien har ikke noe element [{match.group(1)}]"
    if "unsafe" in message or "access to attribute" in message or "safely callable" in message:
        return "malen prøver å nå Python-interne verdier; det er ikke tillatt"
    if "inline if-expression" in message:
        return "«… if …» ga usant og har ingen «else»; skriv {{ a if betingelse else b }}"
    if "sequence was empty" in message:
        return "listen er tom; sjekk med {% if … %} først, eller bruk | default(…)"
    return f"malen kan ikke regnes ut her ({_undefined_kind(message)})"


def _undefined_kind(message: str) -> str:
    """A last word on an unknown jinja2 message about a missing value, without its English."""
    return "en verdi mangler" if "undefined" in message.lower() else "en verdi er ikke tillatt"


def _runtime_message(message: str, environment: SandboxedEnvironment) -> str:
    """Translate jinja2's other runtime errors (unknown filter or test named in a string)."""
    if match := _FILTER.search(message):
        name = match.group(1)
        return f"ukjent filter «{name}»{suggestion(name, environment.filters)}"
    if match := _TEST.search(message):
        name = match.group(1)
        return f"ukjent test «{name}»{suggestion(name, environment.tests)}"
    if "non-namespace" in message:
        return (
            "{% set navn.felt = … %} virker bare på en namespace(); skriv "
            "{% set navn = namespace(felt=…) %} først"
        )
    if "recursive" in message:
        return "loop(…) virker bare i en løkke som er merket «recursive»"
    return "malen kan ikke regnes ut her (sjekk kallene og filtrene på linjen)"


_FILTER = re.compile(r"No filter named '([^']+)'")
_TEST = re.compile(r"No test named '([^']+)'")
_NO_ELEMENT = re.compile(r"has no element (.+)$")
_UNEXPECTED = re.compile(r"unexpected '([^']+)'")
_OPEN_BLOCK = re.compile(r"innermost block that needs to be closed is '([^']+)'")
_UNKNOWN_TAG = re.compile(r"unknown tag '([^']+)'")
_TAGS = ("if", "for", "set")


def _syntax_message(message: str, filters: list[str], environment: SandboxedEnvironment) -> str:
    """Translate jinja2's syntax errors: unknown filters, unexpected characters, open tags."""
    if message.startswith("deckgen-argument: "):
        name = message.removeprefix("deckgen-argument: ")
        return f"malfeil: argumentet «{name}» er gitt to ganger"
    if match := _TEST.search(message):
        name = match.group(1)
        return f"ukjent test «{name}» etter «is»{suggestion(name, environment.tests)}"
    if message.startswith("deckgen: "):
        tag = message.removeprefix("deckgen: ")
        return (
            f"«{{% {tag} %}}» kan ikke brukes i innholdsfiler; hver fil står for seg "
            "(list filene under «innhold:» i presentasjonsfilen)"
        )
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
    if match := _OPEN_BLOCK.search(message):
        tag = match.group(1)
        return f"malfeil: «{{% {tag} %}}» er ikke avsluttet; legg til «{{% end{tag} %}}»"
    if "unexpected end of template" in message.lower():
        return "malfeil: en {{ eller {% er ikke lukket med }} eller %}"
    if "missing end of comment tag" in message.lower():
        return "malfeil: en kommentar «{#» er ikke lukket med «#}»"
    if match := _UNKNOWN_TAG.search(message):
        tag = match.group(1)
        if tag.startswith("end") or tag in ("else", "elif"):
            return f"malfeil: «{{% {tag} %}}» hører ikke til noen åpen blokk"
        return f"malfeil: ukjent «{{% {tag} %}}»{suggestion(tag, _TAGS)}; bruk {', '.join(_TAGS)}"
    if message.startswith("Expected an expression"):
        return "malfeil: en verdi mangler, for eksempel etter «if», «in» eller «=»"
    if match := _EXPECTED.search(message):
        wanted, found = (_TOKENS.get(part, part) for part in match.groups())
        return f"malfeil: ventet «{wanted}», men fant «{found}»"
    return "malfeil: malen kan ikke leses her; sjekk {{ }}, {% %}, parenteser og anførselstegn"


_EXPECTED = re.compile(r"expected token '([^']+)', got '([^']*)'")
_TOKENS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "name": "et navn",
    "end of template": "slutten av filen",
}


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
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return Decimal(str(value))
    if isinstance(value, dict):
        return {str(k): _exact(v) for k, v in value.items()}
    return value
