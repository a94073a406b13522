"""Jinja2 (sandboxed) for content: named facts, table values and number filters in prose."""

from deckgen.templating.budget import (
    CALL_STEPS,
    CHARACTERS_PER_STEP,
    MAX_INTEGER_BITS,
    MAX_POWER,
    MAX_RENDERED_CHARS,
    MAX_REPEAT,
    MAX_TEMPLATE_STEPS,
    NUMBER_FILTER_STEPS,
)
from deckgen.templating.facts import load_facts
from deckgen.templating.problems import TemplateProblem
from deckgen.templating.templates import Templates
from deckgen.templating.tree import Rendered
from deckgen.templating.values import MAX_DECIMALS, OWN_FILTERS, UNIT_DIVISORS

__all__ = [
    "CALL_STEPS",
    "CHARACTERS_PER_STEP",
    "MAX_DECIMALS",
    "MAX_INTEGER_BITS",
    "MAX_POWER",
    "MAX_REPEAT",
    "NUMBER_FILTER_STEPS",
    "MAX_RENDERED_CHARS",
    "MAX_TEMPLATE_STEPS",
    "OWN_FILTERS",
    "UNIT_DIVISORS",
    "Rendered",
    "TemplateProblem",
    "Templates",
    "load_facts",
]
