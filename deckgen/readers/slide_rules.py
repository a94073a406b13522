"""Slide rules: what each slide kind may hold, and the kind a slide without «{.type}» gets."""

from __future__ import annotations

from dataclasses import dataclass, field

from deckgen.errors import ProblemCollector, SourceLocation
from deckgen.model import (
    Block,
    Chart,
    Columns,
    KeyFigures,
    Picture,
    Schedule,
    SlideKind,
    Subheading,
    Table,
    Text,
)

MAX_KEY_FIGURES = 4


@dataclass
class Draft:
    """A slide being read: its parts are collected before the kind is decided."""

    level: int
    title: str
    kind: SlideKind | None
    location: SourceLocation
    blocks: list[Block | Columns] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems_before: int = 0
    """Problems found before the slide began; more than that means a part of it failed."""
    open_column: bool = False
    """A «::: kolonne» was left open, so the number of columns says nothing."""


def infer_kind(draft: Draft) -> SlideKind:
    """Decide the slide kind from its content when the heading does not name it."""
    if draft.level == 1:
        return SlideKind.SECTION
    blocks = draft.blocks
    if any(isinstance(b, Columns) for b in blocks):
        return SlideKind.COLUMNS
    if any(isinstance(b, Picture) for b in blocks):
        return SlideKind.PICTURE
    if any(isinstance(b, Table | Chart) for b in blocks):
        return SlideKind.TABLE
    return SlideKind.BULLETS


def check_content(
    draft: Draft, kind: SlideKind, problems: ProblemCollector, failed_loads: int
) -> None:
    """Check that the slide's blocks are what its kind can show."""
    blocks = draft.blocks
    where = draft.location
    if not blocks:
        if len(problems.problems) + failed_loads == draft.problems_before:
            # An empty slide is only news when no table or picture on it failed to load.
            problems.add(where, f"lysbildet «{draft.title}» er tomt")
        return
    if kind is SlideKind.COLUMNS:
        _check_columns(draft, problems)
    elif kind is SlideKind.KEY_FIGURES:
        figures = [b for b in blocks if isinstance(b, KeyFigures)]
        count = sum(len(f.items) for f in figures)
        for block in blocks:
            if not isinstance(block, KeyFigures):
                problems.add(
                    getattr(block, "location", None) or where,
                    "et nøkkeltall-lysbilde har bare tall med «: forklaring» på linjen "
                    "under; flytt teksten til «::: notater» eller til et eget lysbilde",
                )
        if figures and not 1 <= count <= MAX_KEY_FIGURES:
            problems.add(
                where, f"et nøkkeltall-lysbilde må ha 1–{MAX_KEY_FIGURES} tall (fant {count})"
            )
    elif kind is SlideKind.SCHEDULE:
        if not all(isinstance(b, Schedule) for b in blocks):
            problems.add(where, "en tidsplan kan bare ha datoer med «: forklaring»")
    elif kind is SlideKind.TABLE:
        _check_table(draft, problems)
    elif kind is SlideKind.PICTURE:
        if len(blocks) != 1 or not isinstance(blocks[0], Picture):
            problems.add(
                where,
                "et bilde-lysbilde har nøyaktig ett bilde og ingen annen tekst; skriv "
                'bildeteksten i ![alt](fil.png "bildetekst"), og flytt annen tekst til '
                "«::: notater» eller et eget lysbilde",
            )
    elif any(isinstance(b, Columns) for b in blocks):
        problems.add(where, f"kolonner kan ikke brukes på lysbilder av typen {kind.value}")
    elif kind is SlideKind.BULLETS:
        for block in blocks:
            if isinstance(block, Table | Picture | Chart):
                what = {Table: "en tabell", Chart: "et diagram"}.get(type(block), "et bilde")
                problems.add(
                    block.location or where,
                    f"{what} kan ikke stå på et lysbilde av typen punkter; fjern "
                    "{.punkter} fra overskriften (eller gi bildet et eget lysbilde)",
                )


def _check_columns(draft: Draft, problems: ProblemCollector) -> None:
    """A columns slide: optional text, then two or three columns in a row."""
    blocks = draft.blocks
    groups = [b for b in blocks if isinstance(b, Columns)]
    lead = blocks[:-1]
    if len(groups) != 1 or not isinstance(blocks[-1], Columns):
        problems.add(
            draft.location,
            "et kolonnelysbilde har «::: kolonne»-blokker etter hverandre, eventuelt "
            "med en innledende tekst over; tekst etter kolonnene må inn i en kolonne",
        )
    elif not all(isinstance(b, Text | Subheading) for b in lead):
        problems.add(
            draft.location, "over kolonnene kan det bare stå tekst (avsnitt eller punkter)"
        )
    for group in groups:
        if not draft.open_column and not 2 <= len(group.columns) <= 3:
            problems.add(group.location, f"{len(group.columns)} kolonne(r); bruk to eller tre")


def _check_table(draft: Draft, problems: ProblemCollector) -> None:
    """A table slide: exactly one table, text only above it."""
    blocks = draft.blocks
    charts = [b for b in blocks if isinstance(b, Chart)]
    if charts:
        others = [b for b in blocks if b is not charts[0]]
        if others:
            other = others[0]
            where = getattr(other, "location", None) or draft.location
            if isinstance(other, Chart | Table):
                what = "et diagram til" if isinstance(other, Chart) else "en tabell"
                problems.add(
                    where,
                    f"et diagram står alene på lysbildet sitt, så {what} her må få et eget "
                    "lysbilde (eller sett dem i hver sin «::: kolonne»)",
                )
            else:
                problems.add(
                    where,
                    "et diagram står alene på lysbildet sitt; flytt teksten til «::: notater» "
                    "eller til et eget lysbilde, eller sett tekst og diagram i hver sin "
                    "«::: kolonne»",
                )
        return
    tables = [b for b in blocks if isinstance(b, Table)]
    if len(tables) != 1 or not all(isinstance(b, Table | Text | Subheading) for b in blocks):
        problems.add(
            draft.location,
            "et tabell-lysbilde har nøyaktig én tabell, eventuelt med tekst over; "
            f"fant {len(tables)} tabeller",
        )
    elif not isinstance(blocks[-1], Table):
        after = blocks[blocks.index(tables[0]) + 1]
        problems.add(
            getattr(after, "location", None) or draft.location,
            "tekst under tabellteksten kan ikke stå på et tabell-lysbilde; skriv den over "
            "tabellen eller i «::: notater» (teksten under en tabell fra en tabellfil "
            "settes med «tekst:» i tabellfilen)",
        )


_NOT_SUBTITLE = (
    (Picture, "et bilde"),
    (Table, "en tabell"),
    (Chart, "et diagram"),
    (KeyFigures, "nøkkeltall"),
    (Columns, "kolonner"),
)
"""What a section or closing slide cannot hold, as messages name it."""


def subtitle_problem(draft: Draft, kind: SlideKind) -> tuple[SourceLocation, str] | None:
    """Why the content under a section or closing slide's title is not one subtitle (the
    place and message), or None when it is: a list, something other than text, or several
    paragraphs."""
    rule = (
        f"et lysbilde av typen {kind.value} har bare tittelen og eventuelt ett avsnitt under "
        "den, som blir undertittel"
    )
    for block in draft.blocks:
        if not isinstance(block, Text):
            what = next((n for t, n in _NOT_SUBTITLE if isinstance(block, t)), "annet innhold")
            where = getattr(block, "location", None) or draft.location
            return where, f"{rule}; det kan ikke ha {what} – bruk et vanlig lysbilde (## )"
        listed = next((p for p in block.paragraphs if p.level), None)
        if listed is not None:
            which = "en nummerert liste" if listed.numbered else "en punktliste"
            return (
                listed.location or draft.location,
                f"{rule}; {which} kan ikke stå der – skriv undertittelen som ett avsnitt "
                "uten «- » foran, eller sett listen på et vanlig lysbilde (## )",
            )
    paragraphs = [p for b in draft.blocks if isinstance(b, Text) for p in b.paragraphs]
    if len(paragraphs) > 1:
        where = paragraphs[1].location or draft.location
        return (
            where,
            f"{rule}, men her står det {len(paragraphs)} avsnitt; slå dem sammen til ett, "
            "eller flytt resten til «::: notater» eller et vanlig lysbilde (## )",
        )
    return None
