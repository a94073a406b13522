"""Jinja2 (sandboxed) for content: named facts, table values and number filters in prose."""

from deckgen.templating.budget import MAX_RENDERED_CHARS, MAX_TEMPLATE_STEPS
from deckgen.templating.facts import load_facts
from deckgen.templating.problems import TemplateProblem
from deckgen.templating.templates import Templates
from deckgen.templating.tree import Rendered
from deckgen.templating.values import OWN_FILTERS, UNIT_DIVISORS

__all__ = [
    "MAX_RENDERED_CHARS",
    "MAX_TEMPLATE_STEPS",
    "OWN_FILTERS",
    "UNIT_DIVISORS",
    "Rendered",
    "TemplateProblem",
    "Templates",
    "load_facts",
]
