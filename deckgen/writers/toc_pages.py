"""Page numbers for the table of contents, measured by LibreOffice when it is installed.

LibreOffice converts the report to PDF (`soffice --convert-to pdf`, one pass, as the PDF writer
does) and exports every heading as a bookmark in the PDF's outline, pointing at the page the
heading is on; pikepdf reads those pages. No UNO bridge and no particular Python is needed, so
it works wherever LibreOffice is installed (Linux, macOS, Windows). The document measured has
placeholder numbers in its contents page (`placeholders`), so the contents page is laid out as
it will be with the real numbers in it.

LibreOffice runs in a process group of its own, with its profile, its temporary files and the
copy of the report in one temporary folder (`office.OfficeRun`). Whenever the run ends – done,
failed, timed out, or stopped by SIGINT/SIGTERM – the whole group is ended and the folder and
LibreOffice's sockets are removed, so nothing is left running or lying in /tmp.
"""

from __future__ import annotations

from typing import Any

from deckgen.writers import office

TIMEOUT_SECONDS = 180
"""How long LibreOffice may take to lay out one report before the page numbers are left out."""

PLACEHOLDER = 88
"""The number each contents entry carries while the pages are measured: as wide as the page
numbers of a report of 10–99 pages (digits are equally wide in the brand fonts)."""

MISSING = "LibreOffice finnes ikke på denne maskinen"
"""Why the contents page has no numbers when LibreOffice is not found."""

EXPORT_FILTER = "pdf:writer_pdf_Export"
"""LibreOffice's PDF export, which in a new profile writes the headings as bookmarks (options
after the filter name are left out: LibreOffice before 7.4 does not read them)."""


def available() -> bool:
    """Whether LibreOffice is on this machine."""
    return office.find_soffice() is not None


def placeholders(headings: list[str]) -> list[int]:
    """The numbers the contents page carries while its pages are measured."""
    return [PLACEHOLDER] * len(headings)


def heading_pages(docx: bytes, headings: list[str]) -> list[int] | str:
    """The page of each heading as LibreOffice lays the document out, or why it is not known."""
    if not headings:
        return []
    pdf = _convert(docx)
    if isinstance(pdf, str):
        return pdf
    try:
        outline = outline_pages(pdf)
    except Exception as error:  # pikepdf's errors, or an outline it cannot follow
        return f"PDF-en fra LibreOffice kunne ikke leses ({type(error).__name__})"
    return match(outline, headings)


def match(outline: list[tuple[str, int]], headings: list[str]) -> list[int] | str:
    """The page of each heading, found in order among the outline's (title, page) entries; or
    the first heading the outline does not have, as a reason."""
    pages: list[int] = []
    for title, page in outline:
        if len(pages) < len(headings) and same_heading(title, headings[len(pages)]):
            pages.append(page)
    if len(pages) == len(headings):
        return pages
    return f"fant ikke overskriften «{headings[len(pages)]}» i LibreOffices utgave"


def same_heading(title: str, heading: str) -> bool:
    """Whether an outline title is the heading: its text, or its number, a space and its text
    (runs of white space count as one space)."""
    title, heading = " ".join(title.split()), " ".join(heading.split())
    number = title.removesuffix(" " + heading)
    return title == heading or (number != title and bool(number) and " " not in number)


def outline_pages(pdf: bytes) -> list[tuple[str, int]]:
    """Every entry of a PDF's outline, depth first: its title and the page (1-based) it
    points at; entries that point at no page are left out."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        numbers = {page.obj.objgen: index for index, page in enumerate(document.pages, 1)}
        found: list[tuple[str, int]] = []
        with document.open_outline() as outline:
            stack = list(reversed(outline.root))
            while stack:
                item = stack.pop()
                page = _target(item, numbers)
                if page is not None:
                    found.append((str(item.title), page))
                stack.extend(reversed(item.children))
    return found


def _target(item: Any, numbers: dict[tuple[int, int], int]) -> int | None:
    """The page an outline item points at: its destination, or its GoTo action's."""
    destination = item.destination
    if destination is None and item.action is not None and "/D" in item.action:
        destination = item.action.D
    try:
        return numbers.get(destination[0].objgen)
    except (TypeError, IndexError, AttributeError, KeyError):
        return None  # a named destination or none: not a page LibreOffice writes


def _convert(docx: bytes) -> bytes | str:
    """LibreOffice's PDF of the document, or why there is none."""
    soffice = office.find_soffice()
    if soffice is None:
        return MISSING
    try:
        pdf, ran = office.convert_to_pdf(
            soffice, docx, "docx", EXPORT_FILTER, "deckgen-toc-", TIMEOUT_SECONDS
        )
    except OSError as error:  # not a program, or not allowed to run
        return f"LibreOffice kunne ikke startes ({soffice}: {error.strerror or error})"
    if ran is None:
        return f"LibreOffice brukte mer enn {TIMEOUT_SECONDS} sekunder"
    if pdf is None:
        said = " ".join(line.strip() for line in ran[2].strip().splitlines()[-2:])
        heard = f"; LibreOffice skrev: «{said}»" if said.strip() else ""
        return f"LibreOffice avsluttet med kode {ran[0]} uten å lage PDF{heard}"
    return pdf
