"""Brand configuration: brand/<name>/brand.yaml – palette, fonts, number style, layout names."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from deckgen.colours import tint
from deckgen.config.schema import line_of, validate
from deckgen.config.yamlload import load_yaml
from deckgen.errors import SHIPPED_ROOT, DeckgenError, Problem, SourceLocation, suggestion
from deckgen.project import Project


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
    """The template's layout name for each slide kind; the writer finds layouts by these names.

    Without tre_kolonner or tidsplan, those slides are drawn as text boxes on bare_tittel;
    key figures are always drawn (on nøkkeltall, else bare_tittel); bare_tittel defaults to
    the table layout.
    """

    model_config = ConfigDict(extra="forbid")

    tittel: str
    deloverskrift: str
    punkter: str
    to_kolonner: str
    to_kolonner_med_titler: str
    tre_kolonner: str | None = None
    nøkkeltall: str | None = None
    tabell: str
    bilde: str
    tidsplan: str | None = None
    avslutning: str
    bare_tittel: str | None = None

    def name_for(self, key: str) -> str:
        """The layout name slides of kind key are made on (a drawn kind: the title-only one)."""
        name = getattr(self, key)
        if name is not None:
            return str(name)
        return self.bare_tittel or self.tabell


HEX = r"^[0-9A-Fa-f]{6}$"
SUBTOTAL_SHARE = 0.16
TOTAL_SHARE = 0.32
"""Share of the primary colour in the default fill of subtotal and total rows (rest white)."""


class TableColours(BaseModel):
    """PowerPoint table colours beyond the palette; sums default to tints of the primary."""

    model_config = ConfigDict(extra="forbid")

    overskrift_tekst: str = Field(default="FFFFFF", pattern=HEX)
    """Header row text (the header is filled with farger.primær)."""
    stripe: str = Field(default="FFFFFF", pattern=HEX)
    """Every other body row, from the first; the rows between get farger.lys."""
    delsum: str | None = Field(default=None, pattern=HEX)
    sum: str | None = Field(default=None, pattern=HEX)

    def subtotal_fill(self, primary: str) -> str:
        """The fill of subtotal rows: delsum, else 16 % of the primary colour."""
        return self.delsum or tint(primary, SUBTOTAL_SHARE)

    def total_fill(self, primary: str) -> str:
        """The fill of total rows: sum, else 32 % of the primary colour."""
        return self.sum or tint(primary, TOTAL_SHARE)


class SlideWords(BaseModel):
    """Words the PowerPoint writer puts on slides."""

    model_config = ConfigDict(extra="forbid")

    fortsettelse: str = Field(default="(forts.)", min_length=1)
    """After the title of the slides a long table continues on."""
    skille: str = " · "
    """Between committee and date on the title slide."""
    tabell: str = Field(default="Tabell", min_length=1)
    """Alternative text of a table with neither description nor caption."""


class SlideSizes(BaseModel):
    """Text sizes on slides by role (points), and the floors (percent of a role's size) below
    which text is not shrunk: body text continues on a «(forts.)» slide instead."""

    model_config = ConfigDict(extra="forbid")

    tittel: float | None = Field(default=None, ge=8, le=96)
    """Slide titles; default: the template's title size (28 pt when it gives none)."""
    kolonnetittel: float | None = Field(default=None, ge=8, le=96)
    """Column headings; default: the template's heading size (20 pt when it gives none)."""
    mellomtittel: float = Field(default=24.0, ge=8, le=96)
    """Subheadings («### …» or a bold lead line) in a slide's text or a column."""
    minste_tekst: int = Field(default=70, ge=10, le=100)
    """Body text is shrunk (noted) down to this share of its size, and continues on a new
    slide when it would need less; 100: body text is never shrunk."""
    minste_tittel: int = Field(default=60, ge=10, le=100)
    """A title too long for its box at its size wraps, then shrinks down to this share."""


class TableSettings(BaseModel):
    """How tables are sized and placed on slides; the defaults are deckgen's earlier ones."""

    model_config = ConfigDict(extra="forbid")

    skrift_pt: float = Field(default=14.0, ge=8, le=40)
    """The size a table is drawn at, and a long («(forts.)») table keeps."""
    største_skrift_pt: float | None = Field(default=None, ge=8, le=40)
    """The size a table grows to when it fits on one slide at it; None: no growing."""
    minste_skrift_pt: float = Field(default=10.0, ge=6, le=40)
    """The smallest size a too wide table shrinks to before words are broken."""
    plassering: str = Field(default="topp", pattern=r"^(topp|midt)$")
    """Where a table slide's table stands in the room under its title and lead text."""
    cellemarg_sider_pt: float = Field(default=5.76, ge=0, le=30)
    """Room between a cell's text and its left and right edges."""
    cellemarg_topp_pt: float = Field(default=2.16, ge=0, le=30)
    """Room between a cell's text and its top and bottom edges."""

    @property
    def largest(self) -> float:
        """The size a table grows to when it has room (at least its usual size)."""
        return max(self.største_skrift_pt or self.skrift_pt, self.skrift_pt)

    @property
    def smallest(self) -> float:
        """The smallest size a table shrinks to (at most its usual size)."""
        return min(self.minste_skrift_pt, self.skrift_pt)


class SlideSettings(BaseModel):
    """What the PowerPoint writer takes from the brand beyond the layout names."""

    model_config = ConfigDict(extra="forbid")

    tabellfarger: TableColours = Field(default_factory=TableColours)
    tabell: TableSettings = Field(default_factory=TableSettings)
    ord: SlideWords = Field(default_factory=SlideWords)
    skriftstørrelser: SlideSizes = Field(default_factory=SlideSizes)


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


class WordWords(BaseModel):
    """Words and colours of the Word writer that belong to the brand (defaults: the originals)."""

    model_config = ConfigDict(extra="forbid")

    innhold: str = "Innhold"
    """Heading of the table of contents."""
    ingen_overskrifter: str = "(ingen overskrifter)"
    """The table of contents' only line when the report has no headings."""
    tabell: str = "Tabell"
    """Caption label and Word number sequence of tables («Tabell 3: …»)."""
    figur: str = "Figur"
    """Caption label and Word number sequence of pictures («Figur 2: …»)."""
    tabellhode_tekst: str = Field(default="FFFFFF", pattern=r"^[0-9A-Fa-f]{6}$")
    """Text colour of a table's header row, which has farger.primær behind it."""
    kapittel_ny_side: bool | Literal["lange"] = "lange"
    """Which chapters (heading level 1) but a first one at the very start begin on a new page:
    all (true), none (false), or those longer than about half a page («lange»)."""
    mellomtittel: str = Field(default="Mellomtittel", min_length=1)
    """The paragraph style of a lead line inside a chapter (a `Subheading`); added in the
    heading font and the primary colour when the template lacks it."""
    forside_farge: str | None = Field(default=None, pattern=r"^[0-9A-Fa-f]{6}$")
    """The colour field on the cover behind title, subtitle and date; default farger.primær."""


class Brand(BaseModel):
    """One municipality's visual identity as deckgen uses it."""

    model_config = ConfigDict(extra="forbid")

    kommune: str
    """The municipality's name, used as document author."""
    ordmerke: str
    """Wordmark on title and closing slides."""
    slagord: str = ""
    """Sign-off under the wordmark."""
    bunntekst: str | None = None
    """Footer text on slides whose layout has a footer placeholder; default: kommune."""
    tallformat: str = Field(default="drammen", pattern=r"^(drammen|språkrådet)$")
    """Number style: 'drammen' (1.216.746) or 'språkrådet' (1 216 746)."""
    pptx_mal: str
    """The PowerPoint template (.pptx or .potx), relative to the brand folder."""
    docx_mal: str
    """The Word template (.docx or .dotx), relative to the brand folder."""
    farger: Palette
    skrift: Fonts
    oppsett: Layouts
    lysbilder: SlideSettings = Field(default_factory=SlideSettings)
    stiler: WordStyles
    folder: Path = Path()
    word: WordWords = Field(default_factory=WordWords)
    """Words and colours of the Word writer (all optional)."""

    def file(self, relative: str) -> Path:
        """A file in the brand folder."""
        return self.folder / relative


BUNDLED_BRANDS = SHIPPED_ROOT / "brand"

_FILE_KEYS = (
    ("pptx_mal", ("pptx_mal",)),
    ("fil_vanlig", ("skrift", "fil_vanlig")),
    ("fil_fet", ("skrift", "fil_fet")),
    ("docx_mal", ("docx_mal",)),
)


def load_brand(brand_root: Path, name: str, where: SourceLocation | None = None) -> Brand:
    """Load brand/<name>/brand.yaml from the project, else from the brands shipped with deckgen;
    the brand's templates and fonts must be in its folder and be what they say they are."""
    folder = _brand_folder(brand_root, name, where)
    path = folder / "brand.yaml"
    data, node = load_yaml(path)
    brand = validate(Brand, data, node, path)
    brand.folder = folder
    problems = []
    for key, keys in _FILE_KEYS:
        relative = getattr(brand, key) if len(keys) == 1 else getattr(brand.skrift, key)
        location = SourceLocation(path, line_of(node, keys))
        try:
            found = _file_problem(brand, relative, key, location)
        except DeckgenError as exc:
            problems.extend(exc.problems)
            continue
        if found:
            problems.append(Problem(location, found))
    if problems:
        raise DeckgenError(sorted(problems, key=lambda p: p.location.line if p.location else 0))
    return brand


def _brand_folder(brand_root: Path, name: str, where: SourceLocation | None) -> Path:
    """The folder of a brand: a plain folder name in the project's brand/ (which must not lead
    out of the project), else one of the brands shipped with deckgen."""
    if not name.strip():
        raise DeckgenError.at(where, "merkevaren er tom; skriv navnet på en mappe i brand/")
    if name in (".", "..") or any(c in name for c in "/\\\0"):
        raise DeckgenError.at(
            where, f"merkevaren «{name}» må være navnet på en mappe i brand/, ikke en sti"
        )
    folder = brand_root / name
    if os.path.lexists(folder):
        project = Project(brand_root.parent)
        folder = project.inside(brand_root, name, where or SourceLocation(folder), "merkevaren")
        project.inside(folder, "brand.yaml", where or SourceLocation(folder), "merkevarefilen")
    if not (folder / "brand.yaml").is_file() and (BUNDLED_BRANDS / name / "brand.yaml").is_file():
        folder = BUNDLED_BRANDS / name
    if not (folder / "brand.yaml").is_file():
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
    return folder


def _file_problem(brand: Brand, relative: str, key: str, location: SourceLocation) -> str | None:
    """What is wrong with one of the brand's files: outside the brand folder (raised), missing,
    or not a template or font that can be read."""
    from deckgen import inputfiles

    folder = brand.folder  # the root the brand's files must stay in
    path = Project(folder).inside(
        folder, relative, location, "merkevarens fil", place=f"merkevaremappen {folder.name}/"
    )
    if not path.is_file():
        return f"merkevarens fil «{relative}» finnes ikke i {folder.name}/"
    if key == "pptx_mal":
        return inputfiles.template_problem(path, relative, inputfiles.PPTX)
    if key == "docx_mal":
        return inputfiles.template_problem(path, relative, inputfiles.DOCX)
    return inputfiles.font_problem(path, relative)


def key_location(brand: Brand, keys: tuple[str | int, ...]) -> SourceLocation:
    """Where in the brand's brand.yaml the key at keys (or its nearest parent) is written."""
    path = brand.folder / "brand.yaml"
    _, node = load_yaml(path)
    return SourceLocation(path, line_of(node, keys))
