"""Key figures ({.nøkkeltall}): a figure, an optional «: enhet: …» line, and one explanation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from deckgen.errors import ProblemCollector, SourceLocation
from deckgen.model import KeyFigure, Run

UNIT_MARK = "enhet:"
"""What a «: » line under a figure starts with when it gives the figure's unit."""
_UNIT_LINE = re.compile(r"\s*enhet\s*:\s*(.*)", re.IGNORECASE | re.DOTALL)
_DEFLIST_PARTS = ("dt_open", "dd_open", "dl_open", "paragraph_open", "paragraph_close")
_EXAMPLE = "«: enhet: 1000 kr»"
ONE_EXPLANATION = (
    "et nøkkeltall har én forklaring: én linje som begynner med «: » rett under tallet "
    f"(en enhet skrives på en egen linje over forklaringen, for eksempel {_EXAMPLE})"
)
NO_LINKS = (
    "lenker og fotnoter kan ikke stå i forklaringen til et nøkkeltall; "
    "sett dem i talenotatene eller på et eget lysbilde"
)


@dataclass
class FigureLine:
    """One «: » line under a figure: its formatted runs and where it stands."""

    runs: list[Run]
    location: SourceLocation

    @property
    def text(self) -> str:
        """The line's text without formatting."""
        return "".join(run.text for run in self.runs)


def walk(tokens: list[Token], i: int) -> tuple[list[tuple[Token, list[Token]]], list[Token], int]:
    """A definition list's terms, each with the inline tokens of the «: » lines under it; the
    blocks that are neither (a second paragraph, a list inside a line); the index after it."""
    figures: list[tuple[Token, list[Token]]] = []
    extra: list[Token] = []
    depth = 0
    while True:
        token = tokens[i]
        if token.type == "dl_open":
            depth += 1
        elif token.type == "dl_close":
            depth -= 1
            if depth == 0:
                return figures, extra, i + 1
        elif token.type == "inline" and tokens[i - 1].type == "dt_open":
            figures.append((token, []))
        elif _first_paragraph_of_line(tokens, i) and figures:
            figures[-1][1].append(token)
        elif token.map and token.type not in _DEFLIST_PARTS:
            extra.append(token)
        i += 1


def _first_paragraph_of_line(tokens: list[Token], i: int) -> bool:
    """Whether tokens[i] is the text of a «: » line (not a second paragraph inside it)."""
    return (
        tokens[i].type == "inline"
        and tokens[i - 1].type == "paragraph_open"
        and tokens[i - 2].type == "dd_open"
    )


def is_unit_line(text: str) -> bool:
    """Whether a figure or paragraph is a unit line («: enhet: 1000 kr») standing alone."""
    return bool(_UNIT_LINE.match(text.lstrip(": ")))


def without_figure(text: str) -> str:
    """The message for a unit line with no figure over it."""
    return (
        f"enhetslinjen «{text}» har ikke noe tall over seg; skriv tallet på linjen over, "
        f"for eksempel «605.694», så {_EXAMPLE} og forklaringen"
    )


def key_figure(
    value: str, location: SourceLocation, lines: list[FigureLine], problems: ProblemCollector
) -> KeyFigure:
    """A figure from its «: » lines: the unit line (if any) first, then the explanation."""
    unit: FigureLine | None = None
    label: FigureLine | None = None
    if is_unit_line(value):
        problems.add(location, without_figure(value))
    for line in lines:
        if not _UNIT_LINE.match(line.text):
            if label is None:
                label = line
                if any(run.link or run.footnote for run in line.runs):
                    problems.add(location, NO_LINKS)
            else:
                problems.add(line.location, ONE_EXPLANATION)
        elif unit is not None:
            problems.add(
                line.location,
                f"nøkkeltallet «{value}» har allerede en enhetslinje (linje "
                f"{unit.location.line}); et tall har én enhet",
            )
        elif label is not None:
            problems.add(
                line.location,
                "enhetslinjen står under forklaringen; skriv den rett under tallet, over "
                "forklaringen (tallet, så «: enhet: …», så «: forklaring»)",
            )
        else:
            unit = _unit(value, line, problems)
    if label is None:
        problems.add(
            location,
            f"nøkkeltallet «{value}» mangler forklaring: skriv den på linjen under "
            "enhetslinjen, etter «: »",
        )
    text = label.text if label else ""
    return KeyFigure(value, text, location, unit.text if unit else "")


def _unit(value: str, line: FigureLine, problems: ProblemCollector) -> FigureLine:
    """The unit line with «enhet:» taken off; a problem if it is empty, linked or repeated."""
    match = _UNIT_LINE.match(line.text)
    assert match is not None  # only unit lines get here
    unit = match.group(1).strip()
    if not unit:
        problems.add(
            line.location,
            f"enhetslinjen er tom; skriv enheten etter «enhet:», for eksempel {_EXAMPLE}, "
            "eller fjern linjen",
        )
    elif any(run.link or run.footnote for run in line.runs):
        problems.add(
            line.location,
            "lenker og fotnoter kan ikke stå i enheten til et nøkkeltall; "
            "sett dem i talenotatene eller på et eget lysbilde",
        )
    elif re.search(rf"(^|\s){re.escape(unit)}$", value, re.IGNORECASE):
        problems.add(
            line.location,
            f"enheten «{unit}» står både i tallet «{value}» og på enhetslinjen; skriv tallet "
            "uten enheten",
        )
    return FigureLine([Run(unit)], line.location)
