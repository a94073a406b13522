"""Rendering with LibreOffice: every built deck converts, one page per slide, no prompt texts."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from deckgen import pipeline
from deckgen.project import Project
from deckgen.writers import toc_pages

from .conftest import ROOTS, Shipped

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(
        shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
        reason="LibreOffice og poppler-utils er ikke installert (CI installerer dem)",
    ),
]
PROMPTS = ("Klikk for å legge til", "Click to add", "Tittel\n", "Undertittel", "Kolonnetittel")


@dataclass
class Rendered:
    """A built document, its PDF from LibreOffice, and the build's slide count."""

    document: Path
    pdf: Path
    slide_count: int


@pytest.fixture(scope="module")
def rendered(
    tmp_path_factory: pytest.TempPathFactory, shipped: Callable[[str], Shipped]
) -> dict[str, Rendered]:
    """The shipped decks (slides and Word chapters), the sample deck with every slide kind and
    the handlingsplan report, built and then converted to PDF in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("render")
    builds: dict[str, pipeline.BuildResult | Shipped] = {
        "hoau": shipped("hoau"),
        "haai": shipped("haai"),
        "demo": pipeline.build(Project(ROOTS / "alle-typer"), "demo", folder / "demo"),
    }
    if toc_pages.available():
        builds["handlingsplan"] = shipped("handlingsplan")
    documents = {
        f"{name}-{path.suffix[1:]}": (path, result.slide_count)
        for name, result in builds.items()
        for path in result.outputs
    }
    pdfs = folder / "pdf"
    copies = []
    for key, (path, _count) in documents.items():  # unique names: one PDF per document
        copies.append(folder / f"{key}{path.suffix}")
        shutil.copyfile(path, copies[-1])
    _convert(copies, pdfs, folder / "lo")
    return {
        key: Rendered(path, pdfs / f"{key}.pdf", count) for key, (path, count) in documents.items()
    }


@pytest.mark.parametrize("name", ["hoau", "haai", "demo"])
def test_converts_to_one_page_per_slide(rendered: dict[str, Rendered], name: str) -> None:
    deck = rendered[f"{name}-pptx"]
    info = subprocess.run(["pdfinfo", str(deck.pdf)], capture_output=True, text=True, check=True)
    pages = int(
        next(line for line in info.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )
    assert pages == deck.slide_count
    text = subprocess.run(["pdftotext", str(deck.pdf), "-"], capture_output=True, text=True).stdout
    for prompt in PROMPTS:
        assert prompt not in text


def _convert(documents: list[Path], out: Path, profile: Path) -> None:
    """Convert documents with a plain `soffice --convert-to pdf` (its own user profile)."""
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, documents),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    missing = [d.name for d in documents if not (out / f"{d.stem}.pdf").is_file()]
    assert missing == [], f"LibreOffice laget ingen PDF av {missing}"


def _pages(pdf: Path) -> list[str]:
    """The text of each page of a PDF, whitespace collapsed."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")]


@pytest.mark.skipif(not toc_pages.available(), reason="LibreOffice mangler")
def test_handlingsplan_toc_page_numbers_and_footnotes_are_right_in_the_pdf(
    rendered: dict[str, Rendered],
) -> None:
    from docx import Document

    document = rendered["handlingsplan-docx"].document
    pages = _pages(rendered["handlingsplan-docx"].pdf)
    assert pages[0].startswith("DRAMMEN KOMMUNE – et godt sted å leve Handlingsplan for")
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
def test_committee_chapters_convert(rendered: dict[str, Rendered], name: str) -> None:
    pages = _pages(rendered[f"{name}-docx"].pdf)
    assert "Alle tall i 1000 kr" in " ".join(pages)
