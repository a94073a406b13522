"""The shipped decks and report look as they did: each page rendered by LibreOffice is compared
with a reference picture kept in the repo, so a change that moves or breaks a slide is seen.

Byte equality (test_golden.py) says *that* an output changed; this says *which page looks
different*, and a change to the file that does not change the pages passes. When the pages
change on purpose, look at them and record the new references:
`python tests/test_visual.py --oppdater`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REFERENCES = TESTS / "visual"
RECORD = REFERENCES / "sider.json"
DOCUMENTS = {"hoau": "hoau.pptx", "haai": "haai.pptx", "handlingsplan": "handlingsplan.docx"}
RESOLUTION = 20
"""Dots per inch of the pictures: enough to see a moved block, small enough to keep (~3 kB)."""
CHANNEL_STEP = 24
"""A pixel differs when one of its colour channels moves by more than this (of 255)."""
MAX_CHANGED = 0.001
"""A page differs when more than this share of its pixels differ. LibreOffice draws the same
file the same way on one machine (no pixel differs), and three words added to a bullet change
0.4 % of the page at this resolution."""

pytestmark = pytest.mark.libreoffice


def libreoffice_version() -> str:
    """The LibreOffice that renders the pages: another version draws text a little otherwise."""
    done = subprocess.run(["soffice", "--version"], capture_output=True, text=True, check=True)
    return done.stdout.split("\n")[0].strip()


def render(document: Path, out: Path) -> list[Path]:
    """The document's pages as PNG pictures, in order, in out."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                str(document),
            ],
            capture_output=True,
            check=True,
            timeout=300,
        )
    pdf = out / f"{document.stem}.pdf"
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(RESOLUTION), str(pdf), str(out / "side")], check=True
    )
    pdf.unlink()
    return sorted(out.glob("side-*.png"))


def built_documents(folder: Path) -> dict[str, Path]:
    """Build the shipped documents (as test_golden.py does: page numbers left to Word)."""
    sys.path.insert(0, str(TESTS))
    from test_golden import build_without_page_numbers

    found = {}
    for name, file_name in DOCUMENTS.items():
        build_without_page_numbers(name, folder / name)
        found[name] = folder / name / file_name
    return found


def changed_share(reference: Path, page: Path) -> float:
    """The share of pixels that differ visibly between two pictures of a page."""
    from PIL import Image, ImageChops

    with Image.open(reference) as old, Image.open(page) as new:
        if old.size != new.size:
            return 1.0
        difference = ImageChops.difference(old.convert("RGB"), new.convert("RGB"))
    red, green, blue = difference.split()
    largest = ImageChops.lighter(ImageChops.lighter(red, green), blue)  # per pixel
    changed = largest.point(lambda level: 255 if level > CHANNEL_STEP else 0).histogram()[255]
    return changed / (difference.width * difference.height)


def tools_missing() -> str | None:
    """Why the pages cannot be rendered here, or None."""
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            return f"{tool} mangler"
    return None


def test_the_shipped_pages_look_as_recorded(tmp_path: Path) -> None:
    if reason := tools_missing():
        pytest.skip(reason)
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    if libreoffice_version() != recorded["libreoffice"]:
        pytest.skip(f"sidene er tatt opp med {recorded['libreoffice']}")
    differ: list[str] = []
    kept = Path(tempfile.mkdtemp(prefix="deckgen-visuelt-"))
    for name, document in built_documents(tmp_path).items():
        pages = render(document, kept / name)
        references = sorted((REFERENCES / name).glob("side-*.png"))
        if len(pages) != len(references):
            differ.append(f"{name}: {len(pages)} sider, referansen har {len(references)}")
            continue
        for reference, page in zip(references, pages, strict=True):
            share = changed_share(reference, page)
            if share > MAX_CHANGED:
                differ.append(f"{name} {page.name}: {share:.1%} av punktene er endret")
    if not differ:
        shutil.rmtree(kept)
    assert differ == [], f"sidene ser annerledes ut (de nye ligger i {kept})"


def record() -> None:
    """Render the shipped documents and keep their pages as the new references."""
    with tempfile.TemporaryDirectory() as folder:
        for name, document in built_documents(Path(folder)).items():
            shutil.rmtree(REFERENCES / name, ignore_errors=True)
            render(document, REFERENCES / name)
    RECORD.write_text(
        json.dumps({"libreoffice": libreoffice_version()}, indent=2) + "\n", encoding="utf-8"
    )


if __name__ == "__main__" and sys.argv[1:] == ["--oppdater"]:
    record()
