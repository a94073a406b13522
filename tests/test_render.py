"""Rendering with LibreOffice: every built deck converts, one page per slide, no prompt texts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from deckgen.pipeline import build_deck
from deckgen.project import Project

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
    result = build_deck(Project(root), name, tmp_path)
    deck = result.outputs[0]
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(deck),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / f"{name}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(
        next(line for line in info.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )
    assert pages == result.slide_count
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    for prompt in PROMPTS:
        assert prompt not in text
