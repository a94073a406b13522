"""`deckgen check --uu`: the accessibility rules run on each rendered file of a document."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.errors import Problem
from deckgen.uu.finding import Finding

if TYPE_CHECKING:
    from deckgen.documents import LoadedDocument


def findings(
    document: LoadedDocument,
    files: dict[str, bytes],
    pdf: bool = False,
    root: Path | None = None,
) -> list[Finding]:
    """Every finding in the files rendered from document, file by file in their order; a PDF
    is checked only when pdf (it was asked for, with --format pdf)."""
    from deckgen.uu.deck_rules import deck_findings
    from deckgen.uu.report_rules import report_findings

    found: list[Finding] = []
    for name, data in files.items():
        suffix = Path(name).suffix
        if suffix == ".pptx" and document.deck is not None:
            continued = document.brand.lysbilder.ord.fortsettelse
            found += deck_findings(document.deck, data, continued, root)
        elif suffix == ".docx" and document.report is not None:
            found += report_findings(document.report, data, name)
        elif suffix == ".pdf" and pdf:
            found += _pdf_findings(name, data)
    return found


def problems(
    document: LoadedDocument,
    files: dict[str, bytes],
    pdf: bool = False,
    root: Path | None = None,
) -> list[Problem]:
    """The findings as the warnings the command line prints (--strict makes them errors)."""
    return [finding.problem() for finding in findings(document, files, pdf, root)]


def _pdf_findings(name: str, data: bytes) -> list[Finding]:
    """A rendered PDF's findings (pikepdf is loaded only when a PDF is checked)."""
    from deckgen.uu.pdfcheck import pdf_findings

    with tempfile.TemporaryDirectory(prefix="deckgen-uu-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return list(pdf_findings(path))
