"""The text of a built deck or report, slide by slide, for the page (shown before thumbnails)."""

from __future__ import annotations

from typing import Any

from deckgen import model
from deckgen.numbers import format_date


def outline(document: Any) -> list[dict[str, Any]]:
    """One entry per slide (a deck, its title slide first) or heading (a report): number,
    title and text lines."""
    deck = document.deck
    if deck is not None:
        lines = cover_lines(deck, document.brand.lysbilder.ord.skille)
        cover = {"number": 1, "title": deck.title, "kind": "tittel", "lines": lines}
        return [cover, *(_slide(number, slide) for number, slide in enumerate(deck.slides, 2))]
    if document.report is not None:
        return _chapters(document.report.blocks)
    return []


def cover_lines(deck: model.Deck, separator: str) -> list[str]:
    """The title slide's lines under the title, as the PowerPoint writer puts them: the
    subtitle, then the committee (unless it is the subtitle) and the date."""
    meta = format_date(deck.date)
    if deck.committee and deck.committee != deck.subtitle:
        meta = f"{deck.committee}{separator}{meta}"
    return [line for line in (deck.subtitle, meta) if line]


def _slide(number: int, slide: model.Slide) -> dict[str, Any]:
    """A slide: its title, its subtitle and the text of its blocks."""
    lines = [slide.subtitle] if slide.subtitle else []
    for block in slide.blocks:
        lines.extend(block_lines(block))
    return {"number": number, "title": slide.title, "kind": str(slide.kind), "lines": lines}


def _chapters(blocks: list[Any]) -> list[dict[str, Any]]:
    """A report: one entry per heading with the text up to the next heading."""
    entries: list[dict[str, Any]] = []
    for block in blocks:
        if isinstance(block, model.Heading):
            entries.append(
                {"number": len(entries) + 1, "title": block.text, "kind": "", "lines": []}
            )
        elif entries:
            entries[-1]["lines"].extend(block_lines(block))
    return entries


def _runs(runs: list[model.Run]) -> str:
    """The plain text of runs."""
    return "".join(run.text for run in runs)


def block_lines(block: Any) -> list[str]:
    """The lines of text one block shows (a table or chart by its caption or title)."""
    if isinstance(block, model.Text):
        return [_runs(paragraph.runs) for paragraph in block.paragraphs]
    if isinstance(block, model.Columns):
        lines: list[str] = []
        for column in block.columns:
            lines.extend([column.heading] if column.heading else [])
            for inner in column.blocks:
                lines.extend(block_lines(inner))
        return lines
    if isinstance(block, model.KeyFigures):
        return [" ".join(filter(None, (f.value, f.unit, f.label))) for f in block.items]
    if isinstance(block, model.Schedule):
        return [f"{entry.when}: {_runs(entry.what)}" for entry in block.entries]
    if isinstance(block, model.Diagram):
        return [f"{step.label}: {_runs(step.text)}".rstrip(": ") for step in block.steps]
    if isinstance(block, model.Table):
        return [f"Tabell: {block.caption or block.title or block.description}".rstrip(": ")]
    if isinstance(block, model.Chart):
        return [f"Diagram: {block.title or block.caption}".rstrip(": ")]
    if isinstance(block, model.Picture):
        return [f"Bilde: {block.alt_text}" if not block.decorative else "Bilde (pynt)"]
    if isinstance(block, model.Subheading | model.Heading):
        return [block.text]
    if isinstance(block, model.FactBox):
        return [block.title, *(_runs(p.runs) for p in block.paragraphs)]
    return []


def assign_pages(titles: list[str], entries: list[dict[str, Any]]) -> list[int | None]:
    """For each drawn page (its title as written), the outline entry it shows: a page whose
    title is that of a later entry starts it, any other (a continued table or text) belongs to
    the entry before; None for pages without titles (a report's)."""
    if not titles or not entries:
        return [None] * len(titles)
    assigned: list[int | None] = []
    current = 0
    for number, title in enumerate(titles):
        later = [i for i in range(current + 1, len(entries)) if entries[i]["title"] == title]
        if number > 0 and later:
            current = later[0]
        assigned.append(current)
    return assigned
