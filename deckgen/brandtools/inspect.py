"""`deckgen brand inspect`: a template's layouts, placeholders, theme and Word styles, and what
deckgen would use each for."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from deckgen.brand import Layouts
from deckgen.brandtools.guess import (
    CHARACTER,
    PARAGRAPH,
    STYLE_NAMES,
    TABLE,
    LayoutGuess,
    StyleGuess,
    guess_layouts,
    guess_styles,
    keys_for_style,
    styles_of,
)
from deckgen.brandtools.theme import Theme, palette, theme_of
from deckgen.errors import DeckgenError, Problem
from deckgen.numbers import format_number
from deckgen.writers.pptx_roles import Holder, LayoutRoles, layout_roles, missing_roles

EMU_PER_CM = Decimal(360000)
WORD_SUFFIXES = (".docx", ".dotx", ".docm", ".dotm", ".doc", ".dot")
"""File endings taken as Word templates; every other file is checked as a PowerPoint one."""


@dataclass
class PowerPoint:
    """What deckgen reads from a PowerPoint template."""

    presentation: Any
    layouts: list[LayoutRoles]
    theme: Theme


def is_word(path: Path) -> bool:
    """Whether a template file is meant as a Word template (by its ending)."""
    return path.suffix.lower() in WORD_SUFFIXES


def checked(path: Path, shown: str, word: bool) -> Problem | None:
    """A Norwegian problem naming the file when it is not a template deckgen can read."""
    from deckgen import inputfiles

    kind = "Word" if word else "PowerPoint"
    if not path.is_file():
        return Problem(None, f"{kind}-malen «{shown}» finnes ikke")
    found = inputfiles.template_problem(path, shown, inputfiles.DOCX if word else inputfiles.PPTX)
    return None if found is None else Problem(None, found)


def check_all(templates: list[tuple[Path, str, bool]]) -> None:
    """Raise one error naming every template that cannot be read."""
    problems = [p for path, shown, word in templates if (p := checked(path, shown, word))]
    if problems:
        raise DeckgenError(problems)


def open_powerpoint(path: Path) -> PowerPoint:
    """A checked PowerPoint template (.pptx or .potx), its layouts by role and its theme."""
    from pptx import Presentation

    from deckgen.inputfiles import office_package

    presentation = Presentation(office_package(path))
    layouts = [layout_roles(layout) for layout in presentation.slide_layouts]
    return PowerPoint(presentation, layouts, theme_of(presentation))


def open_word(path: Path) -> Any:
    """A checked Word template (.docx or .dotx) as a python-docx document."""
    from docx import Document

    from deckgen.inputfiles import office_package

    return Document(office_package(path))


def cm(emu: int) -> str:
    """A length in EMU as centimetres with one decimal: `21,6`."""
    return format_number(Decimal(emu) / EMU_PER_CM, decimals=1)


def holder_line(holder: Holder) -> str:
    """One placeholder: role, position and size."""
    return (
        f"{holder.role.value}: {cm(holder.left)} cm fra venstre, {cm(holder.top)} cm fra "
        f"toppen, {cm(holder.width)} × {cm(holder.height)} cm"
    )


def layout_lines(powerpoint: PowerPoint, guess: LayoutGuess) -> list[str]:
    """Each layout in order with its placeholders, the slide kinds it fits and is chosen for."""
    lines = []
    for number, roles in enumerate(powerpoint.layouts, start=1):
        lines.append(f"{number}. «{roles.name}»")
        if roles.holders:
            lines.append("   plassholdere:")
            lines.extend(f"     {holder_line(holder)}" for holder in roles.holders)
        else:
            lines.append("   plassholdere: (ingen)")
        fits = [key for key in Layouts.model_fields if not missing_roles(key, roles)]
        lines.append(f"   passer for: {', '.join(fits) or '(ingen lysbildetype)'}")
        chosen = [key for key, name in guess.chosen.items() if name == roles.name]
        if chosen:
            lines.append(f"   «deckgen brand new» velger det for: {', '.join(chosen)}")
    return lines


_HOW = {"navn": "navnet", "roller": "plassholderne"}


def mapping_lines(guess: LayoutGuess) -> list[str]:
    """Each slide kind: the layout chosen and why, or what happens without one."""
    drawn_on = guess.chosen.get("bare_tittel") or guess.chosen.get("tabell")
    lines = []
    for key in Layouts.model_fields:
        name, how = guess.chosen.get(key), guess.how.get(key, "")
        if name is not None and how.startswith("som "):
            lines.append(f"  {key}: «{name}» (ingen eget oppsett; samme som {how[4:]})")
        elif name is not None:
            lines.append(f"  {key}: «{name}» (valgt etter {_HOW[how]})")
        elif how == "tegnes" and key == "tidsplan":  # chosen only by its name
            lines.append(
                f"  {key}: ikke eget oppsett (velges bare etter navnet); tegnes som tekstbokser "
                f"på «{drawn_on}»"
            )
        elif how == "tegnes":
            lines.append(f"  {key}: ingen oppsett passer; tegnes som tekstbokser på «{drawn_on}»")
        elif key == "nøkkeltall":
            lines.append(f"  {key}: ikke eget oppsett; tegnes på «{drawn_on}»")
        elif how == "standard":
            lines.append(f"  {key}: ikke eget oppsett; bruker «{guess.chosen.get('tabell')}»")
        else:
            lines.append(f"  {key}: INGEN oppsett passer ({_needs(key)})")
    return lines


def _needs(key: str) -> str:
    """What a slide kind needs of a layout, from an empty layout's missing roles."""
    return "trenger " + ", ".join(missing_roles(key, LayoutRoles("", [])))


def theme_lines(theme: Theme) -> list[str]:
    """The theme's colours and fonts, and the brand colours made from them."""
    colours, sources, missing = palette(theme)
    slots = ", ".join(f"{slot} {value}" for slot, value in theme.colours.items())
    brand = ", ".join(
        f"{key} {value} ({sources[key] or 'ikke i temaet; nøytral farge'})"
        for key, value in colours.items()
    )
    lines = [
        f"Tema «{theme.name}»:",
        f"  farger: {slots or '(ingen)'}",
        f"  skrift: overskrifter «{theme.heading_font}», tekst «{theme.body_font}»",
        f"  merkevarens farger: {brand}",
    ]
    if missing:
        lines.append(f"  temaet mangler farger for: {', '.join(missing)}")
    weak = text_contrast_notes(colours)
    if weak:
        lines.append(f"  som tekst på hvitt under 4,5:1: {', '.join(weak)}")
    return lines


def text_contrast_notes(colours: dict[str, str]) -> list[str]:
    """Brand colours too light to read as normal text on white, each with the darker variant
    the writers give text in it («primær 4F81BD 4,0:1, tekst i den blir 4978B0»)."""
    from deckgen.colours import contrast, readable

    notes = []
    for key in ("primær", "mørk", "aksent", "grønn", "tekst"):
        value = colours.get(key)
        if value is None or readable(value) == value:
            continue
        ratio = format_number(Decimal(int(contrast(value, "FFFFFF") * 10)) / 10, decimals=1)
        notes.append(f"{key} {value} {ratio}:1, tekst i den blir {readable(value)}")
    return notes


def powerpoint_lines(path: Path, shown: str) -> list[str]:
    """The whole report on a PowerPoint template."""
    powerpoint = open_powerpoint(path)
    presentation = powerpoint.presentation
    guess = guess_layouts(powerpoint.layouts)
    examples = len(presentation.slides)
    lines = [
        f"PowerPoint-malen «{shown}»: {cm(presentation.slide_width)} × "
        f"{cm(presentation.slide_height)} cm, {len(powerpoint.layouts)} oppsett, "
        f"{examples} eksempellysbilde(r)" + (" (tas ut når deckgen bygger)" if examples else ""),
        "",
        "Oppsett (i malens rekkefølge; plassholderne ovenfra og ned, fra venstre):",
        *layout_lines(powerpoint, guess),
        "",
        "Lysbildetyper (oppsett: i brand.yaml):",
        *mapping_lines(guess),
        "",
        *theme_lines(powerpoint.theme),
    ]
    return lines


_STYLE_WORD = {PARAGRAPH: "avsnittsstil", CHARACTER: "tegnstil", TABLE: "tabellstil"}
_KIND_TITLES = ((PARAGRAPH, "Avsnittsstiler"), (CHARACTER, "Tegnstiler"), (TABLE, "Tabellstiler"))


def word_lines(path: Path, shown: str) -> list[str]:
    """The whole report on a Word template: its styles and the stiler keys each serves."""
    styles = styles_of(open_word(path))
    guess = guess_styles(styles)
    lines = [f"Word-malen «{shown}»: {len(styles)} stiler"]
    for kind, title in _KIND_TITLES:
        lines.extend(["", f"{title}:"])
        for style in (s for s in styles if s.kind == kind):
            keys = keys_for_style(style, guess.chosen)
            used = f" → {', '.join(f'stiler.{key}' for key in keys)}" if keys else ""
            lines.append(f"  {style.name}{used}")
    lines.extend(["", *missing_style_lines(guess)])
    return lines


def missing_style_lines(guess: StyleGuess) -> list[str]:
    """The stiler keys the template has no style for, which deckgen adds."""
    if not guess.missing:
        return ["Malen har en stil for hver nøkkel under stiler:."]
    lines = ["Stiler deckgen bruker som malen ikke har (legges til når dokumentet bygges):"]
    for key in guess.missing:
        lines.append(f"  stiler.{key}: «{guess.chosen[key]}» ({_STYLE_WORD[STYLE_NAMES[key][0]]})")
    return lines


def inspect(templates: list[Path]) -> list[str]:
    """The report on each template, in the order given; every unreadable one raised at once."""
    entries = [(path, path.as_posix(), is_word(path)) for path in templates]
    check_all(entries)
    lines: list[str] = []
    for path, shown, word in entries:
        if lines:
            lines.append("")
        lines.extend(word_lines(path, shown) if word else powerpoint_lines(path, shown))
    return lines
