"""`deckgen preview`: a built file as one PNG per slide or page, and a contact sheet of them.

LibreOffice makes a PDF of the .pptx or .docx (writers/pdf.convert, in a profile and temporary
folder of its own), poppler's pdftoppm draws each page, and Pillow writes the PNGs (without
metadata, so the same file gives the same bytes) and the contact sheet with slide numbers.
"""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from deckgen.errors import DeckgenError

if TYPE_CHECKING:
    from PIL import Image

FOLDER_SUFFIX = "-forhandsvisning"
"""build/<name>-forhandsvisning/ holds the PNGs (ASCII, so no å differs between systems)."""

SHEET_SUFFIX = "-oversikt.png"
"""build/<name>-oversikt.png is the contact sheet."""

LONG_SIDE = 1280
"""Pixels on the long side of each page PNG (a 16:9 slide is 1280 × 720)."""

THUMB_SIDE = 320
"""Pixels on the long side of each thumbnail on the contact sheet."""

TIMEOUT_SECONDS = 300
"""How long pdftoppm may take for one document."""

PREVIEWABLE = (".pptx", ".pdf", ".docx")
"""The built files a preview can be made of, in the order one is chosen."""

_PAGE_FILE = re.compile(r"^(lysbilde|side)-\d+\.png$")

POPPLER_MISSING = (
    "forhåndsvisningen trenger pdftoppm (fra poppler) for å gjøre sidene om til bilder, og det "
    "finnes ikke på denne maskinen. Installer det slik – Debian/Ubuntu: sudo apt-get install "
    "poppler-utils; Fedora: sudo dnf install poppler-utils; macOS: brew install poppler; "
    "Windows: winget install oschwartz10612.Poppler (eller conda install -c conda-forge "
    "poppler), og legg mappen med pdftoppm.exe i PATH"
)
"""The message when pdftoppm is not found."""


@dataclass(frozen=True)
class Preview:
    """What a preview wrote: the page PNGs, in order, and the contact sheet."""

    pages: list[Path]
    sheet: Path
    word: Literal["lysbilde", "side"]


def find_pdftoppm() -> Path | None:
    """poppler's pdftoppm: on PATH, else where Homebrew installs it; None if absent."""
    found = shutil.which("pdftoppm")
    if found is not None:
        return Path(found)
    if sys.platform == "darwin":
        for place in ("/opt/homebrew/bin/pdftoppm", "/usr/local/bin/pdftoppm"):
            if Path(place).is_file():
                return Path(place)
    return None


def check_tools() -> None:
    """Stop before anything is built when pdftoppm or LibreOffice is missing."""
    from deckgen.writers.office import MISSING, find_soffice

    if find_pdftoppm() is None:
        raise DeckgenError.at(None, POPPLER_MISSING)
    if find_soffice() is None:
        raise DeckgenError.at(None, MISSING.replace("for å lage PDF", "for forhåndsvisningen"))


def chosen(paths: list[Path]) -> Path:
    """The built file to preview: the slides (.pptx) first, else the PDF, else the Word file."""
    for suffix in PREVIEWABLE:
        for path in paths:
            if path.suffix == suffix:
                return path
    raise DeckgenError.at(None, "bygget laget ingen fil som kan forhåndsvises")


def make_preview(built: Path, name: str, out_dir: Path, is_deck: bool) -> Preview:
    """Draw every slide or page of a built file into out_dir/<name>-forhandsvisning/ and the
    contact sheet out_dir/<name>-oversikt.png; remove page PNGs left from an earlier preview."""
    from deckgen.output import write_all_atomic

    pdf = built.read_bytes() if built.suffix == ".pdf" else _to_pdf(built, name)
    images = _rasterise(pdf)
    word: Literal["lysbilde", "side"] = (
        "lysbilde" if is_deck and built.suffix != ".docx" else "side"
    )
    folder = out_dir / f"{name}{FOLDER_SUFFIX}"
    width = max(2, len(str(len(images))))
    files = {folder / f"{word}-{number:0{width}d}.png": _png(image)
             for number, image in enumerate(images, 1)}  # fmt: skip
    sheet = out_dir / f"{name}{SHEET_SUFFIX}"
    files[sheet] = _png(contact_sheet(images))
    write_all_atomic(files)
    _remove_stale(folder, set(files))
    return Preview(sorted(path for path in files if path != sheet), sheet, word)


def _to_pdf(built: Path, name: str) -> bytes:
    """The .pptx or .docx as a PDF, made by LibreOffice."""
    from deckgen.writers.pdf import convert

    source: Literal["pptx", "docx"] = "pptx" if built.suffix == ".pptx" else "docx"
    return convert(built.read_bytes(), source, name)


def _rasterise(pdf: bytes) -> list[Image.Image]:
    """Each page of the PDF as an image, LONG_SIDE pixels on its long side (pdftoppm)."""
    from PIL import Image

    tool = find_pdftoppm()
    if tool is None:
        raise DeckgenError.at(None, POPPLER_MISSING)
    with tempfile.TemporaryDirectory(prefix="deckgen-preview-") as folder:
        source = Path(folder, "dokument.pdf")
        source.write_bytes(pdf)
        argv = [str(tool), "-png", "-scale-to", str(LONG_SIDE), str(source), f"{folder}/side"]
        try:
            ran = subprocess.run(argv, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise DeckgenError.at(
                None, f"pdftoppm brukte mer enn {TIMEOUT_SECONDS} sekunder; prøv igjen"
            ) from None
        pages = sorted(Path(folder).glob("side-*.png"), key=lambda p: int(p.stem.split("-")[1]))
        if ran.returncode != 0 or not pages:
            said = " ".join(ran.stderr.split())[-300:]
            raise DeckgenError.at(
                None, f"pdftoppm avsluttet med kode {ran.returncode} uten å lage bilder ({said})"
            )
        images = []
        for page in pages:
            with Image.open(page) as image:
                images.append(image.convert("RGB"))
    return images


def _png(image: Image.Image) -> bytes:
    """The image as PNG bytes with no metadata (same image, same bytes)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=6)
    return buffer.getvalue()


def grid(count: int, landscape: bool) -> tuple[int, int]:
    """Columns and rows of the contact sheet: 4 slides or 6 pages a row, fewer when there are
    fewer."""
    columns = max(1, min(count, 4 if landscape else 6))
    return columns, math.ceil(count / columns)


def contact_sheet(images: list[Image.Image]) -> Image.Image:
    """All pages as thumbnails in a grid, each with its number under it."""
    from PIL import Image, ImageDraw, ImageFont

    margin, label = 16, 28
    box_w = max(_thumb_size(image)[0] for image in images)
    box_h = max(_thumb_size(image)[1] for image in images)
    columns, rows = grid(len(images), box_w >= box_h)
    sheet = Image.new(
        "RGB",
        (margin + columns * (box_w + margin), margin + rows * (box_h + label + margin)),
        (255, 255, 255),
    )
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=18)
    for index, image in enumerate(images):
        column, row = index % columns, index // columns
        thumb = image.resize(_thumb_size(image), Image.Resampling.LANCZOS)
        left = margin + column * (box_w + margin) + (box_w - thumb.width) // 2
        top = margin + row * (box_h + label + margin) + (box_h - thumb.height) // 2
        sheet.paste(thumb, (left, top))
        draw.rectangle(
            (left - 1, top - 1, left + thumb.width, top + thumb.height), outline=(150, 150, 150)
        )
        centre = margin + column * (box_w + margin) + box_w // 2
        baseline = margin + row * (box_h + label + margin) + box_h + label // 2 + 2
        draw.text((centre, baseline), str(index + 1), fill=(40, 40, 40), font=font, anchor="mm")
    return sheet


def _thumb_size(image: Image.Image) -> tuple[int, int]:
    """A page's thumbnail size: THUMB_SIDE on its long side, proportions kept."""
    scale = THUMB_SIDE / max(image.width, image.height)
    return max(1, round(image.width * scale)), max(1, round(image.height * scale))


def _remove_stale(folder: Path, keep: set[Path]) -> None:
    """Remove page PNGs of an earlier, longer preview (only files named as previews name them)."""
    for path in folder.glob("*.png"):
        if _PAGE_FILE.match(path.name) and path not in keep:
            path.unlink(missing_ok=True)
