"""Jinja2 (sandboxed) for content: named facts, table values and number filters in prose."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import inspect
import os
import re
import traceback
import unicodedata
from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, Undefined, UndefinedError, nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError

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


class _Environment(SandboxedEnvironment):
    """The sandbox, with exact arithmetic: `fakta.x * 1.5` computes in decimals."""

    intercepted_binops = frozenset(["+", "-", "*", "/", "//", "%", "**"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Compute `left operator right`; mixed decimal and float become decimal."""
        if _too_big(operator, left, right):
            raise TemplateProblem(f"kan ikke regne ut «{operator}»: resultatet blir for stort")
        if isinstance(left, Decimal) and isinstance(right, float):
            right = _num(right, "")
        elif isinstance(left, float) and isinstance(right, Decimal):
            left = _num(left, "")
        try:
            return super().call_binop(context, operator, left, right)
        except ZeroDivisionError:
            raise TemplateProblem(f"kan ikke regne ut «{operator}»: deling på null") from None
        except (TypeError, ValueError, ArithmeticError):
            raise TemplateProblem(
                f"kan ikke regne ut «{operator}» med {_describe(left)} og {_describe(right)}"
            ) from None


def _too_big(operator: str, left: Any, right: Any) -> bool:
    """A power or a repeated text that would take the machine's memory."""
    if operator == "**" and isinstance(right, int | float | Decimal):
        return bool(abs(Decimal(str(right))) > MAX_POWER)
    if operator == "*" and isinstance(left, str | list) and isinstance(right, int):
        return len(left) * right > MAX_REPEAT
    if operator == "*" and isinstance(right, str | list) and isinstance(left, int):
        return len(right) * left > MAX_REPEAT
    return False


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
        self.environment.filters.update(
            {name: _guarded(name, f) for name, f in self.environment.filters.items()}
        )
        for name in ("lipsum", "cycler", "joiner"):
            self.environment.globals.pop(name, None)
        self.facts = facts
        self.table_value = table_value

    def render(self, path: Path, text: str) -> str:
        """Render one file; errors name the file and line; the result maps lines to the source."""
        if not _TEMPLATE.search(text):
            return text

        def table(spec: str) -> _TableLookup:
            return _TableLookup(path.parent / spec, spec, self.table_value)

        try:
            tree = self.environment.parse(text)
            _refuse_other_files(tree)
            _mark_lines(tree)
            template = self.environment.template_class.from_code(
                self.environment,
                self.environment.compile(tree),
                self.environment.make_globals(None),
                None,
            )
            return _unmark(template.render(fakta=self.facts, tabell=table))
        except TemplateSyntaxError as exc:
            message = _syntax_message(exc.message or "", sorted(OWN_FILTERS))
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
        except (TypeError, ValueError, ArithmeticError, RecursionError, NameError) as exc:
            line = _template_line(exc)
            raise DeckgenError.at(
                SourceLocation(path, line), f"kan ikke regne ut: {_english(exc)}"
            ) from None


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
        return self._lookup(self._path, self._name, rad, kolonne)


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


_UNPRINTABLE: dict[type, str] = {
    bool: "bruk den i {% if … %}",
    dt.date: "skriv {{ … | dato }}",
    list: "skriv {{ … | join(', ') }}",
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
        return f"tallet {value}"
    if isinstance(value, dt.date):
        return f"datoen {value.isoformat()}"
    if isinstance(value, str):
        return f"teksten «{value}»"
    if isinstance(value, list | tuple):
        return "en liste"
    if isinstance(value, dict):
        return "en gruppe med navn"
    if isinstance(value, _TableLookup):
        return "en tabell"
    return "en verdi som ikke passer"


def _guarded(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose arguments are checked and whose failures become Norwegian content errors."""
    inner = inspect.unwrap(function)
    parameters = list(inspect.signature(inner).parameters.values())
    if getattr(inner, "jinja_pass_arg", None) is not None:
        parameters = parameters[1:]
    parameters = [p for p in parameters if p.kind is not p.KEYWORD_ONLY or p.default is p.empty]
    leading = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        given = (*args[leading:], *kwargs.values())
        for value in given[1:] if name in _TAKES_UNDEFINED else given:
            if isinstance(value, Undefined):
                value._fail_with_undefined_error()
        _check_arguments(name, parameters, args[leading:], kwargs)
        try:
            return function(*args, **kwargs)
        except (TypeError, ValueError, ArithmeticError):
            value = args[leading] if len(args) > leading else None
            message = f"filteret {name} kan ikke brukes på {_describe(value)}"
            raise TemplateProblem(message) from None

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
    if "unsafe" in message or "access to attribute" in message:
        return "malen prøver å nå Python-interne verdier; det er ikke tillatt"
    return message


_FILTER = re.compile(r"No filter named '([^']+)'")
_NO_ELEMENT = re.compile(r"has no element (.+)$")
_UNEXPECTED = re.compile(r"unexpected '([^']+)'")
_OPEN_BLOCK = re.compile(r"innermost block that needs to be closed is '([^']+)'")
_UNKNOWN_TAG = re.compile(r"unknown tag '([^']+)'")
_TAGS = ("if", "for", "set")


def _syntax_message(message: str, filters: list[str]) -> str:
    """Translate jinja2's syntax errors: unknown filters, unexpected characters, open tags."""
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
    return f"malfeil: {message}"


def load_facts(paths: list[tuple[Path, SourceLocation]]) -> dict[str, Any]:
    """Read fact files (YAML mappings of names to values); numbers become exact decimals."""
    from deckgen.readers.yamlfile import line_of, load_yaml

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
