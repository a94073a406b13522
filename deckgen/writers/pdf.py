"""A built .pptx or .docx → a tagged PDF (PDF/UA), converted by LibreOffice headless and then
finished with pikepdf (pdf_tags.py): language, title, fixed dates and ID, artifacts.

LibreOffice runs in a private profile and temporary folder in a process group of its own
(`office.OfficeRun`), all removed when the conversion ends, also on timeout or Ctrl+C.
"""

from __future__ import annotations

import json
from typing import Literal

from deckgen.errors import DeckgenError
from deckgen.writers.office import MISSING, convert_to_pdf, find_soffice
from deckgen.writers.pdf_tags import PdfInfo

__all__ = ["PdfInfo", "convert", "filter_argument", "to_pdf"]

TIMEOUT_SECONDS = 300
"""How long LibreOffice may take to convert one document before the build stops."""

Source = Literal["pptx", "docx"]

FILTERS: dict[str, str] = {"pptx": "impress_pdf_Export", "docx": "writer_pdf_Export"}
"""LibreOffice's PDF export filter for each source format."""

EXPORT_OPTIONS: dict[str, bool] = {
    "UseTaggedPDF": True,
    "PDFUACompliance": True,
    "ExportBookmarks": True,
    "ExportNotes": False,
    "ExportNotesPages": False,
    "ExportHiddenSlides": False,
    "DisplayPDFDocumentTitle": True,
    "ExportFormFields": False,
    "IsSkipEmptyPages": False,
}
"""The PDF export options (LibreOffice 7.4 takes them as JSON after the filter name)."""


def filter_argument(source: Source) -> str:
    """The --convert-to argument: pdf, the export filter and its options as JSON."""
    options = {
        name: {"type": "boolean", "value": "true" if value else "false"}
        for name, value in EXPORT_OPTIONS.items()
    }
    return f"pdf:{FILTERS[source]}:{json.dumps(options, separators=(',', ':'))}"


def to_pdf(data: bytes, source: Source, info: PdfInfo, name: str) -> tuple[bytes, int]:
    """The document as a finished, tagged PDF, and its number of pages; stops with a message
    if LibreOffice is missing or fails."""
    from deckgen.writers import pdf_tags

    raw = convert(data, source, name)
    slides = None
    if source == "pptx":
        from deckgen.writers.pdf_furniture import read_slides

        slides = read_slides(data)
    return pdf_tags.finish(raw, info, slides)


def convert(data: bytes, source: Source, name: str) -> bytes:
    """LibreOffice's tagged PDF of a .pptx or .docx, as it writes it."""
    soffice = find_soffice()
    if soffice is None:
        raise DeckgenError.at(None, MISSING)
    target = filter_argument(source)
    result, ran = convert_to_pdf(soffice, data, source, target, "deckgen-pdf-", TIMEOUT_SECONDS)
    if ran is None:
        cause = f"LibreOffice brukte mer enn {TIMEOUT_SECONDS} sekunder; prøv igjen"
    elif result is None:
        cause = failure(ran[0], ran[2])
    else:
        return result
    raise DeckgenError.at(None, f"kan ikke lage {name}.pdf: {cause}")


def failure(code: int, errors: str) -> str:
    """Why LibreOffice wrote no PDF, in words a user can act on, with what it said itself."""
    said = " ".join(line.strip() for line in errors.strip().splitlines()[-2:] if line.strip())
    heard = f" (LibreOffice skrev: «{said}»)" if said else ""
    if code == 127:
        return (
            "LibreOffice fant ikke et program det trenger for å starte (kode 127)"
            f"{heard}; sjekk at LibreOffice er riktig installert og at PATH har med de vanlige "
            "systemmappene (for eksempel /usr/bin og /bin)"
        )
    return f"LibreOffice avsluttet med kode {code} uten å skrive PDF-en{heard}"
