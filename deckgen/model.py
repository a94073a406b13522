"""The document model: a deck of slides made of blocks, independent of any output format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from deckgen.errors import SourceLocation


class SlideKind(StrEnum):
    """The kinds of slide the content format can express (Norwegian names as users write them)."""

    TITLE = "tittel"
    SECTION = "deloverskrift"
    BULLETS = "punkter"
    COLUMNS = "kolonner"
    KEY_FIGURES = "nøkkeltall"
    TABLE = "tabell"
    PICTURE = "bilde"
    SCHEDULE = "tidsplan"
    LEVELS = "nivåer"
    PROCESS = "prosess"
    CLOSING = "avslutning"


@dataclass(frozen=True)
class Run:
    """A piece of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    footnote: str = ""
    """Label of the footnote this run refers to (then text is empty)."""
    link: str = ""
    """Address the text links to (a web address or e-mail), or empty."""


@dataclass
class Paragraph:
    """A paragraph; level 0 is plain text, 1–3 is the bullet depth."""

    runs: list[Run]
    level: int = 0
    numbered: bool = False
    location: SourceLocation | None = None
    list_start: bool = False
    """The first item of a list (numbering restarts here)."""
    start: int = 1
    """The number the list starts at (`3.` as its first item starts at 3)."""

    @property
    def text(self) -> str:
        """The plain text of all runs."""
        return "".join(run.text for run in self.runs)


@dataclass
class Text:
    """A run of paragraphs and list items, with an optional heading (used in columns)."""

    paragraphs: list[Paragraph]
    location: SourceLocation | None = None


@dataclass
class Cell:
    """One table cell: its text and whether it is bold."""

    text: str
    bold: bool = False
    italic: bool = False
    merge_up: bool = False
    """Merged with the cell above (written `^` in Markdown)."""
    runs: list[Run] = field(default_factory=list)
    """The formatted text (links, footnotes) of a cell written in Markdown; empty: plain text."""
    value: Decimal | None = None
    """The unrounded figure behind text in a computed table (percent as the fraction); None
    for labels, headers, empty cells and Markdown tables."""


class RowStyle(StrEnum):
    """How a table row is shown."""

    NORMAL = "normal"
    SUBTOTAL = "delsum"
    TOTAL = "sum"
    RATIO = "andel"


@dataclass
class TableRow:
    """One body row of a table."""

    cells: list[Cell]
    style: RowStyle = RowStyle.NORMAL


@dataclass
class Table:
    """A table: header, body rows, column alignment ('left'/'right'/'center') and caption."""

    header: list[Cell]
    rows: list[TableRow]
    align: list[str]
    caption: str = ""
    location: SourceLocation | None = None
    description: str = ""
    """What the table shows, for screen readers (the alt text)."""
    title: str = ""
    """The table's title from its table file (`tittel:`): the caption in Word."""


@dataclass(frozen=True)
class PictureData:
    """A checked picture ready to embed: PNG or JPEG bytes, upright, and its size in pixels."""

    data: bytes
    width: int
    height: int


@dataclass
class Picture:
    """A picture file with its alt text and caption."""

    path: Path
    alt_text: str
    caption: str = ""
    location: SourceLocation | None = None
    image: PictureData | None = None
    """The checked (and converted or turned) picture the writers embed; None when the file
    was not checked (a reader without a picture resolver, in tests)."""
    decorative: bool = False
    """Decoration only (`{.dekorativ}`): no alt text, and screen readers skip it."""


@dataclass
class KeyFigure:
    """A big number with a label, and the unit it is counted in on a line of its own."""

    value: str
    label: str
    location: SourceLocation | None = None
    unit: str = ""
    """«1000 kr», «mill. kr», «prosent av brutto driftsinntekter»; empty when there is none."""


@dataclass
class KeyFigures:
    """One to four key figures shown side by side."""

    items: list[KeyFigure]
    location: SourceLocation | None = None


@dataclass
class ScheduleEntry:
    """A date and what happens then."""

    when: str
    what: list[Run]
    location: SourceLocation | None = None


@dataclass
class Schedule:
    """A dated list of events."""

    entries: list[ScheduleEntry]
    location: SourceLocation | None = None


@dataclass
class DiagramStep:
    """One level or step of a diagram: its short label and the text that goes with it."""

    label: str
    text: list[Run]
    location: SourceLocation | None = None


@dataclass
class Diagram:
    """Levels (a pyramid, top level first) or the steps of a process, drawn as shapes."""

    kind: SlideKind
    steps: list[DiagramStep]
    location: SourceLocation | None = None


@dataclass
class Heading:
    """A numbered document heading, level 1–3."""

    level: int
    text: str
    location: SourceLocation | None = None


@dataclass
class Subheading:
    """A short lead line inside a slide, a column or a chapter section («Prioriteringer»):
    shown in the brand's heading style, not numbered and not in a table of contents."""

    text: str
    location: SourceLocation | None = None


@dataclass
class FactBox:
    """A framed box with a title, e.g. a definition."""

    title: str
    paragraphs: list[Paragraph]
    location: SourceLocation | None = None


class ChartKind(StrEnum):
    """The kinds of chart a chart spec can name (Norwegian names as users write them)."""

    COLUMN = "søyle"
    BAR = "stolpe"
    LINE = "linje"
    STACKED = "stablet"
    PIE = "kake"
    DOUGHNUT = "smultring"
    COMBINED = "kombinert"
    """Columns and lines on the same axes (`linjer:` names the lines)."""
    WATERFALL = "fossefall"
    """A start value, the changes as floating bars, and the end value (a fund's movements)."""


@dataclass
class ChartSeries:
    """One series: its name, unrounded values (None: no figure) and their formatted text."""

    name: str
    values: list[Decimal | None]
    texts: list[str]
    target: bool = False
    """A target (måltall) drawn as a dashed reference line."""
    line: bool = False
    """Drawn as a line over the columns of a combination chart."""


THIN_SLICE = Decimal("0.08")
"""A pie or doughnut slice smaller than this share of the whole: its figure goes outside it."""


@dataclass
class Chart:
    """A native chart drawn from a computed table: categories and series, figures and text."""

    kind: ChartKind
    title: str
    categories: list[str]
    series: list[ChartSeries]
    percent: bool = False
    """The figures are fractions shown as percent."""
    caption: str = ""
    """The unit line («Alle tall i 1000 kr»), the value axis title."""
    location: SourceLocation | None = None
    description: str = ""
    """What the chart shows, for screen readers (the alt text)."""
    totals: list[bool] = field(default_factory=list)
    """A waterfall's categories drawn from zero as balances (the others are its changes)."""

    def thin_parts(self) -> list[bool]:
        """For a pie or doughnut: which slices are under THIN_SLICE of the whole."""
        values = self.series[0].values
        whole = sum((v for v in values if v is not None), Decimal(0))
        return [v is not None and v < whole * THIN_SLICE for v in values]

    def summary(self) -> str:
        """The chart's data as short text: one line per series («Navn: kategori tall; …»)."""
        lines = [self.title] if self.title else []
        for series in self.series:
            pairs = [
                f"{c} {t}" if t else f"{c} mangler"
                for c, t in zip(self.categories, series.texts, strict=True)
            ]
            lines.append(f"{series.name}: {'; '.join(pairs)}")
        if self.caption:
            lines.append(self.caption)
        return "\n".join(lines)


Block = (
    Text
    | Table
    | Picture
    | KeyFigures
    | Schedule
    | Diagram
    | Heading
    | Subheading
    | FactBox
    | Chart
)


@dataclass
class Column:
    """One column of a multi-column slide: optional heading and its blocks."""

    heading: str
    blocks: list[Block]
    location: SourceLocation | None = None


@dataclass
class Columns:
    """Two or three columns side by side."""

    columns: list[Column]
    location: SourceLocation | None = None


@dataclass
class Slide:
    """One slide: its kind, title, optional subtitle, blocks and speaker notes."""

    kind: SlideKind
    title: str
    location: SourceLocation
    subtitle: str = ""
    blocks: list[Block | Columns] = field(default_factory=list)
    notes: str = ""


@dataclass
class Deck:
    """A presentation: metadata from the deck file and the slides in order."""

    name: str
    title: str
    subtitle: str
    committee: str
    date: dt.date
    brand: str
    slides: list[Slide]
    location: SourceLocation


@dataclass
class Report:
    """A Word document: cover data, numbered chapters of blocks, and footnotes by label."""

    name: str
    title: str
    subtitle: str
    subject: str
    date: dt.date
    brand: str
    blocks: list[Block]
    footnotes: dict[str, list[Paragraph]]
    location: SourceLocation
    cover: bool = True
