"""Binary input files are checked before use (issue 10): brand templates and fonts, pictures.

Each test builds the small project of the bad-input corpus (tests/feil/grunnlag/) in tmp_path
with a picture, template or font made here, runs `deckgen build` and checks the exit code,
every line on stderr, and for pictures what the built .pptx and .docx hold. The command runs
in-process (conftest.run_deckgen), as `python -m deckgen` runs it.
"""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from deckgen.inputfiles import MAX_PICTURE_BYTES

from .conftest import REPO, TESTS, Ran, run_deckgen

EARLIER = {"demo.pptx": b"tidligere presentasjon", "demo.docx": b"tidligere kapittel"}
PICTURE_LINE = "content/demo.md:12"
RED, BLUE = (220, 0, 0), (0, 0, 220)


def make_project(tmp_path: Path, picture: str = "bilder/skole.png", brand: bool = False) -> Path:
    """The corpus project, showing `picture` on its last slide and in a Word chapter."""
    project = tmp_path / "prosjekt"
    shutil.copytree(TESTS / "feil" / "grunnlag", project)
    demo = project / "content" / "demo.md"
    demo.write_text(
        demo.read_text(encoding="utf-8").replace("bilder/skole.png", picture), encoding="utf-8"
    )
    (project / "content" / "kapittel.md").write_text(
        f"# Bildet\n\n![En skolebygning]({picture})\n", encoding="utf-8"
    )
    deck = project / "decks" / "demo.yaml"
    deck.write_text(deck.read_text(encoding="utf-8") + "kapittel: [kapittel.md]\n", "utf-8")
    if brand:
        shutil.copytree(REPO / "brand" / "drammen", project / "brand" / "drammen")
    return project


def build(project: Path, out: Path) -> Ran:
    """Run `deckgen build demo` into out, which holds earlier builds."""
    out.mkdir(exist_ok=True)
    for name, data in EARLIER.items():
        (out / name).write_bytes(data)
    return run_deckgen("build", "demo", "--prosjekt", str(project), "--out", str(out))


def refused(project: Path, out: Path, *lines: str) -> None:
    """The build stops with exactly these lines on stderr and leaves earlier builds alone."""
    result = build(project, out)
    assert result.stderr.splitlines() == list(lines)
    assert result.returncode == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == EARLIER


def two_colour(size: tuple[int, int] = (60, 20)) -> Image.Image:
    """A picture wider than high: red left half, blue right half."""
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0] // 2, size[1]))
    return image


def embedded(path: Path) -> list[Image.Image]:
    """The pictures inside a built .pptx or .docx."""
    with zipfile.ZipFile(path) as package:
        return [
            Image.open(io.BytesIO(package.read(name)))
            for name in sorted(package.namelist())
            if "/media/" in name
        ]


def built_pictures(tmp_path: Path, project: Path) -> list[Image.Image]:
    """Build the project and return the picture in the .pptx and the one in the .docx."""
    result = build(project, tmp_path / "ut")
    assert (result.returncode, result.stderr) == (0, "")
    pictures = [*embedded(tmp_path / "ut" / "demo.pptx"), *embedded(tmp_path / "ut" / "demo.docx")]
    assert len(pictures) == 2
    return pictures


# -- pictures --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["WEBP", "GIF", "TIFF", "BMP"])
def test_other_picture_formats_become_png_in_both_outputs(tmp_path: Path, fmt: str) -> None:
    project = make_project(tmp_path, f"bilder/skole.{fmt.lower()}")
    two_colour().save(project / "content" / "bilder" / f"skole.{fmt.lower()}", fmt, lossless=True)
    for picture in built_pictures(tmp_path, project):
        assert (picture.format, picture.size) == ("PNG", (60, 20))
        rgb = picture.convert("RGB")
        assert (rgb.getpixel((5, 10)), rgb.getpixel((55, 10))) == (RED, BLUE)


def test_a_converted_picture_is_the_same_bytes_every_time(tmp_path: Path) -> None:
    project = make_project(tmp_path, "bilder/skole.webp")
    two_colour().save(project / "content" / "bilder" / "skole.webp", "WEBP", lossless=True)
    first, second = tmp_path / "en", tmp_path / "to"
    assert build(project, first).returncode == 0
    assert build(project, second).returncode == 0
    for name in ("demo.pptx", "demo.docx"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    (picture,) = embedded(first / "demo.pptx")
    assert not {"tIME", "tEXt", "zTXt", "iTXt"} & set(picture.info) and not picture.text


def test_a_phone_photo_is_turned_by_its_exif_orientation(tmp_path: Path) -> None:
    """Orientation 6: the camera was held upright; shown turned 90° clockwise, 20 × 60.
    An upright JPEG (the second picture in the chapter) is embedded byte for byte."""
    project = make_project(tmp_path, "bilder/foto.jpg")
    exif = Image.Exif()
    exif[0x0112] = 6
    two_colour().save(project / "content" / "bilder" / "foto.jpg", "JPEG", exif=exif)
    upright = project / "content" / "bilder" / "rett.jpg"
    two_colour().save(upright, "JPEG")
    with (project / "content" / "kapittel.md").open("a", encoding="utf-8") as chapter:
        chapter.write("\n![Et bilde som står rett](bilder/rett.jpg)\n")
    result = build(project, tmp_path / "ut")
    assert (result.returncode, result.stderr) == (0, "")
    (in_deck,) = embedded(tmp_path / "ut" / "demo.pptx")
    turned, kept = embedded(tmp_path / "ut" / "demo.docx")
    for picture in (in_deck, turned):
        assert (picture.format, picture.size) == ("JPEG", (20, 60))
        assert picture.getexif().get(0x0112, 1) == 1
        top, bottom = picture.getpixel((10, 5)), picture.getpixel((10, 55))
        assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]  # red above blue
    with zipfile.ZipFile(tmp_path / "ut" / "demo.docx") as package:
        assert package.read("word/media/image2.jpg") == upright.read_bytes()
    assert kept.size == (60, 20)


def test_a_photo_with_extra_pictures_in_it_mpo_is_embedded_as_jpeg(tmp_path: Path) -> None:
    project = make_project(tmp_path, "bilder/foto.jpg")
    two_colour().save(
        project / "content" / "bilder" / "foto.jpg",
        "MPO",
        save_all=True,
        append_images=[Image.new("RGB", (60, 20), "white")],
    )
    for picture in built_pictures(tmp_path, project):
        assert (picture.format, picture.size) == ("JPEG", (60, 20))


def jpeg_without_jfif() -> bytes:
    """A JPEG whose first segment is not JFIF or Exif (as some scanners and tools write)."""
    buffer = io.BytesIO()
    two_colour().save(buffer, "JPEG")
    data = buffer.getvalue()
    assert data[2:4] == b"\xff\xe0"
    return data[:2] + data[4 + int.from_bytes(data[4:6], "big") :]


def jpeg_with_broken_exif() -> bytes:
    """A JPEG whose EXIF block has an unknown byte order (Pillow ignores it, Word cannot)."""
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 1
    two_colour().save(buffer, "JPEG", exif=exif)
    return buffer.getvalue().replace(b"Exif\x00\x00MM", b"Exif\x00\x00ML", 1)


@pytest.mark.parametrize("make", [jpeg_without_jfif, jpeg_with_broken_exif])
def test_a_jpeg_word_cannot_read_is_re_encoded(tmp_path: Path, make: Any) -> None:
    project = make_project(tmp_path, "bilder/foto.jpg")
    (project / "content" / "bilder" / "foto.jpg").write_bytes(make())
    for picture in built_pictures(tmp_path, project):
        assert (picture.format, picture.size) == ("JPEG", (60, 20))
        assert "exif" not in picture.info


def test_an_animated_gif_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path, "bilder/film.gif")
    frames = [two_colour(), Image.new("RGB", (60, 20), "white")]
    frames[0].save(
        project / "content" / "bilder" / "film.gif", save_all=True, append_images=frames[1:]
    )
    refused(
        project,
        tmp_path / "ut",
        f"feil: {PICTURE_LINE}: bildet «bilder/film.gif» har 2 bilder (en animasjon eller flere "
        "sider); deckgen viser bare stillbilder. Lagre det bildet som skal vises, som PNG",
        "feil: content/kapittel.md:3: bildet «bilder/film.gif» har 2 bilder (en animasjon eller "
        "flere sider); deckgen viser bare stillbilder. Lagre det bildet som skal vises, som PNG",
    )


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header says it is width × height pixels (as a decompression bomb)."""
    buffer = io.BytesIO()
    Image.new("1", (8, 8)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


@pytest.mark.parametrize(
    ("width", "height"),
    [(10_000, 6_000), (12_000, 8_000), (30_000, 30_000)],
    ids=["over deckgens grense", "over Pillows advarsel", "over Pillows feil"],
)
def test_a_picture_over_the_pixel_limit_is_refused_in_norwegian(
    tmp_path: Path, width: int, height: int
) -> None:
    project = make_project(tmp_path)
    (project / "content" / "kapittel.md").write_text("# Bildet\n\nTekst.\n", encoding="utf-8")
    (project / "content" / "bilder" / "skole.png").write_bytes(png_claiming(width, height))
    refused(
        project,
        tmp_path / "ut",
        f"feil: {PICTURE_LINE}: bildet «bilder/skole.png» er {width} × {height} piksler; høyst "
        "50 megapiksler kan brukes. Lagre det med lavere oppløsning",
    )


def test_a_picture_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "content" / "kapittel.md").write_text("# Bildet\n\nTekst.\n", encoding="utf-8")
    with (project / "content" / "bilder" / "skole.png").open("r+b") as handle:
        handle.truncate(MAX_PICTURE_BYTES + 1)  # zeros after the PNG's end
    refused(
        project,
        tmp_path / "ut",
        f"feil: {PICTURE_LINE}: bildet «bilder/skole.png» er 31 MB; høyst 30 MB kan brukes. "
        "Lagre det med lavere oppløsning eller mer komprimering",
    )


# -- templates and fonts ---------------------------------------------------------------------


def rewritten(source: Path, part: str, change: tuple[bytes, bytes] | None) -> bytes:
    """A copy of an Office file with one part changed (or left out, when change is None)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(buffer, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == part:
                if change is None:
                    continue
                data = data.replace(*change)
            new.writestr(info, data)
    return buffer.getvalue()


BRAND = REPO / "brand" / "drammen"
PPTX_MAIN = b"presentationml.presentation.main+xml"
DOCX_MAIN = b"wordprocessingml.document.main+xml"
REDO_PPTX = "lagre malen på nytt fra PowerPoint som .pptx"
REDO_DOCX = "lagre malen på nytt fra Word som .docx"
TEMPLATES = {
    "tom": (
        "mal.pptx",
        b"",
        f"brand.yaml:8: PowerPoint-malen «mal.pptx» er tom (0 byte); {REDO_PPTX}",
    ),
    "tekst": (
        "mal.pptx",
        b"Dette er ikke en presentasjon\n",
        "brand.yaml:8: PowerPoint-malen «mal.pptx» er ikke en PowerPoint-presentasjon (.pptx), "
        f"men en annen type fil; {REDO_PPTX}",
    ),
    "gammel ppt": (
        "mal.pptx",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        "brand.yaml:8: PowerPoint-malen «mal.pptx» er i et eldre Office-format (.ppt eller .doc) "
        "eller passordbeskyttet, ikke en PowerPoint-presentasjon (.pptx); "
        f"{REDO_PPTX}, uten passord",
    ),
    "word som pptx": (
        "mal.pptx",
        (BRAND / "mal.docx").read_bytes(),
        "brand.yaml:8: PowerPoint-malen «mal.pptx» er et Word-dokument (.docx), ikke en "
        "PowerPoint-presentasjon (.pptx); bruk en .pptx-fil lagret fra PowerPoint",
    ),
    "pptm": (
        "mal.pptx",
        rewritten(
            BRAND / "mal.pptx",
            "[Content_Types].xml",
            (
                b"application/vnd.openxmlformats-officedocument." + PPTX_MAIN,
                b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
            ),
        ),
        "brand.yaml:8: PowerPoint-malen «mal.pptx» er en PowerPoint-presentasjon med makroer "
        "(.pptm), ikke en PowerPoint-presentasjon (.pptx); åpne den i PowerPoint og lagre den "
        "som .pptx",
    ),
    "zip uten innholdstyper": (
        "mal.pptx",
        rewritten(BRAND / "mal.pptx", "[Content_Types].xml", None),
        "brand.yaml:8: PowerPoint-malen «mal.pptx» er en zip-fil, men ikke en Office-fil; "
        + REDO_PPTX,
    ),
    "ødelagt xml": (
        "mal.pptx",
        rewritten(BRAND / "mal.pptx", "ppt/presentation.xml", (b"</p:presentation>", b"")),
        "brand.yaml:8: PowerPoint-malen «mal.pptx» er ødelagt (delen «ppt/presentation.xml» kan "
        f"ikke leses); {REDO_PPTX}",
    ),
    "pptx som docx": (
        "mal.docx",
        (BRAND / "mal.pptx").read_bytes(),
        "brand.yaml:35: Word-malen «mal.docx» er en PowerPoint-presentasjon (.pptx), ikke et "
        "Word-dokument (.docx); bruk en .docx-fil lagret fra Word",
    ),
    "docm": (
        "mal.docx",
        rewritten(
            BRAND / "mal.docx",
            "[Content_Types].xml",
            (
                b"application/vnd.openxmlformats-officedocument." + DOCX_MAIN,
                b"application/vnd.ms-word.document.macroEnabled.main+xml",
            ),
        ),
        "brand.yaml:35: Word-malen «mal.docx» er et Word-dokument med makroer (.docm), ikke et "
        "Word-dokument (.docx); åpne den i Word og lagre den som .docx",
    ),
    "tom docx": (
        "mal.docx",
        b"",
        f"brand.yaml:35: Word-malen «mal.docx» er tom (0 byte); {REDO_DOCX}",
    ),
    "tom skrift": (
        "fonts/OpenSans-Regular.ttf",
        b"",
        "brand.yaml:19: skriftfilen «fonts/OpenSans-Regular.ttf» er tom (0 byte); legg inn "
        "skriftfilen på nytt (TrueType .ttf eller OpenType .otf)",
    ),
    "ødelagt skrift": (
        "fonts/OpenSans-Bold.ttf",
        (BRAND / "fonts" / "OpenSans-Bold.ttf").read_bytes()[:200],
        "brand.yaml:20: skriftfilen «fonts/OpenSans-Bold.ttf» er ikke en skrift som kan leses; "
        "legg inn skriftfilen på nytt (TrueType .ttf eller OpenType .otf)",
    ),
    "skrift kuttet i to": (
        "fonts/OpenSans-Bold.ttf",
        (BRAND / "fonts" / "OpenSans-Bold.ttf").read_bytes()[
            : len((BRAND / "fonts" / "OpenSans-Bold.ttf").read_bytes()) // 2
        ],
        "brand.yaml:20: skriftfilen «fonts/OpenSans-Bold.ttf» er ufullstendig (kuttet av); "
        "legg inn skriftfilen på nytt (TrueType .ttf eller OpenType .otf)",
    ),
}


@pytest.mark.parametrize("case", TEMPLATES, ids=list(TEMPLATES))
def test_a_brand_template_or_font_that_is_not_what_it_says_is_named(
    tmp_path: Path, case: str
) -> None:
    name, data, message = TEMPLATES[case]
    project = make_project(tmp_path, brand=True)
    (project / "brand" / "drammen" / name).write_bytes(data)
    refused(project, tmp_path / "ut", f"feil: brand/drammen/{message}")


def test_a_font_is_measured_from_its_own_file_never_a_system_font(tmp_path: Path) -> None:
    """A font file FreeType cannot read is an error even when the system has a font of that
    name (ImageFont.truetype would quietly measure with that one instead)."""
    project = make_project(tmp_path, brand=True)
    fonts = project / "brand" / "drammen" / "fonts"
    (fonts / "DejaVuSans.ttf").write_bytes(b"ikke en skrift")
    brand_file = project / "brand" / "drammen" / "brand.yaml"
    brand_file.write_text(
        brand_file.read_text(encoding="utf-8").replace(
            "fonts/OpenSans-Regular.ttf", "fonts/DejaVuSans.ttf"
        ),
        encoding="utf-8",
    )
    refused(
        project,
        tmp_path / "ut",
        "feil: brand/drammen/brand.yaml:19: skriftfilen «fonts/DejaVuSans.ttf» er ikke en skrift "
        "som kan leses; legg inn skriftfilen på nytt (TrueType .ttf eller OpenType .otf)",
    )
