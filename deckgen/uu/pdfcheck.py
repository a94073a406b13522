"""The machine-checkable PDF/UA-1 rules for a built PDF: deckgen's own checks with pikepdf,
and, when it is installed (`pip install deckgen[uu]`), the PDF/UA-1 validator page-validation.

`pdf_findings(path)` gives one Finding per broken rule and place; an empty list means the PDF
passed every check that ran. `pdf_report(path)` is the same as text, for tests and logs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from deckgen.errors import SourceLocation
from deckgen.uu import names
from deckgen.uu.finding import Finding

VALIDATOR = "page-validation"
"""The PyPI package whose PDF/UA-1 profile runs when it is installed (module `page`)."""


def pdf_findings(path: Path) -> list[Finding]:
    """Every PDF/UA-1 rule the PDF at path breaks, deckgen's checks first."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        findings = list(_own_findings(pdf, path))
    return findings + _validator_findings(path)


def validator_available() -> bool:
    """Whether the PDF/UA-1 validator (page-validation) is installed."""
    import importlib.util

    return importlib.util.find_spec("page") is not None


def pdf_report(path: Path) -> str:
    """The findings as text: one line each, or that there are none, and which checks ran."""
    findings = pdf_findings(path)
    ran = "deckgens egne kontroller" + (
        f" og {VALIDATOR} (PDF/UA-1)" if validator_available() else f" ({VALIDATOR} mangler)"
    )
    lines = [f"{path.name}: {len(findings)} funn; {ran}"]
    lines += [f"  {f.rule} ({f.place}): {f.message}" for f in findings]
    return "\n".join(lines)


def _finding(path: Path, rule: str, message: str, page: int | None = None) -> Finding:
    """A finding in the PDF, on a page (1-based) when known."""
    place = f"{path.name} side {page}" if page is not None else path.name
    return Finding(rule, message, SourceLocation(path), place)


def _own_findings(pdf: Any, path: Path) -> Iterator[Finding]:
    """deckgen's checks: the document, each page, and the structure tree."""
    yield from _document(pdf, path)
    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    for number, page in enumerate(pdf.pages, start=1):
        yield from _page(page, path, number)
    tree = pdf.Root.get("/StructTreeRoot")
    if tree is not None:
        yield from _structure(tree, path, pages)


def _document(pdf: Any, path: Path) -> Iterator[Finding]:
    """Tagged, language, title, the PDF/UA identifier."""
    mark = pdf.Root.get("/MarkInfo")
    if mark is None or mark.get("/Marked") is not True:
        yield _finding(path, "Ikke tagget", "MarkInfo sier ikke at PDF-en er tagget (Marked)")
    if pdf.Root.get("/StructTreeRoot") is None:
        yield _finding(path, "Ikke tagget", "PDF-en har ikke noe strukturtre (StructTreeRoot)")
    if not str(pdf.Root.get("/Lang", "")).strip():
        yield _finding(path, names.MISSING_LANGUAGE, "katalogen har ikke noe /Lang")
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        title = str(meta.get("dc:title", "") or "").strip()
        part = str(meta.get("pdfuaid:part", "") or "")
    preferences = pdf.Root.get("/ViewerPreferences")
    if not title:
        yield _finding(path, names.MISSING_DOC_TITLE, "XMP-metadataene har ingen dc:title")
    if preferences is None or preferences.get("/DisplayDocTitle") is not True:
        yield _finding(
            path,
            names.MISSING_DOC_TITLE,
            "DisplayDocTitle er ikke på, så leseren viser filnavnet i stedet for tittelen",
        )
    if part != "1":
        yield _finding(path, "Mangler PDF/UA-merke", "XMP-metadataene har ikke pdfuaid:part 1")


def _page(page: Any, path: Path, number: int) -> Iterator[Finding]:
    """Tab order, fonts, links, and content outside the tags."""
    from deckgen.writers import pdf_content

    if page.obj.get("/Tabs") != "/S":
        yield _finding(
            path,
            "Mangler tabulatorrekkefølge",
            "siden har ikke /Tabs /S (strukturens rekkefølge)",
            number,
        )
    for name in _unembedded_fonts(page):
        yield _finding(path, "Skrift ikke innebygd", f"skriften {name} er ikke innebygd", number)
    for annotation in page.obj.get("/Annots", []):
        if annotation.get("/Subtype") != "/Link":
            continue
        if "/StructParent" not in annotation:
            yield _finding(
                path, "Lenke utenfor Link-element", "en lenke er ikke med i strukturtreet", number
            )
        if not str(annotation.get("/Contents", "")).strip():
            yield _finding(path, "Lenke uten beskrivelse", "en lenke har ingen /Contents", number)
    if pdf_content.unmarked(page):
        yield _finding(
            path,
            "Innhold utenfor tagger",
            "siden tegner noe som verken er tagget innhold eller merket som artefakt",
            number,
        )


def _unembedded_fonts(page: Any) -> list[str]:
    """The names of the page's fonts that are not embedded (Type 3 fonts are drawings)."""
    missing = []
    for font in page.resources.get("/Font", {}).values():
        if font.get("/Subtype") == "/Type3":
            continue
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font.DescendantFonts[0].get("/FontDescriptor")
        files = ("/FontFile", "/FontFile2", "/FontFile3")
        if descriptor is None or not any(key in descriptor for key in files):
            missing.append(str(font.get("/BaseFont", "?")).lstrip("/"))
    return missing


def _structure(tree: Any, path: Path, pages: dict[Any, int]) -> Iterator[Finding]:
    """Figures, notes, link elements and tables in the structure tree."""
    from deckgen.writers import pdf_tags

    def page_of(element: Any) -> int | None:
        on = element.get("/Pg")
        return pages.get(on.objgen) if on is not None else None

    for element in pdf_tags.elements(tree):
        kind = str(element.S)
        if kind == "/Figure" and "/Alt" not in element and "/ActualText" not in element:
            yield _finding(
                path, names.MISSING_ALT_TEXT, "en figur har ingen /Alt", page_of(element)
            )
        elif kind == "/Note" and not str(element.get("/ID", "")).strip():
            yield _finding(
                path, "Fotnote uten ID", "et Note-element har ingen /ID", page_of(element)
            )
        elif kind == "/Table":
            yield from _table(element, path, page_of(element))


def _table(table: Any, path: Path, page: int | None) -> Iterator[Finding]:
    """A table has header cells, and every row fills the same number of columns."""
    from deckgen.writers import pdf_tags

    rows = pdf_tags.rows(table)
    if not any(c.S == "/TH" for row in rows for c in pdf_tags.cells(row)):
        yield _finding(path, names.NO_HEADER_ROW, "tabellen har ingen TH-celler", page)
    widths = pdf_tags.row_widths(table)
    if len(set(widths)) > 1:
        yield _finding(
            path,
            "Uregelmessig tabell",
            f"radene fyller ulikt antall kolonner ({', '.join(map(str, widths))})",
            page,
        )


def _validator_findings(path: Path) -> list[Finding]:
    """What page-validation's PDF/UA-1 profile finds, when it is installed."""
    if not validator_available():
        return []
    import page as validator  # type: ignore[import-not-found,unused-ignore]

    report = validator.validate_pdf(str(path), profile=validator.ValidationProfile.PDF_UA_1)
    return [
        _finding(path, "PDF/UA-1", f"{failure.rule_id}: {failure.message} ({VALIDATOR})")
        for failure in report.failures
    ]
