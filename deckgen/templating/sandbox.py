"""The jinja2 sandbox with exact arithmetic and the work budget."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sized
from decimal import Decimal
from typing import Any

from jinja2 import Undefined
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from deckgen.templating.budget import (
    CALL_STEPS,
    MAX_RENDERED_CHARS,
    TOO_LARGE,
    Budget,
    check_size,
    estimated_size,
    too_big,
    weight,
)
from deckgen.templating.describe import callable_name, describe
from deckgen.templating.guards import NOT_RECURSIVE, check_macro_arguments, check_signature
from deckgen.templating.problems import TemplateProblem
from deckgen.templating.textformat import TextEscapeFormatter, TextFormatter, percent_arguments
from deckgen.templating.values import exact_number, finalize


class Environment(SandboxedEnvironment):
    """The sandbox, with exact arithmetic (`fakta.x * 1.5` computes in decimals) and budgets."""

    intercepted_binops = frozenset(["+", "-", "*", "/", "//", "%", "**"])

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.budget = Budget()

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Compute `left operator right`; mixed decimal and float become decimal."""
        self.budget.spend(CALL_STEPS)
        if too_big(operator, left, right):
            raise TemplateProblem(f"kan ikke regne ut «{operator}»: resultatet blir for stort")
        if isinstance(left, Decimal) and isinstance(right, float):
            right = exact_number(right, "")
        elif isinstance(left, float) and isinstance(right, Decimal):
            left = exact_number(left, "")
        if operator == "%" and isinstance(left, str):
            right = percent_arguments(left, right)
        try:
            result = super().call_binop(context, operator, left, right)
        except ZeroDivisionError:
            raise TemplateProblem(f"kan ikke regne ut «{operator}»: deling på null") from None
        except (TypeError, ValueError, ArithmeticError):
            raise TemplateProblem(
                f"kan ikke regne ut «{operator}» med {describe(left)} og {describe(right)}"
            ) from None
        if isinstance(result, complex):
            raise TemplateProblem(f"kan ikke regne ut «{operator}»: resultatet er ikke et tall")
        if isinstance(result, float) and not math.isfinite(result):
            raise TemplateProblem(f"kan ikke regne ut «{operator}»: resultatet blir for stort")
        self.budget.spend(weight(result))
        return check_size(result)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`'{}'.format(x)` and `format_map`: each value as `{{ }}` would print it."""
        if super().wrap_str_format(value) is None:
            return None
        text = value.__self__
        formatter: TextFormatter = (
            TextEscapeFormatter(self, escape=text.escape)
            if isinstance(text, Markup)
            else TextFormatter(self)
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
            self.budget.spend(weight(result))
        return result

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """Call a function, method or macro from a template, within the budgets."""
        given = {k: v for k, v in kwargs.items() if k not in ("_loop_vars", "_block_vars")}
        if obj == self.deckgen_loop:
            return super().call(context, obj, *args, **kwargs)
        self.budget.spend(CALL_STEPS + sum(weight(v) for v in (*args, *given.values())))
        if isinstance(obj, Undefined):
            obj._fail_with_undefined_error()
        if not callable(obj):
            raise TemplateProblem(
                f"{describe(obj)} kan ikke kalles med ( ); fjern parentesene etter navnet"
            )
        args = self._checked_arguments(obj, args, given)
        if estimated_size(obj, args) > MAX_RENDERED_CHARS:
            raise TemplateProblem(TOO_LARGE)
        if isinstance(obj, Macro | LoopContext):  # errors inside them are their own
            return check_size(super().call(context, obj, *args, **kwargs))
        try:
            result = super().call(context, obj, *args, **kwargs)
        except (TypeError, ValueError):
            message = f"{callable_name(obj)} fikk argumenter som ikke passer"
            raise TemplateProblem(message) from None
        except LookupError:
            raise TemplateProblem(
                f"{callable_name(obj)} fant ikke noe element (listen eller gruppen er tom "
                "eller har ikke det navnet)"
            ) from None
        owner = getattr(obj, "__self__", None)
        if isinstance(owner, list | dict | set):
            check_size(owner)
        self.budget.spend(weight(result) if not isinstance(result, range) else 0)
        return check_size(result)

    def _checked_arguments(
        self, obj: Any, args: tuple[Any, ...], given: dict[str, Any]
    ) -> tuple[Any, ...]:
        """Refuse arguments a callable does not take; metered lists where it goes through one."""
        if isinstance(obj, LoopContext):
            if obj._recurse is None:
                raise TemplateProblem(NOT_RECURSIVE)
            if args:
                args = (self.deckgen_loop(args[0]), *args[1:])
        check_signature(obj, args, given)
        if isinstance(obj, Macro):
            check_macro_arguments(obj, args, given)
        if getattr(obj, "__name__", "") == "join" and args and not isinstance(args[0], Sized):
            args = (self._listed(args[0]), *args[1:])
        return args

    def _listed(self, iterable: Any) -> list[Any]:
        """The items of an iterable (a `map` or `select` result) as a list, one step each."""
        return list(self.deckgen_loop(iterable))

    def deckgen_loop(self, iterable: Any) -> Any:
        """The items of a `{% for %}` loop, one step each."""
        if isinstance(iterable, Undefined):
            iterable._fail_with_undefined_error()
        if not hasattr(iterable, "__iter__"):
            raise TemplateProblem(
                f"{{% for … in … %}} trenger en liste etter «in», ikke {describe(iterable)}"
            )
        for item in iterable:
            self.budget.spend(1)
            yield item

    def deckgen_concat(self, *parts: Any) -> str:
        """`a ~ b`: each part as `{{ }}` would print it."""
        return "".join(str(finalize(part)) for part in parts)

    def deckgen_in(self, value: Any) -> Any:
        """A value checked by `in`: it costs a step per element."""
        if (
            not isinstance(value, Undefined)
            and not hasattr(value, "__contains__")
            and not hasattr(value, "__iter__")
        ):
            raise TemplateProblem(
                f"«… in …» trenger en liste eller en tekst etter «in», ikke {describe(value)}"
            )
        return value
