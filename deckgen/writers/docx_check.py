"""Verify a Word template against the brand before any paragraph is made."""

from __future__ import annotations

from docx.document import Document

from deckgen.brand import Brand, key_location
from deckgen.errors import DeckgenError, Problem


def verify_styles(doc: Document, brand: Brand) -> None:
    """Raise one error naming every style in stiler the template lacks ({nivå} checked as 1)."""
    problems = []
    for key in type(brand.stiler).model_fields:
        name = getattr(brand.stiler, key).replace("{nivå}", "1")
        try:
            doc.styles[name]
        except KeyError:
            problems.append(
                Problem(
                    key_location(brand, ("stiler", key)),
                    f"Word-malen har ikke stilen «{name}» (stiler.{key})",
                )
            )
    if problems:
        raise DeckgenError(problems)
