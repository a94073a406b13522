"""Guess a brand's `oppsett:` from a template's layouts and `stiler:` from its Word styles."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from deckgen.brand import Layouts, WordStyles
from deckgen.writers.pptx_roles import LayoutRoles, Role, missing_roles

LAYOUT_NAMES: dict[str, tuple[str, ...]] = {
    "tittel": ("title slide", "tittellysbilde", "forside", "tittel"),
    "deloverskrift": (
        "section header",
        "section heading",
        "deloverskrift",
        "inndelingsoverskrift",
        "seksjonsoverskrift",
        "kapittelskille",
        "kapitteloverskrift",
        "kapittel",
        "skilleark",
        "mellomark",
        "section",
    ),
    "punkter": ("title and content", "tittel og innhold", "title and text", "tittel og tekst"),
    "to_kolonner": ("two content", "to innholdsdeler", "two columns", "to kolonner"),
    "to_kolonner_med_titler": ("comparison", "sammenligning"),
    "tre_kolonner": (
        "three content",
        "tre innholdsdeler",
        "three columns",
        "tre kolonner",
        "3 columns",
        "3 kolonner",
    ),
    "nøkkeltall": ("key figures", "nøkkeltall"),
    "tabell": ("title only", "bare tittel", "kun tittel", "table", "tabell"),
    "bilde": ("picture with caption", "bilde med bildetekst", "bilde med tekst", "picture"),
    "tidsplan": ("timeline", "tidslinje", "tidsplan", "schedule"),
    "avslutning": ("closing", "avslutning", "slutt", "end", "thank you", "takk"),
    "bare_tittel": ("title only", "bare tittel", "kun tittel"),
}
"""Layout names (lower case) each slide kind is known by, in English and Norwegian, best first."""

DRAWN = ("tre_kolonner", "tidsplan")
"""Slide kinds drawn as text boxes when the template has no layout for them."""


@dataclass
class LayoutGuess:
    """The layout chosen for each slide kind, how it was chosen, and what was not found."""

    chosen: dict[str, str | None] = field(default_factory=dict)
    how: dict[str, str] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)
    """Required keys no layout fits."""


def plain_name(name: str) -> str:
    """A layout name as compared: lower case, single spaces, without PowerPoint's «1_» copy
    prefix."""
    return re.sub(r"\s+", " ", re.sub(r"^\d+_", "", name.strip())).casefold()


def _texts(roles: LayoutRoles) -> int:
    """How many placeholders a slide would fill with text or a picture (besides the title)."""
    return len(roles.of(Role.TEXT)) + len(roles.of(Role.SUBTITLE)) + len(roles.of(Role.PICTURE))


def _heads(roles: LayoutRoles) -> int:
    """How many of a layout's columns have a heading placeholder."""
    return sum(1 for column in roles.columns() if column.head is not None)


def _text_weight(roles: LayoutRoles) -> int:
    """How much larger the text area is than the title (a section slide's text is small)."""
    title, text = roles.title, roles.main_text
    if title is None or text is None or not title.area:
        return 0
    return round(text.area / title.area)


_PREFERENCE: dict[str, Callable[[LayoutRoles], tuple[int, ...]]] = {
    "tittel": lambda r: (0 if r.of(Role.SUBTITLE) else 1, _texts(r)),
    "deloverskrift": lambda r: (0 if r.of(Role.SUBTITLE) else 1, _texts(r), _text_weight(r)),
    "punkter": lambda r: (abs(_texts(r) - 1), 0 if not r.of(Role.SUBTITLE) else 1),
    "to_kolonner": lambda r: (_heads(r), _texts(r)),
    "to_kolonner_med_titler": lambda r: (-_heads(r), _texts(r)),
    "tre_kolonner": lambda r: (_heads(r), _texts(r)),
    "tabell": lambda r: (_texts(r),),
    "bilde": lambda r: (0 if r.of(Role.PICTURE) else 1, _texts(r)),
    "bare_tittel": lambda r: (_texts(r),),
}
"""How each slide kind ranks the layouts that fit it, when no layout has a known name."""


def guess_layouts(layouts: list[LayoutRoles]) -> LayoutGuess:
    """Choose a layout for every slide kind: by a known name that fits, else by placeholder
    roles; kinds that are drawn, and optional ones, are left out when nothing fits."""
    guess = LayoutGuess()
    for key in Layouts.model_fields:
        named = _by_name(key, layouts)
        if named is not None:
            guess.chosen[key], guess.how[key] = named, "navn"
            continue
        by_role = _by_role(key, layouts, guess.chosen)
        if by_role is not None:
            guess.chosen[key], guess.how[key] = by_role, "roller"
            continue
        guess.chosen[key] = None
    _fall_back(guess)
    return guess


def _by_name(key: str, layouts: list[LayoutRoles]) -> str | None:
    """The first layout, in the order of the known names, named for the kind and fitting it."""
    for wanted in LAYOUT_NAMES[key]:
        for roles in layouts:
            if plain_name(roles.name) == wanted and not missing_roles(key, roles):
                return roles.name
    return None


def _by_role(key: str, layouts: list[LayoutRoles], taken: dict[str, str | None]) -> str | None:
    """The layout whose placeholders suit the kind best (None for kinds chosen by name only)."""
    rank = _PREFERENCE.get(key)
    if rank is None:
        return None
    fitting = [roles for roles in layouts if not missing_roles(key, roles)]
    if key == "deloverskrift":  # rather not the cover, which the title slide has
        others = [roles for roles in fitting if roles.name != taken.get("tittel")]
        fitting = others or fitting
    if key == "bare_tittel":
        fitting = [roles for roles in fitting if _texts(roles) == 0]
    if not fitting:
        return None
    return min(fitting, key=lambda roles: (rank(roles), layouts.index(roles))).name


def _fall_back(guess: LayoutGuess) -> None:
    """Closing slides on the title (else section) layout; drawn kinds left out; required kinds
    nothing fits listed."""
    if guess.chosen["avslutning"] is None:
        for other in ("tittel", "deloverskrift"):
            if guess.chosen[other] is not None:
                guess.chosen["avslutning"] = guess.chosen[other]
                guess.how["avslutning"] = f"som {other}"
                break
    for key, info in Layouts.model_fields.items():
        if guess.chosen[key] is not None:
            continue
        if key in DRAWN:
            guess.how[key] = "tegnes"
        elif not info.is_required():
            guess.how[key] = "standard"
        else:
            guess.unmapped.append(key)


# --- Word styles ------------------------------------------------------------------------------

PARAGRAPH, CHARACTER, TABLE = "avsnitt", "tegn", "tabell"
STYLE_NAMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "tittel": (PARAGRAPH, ("Title", "Tittel")),
    "undertittel": (PARAGRAPH, ("Subtitle", "Undertittel")),
    "overskrift": (PARAGRAPH, ("Heading {nivå}", "Overskrift {nivå}")),
    "innholdsfortegnelse": (
        PARAGRAPH,
        ("TOC Heading", "Overskrift for innholdsfortegnelse", "Innholdsfortegnelse"),
    ),
    "toc": (PARAGRAPH, ("toc {nivå}", "Innholdsfortegnelse {nivå}", "Innh. {nivå}")),
    "brødtekst": (PARAGRAPH, ("Normal", "Brødtekst", "Body Text")),
    "punkt": (PARAGRAPH, ("List Bullet", "Punktliste", "Punktmerket liste")),
    "nummerert": (PARAGRAPH, ("List Number", "Nummerert liste", "Nummerliste")),
    "bildetekst": (PARAGRAPH, ("Caption", "Bildetekst")),
    "tabell": (TABLE, ("Table Grid", "Tabellrutenett", "Tabell")),
    "fotnote": (PARAGRAPH, ("footnote text", "Fotnotetekst")),
    "fotnotereferanse": (CHARACTER, ("footnote reference", "Fotnotereferanse")),
    "faktaboks": (PARAGRAPH, ("Faktaboks", "Fact Box", "Fact box")),
    "faktaboks_tittel": (
        PARAGRAPH,
        ("Faktaboks tittel", "Faktaboks overskrift", "Fact Box Title", "Fact box title"),
    ),
}
"""Each stiler key: the kind of style and the names it is known by (English built-ins as
python-docx shows them, then Norwegian), best first; {nivå} is the level."""
assert set(STYLE_NAMES) == set(WordStyles.model_fields)


@dataclass(frozen=True)
class StyleInfo:
    """A Word template's style: its name as python-docx gives it and its kind."""

    name: str
    kind: str


def styles_of(document: Any) -> list[StyleInfo]:
    """The paragraph, character and table styles of a Word document, in the template's order."""
    from docx.enum.style import WD_STYLE_TYPE

    kinds = {
        WD_STYLE_TYPE.PARAGRAPH: PARAGRAPH,
        WD_STYLE_TYPE.CHARACTER: CHARACTER,
        WD_STYLE_TYPE.TABLE: TABLE,
    }
    found = []
    for style in document.styles:
        kind = kinds.get(style.type)
        if kind is not None and style.name:
            found.append(StyleInfo(str(style.name), kind))
    return found


@dataclass
class StyleGuess:
    """The style name chosen for each stiler key, and the keys the template has no style for
    (given the first known name, for deckgen to add)."""

    chosen: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)


def guess_styles(styles: list[StyleInfo]) -> StyleGuess:
    """Choose a template style for every stiler key by its known names."""
    guess = StyleGuess()
    for key, (kind, names) in STYLE_NAMES.items():
        found = _style_named(styles, kind, names)
        if found is None:
            guess.chosen[key] = names[0]
            guess.missing.append(key)
        else:
            guess.chosen[key] = found
    return guess


def _style_named(styles: list[StyleInfo], kind: str, names: tuple[str, ...]) -> str | None:
    """The template's spelling of the first known name it has (level 1 for {nivå} names)."""
    by_name = {style.name.casefold(): style for style in styles if style.kind == kind}
    for name in names:
        style = by_name.get(name.replace("{nivå}", "1").casefold())
        if style is None:
            continue
        if "{nivå}" in name:
            return style.name[: -len("1")] + "{nivå}"
        return style.name
    return None


def keys_for_style(style: StyleInfo, chosen: dict[str, str]) -> list[str]:
    """The stiler keys (with level) a template style is used for, e.g. `overskrift (nivå 2)`."""
    found = []
    for key, name in chosen.items():
        if STYLE_NAMES[key][0] != style.kind:
            continue
        if "{nivå}" not in name:
            if name.casefold() == style.name.casefold():
                found.append(key)
            continue
        for level in range(1, 10):
            if name.replace("{nivå}", str(level)).casefold() == style.name.casefold():
                found.append(f"{key} (nivå {level})")
    return found
