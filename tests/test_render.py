"""Rendering with LibreOffice: every built deck converts, one page per slide, no prompt texts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from deckgen import pipeline
from deckgen.project import Project
from deckgen.writers import toc_pages

from .conftest import REPO, ROOTS

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
    reason="LibreOffice og poppler-utils er ikke installert (CI installerer dem)",
)
PROMPTS = ("Klikk for å legge til", "Click to add", "Tittel\n", "Undertittel", "Kolonnetittel")


@pytest.mark.parametrize(
    ("root", "name"), [(REPO, "hoau"), (REPO, "haai"), (ROOTS / "alle-typer", "demo")]
)
def test_converts_to_one_page_per_slide(tmp_path: Path, root: Path, name: str) -> None:
    result = pipeline.build(Project(root), name, tmp_path)
    pdf = _convert(result.outputs[0], tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(
        next(line for line in info.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )
    assert pages == result.slide_count
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    for prompt in PROMPTS:
        assert prompt not in text


def _convert(document: Path, tmp_path: Path) -> Path:
    """Convert a document with a plain `soffice --convert-to pdf` and return the PDF."""
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(document),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return tmp_path / f"{document.stem}.pdf"


def _pdf(document: Path, tmp_path: Path) -> list[str]:
    """Convert a document to PDF; return the text of each page, whitespace collapsed."""
    pdf = _convert(document, tmp_path)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")]


@pytest.mark.skipif(not toc_pages.available(), reason="python3-uno (LibreOffice) mangler")
def test_handlingsplan_toc_page_numbers_and_footnotes_are_right_in_the_pdf(
    tmp_path: Path,
) -> None:
    from docx import Document

    result = pipeline.build(Project(REPO), "handlingsplan", tmp_path)
    document = result.outputs[0]
    pages = _pdf(document, tmp_path)
    assert pages[0].startswith("Handlingsplan for forebygging av omsorgssvikt")
    entries = [
        p.text.split("\t")
        for p in Document(str(document)).paragraphs
        if p.style.name.startswith("toc")
    ]
    assert len(entries) == 26
    for number, title, page in entries:
        start = " ".join(title.split()[:3])
        assert f"{number} {start}" in pages[int(page) - 1], (number, title, page)
        assert f"{number} {start}" not in pages[int(page) - 2] or int(page) == 3
    for source, reference in [
        ("Folkehelseinstituttet, oppvekstprofil for Drammen 2022", "oppvekstvilkår 1"),
        ("Kommuneplanens samfunnsdel 2021-2040", "samfunnsdel 2"),
    ]:
        # The footnote text is at the foot of the page that has its (superscript) reference.
        page = next(p for p in pages if source in p)
        assert reference in page.replace(reference.replace(" ", ""), reference)
    printed = [p for p in pages if p]
    assert all(f"Side {n}" in printed[n - 1] for n in range(2, len(printed) + 1))


@pytest.mark.parametrize("name", ["hoau", "haai"])
def test_committee_chapters_convert(tmp_path: Path, name: str) -> None:
    result = pipeline.build(Project(REPO), name, tmp_path, fmt="docx")
    pages = _pdf(result.outputs[0], tmp_path)
    assert "Alle tall i 1000 kr" in " ".join(pages)
