"""Validates binary input files before use: Office templates, font files and pictures.

Each check returns a Norwegian message that says what is wrong and what to do, or raises a
DeckgenError at the place in the content that uses the file. Nothing here writes or reads the
clock: a converted picture is the same bytes for the same input.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import posixpath
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deckgen.errors import DeckgenError, SourceLocation
from deckgen.model import PictureData

if TYPE_CHECKING:
    from PIL import Image as PILImage

logging.getLogger("PIL").addHandler(logging.NullHandler())  # its log lines are English

MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
"""An Office template larger than this, on disk or unpacked, is refused (a zip bomb)."""
MAX_PICTURE_BYTES = 30 * 1024 * 1024
"""A picture file larger than this is refused."""
MAX_PICTURE_PIXELS = 50_000_000
"""A picture with more pixels than this (50 megapixels) is refused before it is decoded."""

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
POTX = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
DOTX = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_TEMPLATE_OF = {PPTX: POTX, DOCX: DOTX}
"""The Office template kind (.potx, .dotx) a brand may use in place of each document kind."""

_OFFICE_KINDS = {
    PPTX: ("en PowerPoint-presentasjon (.pptx)", "PowerPoint"),
    POTX: (
        "en PowerPoint-mal (.potx)",
        "PowerPoint",
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml": (
        "en PowerPoint-fremvisning (.ppsx)",
        "PowerPoint",
    ),
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": (
        "en PowerPoint-presentasjon med makroer (.pptm)",
        "PowerPoint",
    ),
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml": (
        "en PowerPoint-mal med makroer (.potm)",
        "PowerPoint",
    ),
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml": (
        "en PowerPoint-fremvisning med makroer (.ppsm)",
        "PowerPoint",
    ),
    DOCX: ("et Word-dokument (.docx)", "Word"),
    DOTX: (
        "en Word-mal (.dotx)",
        "Word",
    ),
    "application/vnd.ms-word.document.macroEnabled.main+xml": (
        "et Word-dokument med makroer (.docm)",
        "Word",
    ),
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": (
        "en Word-mal med makroer (.dotm)",
        "Word",
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": (
        "et Excel-ark (.xlsx)",
        "Excel",
    ),
}
_OFFICE_DOCUMENT = "/officeDocument"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


_CHECKED_TEMPLATES: dict[tuple[bytes, str, str], str | None] = {}
"""Templates already checked in this process, by their content: a build of several documents
(and a test run) opens each template's XML once."""


def template_problem(path: Path, relative: str, main_type: str) -> str | None:
    """What is wrong with an Office template (.pptx or .docx), or None when it can be used."""
    try:
        if path.stat().st_size > MAX_TEMPLATE_BYTES:
            return _template_problem(path, relative, main_type)
        key = (hashlib.sha256(path.read_bytes()).digest(), relative, main_type)
    except OSError:
        return _template_problem(path, relative, main_type)
    if key not in _CHECKED_TEMPLATES:
        _CHECKED_TEMPLATES[key] = _template_problem(path, relative, main_type)
    return _CHECKED_TEMPLATES[key]


def _template_problem(path: Path, relative: str, main_type: str) -> str | None:
    """Check a template's file, zip, parts and content type."""
    wanted, app = _OFFICE_KINDS[main_type]
    extension = wanted[wanted.index("(") + 1 : -1]
    template = {".pptx": ".potx", ".docx": ".dotx"}.get(extension)
    if path.suffix.lower() == template:  # a template file of the right kind: keep it one
        extension = template
    name = f"{app}-malen «{relative}»"
    redo = f"lagre malen på nytt fra {app} som {extension}"
    size = path.stat().st_size
    if size == 0:
        return f"{name} er tom (0 byte); {redo}"
    if size > MAX_TEMPLATE_BYTES:
        return f"{name} er større enn {_mb(MAX_TEMPLATE_BYTES)}; gjør malen mindre"
    with path.open("rb") as handle:
        if handle.read(len(_OLE_MAGIC)) == _OLE_MAGIC:
            return (
                f"{name} er i et eldre Office-format (.ppt eller .doc) eller passordbeskyttet, "
                f"ikke {wanted}; {redo}, uten passord"
            )
    if not zipfile.is_zipfile(path):
        return f"{name} er ikke {wanted}, men en annen type fil; {redo}"
    try:
        with zipfile.ZipFile(path) as package:
            if sum(info.file_size for info in package.infolist()) > MAX_TEMPLATE_BYTES:
                return f"{name} er større enn {_mb(MAX_TEMPLATE_BYTES)} utpakket; gjør malen mindre"
            broken = _broken_part(package)
            if broken is not None:
                return f"{name} er ødelagt (delen «{broken}» kan ikke leses); {redo}"
            found = _main_type(package)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return f"{name} er ødelagt; {redo}"
    except (NotImplementedError, RuntimeError):  # an unknown packing method, a password
        return f"{name} er pakket på en måte som ikke kan leses (kryptert?); {redo}"
    if found is None:
        return f"{name} er en zip-fil, men ikke en Office-fil; {redo}"
    if found in (main_type, _TEMPLATE_OF[main_type]):
        return None
    kind, kind_app = _OFFICE_KINDS.get(found, (f"en fil av typen «{found}»", ""))
    if kind_app == app:
        return f"{name} er {kind}, ikke {wanted}; åpne den i {app} og lagre den som {extension}"
    return f"{name} er {kind}, ikke {wanted}; bruk en {extension}-fil lagret fra {app}"


def _broken_part(package: zipfile.ZipFile) -> str | None:
    """The first part of a zip package that cannot be unpacked (CRC) or is not well-formed XML
    (parsed as python-pptx and python-docx parse it: lxml, entities not resolved)."""
    from lxml import etree

    for info in package.infolist():
        try:
            data = package.read(info)
            if info.filename.endswith((".xml", ".rels")):
                _xml(data)
        except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError, EOFError, ValueError):
            return info.filename
    return None


def _xml(data: bytes) -> list[Any]:
    """The child elements of an XML part's root (comments and processing instructions left out)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return [child for child in etree.fromstring(data, parser) if isinstance(child.tag, str)]


def _main_type(package: zipfile.ZipFile) -> str | None:
    """The content type of an OOXML package's main part; None when it is not an OOXML package."""
    names = {name.lower(): name for name in package.namelist()}
    if "[content_types].xml" not in names or "_rels/.rels" not in names:
        return None
    relations = _xml(package.read(names["_rels/.rels"]))
    targets = [
        element.get("Target", "")
        for element in relations
        if element.get("Type", "").endswith(_OFFICE_DOCUMENT)
    ]
    if not targets:
        return None
    part = "/" + posixpath.normpath(targets[0].lstrip("/"))
    if part[1:].lower() not in names:
        return None
    types = _xml(package.read(names["[content_types].xml"]))
    overrides = {
        element.get("PartName", "").lower(): element.get("ContentType", "")
        for element in types
        if element.tag.endswith("}Override")
    }
    defaults = {
        element.get("Extension", "").lower(): element.get("ContentType", "")
        for element in types
        if element.tag.endswith("}Default")
    }
    return overrides.get(part.lower()) or defaults.get(part.rpartition(".")[2].lower()) or None


def font_problem(path: Path, relative: str) -> str | None:
    """What is wrong with a font file, or None when FreeType can load a face from it."""
    from PIL import ImageFont

    redo = "legg inn skriftfilen på nytt (TrueType .ttf eller OpenType .otf)"
    if path.stat().st_size == 0:
        return f"skriftfilen «{relative}» er tom (0 byte); {redo}"
    try:
        ImageFont.FreeTypeFont(str(path), 10).getlength("Åø")
    except (OSError, ValueError):
        return f"skriftfilen «{relative}» er ikke en skrift som kan leses; {redo}"
    if _cut_short(path):
        return f"skriftfilen «{relative}» er ufullstendig (kuttet av); {redo}"
    return None


def _cut_short(path: Path) -> bool:
    """Whether a TrueType/OpenType file ends before the tables its directory lists."""
    import struct

    data = path.read_bytes()
    if data[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true") or len(data) < 12:
        return False  # a collection or another kind FreeType read: leave it to FreeType
    (count,) = struct.unpack(">H", data[4:6])
    for index in range(count):
        entry = data[12 + 16 * index : 28 + 16 * index]
        if len(entry) < 16:
            return True
        _tag, _checksum, offset, length = struct.unpack(">4sIII", entry)
        if offset + length > len(data):
            return True
    return False


PICTURE_FORMATS = ("PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP")
"""The formats deckgen reads; all but PNG and JPEG are converted to PNG. (Pillow opens a JPEG
with extra pictures in it, as some cameras and phones make, as «MPO»: it is re-encoded as JPEG.)"""
_PASSED_THROUGH = ("PNG", "JPEG")
_PNG_MODES = ("1", "L", "LA", "I;16", "I;16B", "P", "RGB", "RGBA")
_ORIENTATION = 0x0112
_WORD_JPEG_STARTS = ((b"\xff\xd8\xff\xe0", b"JFIF"), (b"\xff\xd8\xff\xe1", b"Exif"))
"""How a JPEG must start for python-docx to read its header (others are re-encoded)."""
JPEG_QUALITY = 95
"""Quality of a JPEG that is re-encoded (rotated by its EXIF orientation, or an MPO photo)."""


def read_picture(path: Path, relative: str, location: SourceLocation) -> PictureData:
    """A picture ready to embed: PNG or JPEG bytes, turned upright, within the size limits."""
    size = path.stat().st_size
    if size > MAX_PICTURE_BYTES:
        raise DeckgenError.at(
            location,
            f"bildet «{relative}» er {_mb(size, up=True)}; høyst {_mb(MAX_PICTURE_BYTES)} "
            "kan brukes. Lagre det med lavere oppløsning eller mer komprimering",
        )
    with _quiet_pillow() as complaints:
        try:
            return _checked_picture(path.read_bytes(), relative, location, complaints)
        except DeckgenError:
            raise
        except Exception:  # Pillow's decoders fail in many ways on a broken file; all mean this
            raise DeckgenError.at(
                location, f"«{relative}» er ikke et bilde som kan leses (PNG eller JPEG)"
            ) from None


def _checked_picture(
    data: bytes, relative: str, location: SourceLocation, complaints: list[Any]
) -> PictureData:
    """Open a picture (its header only), check its size and frames, then decode it."""
    from PIL import Image

    with Image.open(io.BytesIO(data), formats=PICTURE_FORMATS) as image:
        width, height = image.size
        if width * height > MAX_PICTURE_PIXELS:
            raise DeckgenError.at(
                location,
                f"bildet «{relative}» er {width} × {height} piksler; høyst "
                f"{MAX_PICTURE_PIXELS // 1_000_000} megapiksler kan brukes. "
                "Lagre det med lavere oppløsning",
            )
        frames = getattr(image, "n_frames", 1)
        if frames > 1 and image.format != "MPO":
            raise DeckgenError.at(
                location,
                f"bildet «{relative}» har {frames} bilder (en animasjon eller flere sider); "
                "deckgen viser bare stillbilder. Lagre det bildet som skal vises, som PNG",
            )
        image.load()
        return _upright(image, data, clean=not complaints)


def _upright(image: PILImage.Image, data: bytes, clean: bool) -> PictureData:
    """A clean PNG or upright JPEG as it is; others turned by their EXIF orientation and
    re-encoded: JPEG and MPO photos as JPEG, every other format as PNG. (A picture Pillow
    complained about, such as broken EXIF data, is re-encoded without it, so that nothing
    that opens it later complains in English; so is a JPEG python-docx cannot read.)"""
    from PIL import ImageOps

    source = image.format or ""
    exif = image.getexif()
    turned = exif.get(_ORIENTATION, 1) in range(2, 9)
    clean = clean and not (image.info.get("exif") and not exif)  # EXIF Pillow cannot parse
    word_reads = source != "JPEG" or (data[:4], data[6:10]) in _WORD_JPEG_STARTS
    if source in _PASSED_THROUGH and clean and not turned and word_reads:
        return PictureData(data, image.width, image.height)
    upright = ImageOps.exif_transpose(image) if turned else image
    out = io.BytesIO()
    icc = image.info.get("icc_profile")
    if source in ("JPEG", "MPO"):
        upright.save(out, "JPEG", quality=JPEG_QUALITY, icc_profile=icc)
    else:
        if upright.mode not in _PNG_MODES:
            bands = upright.getbands()
            upright = upright.convert("RGBA" if "A" in bands else "RGB")
        upright.save(out, "PNG", icc_profile=icc)
    return PictureData(out.getvalue(), upright.width, upright.height)


@contextlib.contextmanager
def _quiet_pillow() -> Iterator[list[Any]]:
    """Let Pillow open a picture of any size (only its header is read: deckgen's own, lower
    pixel limit is checked before anything is decoded), and keep its English warnings and log
    lines off the screen; yields the warnings it gave."""
    from PIL import Image

    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        with warnings.catch_warnings(record=True) as complaints:
            warnings.simplefilter("always")
            yield complaints
    finally:
        Image.MAX_IMAGE_PIXELS = limit


def _mb(size: int, up: bool = False) -> str:
    """A size in whole megabytes for a message (rounded up for a file over a limit)."""
    megabytes = -(-size // (1024 * 1024)) if up else size // (1024 * 1024)
    return f"{megabytes} MB"


def office_package(path: Path) -> io.BytesIO:
    """A checked template's bytes as the document kind python-pptx and python-docx open: a
    .potx or .dotx gets the main content type of a .pptx or .docx (nothing else changes)."""
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        found = _main_type(package)
        if found not in (POTX, DOTX):
            return io.BytesIO(data)
        wanted = PPTX if found == POTX else DOCX
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in package.infolist():
                part = package.read(info)
                if info.filename.lower() == "[content_types].xml":
                    part = part.replace(found.encode(), wanted.encode())
                copy.writestr(info, part)
    out.seek(0)
    return out
