"""Verify a PowerPoint template against the brand before any slide is made."""

from __future__ import annotations

from typing import Any

from deckgen.brand import Brand, key_location
from deckgen.errors import DeckgenError, Problem

PLACEHOLDERS_BY_LAYOUT: dict[str, tuple[str, ...]] = {
    "tittel": ("undertittel", "møte"),
    "deloverskrift": ("undertittel",),
    "avslutning": ("undertittel",),
    "punkter": ("innhold",),
    "tidsplan": ("innhold",),
    "to_kolonner": ("to_kolonner",),
    "tre_kolonner": ("tre_kolonner",),
    "to_kolonner_med_titler": ("kolonnetitler", "kolonner_med_titler"),
    "bilde": ("bilde", "bildetekst"),
}
"""The placeholders (lysbilder.plassholdere.*) the writer fills on each layout (oppsett.*)."""


def verify_template(brand: Brand, layouts: dict[str, Any]) -> None:
    """Raise one error naming every layout and placeholder the brand maps but the template lacks.

    Every layout in oppsett is verified, also one the deck at hand does not use, so the brand
    owner learns everything at once.
    """
    problems: list[Problem] = []
    for key in type(brand.oppsett).model_fields:
        name = getattr(brand.oppsett, key)
        layout = layouts.get(name)
        if layout is None:
            problems.append(
                Problem(
                    key_location(brand, ("oppsett", key)),
                    f"malen har ikke oppsettet «{name}» (oppsett.{key}); "
                    f"malen har: {', '.join(layouts)}",
                )
            )
            continue
        problems.extend(_placeholder_problems(brand, key, layout))
    if problems:
        raise DeckgenError(sorted(problems, key=lambda p: p.location.line if p.location else 0))


def _placeholder_problems(brand: Brand, key: str, layout: Any) -> list[Problem]:
    """The placeholders the writer fills on layout oppsett.<key> that the layout lacks."""
    present = {shape.placeholder_format.idx for shape in layout.placeholders}
    holders = brand.lysbilder.plassholdere
    problems = []
    for field in PLACEHOLDERS_BY_LAYOUT.get(key, ()):
        value = getattr(holders, field)
        numbers = value if isinstance(value, list) else [value]
        for number in numbers:
            if number in present:
                continue
            problems.append(
                Problem(
                    key_location(brand, ("lysbilder", "plassholdere", field)),
                    f"oppsettet «{layout.name}» (oppsett.{key}) mangler plassholder nr. {number} "
                    f"(lysbilder.plassholdere.{field}); oppsettet har: "
                    f"{', '.join(str(n) for n in sorted(present)) or '(ingen)'}",
                )
            )
    return problems
