"""Templates in content: facts and table values through number filters, in jinja2's sandbox."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from deckgen.errors import DeckgenError
from deckgen.numbers import DRAMMEN, SPRAKRADET
from deckgen.templating import Templates


def no_tables(*_args: object) -> Decimal:
    raise AssertionError("ingen tabeller i denne testen")


def render(text: str, style=DRAMMEN) -> str:  # type: ignore[no-untyped-def]
    facts = {"netto": Decimal(78_300_000), "inntekter": Decimal(9_123_300_000)}
    return Templates(style, facts, no_tables).render(Path("side.md"), text)


def problem(text: str) -> str:
    with pytest.raises(DeckgenError) as caught:
        render(text)
    return caught.value.problems[0].display()


def test_filters_use_the_number_style() -> None:
    text = "{{ fakta.netto | millioner }} = {{ (fakta.netto / fakta.inntekter) | prosent }}"
    assert render(text) == "78,3 millioner kroner = 0,9 %"
    assert render("{{ fakta.inntekter | beløp('1000 kr') }}") == "9.123.300"
    assert render("{{ fakta.inntekter | beløp('1000 kr') }}", SPRAKRADET) == "9\u00a0123\u00a0300"
    assert render("{{ (fakta.netto / fakta.inntekter) | prosent(ord=true) }}") == "0,9 prosent"


def test_text_without_templates_is_untouched() -> None:
    assert (
        render("## Tittel {.nøkkeltall}\n\n{#ikke en mal}\n")
        == "## Tittel {.nøkkeltall}\n\n{#ikke en mal}\n"
    )


def test_undefined_name_names_file_and_line() -> None:
    assert problem("## T\n\nTall: {{ fakta.nettto | tall }}\n") == (
        "side.md:3: ukjent navn «nettto» i malen; det finnes ikke i faktafilene "
        "eller tabellen (mente du «netto»?)"
    )
    assert problem("## T\n\n{{ xyz }}\n") == (
        "side.md:3: ukjent navn «xyz» i malen; det finnes ikke i faktafilene eller tabellen"
    )


def test_syntax_error_names_line() -> None:
    assert problem("## T\n\n{{ fakta.netto \n").startswith("side.md:3: malfeil:")


def test_sandbox_refuses_internals() -> None:
    assert problem("## T\n\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n") == (
        "side.md:3: malen prøver å nå Python-interne verdier; det er ikke tillatt"
    )


def test_filter_on_text_is_a_clear_error() -> None:
    assert (
        problem("## T\n\n{{ 'abc' | tall }}\n")
        == "side.md:3: kan ikke regne ut: «abc» er ikke et tall"
    )
