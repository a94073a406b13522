"""Verify a PowerPoint template against the brand before any slide is made."""

from __future__ import annotations

from typing import Any

from deckgen.brand import Brand, key_location
from deckgen.errors import DeckgenError, Problem, both
from deckgen.writers.pptx_roles import layout_roles, missing_roles


def verify_template(brand: Brand, layouts: dict[str, Any]) -> None:
    """Raise one error naming every layout the brand maps but the template lacks, and every
    placeholder role a mapped layout lacks for its slide kind.

    Every layout in oppsett is verified, also one the deck at hand does not use, so the brand
    owner learns everything at once. brand.yaml is read again for a line number only when
    something is wrong.
    """
    problems: list[Problem] = []
    for key in type(brand.oppsett).model_fields:
        name = getattr(brand.oppsett, key)
        if name is None:
            continue
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
        missing = missing_roles(key, layout_roles(layout))
        if missing:
            problems.append(
                Problem(
                    key_location(brand, ("oppsett", key)),
                    f"oppsettet «{name}» (oppsett.{key}) mangler {both(missing)}; "
                    "se plassholderne med «deckgen brand inspect»",
                )
            )
    if problems:
        raise DeckgenError(sorted(problems, key=lambda p: p.location.line if p.location else 0))
