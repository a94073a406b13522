"""Make the pictures in docs/brukerveiledning.md from a real build, so they stay true.

Run from the project folder: `python docs/bilder/lag_bilder.py` (or give another output folder
as the only argument). In a temporary folder it makes a project with `deckgen new` (slides and
a short Word chapter), runs `deckgen preview` for the slides and for the Word file (LibreOffice and
pdftoppm, as a user would), and saves one small PNG per slide kind, one Word page and the contact
sheet. The same input gives the same bytes, and nothing is left in the temporary folder.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[2]
"""The project folder this script belongs to (its deckgen is the one that is run)."""

NAME = "budsjett"
NEW_ARGS = [
    "--tittel", "Budsjett 2025",
    "--utvalg", "Hovedutvalget for helse og omsorg",
    "--dato", "2025-03-01",
    "--merkevare", "drammen",
]  # fmt: skip
"""What `deckgen new` is asked for (a fixed date, so the pictures do not change with the day)."""

SLIDES = {
    "Budsjett 2025": "tittelside.png",
    "Tekst og tall": "skillebilde.png",
    "Tjenesteområdene": "punkter.png",
    "Utfordringer og muligheter": "kolonner.png",
    "Økonomien i korte trekk": "tall-i-teksten.png",
    "Nøkkeltall": "nokkeltall.png",
    "Budsjett og regnskap per tjenesteområde": "tabell.png",
    "Hvem har ansvaret": "tabell-markdown.png",
    "Budsjett og regnskap i et diagram": "diagram.png",
    "Et nytt kommunehus": "bilde.png",
    "Tiltak på tre nivåer": "nivaer.png",
    "Slik gjør vi det": "prosess.png",
    "Behandlingen": "tidsplan.png",
    "Spørsmål?": "avslutning.png",
}
"""The slide title in the example deck, and the picture of that slide."""

WORD_PAGE = "word-side.png"
SHEET = "oversikt.png"
PICTURES = (*SLIDES.values(), WORD_PAGE, SHEET)
"""Every picture this script makes."""

SLIDE_WIDTH = 640
PAGE_WIDTH = 480
SHEET_WIDTH = 800
COLOURS = 256
"""Width in pixels of each kind of picture, and the palette size (slides are flat colours)."""

CHAPTER = (REPO / "deckgen" / "scaffold_files" / "kapittel.md").read_text(encoding="utf-8")
"""The Word chapter `deckgen new` writes and the guide shows: a number from the table, the table
and a Markdown table."""


def main(argv: list[str]) -> int:
    """Make every picture into the folder given (default: the folder of this script)."""
    out = Path(argv[0]) if argv else Path(__file__).resolve().parent
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="deckgen-bilder-") as folder:
        pictures = make_pictures(Path(folder))
    for name in PICTURES:
        (out / name).write_bytes(pictures[name])
    print(f"skrev {len(PICTURES)} bilder i {out}")
    return 0


def make_pictures(folder: Path) -> dict[str, bytes]:
    """Build the example deck and its Word chapter in folder, and return every picture."""
    project = folder / "prosjekt"
    deckgen(folder, "new", NAME, "--prosjekt", str(project), *NEW_ARGS)
    check_chapter(project)
    deckgen(folder, "preview", NAME, "--prosjekt", str(project), "--strict")
    deckgen(folder, "preview", NAME, "--prosjekt", str(project), "--strict", "--format", "docx",
            "--out", "word")  # fmt: skip
    build = project / "build"
    pictures = slide_pictures(build / f"{NAME}.pptx", build / f"{NAME}-forhandsvisning")
    pictures[WORD_PAGE] = small(project / "word" / f"{NAME}-forhandsvisning" / "side-01.png",
                                PAGE_WIDTH)  # fmt: skip
    pictures[SHEET] = small(build / f"{NAME}-oversikt.png", SHEET_WIDTH)
    return pictures


def deckgen(folder: Path, *args: str) -> None:
    """Run this repository's deckgen with its temporary files in folder; stop if it fails."""
    scratch = folder / "tmp"
    scratch.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(scratch), "TEMP": str(scratch), "TMP": str(scratch)}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    ran = subprocess.run([sys.executable, "-m", "deckgen", *args], env=env, cwd=folder,
                         capture_output=True, text=True)  # fmt: skip
    if ran.returncode != 0 or ran.stderr.strip():
        raise SystemExit(f"deckgen {' '.join(args)} ga kode {ran.returncode}:\n{ran.stderr}")


def check_chapter(project: Path) -> None:
    """Stop unless `deckgen new` wrote the Word chapter the guide quotes and named it in the deck
    file."""
    written = (project / "content" / NAME / "kapittel.md").read_text(encoding="utf-8")
    if written != CHAPTER:
        raise SystemExit("kapittel.md fra deckgen new er ikke scaffold_files/kapittel.md")
    deck = project / "decks" / f"{NAME}.yaml"
    if f"  - {NAME}/kapittel.md\n" not in deck.read_text(encoding="utf-8"):
        raise SystemExit(f"{deck} nevner ikke kapittel.md; har deckgen new endret seg?")


def slide_pictures(pptx: Path, pages: Path) -> dict[str, bytes]:
    """One picture per slide title in SLIDES, found by the titles in the built file."""
    from pptx import Presentation

    titles = [slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
              for slide in Presentation(str(pptx)).slides]  # fmt: skip
    missing = [title for title in SLIDES if title not in titles]
    if missing:
        raise SystemExit(f"fant ikke lysbildene {missing} i eksempelet; lysbildene er {titles}")
    width = max(2, len(str(len(titles))))
    return {
        picture: small(pages / f"lysbilde-{titles.index(title) + 1:0{width}d}.png", SLIDE_WIDTH)
        for title, picture in SLIDES.items()
    }


def small(path: Path, width: int) -> bytes:
    """The PNG at path scaled to width, with a small palette and no metadata."""
    with Image.open(path) as image:
        rgb = image.convert("RGB")
    height = round(rgb.height * width / rgb.width)
    scaled = rgb.resize((width, height), Image.Resampling.LANCZOS)
    reduced = scaled.quantize(COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    reduced.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
