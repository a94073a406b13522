"""The text of a new brand.yaml, commented in Norwegian as the shipped brands are."""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass, field

import yaml

from deckgen.brand import Layouts
from deckgen.brandtools.guess import LayoutGuess, StyleGuess
from deckgen.brandtools.theme import PALETTE_SOURCES

_COLOUR_WORDS = {
    "primær": "titler, tabellhoder, sumrader",
    "mørk": "mørke flater",
    "aksent": "nøkkeltall, datoer",
    "grønn": "sekundær aksent",
    "lys": "annenhver tabellrad, kort",
    "tekst": "brødtekst",
}


@dataclass
class BrandText:
    """Everything a new brand.yaml says."""

    kommune: str
    ordmerke: str
    tallformat: str
    pptx_mal: str
    docx_mal: str
    sources: str
    colours: dict[str, str]
    colour_sources: dict[str, str]
    heading_font: str
    body_font: str
    font_files: tuple[str, str]
    font_note: str
    layouts: LayoutGuess
    styles: StyleGuess
    word_note: str = ""
    extra: list[str] = field(default_factory=list)


def scalar(value: str) -> str:
    """A YAML scalar that reads back as exactly the text: plain when it can be, else quoted."""
    try:
        if value and yaml.safe_load(f"k: {value}") == {"k": value} and "#" not in value:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def _line(key: str, value: str, comment: str = "", indent: int = 0) -> str:
    """`key: value   # comment`, with comments lined up."""
    text = f"{' ' * indent}{key}: {value}"
    return f"{text:<40} # {comment}" if comment else text


def brand_yaml(brand: BrandText) -> str:
    """The brand.yaml text."""
    lines = [
        f"# {brand.kommune} – laget med «deckgen brand new» fra {brand.sources}",
        "# (se docs/merkevare.md for alle nøklene). Sjekk fargene, skriften og oppsettene;",
        "# «deckgen brand inspect» viser hva malene har.",
        _line("kommune", scalar(brand.kommune)),
        _line("ordmerke", scalar(brand.ordmerke)),
        "# slagord: et godt sted å leve",
        _line("tallformat", scalar(brand.tallformat), "drammen (1.216.746) eller språkrådet"),
        _line("pptx_mal", scalar(brand.pptx_mal)),
        "farger:                                  # fra malens tema",
    ]
    for key, _slot in PALETTE_SOURCES:
        source = brand.colour_sources[key] or "temaet har ingen; nøytral farge"
        words = f"{source}: {_COLOUR_WORDS[key]}"
        lines.append(_line(key, json.dumps(brand.colours[key]), words, indent=2))
    lines += [
        "skrift:                                  # malens temaskrifter",
        _line("overskrift", scalar(brand.heading_font), indent=2),
        _line("tekst", scalar(brand.body_font), indent=2),
        *(f"  # {line}" for line in textwrap.wrap(brand.font_note, 90)),
        _line("fil_vanlig", scalar(brand.font_files[0]), indent=2),
        _line("fil_fet", scalar(brand.font_files[1]), indent=2),
        "# Navnet på oppsettet (slide layout) i malen for hver lysbildetype.",
        "oppsett:",
        *_layout_lines(brand.layouts),
        "# Word: malen og navnet på stilene skriveren bruker.",
        *([f"# {brand.word_note}"] if brand.word_note else []),
        _line("docx_mal", scalar(brand.docx_mal)),
        "stiler:",
        *_style_lines(brand.styles),
        *brand.extra,
    ]
    return "\n".join(lines) + "\n"


def _layout_lines(guess: LayoutGuess) -> list[str]:
    """The oppsett: block; kinds without a layout as comments saying what happens."""
    drawn_on = guess.chosen.get("bare_tittel") or guess.chosen.get("tabell")
    lines = []
    for key in Layouts.model_fields:
        name, how = guess.chosen.get(key), guess.how.get(key, "")
        if name is not None:
            why = {"navn": "etter navnet", "roller": "etter plassholderne"}.get(how)
            comment = why or f"malen har ikke eget oppsett; samme som {how[4:]}"
            lines.append(_line(key, scalar(name), comment, indent=2))
        elif how == "tegnes":
            why = "velges bare etter navnet" if key == "tidsplan" else "ingen passer"
            lines.append(f"  # {key}: ({why}; tegnes som tekstbokser på «{drawn_on}»)")
        elif key == "bare_tittel":
            lines.append(f"  # {key}: (ingen passer; tegnede lysbilder lages på «{drawn_on}»)")
        else:
            lines.append(f"  # {key}: (ikke eget oppsett; tegnes på «{drawn_on}»)")
    return lines


def _style_lines(guess: StyleGuess) -> list[str]:
    """The stiler: block; styles the template lacks marked."""
    return [
        _line(
            key,
            scalar(name),
            "finnes ikke i malen; legges til" if key in guess.missing else "",
            indent=2,
        )
        for key, name in guess.chosen.items()
    ]
