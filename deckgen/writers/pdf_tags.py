"""LibreOffice's tagged PDF, finished for PDF/UA with pikepdf: the language (nb-NO), the title
shown as the window title, the document's own date and an ID from the content (so the same
input gives the same bytes), tab order on every page, furniture and unmarked drawing as
artifacts, one Document element at the root, IDs on notes, every link annotation inside a
Link element, and no phantom cells in tables."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pikepdf

from deckgen.output import LANGUAGE
from deckgen.writers import pdf_content
from deckgen.writers.pdf_furniture import Slides, Zone

PRODUCER = "deckgen med LibreOffice"


@dataclass(frozen=True)
class PdfInfo:
    """What the PDF says about itself, from the document, never from the clock."""

    title: str
    author: str
    subject: str
    date: str
    """The document's date, ISO (2024-04-24); the PDF's creation and change dates."""


def finish(raw: bytes, info: PdfInfo, slides: Slides | None) -> tuple[bytes, int]:
    """The finished PDF (catalog, metadata and structure fixed, saved with an ID made from its
    content), and its number of pages."""
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is not None:
            parents = pikepdf.NumberTree(tree.ParentTree)
            _artifacts(pdf, parents, slides.zones if slides is not None else None)
            document = _document_root(pdf, tree)
            _note_ids(tree)
            _numbered_headings(tree)
            _lists_around_items(pdf, tree)
            _drop_empty(tree)
            if slides is not None:
                _chart_alts(pdf, tree, slides.chart_alts)
            _tag_loose_links(pdf, tree, parents, document)
            for table in elements(tree, "/Table"):
                _drop_phantom_cells(table)
        for page in pdf.pages:
            page.obj.Tabs = pikepdf.Name.S
            for annotation in page.obj.get("/Annots", []):
                if annotation.get("/Subtype") == "/Link":
                    annotation.F = 4  # printed, as it is shown
        _catalog(pdf)
        _metadata(pdf, info)
        for key in ("/ID", "/DocChecksum"):  # LibreOffice's, made from the clock
            if key in pdf.trailer:
                del pdf.trailer[key]
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        pages = len(pdf.pages)
    return out.getvalue(), pages


def _catalog(pdf: pikepdf.Pdf) -> None:
    """Language, and the title (not the file name) in the viewer's title bar."""
    pdf.Root.Lang = pikepdf.String(LANGUAGE)
    preferences = pdf.Root.get("/ViewerPreferences")
    if preferences is None:
        pdf.Root.ViewerPreferences = preferences = pikepdf.Dictionary()
    preferences.DisplayDocTitle = True
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)


def _metadata(pdf: pikepdf.Pdf, info: PdfInfo) -> None:
    """The document information and XMP metadata, agreeing, dated with the document's date."""
    day = dt.date.fromisoformat(info.date)
    pdf_date = f"D:{day:%Y%m%d}000000Z"
    xmp_date = f"{day:%Y-%m-%d}T00:00:00Z"
    for key, value in (
        ("/Title", info.title),
        ("/Author", info.author),
        ("/Subject", info.subject),
        ("/Producer", PRODUCER),
        ("/CreationDate", pdf_date),
        ("/ModDate", pdf_date),
    ):
        pdf.docinfo[key] = pikepdf.String(value)
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = info.title
        meta["dc:creator"] = [info.author]
        meta["dc:description"] = info.subject
        meta["dc:language"] = {LANGUAGE}
        meta["pdf:Producer"] = PRODUCER
        meta["xmp:CreateDate"] = xmp_date
        meta["xmp:ModifyDate"] = xmp_date
        meta["xmp:MetadataDate"] = xmp_date
        meta["pdfuaid:part"] = "1"


# --- the structure tree ---------------------------------------------------------------------


def kids(element: pikepdf.Object) -> list[Any]:
    """An element's /K as a list (MCIDs, marked-content and object references, elements)."""
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def _is_element(item: Any) -> bool:
    """Whether a /K entry is a structure element (not content or a reference)."""
    return isinstance(item, pikepdf.Dictionary) and "/S" in item


def elements(node: pikepdf.Object, kind: str | None = None) -> Iterator[pikepdf.Object]:
    """Every structure element under node, depth first; only those of one kind if given."""
    for item in kids(node):
        if _is_element(item):
            if kind is None or kind == item.S:
                yield item
            yield from elements(item, kind)


def _set_kids(element: pikepdf.Object, items: list[Any]) -> None:
    """Replace an element's /K (removed when empty)."""
    if items:
        element.K = pikepdf.Array(items)
    elif "/K" in element:
        del element.K


def _document_root(pdf: pikepdf.Pdf, tree: pikepdf.Object) -> pikepdf.Object:
    """The one Document element at the root, made when LibreOffice put several there (decks)."""
    top = kids(tree)
    if len(top) == 1 and _is_element(top[0]) and top[0].S == "/Document":
        return top[0]
    document = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, P=tree)
    )
    _set_kids(document, top)
    for item in top:
        if _is_element(item):
            item.P = document
    tree.K = pikepdf.Array([document])
    return document


def _note_ids(tree: pikepdf.Object) -> None:
    """Every Note element gets the ID PDF/UA asks for (LibreOffice gives none)."""
    for number, note in enumerate(elements(tree, "/Note"), start=1):
        if "/ID" not in note:
            note.ID = pikepdf.String(f"fotnote-{number}")


def _numbered_headings(tree: pikepdf.Object) -> None:
    """Where one element holds several unnumbered H (a deck's slide titles, all under the
    Document), they become H1, as PDF/UA asks."""
    for element in [tree, *elements(tree)]:
        headings = [k for k in kids(element) if _is_element(k) and k.S == "/H"]
        if len(headings) > 1:
            for heading in headings:
                heading.S = pikepdf.Name.H1


def _lists_around_items(pdf: pikepdf.Pdf, tree: pikepdf.Object) -> None:
    """List items LibreOffice put outside a list (a text box that goes on with a list begun in
    another) get an L element around each run of them."""
    for element in [tree, *elements(tree)]:
        if element.get("/S") == "/L":
            continue
        items = kids(element)
        if not any(_is_element(k) and k.S == "/LI" for k in items):
            continue
        grouped: list[Any] = []
        for item in items:
            if _is_element(item) and item.S == "/LI":
                if not (grouped and _is_element(grouped[-1]) and grouped[-1].get("/New") is True):
                    grouped.append(_new_list(pdf, element))
                grouped[-1].K.append(item)
                item.P = grouped[-1]
            else:
                grouped.append(item)
        for made in grouped:
            if _is_element(made) and "/New" in made:
                del made.New
        _set_kids(element, grouped)


def _new_list(pdf: pikepdf.Pdf, parent: pikepdf.Object) -> pikepdf.Object:
    """An empty L element under parent, marked /New until its items are in."""
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem, S=pikepdf.Name.L, P=parent, K=pikepdf.Array(), New=True
        )
    )


EMPTIABLE = frozenset(["/P", "/Span", "/Div"])
"""Elements that mean nothing without content (unlike an empty table cell)."""


def _drop_empty(tree: pikepdf.Object) -> None:
    """Remove paragraphs, spans and divisions without content or alternative text."""
    roles = tree.get("/RoleMap", pikepdf.Dictionary())
    for element in list(elements(tree)):
        role = roles.get(str(element.S), element.S)
        described = "/Alt" in element or "/ActualText" in element
        if str(role) in EMPTIABLE and not kids(element) and not described:
            _drop_if_empty(element)


def _chart_alts(pdf: pikepdf.Pdf, tree: pikepdf.Object, alts: list[list[str]]) -> None:
    """A slide's charts as Figures get the alternative text the .pptx gives them, which
    LibreOffice leaves out: in order, when the slide has as many charts as such Figures."""
    bare: dict[tuple[int, int], list[pikepdf.Object]] = {}
    for figure in elements(tree, "/Figure"):
        on = figure.get("/Pg")
        if on is not None and "/Alt" not in figure and "/ActualText" not in figure:
            bare.setdefault(on.objgen, []).append(figure)
    for number, page in enumerate(pdf.pages):
        figures = bare.get(page.obj.objgen, [])
        texts = alts[number] if number < len(alts) else []
        if figures and len(figures) == len(texts):
            for figure, text in zip(figures, texts, strict=True):
                figure.Alt = pikepdf.String(text)


# --- artifacts ------------------------------------------------------------------------------


def _artifacts(
    pdf: pikepdf.Pdf, parents: pikepdf.NumberTree, furniture: list[list[Zone]] | None
) -> None:
    """Unmarked drawing becomes an artifact on every page; on slides, so does what lies in the
    furniture (slide number, footer, decoration), and it leaves the structure tree."""
    for number, page in enumerate(pdf.pages):
        instructions = pikepdf.parse_content_stream(page)
        zones = furniture[number] if furniture is not None and number < len(furniture) else []
        found = pdf_content.origins(instructions)
        artifacts = {mcid for mcid, points in found.items() if pdf_content.in_zones(points, zones)}
        forms = pdf_content.tagged_forms(page)
        marked, changed = pdf_content.mark(instructions, artifacts, forms)
        if changed:
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(marked))
        key = page.obj.get("/StructParents")
        if artifacts and key is not None and int(key) in parents:
            _untag(page.obj, parents[int(key)], artifacts)


def _untag(page: pikepdf.Object, owners: pikepdf.Object, mcids: set[int]) -> None:
    """Take the MCIDs out of the elements that held them; elements left empty go too."""
    for mcid in sorted(mcids):
        if mcid >= len(owners) or not _is_element(owners[mcid]):
            continue
        element = owners[mcid]
        owners[mcid] = pikepdf.Object.parse(b"null")
        left = [item for item in kids(element) if not _holds(item, mcid, page, element)]
        _set_kids(element, left)
        _drop_if_empty(element)


def _holds(item: Any, mcid: int, page: pikepdf.Object, element: pikepdf.Object) -> bool:
    """Whether a /K entry is the marked content mcid on this page."""
    if isinstance(item, int):
        on = element.get("/Pg")
        return item == mcid and (on is None or on.objgen == page.objgen)
    if isinstance(item, pikepdf.Dictionary) and item.get("/Type") == "/MCR":
        on = item.get("/Pg", element.get("/Pg"))
        return int(item.MCID) == mcid and (on is None or on.objgen == page.objgen)
    return False


def _drop_if_empty(element: pikepdf.Object) -> None:
    """Remove an element without content from its parent, and a parent left empty likewise."""
    while not kids(element):
        parent = element.get("/P")
        if parent is None:
            return
        _set_kids(parent, [k for k in kids(parent) if not _same(k, element)])
        if not _is_element(parent):
            return  # the StructTreeRoot
        element = parent


def _same(a: Any, b: pikepdf.Object) -> bool:
    """Whether a /K entry is the (indirect) element b."""
    return isinstance(a, pikepdf.Object) and a.is_indirect and a.objgen == b.objgen


# --- links ----------------------------------------------------------------------------------


def _tag_loose_links(
    pdf: pikepdf.Pdf,
    tree: pikepdf.Object,
    parents: pikepdf.NumberTree,
    document: pikepdf.Object,
) -> None:
    """Put every link annotation LibreOffice left outside the structure tree (the way back
    from a footnote to its reference) in a Link element of its own: in the footnote when a
    tagged link on the page has the same text, else at the end of the document."""
    next_key = max([int(k) for k, _ in parents.items()] + [-1]) + 1
    order = list(elements(tree))
    for page in pdf.pages:
        annotations = list(page.obj.get("/Annots", []))
        for annotation in annotations:
            if annotation.get("/Subtype") != "/Link" or "/StructParent" in annotation:
                continue
            home = _footnote_of(annotation, annotations, order) or document
            text = _back_link_text(annotation, home)
            link = pdf.make_indirect(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.StructElem,
                    S=pikepdf.Name.Link,
                    P=home,
                    Pg=page.obj,
                    Alt=pikepdf.String(text),
                    K=pikepdf.Array(
                        [pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annotation, Pg=page.obj)]
                    ),
                )
            )
            annotation.Contents = pikepdf.String(text)
            _set_kids(home, [*kids(home), link])
            annotation.StructParent = next_key
            parents[next_key] = link
            next_key += 1
    tree.ParentTreeNextKey = next_key


def _footnote_of(
    annotation: pikepdf.Object, annotations: list[Any], order: list[pikepdf.Object]
) -> pikepdf.Object | None:
    """The footnote a loose link belongs to: the first Note after the tagged link with the same
    text on the page, in reading order (its Footnote element, or the Note itself)."""
    text = str(annotation.get("/Contents", ""))
    places = {element.objgen: index for index, element in enumerate(order)}
    for other in annotations:
        if other.get("/StructParent") is None or str(other.get("/Contents", "")) != text:
            continue
        link = next((e for e in order if _refers_to(e, other)), None)
        if link is None:
            continue
        for element in order[places[link.objgen] + 1 :]:
            if element.S == "/Note":
                return next(elements(element, "/Footnote"), element)
    return None


def _back_link_text(annotation: pikepdf.Object, home: pikepdf.Object) -> str:
    """What a loose link says to a screen reader: the way back from footnote n, or its own
    text (LibreOffice's /Contents) elsewhere."""
    text = str(annotation.get("/Contents", "")).strip()
    if home.S == "/Footnote" or home.S == "/Note":
        return f"Tilbake til teksten ved fotnote {text}" if text else "Tilbake til teksten"
    return text or "Lenke"


def _refers_to(element: pikepdf.Object, annotation: pikepdf.Object) -> bool:
    """Whether a structure element holds an object reference to the annotation."""
    return any(
        isinstance(k, pikepdf.Dictionary)
        and k.get("/Type") == "/OBJR"
        and k.Obj.objgen == annotation.objgen
        for k in kids(element)
    )


# --- tables ---------------------------------------------------------------------------------


def rows(table: pikepdf.Object) -> list[pikepdf.Object]:
    """A table's TR elements, in THead, TBody and TFoot or directly under it."""
    found = []
    for item in kids(table):
        if not _is_element(item):
            continue
        if item.S == "/TR":
            found.append(item)
        elif item.S in ("/THead", "/TBody", "/TFoot"):
            found.extend(r for r in kids(item) if _is_element(r) and r.S == "/TR")
    return found


def cells(row: pikepdf.Object) -> list[pikepdf.Object]:
    """A row's TH and TD elements."""
    return [c for c in kids(row) if _is_element(c) and c.S in ("/TH", "/TD")]


def span(cell: pikepdf.Object, name: str) -> int:
    """A cell's RowSpan or ColSpan from its attributes (1 when not given)."""
    attributes = cell.get("/A")
    if attributes is None:
        return 1
    for entry in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
        if isinstance(entry, pikepdf.Dictionary) and name in entry:
            return int(entry[name])
    return 1


def row_widths(table: pikepdf.Object) -> list[int]:
    """How many columns each row fills, counting cells spanning down from rows above."""
    widths: list[int] = []
    below: list[tuple[int, int]] = []  # each cell spanning down: its columns, rows left
    for row in rows(table):
        carried = sum(columns for columns, _ in below)
        widths.append(carried + sum(span(c, "/ColSpan") for c in cells(row)))
        below = [(c, n - 1) for c, n in below if n > 1]
        below += [(span(c, "/ColSpan"), span(c, "/RowSpan") - 1) for c in cells(row)]
        below = [(c, n) for c, n in below if n > 0]
    return widths


def _drop_phantom_cells(table: pikepdf.Object) -> None:
    """Remove the empty cells LibreOffice adds at the end of a row beside a merged cell, which
    make the row wider than the table (an irregular table)."""
    table_rows = rows(table)
    for _ in range(len(table_rows)):
        widths = row_widths(table)
        if not widths:
            return
        width = widths[0]
        over = next((i for i, w in enumerate(widths) if w > width), None)
        if over is None:
            return
        row = table_rows[over]
        row_cells = cells(row)
        extra = widths[over] - width
        empty = [c for c in row_cells[::-1][:extra] if not kids(c)]
        if len(empty) < extra:
            return  # not phantoms: leave it for the checker to report
        _set_kids(row, [k for k in kids(row) if not any(_same(k, c) for c in empty)])
