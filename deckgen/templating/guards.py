"""Filters, tests and calls wrapped so their arguments and work are checked."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Sized
from typing import Any

from jinja2 import Undefined, pass_context
from jinja2.runtime import Macro

from deckgen.errors import suggestion
from deckgen.templating.budget import (
    CALL_STEPS,
    MAX_RENDERED_CHARS,
    NUMBER_FILTER_STEPS,
    TOO_LARGE,
    Budget,
    check_size,
    filter_size,
    weight,
)
from deckgen.templating.describe import describe
from deckgen.templating.problems import TemplateProblem
from deckgen.templating.textformat import TEXT_FILTERS, text_arguments
from deckgen.templating.values import OWN_FILTERS

_TAKES_UNDEFINED = ("default", "d")
"""Filters meant for names that may be missing: only their arguments must exist."""


def check_signature(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a call of deckgen's own functions (`tabell`, `verdi`) with the wrong arguments."""
    if not getattr(obj, "deckgen_function", False):
        return
    try:
        inspect.signature(obj).bind(*args, **kwargs)
    except TypeError:
        raise TemplateProblem(
            f"feil argumenter til {obj.__name__}(); skriv {obj.deckgen_function}"
        ) from None


NOT_RECURSIVE = "loop(…) virker bare i en løkke merket «recursive»: {% for … in … recursive %}"


def check_macro_arguments(macro: Macro, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
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


def guarded(
    name: str, function: Callable[..., Any], budget: Budget, environment: Any
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
        budget.spend(cost + sum(weight(v) for v in given))
        value = args[leading] if len(args) > leading else None
        if name == "join" and hasattr(value, "__iter__") and not isinstance(value, Sized):
            value = _listed(value, budget)
            args = (*args[:leading], value, *args[leading + 1 :])
        if name in TEXT_FILTERS:
            args, kwargs = text_arguments(name, args, leading, kwargs, environment)
            value = args[leading]
        if filter_size(name, value, args[leading + 1 :], kwargs) > MAX_RENDERED_CHARS:
            raise TemplateProblem(TOO_LARGE)
        try:
            result = function(*args, **kwargs)
        except _FILTER_FAILURES:
            message = f"filteret {name} kan ikke brukes på {describe(value)}"
            raise TemplateProblem(message) from None
        if isinstance(result, Undefined) and name in ("first", "last", "min", "max", "random"):
            raise TemplateProblem(
                f"filteret {name} fikk en tom liste; sjekk med {{% if … %}} først, "
                "eller bruk | default(…)"
            )
        budget.spend(weight(result))
        return check_size(result)

    return call


_FILTER_FAILURES = (
    TypeError,
    ValueError,
    ArithmeticError,
    AttributeError,
    LookupError,
    AssertionError,  # truncate(-1) asserts its length
)


OUTPUT_FILTER = "deckgen output"
"""A filter every piece of output passes (a name no template can write)."""


def output_filter_function(budget: Budget) -> Callable[..., Any]:
    """The filter every piece of output passes: it costs a step per 100 characters."""

    @pass_context  # never computed ahead while the template is compiled
    def output(_context: Any, value: Any) -> Any:
        budget.spend(weight(value))
        return value

    return output


def _listed(iterable: Any, budget: Budget) -> list[Any]:
    """The items of an iterable as a list, one step each."""
    items = []
    for item in iterable:
        budget.spend(1)
        items.append(item)
    return items


def charged(test: Callable[..., Any], budget: Budget) -> Callable[..., Any]:
    """A jinja2 test (`is in`, `is divisibleby`) that costs a step and what it goes through."""

    @functools.wraps(test)
    def call(*args: Any, **kwargs: Any) -> Any:
        budget.spend(CALL_STEPS + sum(weight(v) for v in (*args, *kwargs.values())))
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
