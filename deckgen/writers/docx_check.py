"""Verify a Word template against the brand before any paragraph is made, adding what it lacks."""

from __future__ import annotations

from typing import Any

from docx.document import Document

from deckgen.brand import Brand, key_location
from deckgen.errors import DeckgenError, Problem, ProblemKind
from deckgen.writers import docx_xml
from deckgen.writers.docx_newstyles import (
    KIND,
    KIND_WORDS,
    LIST_MARK_WORDS,
    LIST_MARKS,
    StyleMaker,
    needed_names,
)

FIRST = ("brødtekst",)
"""Keys whose style is added before the others, which are based on it."""


def complete_styles(doc: Document, brand: Brand) -> list[Problem]:
    """Add every style stiler names that the template lacks, from the brand's fonts and colours,
    and return a note for each key; raise one error naming every style of the wrong kind."""
    keys = list(type(brand.stiler).model_fields)
    found = style_index(doc)
    errors: list[Problem] = []
    missing: dict[str, list[tuple[int, str]]] = {}
    for key in keys:
        for level, name in needed_names(getattr(brand.stiler, key)):
            style = found.get(name.casefold())
            if style is None:
                missing.setdefault(key, []).append((level, name))
            elif style.type != KIND[key]:
                errors.append(_wrong_kind(brand, key, name, style.type))
    if errors:
        raise DeckgenError(errors)
    maker = StyleMaker(doc, brand)
    for key in sorted(missing, key=lambda k: (k not in FIRST, keys.index(k))):
        for level, name in missing[key]:
            maker.make(key, level, name)
    notes = {
        key: _note(brand, key, [name for _level, name in names]) for key, names in missing.items()
    }
    for key in LIST_MARKS:  # a list style without its own list would lose its marks
        for _level, name in needed_names(getattr(brand.stiler, key)) if key not in missing else []:
            style = found[name.casefold()]
            if not docx_xml.has_own_numbering(style):
                maker.number(style, LIST_MARKS[key])
                notes[key] = _unnumbered_note(brand, key, name)
    return [notes[key] for key in keys if key in notes]


def style_index(doc: Document) -> dict[str, Any]:
    """The document's styles by name in any case («Heading 1», «heading 1»: Word saves its
    built-in names in lower case, LibreOffice as shown), the first of a name winning."""
    index: dict[str, Any] = {}
    for style in doc.styles:
        if style.name:
            index.setdefault(style.name.casefold(), style)
    return index


def _wrong_kind(brand: Brand, key: str, name: str, kind: Any) -> Problem:
    """The error for a style that exists but is of another kind than stiler.<key> needs."""
    return Problem(
        key_location(brand, ("stiler", key)),
        f"Word-malen har stilen «{name}» (stiler.{key}) som {KIND_WORDS.get(kind, 'annen stil')}, "
        f"men deckgen trenger en {KIND_WORDS[KIND[key]]}; velg en annen stil eller gi den et "
        "annet navn i malen",
    )


def _unnumbered_note(brand: Brand, key: str, name: str) -> Problem:
    """The note saying deckgen gave a list style of the template the marks it lacked."""
    return Problem(
        key_location(brand, ("stiler", key)),
        f"Word-malens stil «{name}» (stiler.{key}) er ikke en liste; deckgen ga den "
        f"{LIST_MARK_WORDS[key]}",
        ProblemKind.NOTE,
    )


def _note(brand: Brand, key: str, names: list[str]) -> Problem:
    """The note saying which styles of stiler.<key> deckgen added."""
    quoted = ", ".join(f"«{name}»" for name in names)
    if len(names) == 1:
        text = f"Word-malen har ikke stilen {quoted} (stiler.{key}); deckgen la den til"
    else:
        text = f"Word-malen har ikke stilene {quoted} (stiler.{key}); deckgen la dem til"
    return Problem(
        key_location(brand, ("stiler", key)),
        f"{text} med merkevarens skrift og farger",
        ProblemKind.NOTE,
    )
