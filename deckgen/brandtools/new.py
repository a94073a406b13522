"""`deckgen brand new`: a brand folder made from a municipality's own templates."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from deckgen.brandtools.brandfile import BrandText, brand_yaml
from deckgen.brandtools.fontfiles import FontFiles, find_font
from deckgen.brandtools.guess import guess_layouts, guess_styles, styles_of
from deckgen.brandtools.inspect import (
    check_all,
    mapping_lines,
    missing_style_lines,
    open_powerpoint,
    open_word,
)
from deckgen.brandtools.theme import Theme, palette
from deckgen.errors import DeckgenError, Problem, either
from deckgen.numbers import STYLES
from deckgen.project import Project

DEFAULT_NUMBER_STYLE = "språkrådet"
"""The number style of a new brand unless --tallformat says otherwise: Språkrådet's rules."""
FONT_FOLDER = "fonts"


@dataclass
class Made:
    """What `brand new` did: the lines to print, and warnings."""

    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def check_name(name: str) -> None:
    """Refuse a brand name that is not a plain folder name (the rules brand: follows)."""
    if not name.strip():
        raise DeckgenError.at(None, "merkevaren er tom; skriv navnet på en mappe i brand/")
    if name in (".", "..") or any(c in name for c in "/\\\0") or name != name.strip():
        raise DeckgenError.at(
            None, f"merkevaren «{name}» må være navnet på en mappe i brand/, ikke en sti"
        )
    if name.startswith("."):
        raise DeckgenError.at(
            None, f"merkevaren «{name}» kan ikke begynne med punktum (en skjult mappe)"
        )


def municipality(name: str) -> str:
    """«lysvik» → «Lysvik kommune», «nord-aurdal» → «Nord-Aurdal kommune»."""
    words = name.replace("_", " ").split()
    return " ".join("-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in words) + (
        " kommune"
    )


@dataclass(frozen=True)
class Request:
    """The options of `deckgen brand new`."""

    name: str
    pptx: Path
    docx: Path | None = None
    kommune: str | None = None
    ordmerke: str | None = None
    tallformat: str = DEFAULT_NUMBER_STYLE


def new_brand(project: Project, request: Request) -> Made:
    """Write brand/<name>/ from the templates; nothing is written when anything is wrong."""
    check_name(request.name)
    folder = project.brand_dir / request.name
    if os.path.lexists(folder):
        raise DeckgenError.at(
            None,
            f"brand/{request.name}/ finnes allerede; velg et annet navn, eller flytt mappen",
        )
    if request.tallformat not in STYLES:
        raise DeckgenError.at(
            None,
            f"--tallformat må være {either([f'«{s}»' for s in STYLES])}, "
            f"ikke «{request.tallformat}»",
        )
    templates = [(request.pptx, request.pptx.as_posix(), False)]
    if request.docx is not None:
        templates.append((request.docx, request.docx.as_posix(), True))
    check_all(templates)
    return _write(project, folder, request)


def _write(project: Project, folder: Path, request: Request) -> Made:
    """Guess everything, then put the folder in place at once."""
    made = Made()
    powerpoint = open_powerpoint(request.pptx)
    layouts = guess_layouts(powerpoint.layouts)
    if layouts.unmapped:
        raise DeckgenError(
            [
                Problem(None, f"PowerPoint-malen «{request.pptx.as_posix()}» har ikke {line}")
                for line in _unmapped(layouts.unmapped)
            ]
        )
    theme = powerpoint.theme
    pptx_name = "mal" + request.pptx.suffix.lower()
    files: dict[str, bytes] = {pptx_name: request.pptx.read_bytes()}
    if request.docx is not None:
        docx_name = "mal" + request.docx.suffix.lower()
        files[docx_name] = request.docx.read_bytes()
        styles = guess_styles(styles_of(open_word(request.docx)))
        word_note = ""
    else:
        docx_name = "mal.docx"
        files[docx_name] = default_word_template(theme)
        styles = guess_styles(styles_of(open_word_bytes(files[docx_name])))
        word_note = (
            "Ingen Word-mal ble gitt: mal.docx er python-docx' standardmal med malens temaskrifter"
        )
        made.warnings.append(
            f"ingen Word-mal (--docx); brand/{request.name}/mal.docx er en enkel standardmal med "
            f"skriftene «{theme.heading_font}»/«{theme.body_font}» – bytt den med kommunens "
            "Word-mal når dere har den"
        )
    font, font_note = _fonts(theme, made, request.name)
    regular, bold = _font_names(font)
    files[f"{FONT_FOLDER}/{regular}"] = font.regular.read_bytes()
    files[f"{FONT_FOLDER}/{bold}"] = font.bold.read_bytes()
    colours, sources, missing_colours = palette(theme)
    kommune = request.kommune or municipality(request.name)
    text = BrandText(
        kommune=kommune,
        ordmerke=request.ordmerke or kommune.upper(),
        tallformat=request.tallformat,
        pptx_mal=pptx_name,
        docx_mal=docx_name,
        sources=" og ".join(p.name for p in (request.pptx, request.docx) if p is not None),
        colours=colours,
        colour_sources=sources,
        heading_font=theme.heading_font or font.family,
        body_font=theme.body_font or font.family,
        font_files=(f"{FONT_FOLDER}/{regular}", f"{FONT_FOLDER}/{bold}"),
        font_note=font_note,
        layouts=layouts,
        styles=styles,
        word_note=word_note,
    )
    files["brand.yaml"] = brand_yaml(text).encode("utf-8")
    _put_in_place(project, folder, files)
    _verify(project, folder)
    shown = f"brand/{request.name}/"
    made.lines += [
        f"skrev {shown}: {', '.join(sorted(files))}",
        "",
        f"Oppsett fra «{request.pptx.name}»:",
        *mapping_lines(layouts),
        "",
        f"Farger fra temaet «{theme.name}»: "
        + ", ".join(f"{k} {v} ({sources[k] or 'nøytral'})" for k, v in colours.items()),
        f"Skrift: overskrifter «{text.heading_font}», tekst «{text.body_font}»; teksten måles "
        f"med {text.font_files[0]} og {text.font_files[1]}",
        f"Tall: {request.tallformat}; kommune: {kommune}; ordmerke: {text.ordmerke}",
        "",
        f"Stiler fra «{docx_name if request.docx is None else request.docx.name}»:",
        *(f"  {key}: «{name}»" for key, name in styles.chosen.items() if key not in styles.missing),
        *missing_style_lines(styles),
        "",
        f"Neste steg: skriv «merkevare: {request.name}» i presentasjonsfilen eller i "
        "deckgen.yaml, og kjør «deckgen check <navn>».",
    ]
    if missing_colours:
        made.warnings.append(
            f"temaet har ingen farge for {', '.join(missing_colours)}; brand.yaml har en nøytral "
            "farge der – rett den"
        )
    return made


def _unmapped(keys: list[str]) -> list[str]:
    """What a template lacks, one line per slide kind."""
    from deckgen.writers.pptx_roles import LayoutRoles, missing_roles

    return [
        f"noe oppsett for {key} (trenger {', '.join(missing_roles(key, LayoutRoles('', [])))}); "
        "legg til et slikt oppsett i malen (Vis → Lysbildemal)"
        for key in keys
    ]


def _fonts(theme: Theme, made: Made, name: str) -> tuple[FontFiles, str]:
    """The files of the theme's body font, else a stand-in with a warning."""
    family = theme.body_font or theme.heading_font
    font = find_font(family) if family else None
    if font is None:
        font = find_font("sans-serif")
    if font is None:
        raise DeckgenError.at(
            None,
            f"fant ingen skriftfiler for «{family}» og ingen annen skrift på maskinen; legg "
            "skriftfilene (.ttf eller .otf) inn og prøv igjen",
        )
    note = ""
    if not font.exact:
        note = (
            f"OBS: «{family}» finnes ikke på maskinen; teksten måles med «{font.family}», "
            f"så målingen er omtrentlig. Legg filene til «{family}» i {FONT_FOLDER}/ og rett "
            "fil_vanlig og fil_fet"
        )
        made.warnings.append(
            f"skriften «{family}» fra malens tema finnes ikke på denne maskinen; teksten måles "
            f"med «{font.family}» i stedet, så det deckgen regner med får plass, er omtrentlig. "
            f"Legg skriftfilene til «{family}» (vanlig og fet, .ttf eller .otf) i "
            f"brand/{name}/{FONT_FOLDER}/ og rett skrift.fil_vanlig og skrift.fil_fet i "
            f"brand/{name}/brand.yaml"
        )
    if theme.heading_font and theme.heading_font != family:
        made.warnings.append(
            f"temaet har «{theme.heading_font}» for overskrifter og «{family}» for tekst; "
            f"teksten måles med «{font.family}»"
        )
    return font, note


def _font_names(font: FontFiles) -> tuple[str, str]:
    """The file names the regular and bold face get in fonts/ (the same file once)."""
    return font.regular.name, font.bold.name


def _put_in_place(project: Project, folder: Path, files: dict[str, bytes]) -> None:
    """Write the files to a temporary folder beside the brand's and rename it into place."""
    project.brand_dir.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=".ny-merkevare-", dir=project.brand_dir))
    try:
        for relative, data in files.items():
            path = temporary / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        temporary.rename(folder)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _verify(project: Project, folder: Path) -> None:
    """Load the new brand as a build would; a brand that does not load is a bug in deckgen."""
    from deckgen.brand import load_brand

    try:
        load_brand(project.brand_dir, folder.name)
    except DeckgenError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"brand new skrev en ugyldig brand.yaml: {error.problems}") from None


# --- the Word template when none is given -----------------------------------------------------

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def default_word_template(theme: Theme) -> bytes:
    """python-docx's own template with its theme fonts set to the PowerPoint theme's."""
    from docx import Document
    from lxml import etree

    out = io.BytesIO()
    Document().save(out)
    source, result = zipfile.ZipFile(io.BytesIO(out.getvalue())), io.BytesIO()
    with source, zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("word/theme/") and info.filename.endswith(".xml"):
                root = etree.fromstring(data, etree.XMLParser(resolve_entities=False))
                for tag, font in (
                    ("majorFont", theme.heading_font),
                    ("minorFont", theme.body_font),
                ):
                    latin = root.find(f".//{_A}fontScheme/{_A}{tag}/{_A}latin")
                    if latin is not None and font:
                        latin.set("typeface", font)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            info.date_time = (1980, 1, 1, 0, 0, 0)
            copy.writestr(info, data)
    return result.getvalue()


def open_word_bytes(data: bytes) -> object:
    """A Word document from bytes (the default template made above)."""
    from docx import Document

    return Document(io.BytesIO(data))
