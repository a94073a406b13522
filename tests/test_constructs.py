"""The construct matrix: every Markdown construct in every place, for every writer.

Each construct either reaches the output (asserted in the .pptx or .docx XML) or the build
stops with exit 1 and a Norwegian message naming the file and line of the construct. There is
no third outcome: nothing may be dropped silently. docs/innholdsformat.md lists the same table.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from deckgen.cli import app

from .conftest import ROOTS

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
URL = "https://www.example.no/side"


@dataclass(frozen=True)
class Place:
    """Where a construct stands: a content file with `{S}` where the construct goes."""

    name: str
    template: str
    output: str
    """'pptx' (slides), 'notes' (speaker notes) or 'docx' (the Word chapter)."""
    inline_only: bool = False

    @property
    def line(self) -> int:
        """The line the construct starts on."""
        return self.template.split("{S}")[0].count("\n") + 1


PLACES = [
    Place("lysbilde", "## Lysbilde\n\n{S}\n", "pptx"),
    Place(
        "kolonne",
        "## Kolonner\n\n::: kolonne\n{S}\n:::\n\n::: kolonne\nAndre kolonne\n:::\n",
        "pptx",
    ),
    Place("notater", "## Lysbilde\n\nTekst\n\n::: notater\n{S}\n:::\n", "notes"),
    Place(
        "tabellcelle-lysbilde",
        "## Tabell\n\n| Navn | Verdi |\n|---|---|\n| {S} | 1 |\n",
        "pptx",
        inline_only=True,
    ),
    Place("kapittel", "# Kapittel\n\n{S}\n", "docx"),
    Place(
        "tabellcelle-kapittel",
        "# Kapittel\n\n| Navn | Verdi |\n|---|---|\n| {S} | 1 |\n",
        "docx",
        inline_only=True,
    ),
    Place("faktaboks", "# Kapittel\n\n::: faktaboks Tittel\n{S}\n:::\n", "docx"),
]


@dataclass(frozen=True)
class Construct:
    """A Markdown construct and, for footnotes, what goes at the end of the file."""

    name: str
    snippet: str
    inline: bool
    end: str = ""


CONSTRUCTS = [
    Construct("fet", "Dette er **fet** tekst", True),
    Construct("kursiv", "Dette er *kursiv* tekst", True),
    Construct("lenke", f"Se [kommunen]({URL}) her", True),
    Construct("autolenke", f"Se <{URL}> her", True),
    Construct("kode", "Skriv `deckgen build` nå", True),
    Construct("entitet", "Bygg &amp; anlegg", True),
    Construct("br", "første<br>andre", True),
    Construct("html", "Tekst <span>merket</span> her", True),
    Construct("gjennomstreking", "Dette er ~~feil~~ riktig", True),
    Construct("fotnote", "Tekst med fotnote[^n]", True, "\n[^n]: Fotnoteteksten.\n"),
    Construct("bilde-i-tekst", "Se ![bilde](bilde.png) her", True),
    Construct("punktliste", "- første\n- andre", False),
    Construct("nummerert", "1. første\n2. andre", False),
    Construct("nestet", "- første\n  - under", False),
    Construct("linjeskift", "første  \nandre", False),
    Construct("sitat", "> sitert tekst", False),
    Construct("html-blokk", "<div>blokk</div>", False),
    Construct("skillelinje", "Før\n\n***\n\nEtter", False),
    Construct("overskrift4", "#### Liten overskrift", False),
    Construct("kodeblokk", "```\nkode\n```", False),
    Construct("bilde-i-liste", "- ![bilde](bilde.png)", False),
]


def _project(tmp_path: Path, place: Place, construct: Construct) -> Path:
    """A project whose deck has one slide file and one chapter file, one holding the construct."""
    root = tmp_path / "p"
    (root / "decks").mkdir(parents=True)
    (root / "content" / "m").mkdir(parents=True)
    shutil.copy(ROOTS / "alle-typer" / "content" / "demo" / "bilder" / "skole.png",
                root / "content" / "m" / "bilde.png")
    text = place.template.replace("{S}", construct.snippet) + construct.end
    slides, chapter = ("## Forside\n\nTekst\n", "# Kapittel\n\nTekst\n")
    if place.output == "docx":
        chapter = text
    else:
        slides = text
    (root / "content" / "m" / "lysbilder.md").write_text(slides, encoding="utf-8")
    (root / "content" / "m" / "kapittel.md").write_text(chapter, encoding="utf-8")
    (root / "decks" / "m.yaml").write_text(
        "tittel: Matrise\ndato: 2024-01-01\ninnhold:\n  - m/lysbilder.md\n"
        "kapittel:\n  - m/kapittel.md\n",
        encoding="utf-8",
    )
    return root


@dataclass
class Output:
    """The parts of a built file a construct can show up in."""

    root: etree._Element
    """All parts of interest under one element, so one search covers them."""
    links: dict[str, str]
    """Relationship id → target, over all parts."""

    def text(self) -> str:
        """All text, paragraphs separated by newlines."""
        out = []
        for p in self.root.iter(f"{A}p", f"{W}p"):
            out.append("".join(t.text or "" for t in p.iter(f"{A}t", f"{W}t")))
        return "\n".join(out)

    def runs(self, text: str) -> list[etree._Element]:
        """Runs whose text is exactly `text`."""
        found = []
        for run in self.root.iter(f"{A}r", f"{W}r"):
            if "".join(t.text or "" for t in run.iter(f"{A}t", f"{W}t")) == text:
                found.append(run)
        return found

    def link_targets(self, text: str) -> list[str]:
        """The addresses the given link text points to."""
        targets = []
        for run in self.runs(text):
            click = run.find(f"{A}rPr/{A}hlinkClick")
            if click is not None:
                targets.append(self.links[click.get(f"{R}id")])
            parent = run.getparent()
            if parent is not None and parent.tag == f"{W}hyperlink":
                targets.append(self.links[parent.get(f"{R}id")])
        return targets


def _read(path: Path, kind: str) -> Output:
    """Slides (or notes) of a .pptx, or document and footnotes of a .docx, with their links."""
    root = etree.Element("alle")
    links: dict[str, str] = {}
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            wanted = {
                "pptx": re.fullmatch(r"ppt/slides/slide\d+\.xml", name),
                "notes": re.fullmatch(r"ppt/notesSlides/notesSlide\d+\.xml", name),
                "docx": name in ("word/document.xml", "word/footnotes.xml"),
            }[kind]
            if wanted:
                root.append(etree.fromstring(archive.read(name)))
            if name.endswith(".rels"):
                for rel in etree.fromstring(archive.read(name)):
                    links[rel.get("Id")] = rel.get("Target")
    return Output(root, links)


def _bold(run: etree._Element) -> bool:
    rpr = run.find(f"{A}rPr")
    if rpr is not None:
        return rpr.get("b") == "1"
    return run.find(f"{W}rPr/{W}b") is not None


def _italic(run: etree._Element) -> bool:
    rpr = run.find(f"{A}rPr")
    if rpr is not None:
        return rpr.get("i") == "1"
    return run.find(f"{W}rPr/{W}i") is not None


def _separate(out: Output, first: str, second: str) -> bool:
    """Two pieces of text in separate paragraphs, or split by a line break in one."""
    text = out.text()
    if f"{first}{second}" in text or f"{first} {second}" in text:
        return False
    lines = text.split("\n")
    if any(line.endswith(first) for line in lines) and any(
        line.startswith(second) for line in lines
    ):
        return True
    return any(
        br.getprevious() is not None
        for br in out.root.iter(f"{A}br", f"{W}br")
    ) and first in text and second in text


def _numbered(out: Output) -> bool:
    """«første» and «andre» are items of a list that numbers itself."""
    items = [r for r in out.runs("første") + out.runs("andre")]
    if len(items) != 2:
        return False
    for run in items:
        paragraph = run.getparent()
        if paragraph.tag == f"{A}p":
            if paragraph.find(f"{A}pPr/{A}buAutoNum") is None:
                return False
        elif paragraph.find(f"{W}pPr/{W}numPr") is None:
            return False
    return True


Check = Callable[[Output], bool]
"""What a rendered construct must look like in the output."""
