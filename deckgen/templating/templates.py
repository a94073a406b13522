"""Renders content files: facts, table lookups and number filters, errors at file:line."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from jinja2 import StrictUndefined, TemplateRuntimeError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SecurityError

from deckgen.errors import DeckgenError, Problem, SharedError, SourceLocation
from deckgen.numbers import NumberStyle
from deckgen.templating.describe import describe
from deckgen.templating.guards import OUTPUT_FILTER, charged, guarded, output_filter_function
from deckgen.templating.lookup import TableFileError, TableLookup, TablePathError
from deckgen.templating.messages import (
    calling_line,
    english,
    runtime_message,
    syntax_message,
    template_line,
    undefined_message,
)
from deckgen.templating.problems import TemplateProblem, TemplateSyntaxProblem
from deckgen.templating.sandbox import Environment
from deckgen.templating.tree import (
    Rendered,
    bounded,
    mark_lines,
    meter,
    refuse_other_files,
    refuse_repeated_arguments,
    unmark,
)
from deckgen.templating.values import (
    OWN_FILTERS,
    amount_filter,
    date_filter,
    finalize,
    float_filter,
    int_filter,
    millions_filter,
    number_filter,
    percent_filter,
    round_filter,
)

_TEMPLATE = re.compile(r"\{\{|\{%|\{#.*?#\}", re.DOTALL)

_COMPILED: dict[str, Any] = {}
"""Compiled template code by its source text: `deckgen watch` renders the same unchanged files
again on every rebuild, and parsing and compiling them is most of the time rendering takes.
The code does not depend on the environment it was compiled in: it looks its filters and
globals up in the environment it runs in."""

_COMPILED_KEPT = 512
"""How many compiled templates are kept; the oldest is forgotten first."""


class Templates:
    """Renders content files with facts, table lookups and the brand's number filters."""

    def __init__(
        self,
        style: NumberStyle,
        facts: dict[str, Any],
        table_value: Callable[[Path, str, str, str], Decimal],
    ) -> None:
        self.environment = Environment(
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            finalize=finalize,
        )
        self.environment.filters.update(
            round=round_filter,
            int=int_filter,
            float=float_filter,
            beløp=functools.partial(amount_filter, style=style),
            tall=functools.partial(number_filter, style=style),
            prosent=functools.partial(percent_filter, style=style),
            millioner=functools.partial(millions_filter, style=style),
            dato=date_filter,
        )
        budget = self.environment.budget
        self.environment.filters.update(
            {
                name: guarded(name, f, budget, self.environment)
                for name, f in self.environment.filters.items()
            }
        )
        self.environment.tests.update(
            {
                name: charged(cast(Any, test), budget)
                for name, test in self.environment.tests.items()
            }
        )
        self.environment.filters[OUTPUT_FILTER] = output_filter_function(budget)
        for name in ("lipsum", "cycler", "joiner"):
            self.environment.globals.pop(name, None)
        self.facts = facts
        self.table_value = table_value

    def render(self, path: Path, text: str) -> str:
        """Render one file; errors name the file and line; the result maps lines to the source."""
        if not _TEMPLATE.search(text):
            return text
        self.environment.budget.steps = 0
        try:
            rendered = self._generate(text, _table_function(path, self.table_value))
        except SharedError as exc:  # a faulty table: shown once, where it is, with its uses
            line = exc.line if isinstance(exc, TableFileError) else 0
            line = line or template_line(exc)
            exc.used_at(SourceLocation(path, line), template=True)
            raise
        except _TRANSLATED as exc:
            raise self._located(exc, path) from None
        _refuse_control_characters(path, rendered)
        return rendered

    def _generate(self, text: str, tabell: Callable[[str], TableLookup]) -> Rendered:
        """Parse, check and rewrite the template, then run it within the budgets."""
        template = self.environment.template_class.from_code(
            self.environment, self._compiled(text), self.environment.make_globals(None), None
        )
        return unmark(bounded(template.generate(fakta=self.facts, tabell=tabell)))

    def _compiled(self, text: str) -> Any:
        """The template's code: parsed, checked, rewritten and compiled once per text."""
        code = _COMPILED.get(text)
        if code is None:
            tree = self.environment.parse(text)
            refuse_other_files(tree)
            refuse_repeated_arguments(tree)
            mark_lines(tree)
            meter(tree)
            tree.set_environment(self.environment)
            code = self.environment.compile(tree)
            if len(_COMPILED) >= _COMPILED_KEPT:
                del _COMPILED[next(iter(_COMPILED))]
            _COMPILED[text] = code
        return code

    def _located(self, exc: Exception, path: Path) -> DeckgenError:
        """An error from parsing or running a template, as a Norwegian message at its line."""
        if isinstance(exc, TemplateSyntaxError):
            message = syntax_message(exc.message or "", sorted(OWN_FILTERS), self.environment)
            return DeckgenError.at(SourceLocation(path, exc.lineno), message)
        if isinstance(exc, TemplateSyntaxProblem):
            return DeckgenError.at(SourceLocation(path, exc.line), str(exc))
        line = exc.line if isinstance(exc, TablePathError) else 0
        message = self._message(exc, path)
        return DeckgenError.at(SourceLocation(path, line or template_line(exc)), message)

    def _message(self, exc: Exception, path: Path) -> str:
        """The Norwegian message for an error raised while the template runs."""
        if isinstance(exc, UndefinedError | SecurityError):
            return undefined_message(str(exc), self.facts)
        if isinstance(exc, TemplateProblem):
            return str(exc)
        if isinstance(exc, DeckgenError):
            return "; ".join(_inner(p, path) for p in exc.problems)
        if isinstance(exc, TemplateRuntimeError):
            return runtime_message(str(exc), self.environment)
        return f"kan ikke regne ut: {english(exc)}"


_TRANSLATED = (
    TemplateSyntaxError,
    TemplateSyntaxProblem,
    TemplateProblem,
    DeckgenError,
    TemplateRuntimeError,
    TypeError,
    ValueError,
    ArithmeticError,
    RecursionError,
    NameError,
    LookupError,
    AttributeError,
    MemoryError,
)
"""The errors a template can cause; each becomes a message at its file and line."""


def _table_function(
    path: Path, table_value: Callable[[Path, str, str, str], Decimal]
) -> Callable[[str], TableLookup]:
    """`tabell("fil.yaml")` for one content file: specs are found from its folder."""

    def tabell(fil: str) -> TableLookup:
        if not isinstance(fil, str):
            raise TemplateProblem(
                "tabell() trenger filnavnet til en tabellbeskrivelse i anførselstegn, "
                f'for eksempel tabell("tabeller/okonomi.yaml"), ikke {describe(fil)}'
            )
        if "\\" in fil:
            raise TemplateProblem(
                f"stien «{fil}» har \\; skriv stier med /, for eksempel "
                'tabell("tabeller/okonomi.yaml")'
            )
        return TableLookup(path.parent / fil, fil, table_value, calling_line())

    tabell.deckgen_function = 'tabell("tabeller/fil.yaml")'  # type: ignore[attr-defined]
    return tabell


def _refuse_control_characters(path: Path, rendered: Rendered) -> None:
    """Refuse a control character the template wrote, at the source line it comes from."""
    from deckgen.config.text import CONTROL_CHARACTER, bad_character

    if match := CONTROL_CHARACTER.search(rendered):
        line = rendered.source_line(rendered.count("\n", 0, match.start()) + 1)
        message = bad_character(match.group(), " fra malen ({{ … }})")
        raise DeckgenError.at(SourceLocation(path, line), message)


def _inner(problem: Problem, path: Path) -> str:
    """A problem found by a table lookup, its file named from the content file's folder."""
    where = problem.location
    if where is None or not where.line:
        return problem.message
    return f"{os.path.relpath(where.path, path.parent)}:{where.line}: {problem.message}"
