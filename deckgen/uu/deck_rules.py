"""Accessibility rules for a rendered deck: titles, alt text, tables, reading order, contrast.

The rules read the .pptx as it was rendered (what a screen reader meets) and name the source
line of the slide each finding is on.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from deckgen.errors import SourceLocation
from deckgen.model import Deck, Picture, SlideKind
from deckgen.uu import contrast, names
from deckgen.uu.finding import Finding
from deckgen.uu.pptx_colours import A, P, SlideColours

DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
"""The mark PowerPoint sets on a shape marked «Merk som dekorativ»."""
FURNITURE = ("sldNum", "ftr", "dt")
"""Placeholders that repeat on every slide (number, footer, date): not part of reading order."""
_DESCRIBED = {"pic": "bildet", "graphicFrame": "", "grpSp": "figuren"}


def deck_findings(
    deck: Deck, data: bytes, continued: str, root: Path | None = None
) -> list[Finding]:
    """Every finding in a rendered deck; continued is the brand's «(forts.)», and source
    lines in messages are shown relative to root."""
    from pptx import Presentation

    prs = Presentation(io.BytesIO(data))
    sources = slide_sources(deck, [_title_text(s) for s in prs.slides], continued)
    found = names.document_properties(
        prs.core_properties.title, prs.core_properties.language, deck.location, "presentasjonen"
    )
    found += _duplicate_titles([_title_text(s) for s in prs.slides], sources, root)
    decorative = {
        s.location for s in deck.slides for b in s.blocks if isinstance(b, Picture) and b.decorative
    }
    for number, (slide, source) in enumerate(zip(prs.slides, sources, strict=True), 1):
        place = f"lysbilde {number}"
        if not _title_text(slide).strip():
            found.append(Finding(names.MISSING_TITLE, names.MISSING_TITLE_FIX, source, place))
        found += _alt_texts(slide, source, place, source in decorative)
        found += _tables(slide, source, place)
        found += _reading_order(slide, source, place)
        found += _contrast(slide, source, place)
    return found + _links(deck, sources)


def _links(deck: Deck, sources: list[SourceLocation | None]) -> list[Finding]:
    """Links on the slides whose text is the address or says nothing, on the slide they are on."""
    from deckgen.uu.report_rules import block_paragraphs

    found = []
    for slide in deck.slides:
        number = sources.index(slide.location) + 1 if slide.location in sources else 0
        place = f"lysbilde {number}" if number else ""
        for block in slide.blocks:
            found += names.link_findings(block_paragraphs(block), place)
    return found


def slide_sources(deck: Deck, titles: list[str], continued: str) -> list[SourceLocation | None]:
    """The source line of each rendered slide: the deck file for the title slide, then each
    slide's own, a long table's «(forts.)» slides included."""
    sources: list[SourceLocation | None] = [deck.location]
    slides = iter(deck.slides)
    current = None
    for title in titles[1:]:
        if (
            current is not None
            and current.kind is SlideKind.TABLE
            and title == f"{current.title} {continued}"
        ):
            sources.append(current.location)
            continue
        current = next(slides, None)
        sources.append(current.location if current is not None else None)
    return sources


def _title_text(slide: Any) -> str:
    """A slide's title as screen readers announce it; empty when it has none."""
    title = slide.shapes.title
    return str(title.text_frame.text) if title is not None and title.has_text_frame else ""


def _duplicate_titles(
    titles: list[str], sources: list[SourceLocation | None], root: Path | None
) -> list[Finding]:
    """One finding per title shared by several slides, naming them all."""
    by_title: dict[str, list[int]] = {}
    for number, title in enumerate(titles, 1):
        if title.strip():
            by_title.setdefault(" ".join(title.split()).casefold(), []).append(number)
    found = []
    for numbers in by_title.values():
        if len(numbers) < 2:
            continue
        title = " ".join(titles[numbers[0] - 1].split())
        lines = [
            f"lysbilde {n} ({s.display(root) if (s := sources[n - 1]) else 'ukjent linje'})"
            for n in numbers
        ]
        found.append(
            Finding(
                names.DUPLICATE_TITLES,
                f"«{title}» er tittelen på {names.both(lines)}; gi hvert lysbilde en egen tittel "
                "(et lysbilde som fortsetter et annet, kan hete «… (forts.)»)",
                sources[numbers[1] - 1],
                f"lysbilde {names.both([str(n) for n in numbers])}",
            )
        )
    return found


def _shapes(shapes: Any) -> Iterator[Any]:
    """Every shape on a slide, groups' members included (after the group itself)."""
    for shape in shapes:
        yield shape
        if shape.element.tag == f"{P}grpSp":
            yield from _shapes(shape.shapes)


def _properties(shape: Any) -> Any:
    """A shape's cNvPr: its name, alt text (descr) and marks."""
    return next(shape.element.iter(f"{P}cNvPr"))


def _is_decorative(shape: Any) -> bool:
    """Whether a shape carries PowerPoint's decorative mark."""
    mark = next(_properties(shape).iter(DECORATIVE), None)
    return mark is not None and mark.get("val") in ("1", "true")


def _needs_alt_text(shape: Any) -> str | None:
    """What a shape is as the finding names it («bildet», «diagrammet», «tabellen»), when
    it needs alt text; None for text and placeholders holding text."""
    element = shape.element
    name = etree.QName(element).localname
    if name == "graphicFrame":
        data = element.find(f"{A}graphic/{A}graphicData")
        uri = data.get("uri", "") if data is not None else ""
        return (
            "diagrammet"
            if uri.endswith("/chart")
            else "tabellen"
            if uri.endswith("/table")
            else None
        )
    if name == "sp" and element.find(f"{P}blipFill") is not None:
        return "bildet"
    return _DESCRIBED.get(name) or None


def _alt_texts(
    slide: Any, source: SourceLocation | None, place: str, decorative: bool = False
) -> list[Finding]:
    """Pictures, charts, tables and drawn figures without alt text; decorative ones with it.

    decorative: the slide's source marks a picture {.dekorativ}; a picture without alt text
    there is taken as that one even where the writer does not (yet) mark it decorative."""
    found = []
    for shape in slide.shapes:
        what = _needs_alt_text(shape)
        if what is None:
            continue
        described = (_properties(shape).get("descr") or "").strip()
        if _is_decorative(shape):
            if described:
                found.append(
                    Finding(
                        names.DECORATIVE_DESCRIBED,
                        f"{what} «{shape.name}» er merket dekorativt, men har alternativ tekst "
                        f"(«{described[:40]}»); ta bort {{.dekorativ}} eller alternativteksten",
                        source,
                        place,
                    )
                )
        elif not described and not (decorative and what == "bildet"):
            found.append(
                Finding(
                    names.MISSING_ALT_TEXT,
                    f"{what} «{shape.name}» har ingen alternativ tekst; skriv hva det viser i "
                    "![…](fil) eller beskrivelse: i tabell- eller diagramfilen, eller merk et rent "
                    "pyntebilde med {.dekorativ}",
                    source,
                    place,
                )
            )
    return found


def _tables(slide: Any, source: SourceLocation | None, place: str) -> list[Finding]:
    """Tables without a header row, or with merged cells in it."""
    found = []
    for shape in _shapes(slide.shapes):
        if not getattr(shape, "has_table", False) or not shape.has_table:
            continue
        table = shape.table
        if not table.first_row or not any(c.text.strip() for c in table.rows[0].cells):
            found.append(Finding(names.NO_HEADER_ROW, names.NO_HEADER_ROW_FIX, source, place))
        elif any(cell.is_merge_origin or cell.is_spanned for cell in table.rows[0].cells):
            found.append(Finding(names.MERGED_HEADER, names.MERGED_HEADER_FIX, source, place))
    return found


def _reading_order(slide: Any, source: SourceLocation | None, place: str) -> list[Finding]:
    """The first pair of shapes a screen reader reads in another order than they are seen:
    the title first, then top to bottom, and left to right side by side."""
    shapes = [s for s in slide.shapes if _in_reading_order(s)]
    title = slide.shapes.title
    if title is not None and shapes and shapes[0].shape_id != title.shape_id:
        return [_order_finding(title, shapes[0], "tittelen leses ikke først", source, place)]
    for before, after in zip(shapes, shapes[1:], strict=False):
        if _seen_before(after, before):
            return [_order_finding(after, before, "", source, place)]
    return []


def _in_reading_order(shape: Any) -> bool:
    """Whether a shape is read: not slide furniture, not decorative, and placed."""
    ph = shape.element.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
    if ph is not None and ph.get("type") in FURNITURE:
        return False
    return not _is_decorative(shape) and None not in (shape.top, shape.left)


def _seen_before(first: Any, second: Any) -> bool:
    """Whether first is plainly seen before second: above it in the same column, or beside
    it on the left in the same row (columns side by side are read one after the other)."""
    across = first.left < second.left + second.width and second.left < first.left + first.width
    if across and first.top + first.height <= second.top:
        return True
    down = first.top < second.top + second.height and second.top < first.top + first.height
    return bool(down and first.left + first.width <= second.left)


def _order_finding(
    seen: Any, read: Any, why: str, source: SourceLocation | None, place: str
) -> Finding:
    """A reading-order finding: seen is seen first but read after read."""
    return Finding(
        names.READING_ORDER,
        f"{why + '; ' if why else ''}skjermlesere leser «{read.name}» før «{seen.name}», men "
        f"«{seen.name}» står {_where(seen, read)}; {names.READING_ORDER_FIX}",
        source,
        place,
    )


def _where(seen: Any, read: Any) -> str:
    """«over» or «til venstre for» the other shape."""
    return f"over «{read.name}»" if seen.top + seen.height <= read.top else f"foran «{read.name}»"


def _contrast(slide: Any, source: SourceLocation | None, place: str) -> list[Finding]:
    """Text whose colour is too close to what is behind it; once per colour pair and size."""
    found, seen = [], set()
    for text, look in SlideColours(slide).runs():
        key = (look.colour, look.background, contrast.needed(look.size_pt, look.bold))
        if key in seen or not look.too_low():
            continue
        seen.add(key)
        sample = text.strip()[:40]
        found.append(Finding(contrast.RULE, f"{look.message()} («{sample}»)", source, place))
    return found
