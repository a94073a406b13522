"""Brand configuration: brand/<name>/brand.yaml – palette, fonts, number style, layout names."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from deckgen.errors import DeckgenError, Problem, SourceLocation, suggestion
from deckgen.readers.yamlfile import line_of, load_yaml, validate


class Palette(BaseModel):
    """Brand colours as hex RGB without '#'."""

    model_config = ConfigDict(extra="forbid")

    primær: str = Field(pattern=r"^[0-9A-Fa-f]{6}$")
    """Main colour: titles, table headers."""
    mørk: str = Field(pattern=r"^[0-9A-Fa-f]{6}$")
    """Dark colour: backgrounds of title and section slides."""
    aksent: str = Field(pattern=r"^[0-9A-Fa-f]{6}$")
    """Accent: key figures, dates, bullets."""
    grønn: str = Field(pattern=r"^[0-9A-Fa-f]{6}$")
    """Secondary accent."""
    lys: str = Field(pattern=r"^[0-9A-Fa-f]{6}$")
    """Light background: table bands, cards."""
    tekst: str = Field(pattern=r"^[0-9A-Fa-f]{6}$")
    """Body text."""


class Fonts(BaseModel):
    """Font family names, and font files (relative to the brand folder) used to measure text."""

    model_config = ConfigDict(extra="forbid")

    overskrift: str
    tekst: str
    fil_vanlig: str
    fil_fet: str


class Layouts(BaseModel):
    """The template's layout name for each slide kind; the writer finds layouts by these names."""

    model_config = ConfigDict(extra="forbid")

    tittel: str
    deloverskrift: str
    punkter: str
    to_kolonner: str
    to_kolonner_med_titler: str
    tre_kolonner: str
    nøkkeltall: str
    tabell: str
    bilde: str
    tidsplan: str
    avslutning: str


class WordStyles(BaseModel):
    """The Word template's style names the writer uses ({nivå} is the heading level)."""

    model_config = ConfigDict(extra="forbid")

    tittel: str
    undertittel: str
    overskrift: str
    innholdsfortegnelse: str
    toc: str
    brødtekst: str
    punkt: str
    nummerert: str
    bildetekst: str
    tabell: str
    fotnote: str
    fotnotereferanse: str
    faktaboks: str
    faktaboks_tittel: str


class Brand(BaseModel):
    """One municipality's visual identity as deckgen uses it."""

    model_config = ConfigDict(extra="forbid")

    kommune: str
    """The municipality's name, used as document author."""
    ordmerke: str
    """Wordmark on title and closing slides."""
    slagord: str = ""
    """Sign-off under the wordmark."""
    tallformat: str = Field(default="drammen", pattern=r"^(drammen|språkrådet)$")
    """Number style: 'drammen' (1.216.746) or 'språkrådet' (1 216 746)."""
    pptx_mal: str
    """The PowerPoint template, relative to the brand folder."""
    docx_mal: str
    """The Word template, relative to the brand folder."""
    farger: Palette
    skrift: Fonts
    oppsett: Layouts
    stiler: WordStyles
    folder: Path = Path()

    def file(self, relative: str) -> Path:
        """A file in the brand folder."""
        return self.folder / relative


BUNDLED_BRANDS = Path(__file__).resolve().parent.parent / "brand"


def load_brand(brand_root: Path, name: str, where: SourceLocation | None = None) -> Brand:
    """Load brand/<name>/brand.yaml from the project, else from the brands shipped with deckgen."""
    folder = brand_root / name
    if not (folder / "brand.yaml").is_file() and (BUNDLED_BRANDS / name / "brand.yaml").is_file():
        folder = BUNDLED_BRANDS / name
    path = folder / "brand.yaml"
    if not path.is_file():
        known = sorted(
            {
                p.parent.name
                for root in (brand_root, BUNDLED_BRANDS)
                for p in root.glob("*/brand.yaml")
            }
        )
        raise DeckgenError.at(
            where,
            f"ukjent merkevare «{name}»{suggestion(name, known)}; "
            f"kjente merkevarer: {', '.join(known) or '(ingen)'}",
        )
    data, node = load_yaml(path)
    brand = validate(Brand, data, node, path)
    brand.folder = folder
    keys = {
        "pptx_mal": brand.pptx_mal,
        "docx_mal": brand.docx_mal,
        "fil_vanlig": brand.skrift.fil_vanlig,
        "fil_fet": brand.skrift.fil_fet,
    }
    missing = [
        Problem(
            SourceLocation(
                path, line_of(node, ("skrift", key) if key.startswith("fil") else (key,))
            ),
            f"merkevarens fil «{relative}» finnes ikke i {folder.name}/",
        )
        for key, relative in keys.items()
        if not brand.file(relative).is_file()
    ]
    if missing:
        raise DeckgenError(sorted(missing, key=lambda p: p.location.line if p.location else 0))
    return brand
